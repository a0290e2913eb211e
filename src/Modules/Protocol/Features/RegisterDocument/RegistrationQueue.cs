using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PenToscana.Contracts.Protocol;
using PenToscana.Kernel.Calendar;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Outbox;
using PenToscana.Modules.Protocol.Data;

namespace PenToscana.Modules.Protocol.Features.RegisterDocument;

/// <summary>
/// Group commit of registrations, one lane per register: callers queue fully validated entries; the lane takes up to
/// <see cref="MaxBatch"/> of them, advances the register's year counter once (<c>UPDATE … RETURNING</c>: a row lock on
/// PostgreSQL, the database write lock on SQLite), inserts the batch with consecutive numbers in one round trip and commits
/// once. The counter and the entries share one transaction, so a failure rolls both back and never leaves a gap; the
/// counter row orders the batches in flight on one node and the writers of every node.
/// </summary>
internal sealed partial class RegistrationQueue(IServiceScopeFactory scopes, TimeProvider time, ILogger<RegistrationQueue> logger) : IAsyncDisposable
{
    public const int MaxBatch = 64;

    /// <summary>Batches of one register writing at the same time on PostgreSQL: one, so that the next batch takes every caller who queued meanwhile (several split them into small batches queuing on the same counter row).</summary>
    public const int MaxBatchesInFlight = 1;

    private readonly ConcurrentDictionary<Guid, Lane> lanes = new();
    private readonly ConcurrentDictionary<(Guid, int), bool> knownCounters = new();
    private readonly CancellationTokenSource stopping = new();

    /// <summary>Queues an entry whose number, year and date are still unset; completes when it is committed.</summary>
    public Task<ProtocolRegistration> EnqueueAsync(ProtocolEntry entry)
    {
        var pending = new Pending(entry, new TaskCompletionSource<ProtocolRegistration>(TaskCreationOptions.RunContinuationsAsynchronously));
        var lane = lanes.GetOrAdd(entry.RegisterId, id => new Lane(this, id));
        if (!lane.Queue.Writer.TryWrite(pending))
        {
            pending.Done.SetException(new ObjectDisposedException(nameof(RegistrationQueue)));
        }

        return pending.Done.Task;
    }

    /// <summary>
    /// Registers the entries in one transaction, numbered in the order given (the emergency register's import): all or none.
    /// Runs beside the lane; the counter orders the two.
    /// </summary>
    public async Task<List<ProtocolRegistration>> CommitInOrderAsync(Guid registerId, List<ProtocolEntry> entries)
    {
        ObjectDisposedException.ThrowIf(disposed == 1, this);
        return await CommitAsync(registerId, entries);
    }

    private int disposed;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await stopping.CancelAsync();
        foreach (var lane in lanes.Values)
        {
            lane.Queue.Writer.TryComplete();
        }

