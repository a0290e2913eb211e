using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PenToscana.Kernel.Data;

namespace PenToscana.Kernel.Outbox;

/// <summary>Background loop that keeps one module's outbox drained. <c>Outbox:Enabled=false</c> stops delivery on this node.</summary>
public sealed partial class OutboxDispatcher<TDb>(
    OutboxProcessor<TDb> processor,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<OutboxDispatcher<TDb>> logger) : BackgroundService
    where TDb : ModuleDb
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.Equals(configuration["Outbox:Enabled"], "false", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var idle = TimeSpan.FromMilliseconds(configuration.GetValue("Outbox:PollMilliseconds", 1000));
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            int handled = 0;
            try
            {
                handled = await processor.ProcessBatchAsync(50, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database may be down; the messages stay where they are and the loop tries again.
                LogLoopFailed(logger, ex, typeof(TDb).Name);
            }

            if (handled == 0)
            {
                try
                {
                    await Task.Delay(idle, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox loop of {Db} failed; retrying")]
    private static partial void LogLoopFailed(ILogger logger, Exception ex, string db);
}
