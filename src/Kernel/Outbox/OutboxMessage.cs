using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace PenToscana.Kernel.Outbox;

public enum OutboxStatus
{
    Pending = 0,
    Delivered = 1,
    Failed = 2,
}

/// <summary>
/// An integration event (or a side effect such as an e-mail) recorded in the same transaction as the change
/// that caused it, delivered afterwards by the module's dispatcher with retry and back-off.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>Attempts after which a message is parked as <see cref="OutboxStatus.Failed"/> until an administrator retries it.</summary>
    public const int MaxAttempts = 8;

    public Guid Id { get; set; }

    /// <summary>The event type's full name; handlers are looked up by it.</summary>
    public required string Type { get; set; }

    public required string Payload { get; set; }

    public Guid? EnteId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public OutboxStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>Claim token of the node delivering it; with <see cref="LockedUntil"/> a claim that dies with its node expires.</summary>
    public Guid? ClaimToken { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    public string? LastError { get; set; }

    public static OutboxMessage For<TEvent>(TEvent integrationEvent, DateTimeOffset now, Guid? enteId)
        where TEvent : class
        => new()
        {
            Id = Guid.CreateVersion7(now),
            Type = typeof(TEvent).FullName!,
            Payload = JsonSerializer.Serialize(integrationEvent, integrationEvent.GetType(), JsonDefaults.Options),
            EnteId = enteId,
            CreatedAt = now,
            NextAttemptAt = now,
            Status = OutboxStatus.Pending,
        };

    /// <summary>
    /// The module did what every handler of this event does, in the request that published it (for instance, an application
    /// registered at once instead of from the outbox): saved with that work, the message is marked delivered and the dispatcher
    /// skips it. Only for an event whose handlers are all the module's own and idempotent: should the dispatcher have claimed it
    /// already, it delivers it once more, which then changes nothing.
    /// </summary>
    public void MarkHandledInline(DateTimeOffset now)
    {
        Attempts++;
        Status = OutboxStatus.Delivered;
        DeliveredAt = now;
    }

    /// <summary>Exponential back-off: 5 s, 10 s, 20 s … capped at one hour.</summary>
    public static TimeSpan BackOff(int attempts)
        => TimeSpan.FromSeconds(Math.Min(3600, 5 * Math.Pow(2, Math.Max(0, attempts - 1))));

    internal static void Configure(ModelBuilder modelBuilder)
        => modelBuilder.Entity<OutboxMessage>(e =>
        {
            e.ToTable("outbox");
            e.HasKey(m => m.Id);
            e.Property(m => m.Type).HasMaxLength(300);
            e.Property(m => m.LastError).HasMaxLength(4000);
            e.HasIndex(m => new { m.Status, m.NextAttemptAt });
        });
}

public static class JsonDefaults
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
