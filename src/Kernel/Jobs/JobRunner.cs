using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PenToscana.Kernel.Data;

namespace PenToscana.Kernel.Jobs;

/// <summary>
/// Runs due scheduled jobs. Job state lives in <c>kernel_scheduled_job</c>, so schedules survive restarts and
/// several nodes never run the same job at once (a row lease claimed with a conditional update).
/// </summary>
public sealed partial class JobRunner(
    IServiceScopeFactory scopes,
    IEnumerable<ScheduledJobRegistration> registrations,
    TimeProvider time,
    ILogger<JobRunner> logger)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(30);

    public IReadOnlyList<ScheduledJobRegistration> Registrations { get; } = registrations.ToList();

    /// <summary>Creates the rows of newly registered jobs; keeps the state of known ones.</summary>
    public async Task EnsureRegisteredAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KernelDb>();
        var known = await db.ScheduledJobs.Select(j => j.Name).ToListAsync(ct);
        var now = time.GetUtcNow();
        foreach (var registration in Registrations.Where(r => !known.Contains(r.Name)))
        {
            var job = (IScheduledJob)scope.ServiceProvider.GetRequiredService(registration.JobType);
            db.ScheduledJobs.Add(new ScheduledJob
            {
                Name = registration.Name,
                Description = job.Description,
                Schedule = job.Schedule.ToString(),
                NextRunAt = job.Schedule.NextAfter(now),
            });
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>Runs every job that is due now; returns how many ran.</summary>
    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        int ran = 0;
        foreach (var registration in Registrations)
        {
            if (await TryRunAsync(registration, force: false, ct))
            {
                ran++;
            }
        }

        return ran;
    }

    /// <summary>Runs one job now if no other node is running it; <paramref name="force"/> ignores its schedule.</summary>
    public async Task<bool> TryRunAsync(ScheduledJobRegistration registration, bool force, CancellationToken ct)
    {
        var token = Guid.NewGuid();
        var now = time.GetUtcNow();
        await using (var claimScope = scopes.CreateAsyncScope())
        {
            var db = claimScope.ServiceProvider.GetRequiredService<KernelDb>();
            int claimed = await db.ScheduledJobs
                .Where(j => j.Name == registration.Name && j.Enabled && (force || j.NextRunAt <= now) && (j.LockedUntil == null || j.LockedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.ClaimToken, token).SetProperty(j => j.LockedUntil, now + Lease), ct);
            if (claimed == 0)
            {
                return false;
            }
        }

        var watch = Stopwatch.StartNew();
        string? error = null;
        IScheduledJob? job = null;
        await using (var runScope = scopes.CreateAsyncScope())
        {
            try
            {
                job = (IScheduledJob)runScope.ServiceProvider.GetRequiredService(registration.JobType);
                await job.RunAsync(ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                error = ex.ToString();
                LogJobFailed(logger, ex, registration.Name);
            }
        }

        await using var doneScope = scopes.CreateAsyncScope();
        var doneDb = doneScope.ServiceProvider.GetRequiredService<KernelDb>();
        var row = await doneDb.ScheduledJobs.SingleAsync(j => j.Name == registration.Name, ct);
        var finished = time.GetUtcNow();
        row.LastRunAt = finished;
        row.LastDurationMs = watch.ElapsedMilliseconds;
        row.RunCount++;
        row.LastStatus = error is null ? JobRunStatus.Succeeded : JobRunStatus.Failed;
        row.LastError = error is { Length: > 4000 } ? error[..4000] : error;
        if (error is not null)
        {
            row.FailureCount++;
        }

        row.NextRunAt = job is null ? finished + TimeSpan.FromMinutes(5) : job.Schedule.NextAfter(finished);
        row.ClaimToken = null;
        row.LockedUntil = null;
        await doneDb.SaveChangesAsync(ct);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled job {Job} failed")]
    private static partial void LogJobFailed(ILogger logger, Exception ex, string job);
}

/// <summary>The background loop around <see cref="JobRunner"/>; <c>Jobs:Enabled=false</c> turns it off on this node.</summary>
public sealed partial class JobRunnerService(JobRunner runner, IConfiguration configuration, TimeProvider time, ILogger<JobRunnerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.Equals(configuration["Jobs:Enabled"], "false", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        await Task.Yield();
        bool registered = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!registered)
                {
                    await runner.EnsureRegisteredAsync(stoppingToken);
                    registered = true;
                }

                await runner.RunDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogLoopFailed(logger, ex);
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(5), time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job loop failed; retrying")]
    private static partial void LogLoopFailed(ILogger logger, Exception ex);
}