        await Task.WhenAll(lanes.Values.Select(l => l.Running));
        stopping.Dispose();
    }

    private sealed record Pending(ProtocolEntry Entry, TaskCompletionSource<ProtocolRegistration> Done);

    private sealed class Lane
    {
        public Lane(RegistrationQueue owner, Guid registerId)
        {
            Queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
            Running = Task.Run(() => owner.RunLaneAsync(registerId, Queue.Reader));
        }

        public Channel<Pending> Queue { get; }

        public Task Running { get; }
    }

    private async Task RunLaneAsync(Guid registerId, ChannelReader<Pending> reader)
    {
        // PostgreSQL: several batches in flight, the next one already waiting on the counter's row lock while the previous
        // commits, so the lock is never idle. SQLite has one writer per database: one batch at a time.
        int inFlight = await IsPostgresAsync() ? MaxBatchesInFlight : 1;
        using var slots = new SemaphoreSlim(inFlight);
        var running = new List<Task>();
        try
        {
            while (await reader.WaitToReadAsync(CancellationToken.None))
            {
                await slots.WaitAsync(CancellationToken.None);
                var batch = new List<Pending>(MaxBatch);
                while (batch.Count < MaxBatch && reader.TryRead(out var next))
                {
                    batch.Add(next);
                }

                if (batch.Count == 0)
                {
                    slots.Release();
                    continue;
                }

                running.RemoveAll(t => t.IsCompleted);
                running.Add(Task.Run(async () =>
                {
                    try
                    {
                        await WriteAsync(registerId, batch);
                    }
                    finally
                    {
                        slots.Release();
                    }
                }));
            }
        }
        catch (Exception ex)
        {
            LogLaneStopped(logger, ex, registerId);
            while (reader.TryRead(out var left))
            {
                left.Done.TrySetException(ex);
            }
        }

        await Task.WhenAll(running);
    }

    private async Task<bool> IsPostgresAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        return scope.ServiceProvider.GetRequiredService<ProtocolDb>().Database.IsNpgsql();
    }

    private async Task WriteAsync(Guid registerId, List<Pending> batch)
    {
        // Two registrations with one source key in the same batch: the later one gets the earlier one's number.
        var first = new List<Pending>(batch.Count);
        var followers = new List<(Pending Follower, Pending Leader)>();
        var bySource = new Dictionary<(Guid, string), Pending>();
        foreach (var p in batch)
        {
            if (p.Entry.SourceKey is { } key && bySource.TryGetValue((p.Entry.EnteId, key), out var leader))
            {
                followers.Add((p, leader));
            }
            else
            {
                if (p.Entry.SourceKey is { } k)
                {
                    bySource[(p.Entry.EnteId, k)] = p;
                }

                first.Add(p);
            }
        }

        try
        {
            var registrations = await CommitAsync(registerId, first.Select(p => p.Entry).ToList());
            for (int i = 0; i < first.Count; i++)
            {
                first[i].Done.TrySetResult(registrations[i]);
            }
        }
        catch (Exception ex) when (first.Count > 1 && ex is DbUpdateException)
        {
            // One of them failed (a source key registered meanwhile by another node): one by one, so the others still pass.
            foreach (var p in first)
            {
                await WriteOneAsync(registerId, p);
            }
        }
        catch (Exception ex) when (first.Count == 1)
        {
            await CompleteAfterFailureAsync(first[0], ex);
        }
        catch (Exception ex)
        {
            foreach (var p in first)
            {
                p.Done.TrySetException(ex);
            }
        }

        foreach (var (follower, leader) in followers)
        {
            _ = leader.Done.Task.ContinueWith(
                t =>
                {
                    if (t.IsCompletedSuccessfully)
                    {
                        follower.Done.TrySetResult(t.Result);
                    }
                    else
                    {
                        follower.Done.TrySetException(t.Exception?.InnerExceptions ?? [new OperationCanceledException()]);
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    private async Task WriteOneAsync(Guid registerId, Pending p)
    {
        try
        {
            var registrations = await CommitAsync(registerId, [p.Entry]);
            p.Done.TrySetResult(registrations[0]);
        }
        catch (Exception ex)
        {
            await CompleteAfterFailureAsync(p, ex);
        }
    }

    /// <summary>A unique-key failure on the source key means another node registered it first: that registration is the answer.</summary>
    private async Task CompleteAfterFailureAsync(Pending p, Exception ex)
    {
        if (ex is DbUpdateException && p.Entry.SourceKey is { } key)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ProtocolDb>();
                var existing = await db.Entries.IgnoreQueryFilters().AsNoTracking()
                    .FirstOrDefaultAsync(e => e.EnteId == p.Entry.EnteId && e.SourceKey == key);
                if (existing is not null)
                {
                    p.Done.TrySetResult(ToRegistration(existing));
                    return;
                }
            }
            catch (Exception lookup)
            {
                p.Done.TrySetException(new AggregateException(ex, lookup));
                return;
            }
        }

        p.Done.TrySetException(ex);
    }

    private async Task<List<ProtocolRegistration>> CommitAsync(Guid registerId, List<ProtocolEntry> entries)
    {
        for (int attempt = 0; ; attempt++)
        {
            int year = time.GetUtcNow().ItalianDate().Year;
            await EnsureCounterAsync(registerId, year);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ProtocolDb>();
            await using var tx = await db.Database.BeginTransactionAsync(stopping.Token);
            long last = await AdvanceCounterAsync(db, registerId, year, entries.Count, stopping.Token);

            // The date is taken while holding the counter, so numbers and times grow together on every node.
            // Microseconds: what PostgreSQL keeps, so the answer given now equals the one read back later.
            var clock = time.GetUtcNow();
            var now = new DateTimeOffset(clock.UtcTicks - (clock.UtcTicks % 10), TimeSpan.Zero);
            if (now.ItalianDate().Year != year && attempt < 3)
            {
                // New Year's midnight passed while waiting: the first number of the new year belongs to the new counter.
                await tx.RollbackAsync(CancellationToken.None);
                continue;
            }

            long number = last - entries.Count + 1;
            var result = new List<ProtocolRegistration>(entries.Count);
            var rows = new List<object>(entries.Count * 5);
            var outbox = new List<object>(entries.Count);
            foreach (var entry in entries)
            {
                entry.Year = year;
                entry.Number = number++;
                entry.RegisteredAt = now;
                entry.History.RemoveAll(h => h.Kind == HistoryKinds.Registered); // left by an attempt that rolled back
                entry.History.Add(new EntryHistory
                {
                    Id = Guid.CreateVersion7(now),
                    EntryId = entry.Id,
                    At = now,
                    By = entry.RegisteredBy ?? "sistema",
                    Kind = HistoryKinds.Registered,
                    Detail = entry.EmergencyNumber is { } emergency
                        ? $"Registrazione n. {entry.NumberText}/{year} ({ChannelLabel(entry.Channel)}), dal registro di emergenza n. {emergency}"
                        : $"Registrazione n. {entry.NumberText}/{year} ({ChannelLabel(entry.Channel)})",
                });
                rows.Add(entry);
                rows.AddRange(entry.Correspondents);
                rows.AddRange(entry.Documents);
                rows.AddRange(entry.History);
                outbox.Add(OutboxMessage.For(
                    new ProtocolEntryRegistered(entry.Id, entry.EnteIpa, entry.AooCode, year, entry.Number, now, entry.Direction, entry.SourceKey),
                    now,
                    entry.EnteId));
                result.Add(ToRegistration(entry));
            }

            // One round trip for the whole batch: entries first, then the rows that refer to them, then the events.
            await db.InsertRowsAsync(rows.Concat(outbox), stopping.Token);
            await tx.CommitAsync(CancellationToken.None);
            return result;
        }
    }

    /// <summary>
    /// Adds <paramref name="count"/> to the register's counter for the year and returns the new last number, in one
    /// statement: on PostgreSQL the row stays locked until the transaction ends, so another node's batch waits for it; on
    /// SQLite the statement takes the database's write lock.
    /// </summary>
    private static async Task<long> AdvanceCounterAsync(ProtocolDb db, Guid registerId, int year, int count, CancellationToken cancellationToken)
    {
        var counter = db.Model.FindEntityType(typeof(NumberCounter))!;
        var registerColumn = counter.FindProperty(nameof(NumberCounter.RegisterId))!;
        var yearColumn = counter.FindProperty(nameof(NumberCounter.Year))!;
        var lastColumn = counter.FindProperty(nameof(NumberCounter.LastNumber))!;
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        command.CommandText = counterSql ??= CounterSql(counter, registerColumn, yearColumn, lastColumn);
        command.Parameters.Add(((RelationalTypeMapping)lastColumn.GetTypeMapping()).CreateParameter(command, "@count", (long)count, nullable: false));
        command.Parameters.Add(((RelationalTypeMapping)registerColumn.GetTypeMapping()).CreateParameter(command, "@register", registerId, nullable: false));
        command.Parameters.Add(((RelationalTypeMapping)yearColumn.GetTypeMapping()).CreateParameter(command, "@year", year, nullable: false));
        var value = await command.ExecuteScalarAsync(cancellationToken)
            ?? throw new InvalidOperationException($"The counter of register {registerId} for {year} is missing.");
        return Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The counter's statement, built once from the model (both providers name tables and columns alike).</summary>
    private static string? counterSql;

    private static string CounterSql(IEntityType counter, IProperty registerColumn, IProperty yearColumn, IProperty lastColumn)
    {
        var store = StoreObjectIdentifier.Table(counter.GetTableName()!, counter.GetSchema());
        string last = Quote(lastColumn.GetColumnName(store)!);
        return $"UPDATE {Quote(counter.GetTableName()!)} SET {last} = {last} + @count "
            + $"WHERE {Quote(registerColumn.GetColumnName(store)!)} = @register AND {Quote(yearColumn.GetColumnName(store)!)} = @year RETURNING {last}";
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private async Task EnsureCounterAsync(Guid registerId, int year)
    {
        if (knownCounters.ContainsKey((registerId, year)))
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProtocolDb>();
        if (!await db.Counters.AnyAsync(c => c.RegisterId == registerId && c.Year == year))
        {
            db.Counters.Add(new NumberCounter { RegisterId = registerId, Year = year, LastNumber = 0 });
            try
            {
                await db.SaveChangesAsync();
            }
            catch (DbUpdateException)
            {
                // Another node created it first: the row is there, which is all that matters.
            }
        }

        knownCounters[(registerId, year)] = true;
    }

    public static ProtocolRegistration ToRegistration(ProtocolEntry e) => new(e.Id, e.EnteIpa, e.AooCode, e.Year, e.Number, e.RegisteredAt);

    public static string ChannelLabel(string channel) => channel switch
    {
        ProtocolChannels.Web => "canale web",
        ProtocolChannels.Pec => "PEC",
        ProtocolChannels.Email => "posta elettronica",
        ProtocolChannels.Paper => "cartaceo",
        ProtocolChannels.Api => "API",
        ProtocolChannels.Desk => "sportello",
        ProtocolChannels.Phone => "telefono",
        ProtocolChannels.Sdi => "SdI",
        _ => channel,
    };

    [LoggerMessage(Level = LogLevel.Critical, Message = "The protocol registration lane of register {RegisterId} stopped")]
    private static partial void LogLaneStopped(ILogger logger, Exception exception, Guid registerId);
}
