using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PenToscana.Kernel.Audit;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Modules;
using PenToscana.Kernel.Outbox;

namespace PenToscana.Kernel.Jobs;

/// <summary>Checks the audit hash chain every night and fails loudly (job marked failed, error logged) if it is broken.</summary>
public sealed partial class AuditChainCheckJob(AuditLog audit, ILogger<AuditChainCheckJob> logger) : IScheduledJob
{
    public string Name => "audit-verify";

    public string Description => "Verifica notturna dell'integrità della catena del registro di audit";

    public JobSchedule Schedule => JobSchedule.Daily(2, 30);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var result = await audit.VerifyAsync(ct: cancellationToken);
        if (!result.IsIntact)
        {
            LogBroken(logger, result.FirstBrokenSequence, result.Problem);
            throw new InvalidOperationException($"Catena di audit interrotta alla voce {result.FirstBrokenSequence}: {result.Problem}");
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Audit chain broken at entry {Sequence}: {Problem}")]
    private static partial void LogBroken(ILogger logger, long? sequence, string? problem);
}

/// <summary>Removes outbox messages delivered more than 30 days ago, in every module database.</summary>
public sealed class OutboxCleanupJob(IServiceProvider services, IEnumerable<ModuleDbDescriptor> databases, TimeProvider time) : IScheduledJob
{
    public string Name => "outbox-cleanup";

    public string Description => "Pulizia dei messaggi consegnati da oltre 30 giorni";

    public JobSchedule Schedule => JobSchedule.Daily(3, 15);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().AddDays(-30);
        foreach (var descriptor in databases)
        {
            var db = (ModuleDb)services.GetService(descriptor.DbType)!;
            await db.Outbox.Where(m => m.Status == OutboxStatus.Delivered && m.DeliveredAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        }
    }
}
