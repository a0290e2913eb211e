using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.Kernel.Data;

namespace PenToscana.Kernel.Audit;

public sealed record AuditRecord(string Actor, string Action, Guid? EnteId = null, string? Subject = null, string? Details = null, string? OnBehalfOf = null);

/// <summary>Result of checking the chain: the number of entries read and, if broken, the first broken one and why.</summary>
public sealed record AuditVerification(long EntriesChecked, long? FirstBrokenSequence, string? Problem)
{
    public bool IsIntact => FirstBrokenSequence is null && Problem is null;
}

/// <summary>The append-only, hash-chained audit log shared by all modules.</summary>
public sealed class AuditLog(IServiceScopeFactory scopes, TimeProvider time)
{
    private static readonly SemaphoreSlim AppendGate = new(1, 1);

    public async Task<AuditEntry> AppendAsync(AuditRecord record, CancellationToken ct = default)
    {
        // One writer per process; across nodes PostgreSQL serialises on the head row's lock (SELECT … FOR UPDATE).
        await AppendGate.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KernelDb>();
            var strategy = db.Database.CreateExecutionStrategy();
            return await strategy.ExecuteAsync(async () =>
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                AuditHead head;
                if (db.Database.IsNpgsql())
                {
                    head = await db.AuditHeads.FromSqlRaw("SELECT * FROM \"kernel_audit_head\" WHERE \"Id\" = 1 FOR UPDATE").SingleOrDefaultAsync(ct)
                        ?? await CreateHeadAsync(db, ct);
                }
                else
                {
                    head = await db.AuditHeads.SingleOrDefaultAsync(h => h.Id == 1, ct) ?? await CreateHeadAsync(db, ct);
                }

                var entry = new AuditEntry
                {
                    Sequence = head.LastSequence + 1,
                    At = ToMicroseconds(time.GetUtcNow()),
                    Actor = record.Actor,
                    OnBehalfOf = record.OnBehalfOf,
                    Action = record.Action,
                    EnteId = record.EnteId,
                    Subject = Truncate(record.Subject, 400),
                    Details = record.Details,
                    PreviousHash = head.LastHash,
                    Hash = "",
                };
                entry.Hash = entry.ComputeHash();
                db.AuditEntries.Add(entry);
                head.LastSequence = entry.Sequence;
                head.LastHash = entry.Hash;
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                db.ChangeTracker.Clear();
                return entry;
            });
        }
        finally
        {
            AppendGate.Release();
        }
    }

    private static async Task<AuditHead> CreateHeadAsync(KernelDb db, CancellationToken ct)
    {
        var head = new AuditHead();
        db.AuditHeads.Add(head);
        await db.SaveChangesAsync(ct);
        return head;
    }

    /// <summary>Recomputes every hash in order and names the first entry that does not fit the chain.</summary>
    public async Task<AuditVerification> VerifyAsync(IProgress<long>? progress = null, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KernelDb>();
        string previous = AuditEntry.GenesisHash;
        long expected = 1;
        long checkedCount = 0;
        const int page = 2000;
        while (true)
        {
            long from = expected;
            var batch = await db.AuditEntries.AsNoTracking().Where(a => a.Sequence >= from).OrderBy(a => a.Sequence).Take(page).ToListAsync(ct);
            foreach (var entry in batch)
            {
                if (entry.Sequence != expected)
                {
                    return new(checkedCount, expected, $"Manca la voce n. {expected}: la catena salta alla n. {entry.Sequence}.");
                }

                if (entry.PreviousHash != previous)
                {
                    return new(checkedCount, entry.Sequence, $"La voce n. {entry.Sequence} non è collegata alla precedente (hash precedente diverso).");
                }

                if (entry.ComputeHash() != entry.Hash)
                {
                    return new(checkedCount, entry.Sequence, $"Il contenuto della voce n. {entry.Sequence} è stato alterato (hash non corrispondente).");
                }

                previous = entry.Hash;
                expected++;
                checkedCount++;
            }

            progress?.Report(checkedCount);
            if (batch.Count < page)
            {
                break;
            }
        }

        var head = await db.AuditHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == 1, ct);
        if (head is not null && (head.LastSequence != checkedCount || head.LastHash != previous))
        {
            return new(checkedCount, checkedCount + 1, $"Le ultime voci dopo la n. {checkedCount} sono state rimosse (il registro ne indicava {head.LastSequence}).");
        }

        return new(checkedCount, null, null);
    }

    // PostgreSQL keeps microseconds: the hashed instant must be the one that reads back.
    private static DateTimeOffset ToMicroseconds(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % 10), TimeSpan.Zero);

    private static string? Truncate(string? value, int max) => value is { Length: > 0 } && value.Length > max ? value[..max] : value;
}
