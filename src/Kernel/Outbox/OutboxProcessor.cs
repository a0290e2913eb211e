using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PenToscana.Kernel.Data;

namespace PenToscana.Kernel.Outbox;

/// <summary>
/// Claims due messages of one module's outbox and delivers them to their handlers. Safe with several nodes on
/// one PostgreSQL: rows are claimed with <c>FOR UPDATE SKIP LOCKED</c> and a lease that expires if a node dies.
/// On SQLite (single node) the claim is a plain conditional update.
/// </summary>
public sealed partial class OutboxProcessor<TDb>(
    IServiceScopeFactory scopes,
    IEnumerable<IntegrationEventRegistration> registrations,
    TimeProvider time,
    ILogger<OutboxProcessor<TDb>> logger)
    where TDb : ModuleDb
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private readonly ILookup<string, IntegrationEventRegistration> handlers = registrations.ToLookup(r => r.TypeName);

    /// <summary>Delivers up to <paramref name="batchSize"/> due messages; returns how many were attempted.</summary>
    public async Task<int> ProcessBatchAsync(int batchSize, CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid();
        List<OutboxMessage> claimed;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TDb>();
            var now = time.GetUtcNow();
            int count = await ClaimAsync(db, token, now, batchSize, cancellationToken);
            if (count == 0)
            {
                return 0;
            }

            claimed = await db.Outbox.AsNoTracking().Where(m => m.ClaimToken == token).OrderBy(m => m.CreatedAt).ToListAsync(cancellationToken);
        }

        // Marking each message on its own would cost a read, a write and a commit per message: the delivered ones are marked
        // together, in one statement, once the batch is through. A crash before that mark delivers them again, which
        // at-least-once delivery allows (every handler is idempotent). A failure is recorded at once, on its own.
        var delivered = new List<Guid>(claimed.Count);
        foreach (var message in claimed)
        {
            if (await DeliverAsync(message, cancellationToken) is { } error)
            {
                await RecordFailureAsync(message, token, error, cancellationToken);
            }
            else
            {
                delivered.Add(message.Id);
            }
        }

        if (delivered.Count > 0)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TDb>();
            var now = time.GetUtcNow();
            // Only rows this claim still holds: when the lease expired and another node took a message over, its outcome wins.
            await db.Outbox.Where(m => delivered.Contains(m.Id) && m.ClaimToken == token).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                .SetProperty(m => m.ClaimToken, (Guid?)null)
                .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null)
                .SetProperty(m => m.Status, OutboxStatus.Delivered)
                .SetProperty(m => m.DeliveredAt, now)
                .SetProperty(m => m.LastError, (string?)null), cancellationToken);
        }

        return claimed.Count;
    }

    private static async Task<int> ClaimAsync(TDb db, Guid token, DateTimeOffset now, int batchSize, CancellationToken ct)
    {
        var until = now + Lease;
        if (db.Database.IsNpgsql())
        {
            string table = db.TablePrefix + "outbox";
#pragma warning disable EF1002 // the table name is the module's own constant prefix, never user input
            return await db.Database.ExecuteSqlRawAsync(
                $"""
                UPDATE "{table}" SET "ClaimToken" = @p0, "LockedUntil" = @p1
                WHERE "Id" IN (
                  SELECT "Id" FROM "{table}"
                  WHERE "Status" = 0 AND "NextAttemptAt" <= @p2 AND ("LockedUntil" IS NULL OR "LockedUntil" < @p2)
                  ORDER BY "CreatedAt" LIMIT @p3
                  FOR UPDATE SKIP LOCKED)
                """,
                [token, until, now, batchSize],
                ct);
#pragma warning restore EF1002
        }

        return await db.Outbox
            .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
            .OrderBy(m => m.CreatedAt)
            .Take(batchSize)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimToken, token).SetProperty(m => m.LockedUntil, until), ct);
    }

    /// <summary>Runs every handler of the message; returns the error, or null when all of them succeeded.</summary>
    private async Task<string?> DeliverAsync(OutboxMessage message, CancellationToken ct)
    {
        try
        {
            foreach (var registration in handlers[message.Type])
            {
                await using var scope = scopes.CreateAsyncScope();
                object payload = JsonSerializer.Deserialize(message.Payload, registration.EventType, JsonDefaults.Options)
                    ?? throw new InvalidOperationException("Empty payload.");
                object handler = scope.ServiceProvider.GetRequiredService(registration.HandlerType);
                var context = new IntegrationEventContext(message.Id, message.EnteId, message.Attempts + 1);
                var method = registration.HandlerType.GetMethod("HandleAsync", [registration.EventType, typeof(IntegrationEventContext), typeof(CancellationToken)])!;
                await (Task)method.Invoke(handler, [payload, context, ct])!;
            }

            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogDeliveryFailed(logger, ex, message.Id, message.Type, message.Attempts + 1);
            return (ex is System.Reflection.TargetInvocationException { InnerException: { } inner } ? inner : ex).ToString();
        }
    }

    private async Task RecordFailureAsync(OutboxMessage message, Guid token, string error, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDb>();
        var now = time.GetUtcNow();
        var row = await db.Outbox.SingleAsync(m => m.Id == message.Id, ct);
        if (row.ClaimToken != token)
        {
            return; // the lease expired and another node took it over; its outcome wins.
        }

        row.Attempts++;
        row.ClaimToken = null;
        row.LockedUntil = null;
        row.LastError = error.Length > 4000 ? error[..4000] : error;
        row.NextAttemptAt = now + OutboxMessage.BackOff(row.Attempts);
        row.Status = row.Attempts >= OutboxMessage.MaxAttempts ? OutboxStatus.Failed : OutboxStatus.Pending;
        await db.SaveChangesAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} ({Type}) failed on attempt {Attempt}")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception ex, Guid messageId, string type, int attempt);
}
