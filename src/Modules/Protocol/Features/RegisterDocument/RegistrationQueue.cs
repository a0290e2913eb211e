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
/// <see cref="MaxBatch"/> of them, advances the register's year counter once, inserts the batch with consecutive numbers
/// and commits once (on PostgreSQL all in one round trip, see <see cref="CommitPostgresAsync"/>). The counter and the
/// entries share one transaction, so a failure rolls both back and never leaves a gap; the counter row orders the writers
/// of every node.
/// </summary>
internal sealed partial class RegistrationQueue(IServiceScopeFactory scopes, TimeProvider time, ILogger<RegistrationQueue> logger) : IAsyncDisposable
{
    public const int MaxBatch = 64;

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
        // One batch at a time: while it is written, the next callers queue up and the next batch takes them all. Several
        // batches in flight would only split the callers into smaller batches queuing on the same counter.
        try
        {
            while (await reader.WaitToReadAsync(CancellationToken.None))
            {
                var batch = new List<Pending>(MaxBatch);
                while (batch.Count < MaxBatch && reader.TryRead(out var next))
                {
                    batch.Add(next);
                }

                if (batch.Count > 0)
                {
                    await WriteAsync(registerId, batch);
                }
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
        postgres ??= await IsPostgresAsync();
        return postgres.Value ? await CommitPostgresAsync(registerId, entries) : await CommitSqliteAsync(registerId, entries);
    }

    private bool? postgres;

    /// <summary>
    /// SQLite (one process, one writer): the counter's <c>UPDATE … RETURNING</c> takes the write lock, then the rows are
    /// inserted and the transaction committed.
    /// </summary>
    private async Task<List<ProtocolRegistration>> CommitSqliteAsync(Guid registerId, List<ProtocolEntry> entries)
    {
        for (int attempt = 0; ; attempt++)
        {
            int year = time.GetUtcNow().ItalianDate().Year;
            await EnsureCounterAsync(registerId, year);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ProtocolDb>();
            await using var tx = await db.Database.BeginTransactionAsync(stopping.Token);
            long last = await AdvanceCounterAsync(db, registerId, year, entries.Count, stopping.Token);

            // The date is taken while holding the counter, so numbers and times grow together.
            var now = Now();
            if (now.ItalianDate().Year != year && attempt < 3)
            {
                // New Year's midnight passed while waiting: the first number of the new year belongs to the new counter.
                await tx.RollbackAsync(CancellationToken.None);
                continue;
            }

            var (rows, result) = Number(entries, year, last - entries.Count + 1, now);
            await db.InsertRowsAsync(rows, stopping.Token);
            await tx.CommitAsync(CancellationToken.None);
            return result;
        }
    }

    /// <summary>The last number of each (register, year) as this node last saw it: the next batch's numbers follow it.</summary>
    private readonly ConcurrentDictionary<(Guid, int), long> lastNumbers = new();

    /// <summary>
    /// PostgreSQL: one round trip per batch. The batch is numbered after the last number this node saw; the statements
    /// <c>BEGIN</c>; advance the counter only if it still holds that number (else fail with division by zero, which rolls
    /// everything back); insert the rows; <c>COMMIT</c> travel together, so the counter's row lock is held only while the
    /// server executes them and flushes the commit, never across a network wait. When another node numbered first, the
    /// batch is numbered again from the counter's current value, with a new date: numbers and dates grow together.
    /// </summary>
    private async Task<List<ProtocolRegistration>> CommitPostgresAsync(Guid registerId, List<ProtocolEntry> entries)
    {
        for (int attempt = 0; ; attempt++)
        {
            int year = time.GetUtcNow().ItalianDate().Year;
            await EnsureCounterAsync(registerId, year);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ProtocolDb>();
            var key = (registerId, year);
            if (!lastNumbers.TryGetValue(key, out long expected))
            {
                expected = await db.Counters.AsNoTracking().Where(c => c.RegisterId == registerId && c.Year == year).Select(c => c.LastNumber).SingleAsync(stopping.Token);
            }

            var now = Now();
            if (now.ItalianDate().Year != year)
            {
                continue; // New Year's midnight passed: the batch goes to the new year's counter.
            }

            var (rows, result) = Number(entries, year, expected + 1, now);
            await db.Database.OpenConnectionAsync(stopping.Token);
            var connection = db.Database.GetDbConnection();
            await using var command = connection.CreateCommand();
            var sql = new System.Text.StringBuilder("BEGIN;\n");
            sql.Append(guardedCounterSql ??= GuardedCounterSql(db)).Append(";\n");
            AddCounterParameters(db, command, registerId, year, entries.Count, expected);
            db.AppendInserts(command, sql, rows);
            sql.Append("COMMIT;");
            command.CommandText = sql.ToString();
            try
            {
                await command.ExecuteNonQueryAsync(stopping.Token);
            }
            catch (System.Data.Common.DbException ex)
            {
                lastNumbers.TryRemove(key, out _);
                await RollBackQuietlyAsync(connection);
                if (ex.SqlState == "22012" && attempt < 100)
                {
                    continue; // another node (or the emergency import) numbered first: number again from the counter
                }

                throw new DbUpdateException("Registrazione non riuscita: " + ex.Message, ex);
            }

            lastNumbers[key] = expected + entries.Count;
            return result;
        }
    }

    private static async Task RollBackQuietlyAsync(System.Data.Common.DbConnection connection)
    {
        try
        {
            await using var rollback = connection.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (System.Data.Common.DbException)
        {
            // The connection is broken: the server has rolled the transaction back already.
        }
    }

    /// <summary>Microseconds: what PostgreSQL keeps, so the answer given now equals the one read back later.</summary>
    private DateTimeOffset Now()
    {
        var clock = time.GetUtcNow();
        return new DateTimeOffset(clock.UtcTicks - (clock.UtcTicks % 10), TimeSpan.Zero);
    }

    /// <summary>Gives the entries consecutive numbers from <paramref name="first"/>, adds their registration history rows
    /// and events; returns the rows to insert (entries first, then the rows that refer to them, then the events).</summary>
    private static (List<object> Rows, List<ProtocolRegistration> Result) Number(List<ProtocolEntry> entries, int year, long first, DateTimeOffset now)
    {
        long number = first;
        var result = new List<ProtocolRegistration>(entries.Count);
        var rows = new List<object>(entries.Count * 6);
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

        rows.AddRange(outbox);
        return (rows, result);
    }

    /// <summary>PostgreSQL: advances the counter by @count only if it still holds @expected; otherwise 1 / 0 fails the batch.</summary>
    private static string? guardedCounterSql;

    private static string GuardedCounterSql(ProtocolDb db)
    {
        var (table, register, year, last) = CounterNames(db);
        return $"WITH advanced AS (UPDATE {table} SET {last} = {last} + @count WHERE {register} = @register AND {year} = @year AND {last} = @expected RETURNING 1) "
            + "SELECT 1 / COUNT(*) FROM advanced";
    }

    private static void AddCounterParameters(ProtocolDb db, System.Data.Common.DbCommand command, Guid registerId, int year, int count, long? expected)
    {
        var counter = db.Model.FindEntityType(typeof(NumberCounter))!;
        var lastMapping = (RelationalTypeMapping)counter.FindProperty(nameof(NumberCounter.LastNumber))!.GetTypeMapping();
        command.Parameters.Add(lastMapping.CreateParameter(command, "@count", (long)count, nullable: false));
        command.Parameters.Add(((RelationalTypeMapping)counter.FindProperty(nameof(NumberCounter.RegisterId))!.GetTypeMapping()).CreateParameter(command, "@register", registerId, nullable: false));
        command.Parameters.Add(((RelationalTypeMapping)counter.FindProperty(nameof(NumberCounter.Year))!.GetTypeMapping()).CreateParameter(command, "@year", year, nullable: false));
        if (expected is { } value)
        {
            command.Parameters.Add(lastMapping.CreateParameter(command, "@expected", value, nullable: false));
        }
    }

    private static (string Table, string Register, string Year, string Last) CounterNames(ProtocolDb db)
    {
        var counter = db.Model.FindEntityType(typeof(NumberCounter))!;
        var store = StoreObjectIdentifier.Table(counter.GetTableName()!, counter.GetSchema());
        string Column(string property) => Quote(counter.FindProperty(property)!.GetColumnName(store)!);
        return (Quote(counter.GetTableName()!), Column(nameof(NumberCounter.RegisterId)), Column(nameof(NumberCounter.Year)), Column(nameof(NumberCounter.LastNumber)));
    }

    /// <summary>
    /// SQLite: adds <paramref name="count"/> to the register's counter for the year and returns the new last number, in one
    /// statement that takes the database's write lock.
    /// </summary>
    private static async Task<long> AdvanceCounterAsync(ProtocolDb db, Guid registerId, int year, int count, CancellationToken cancellationToken)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        command.CommandText = counterSql ??= CounterSql(db);
        AddCounterParameters(db, command, registerId, year, count, expected: null);
        var value = await command.ExecuteScalarAsync(cancellationToken)
            ?? throw new InvalidOperationException($"The counter of register {registerId} for {year} is missing.");
        return Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The counter's statement, built once from the model.</summary>
    private static string? counterSql;

    private static string CounterSql(ProtocolDb db)
    {
        var (table, register, year, last) = CounterNames(db);
        return $"UPDATE {table} SET {last} = {last} + @count WHERE {register} = @register AND {year} = @year RETURNING {last}";
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
