using Microsoft.EntityFrameworkCore;

namespace PenToscana.Kernel.Jobs;

public enum JobRunStatus
{
    Never = 0,
    Succeeded = 1,
    Failed = 2,
}

/// <summary>The persistent state of one scheduled job: when it runs next, how its last run went.</summary>
public sealed class ScheduledJob
{
    public required string Name { get; set; }

    public required string Description { get; set; }

    public required string Schedule { get; set; }

    public bool Enabled { get; set; } = true;

    public DateTimeOffset NextRunAt { get; set; }

    public DateTimeOffset? LastRunAt { get; set; }

    public JobRunStatus LastStatus { get; set; }

    public string? LastError { get; set; }

    public long LastDurationMs { get; set; }

    public int RunCount { get; set; }

    public int FailureCount { get; set; }

    public Guid? ClaimToken { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    internal static void Configure(ModelBuilder modelBuilder)
        => modelBuilder.Entity<ScheduledJob>(e =>
        {
            e.ToTable("scheduled_job");
            e.HasKey(j => j.Name);
            e.Property(j => j.Name).HasMaxLength(100);
            e.Property(j => j.Description).HasMaxLength(400);
            e.Property(j => j.Schedule).HasMaxLength(100);
            e.Property(j => j.LastError).HasMaxLength(4000);
        });
}
