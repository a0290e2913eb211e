using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PenToscana.Contracts.Protocol;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Tenancy;
using PenToscana.Modules.Protocol.Data;
using PenToscana.Modules.Protocol.Features.RegisterDocument;

namespace PenToscana.Bench.Protocol;

/// <summary>
/// Load driver: N concurrent clients registering protocol entries (group-committed numbering, full entry with a
/// correspondent, a document fingerprint, a history row and the outbox event) for a fixed time, and, in the same run on the
/// same database, the raw rate of single-row insert transactions with the same concurrency, each after an untimed warm-up of
/// a few seconds. Checks the register is gap-free.
/// Usage: dotnet run -c Release --project bench/PenToscana.Bench -- protocol [sqlite|postgres] [clients] [seconds]
/// (postgres reads the server from TEST_PG).
/// </summary>
internal static class RegistrationLoad
{
    private const int WarmupSeconds = 3;

    public static async Task<int> RunAsync(string[] args)
    {
        string provider = args.ElementAtOrDefault(0) ?? "sqlite";
        int clients = int.Parse(args.ElementAtOrDefault(1) ?? "32", System.Globalization.CultureInfo.InvariantCulture);
        int seconds = int.Parse(args.ElementAtOrDefault(2) ?? "10", System.Globalization.CultureInfo.InvariantCulture);
        string folder = Path.Combine(Path.GetTempPath(), "pentoscana-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        string connectionString;
        string? pgName = null;
        string? pgAdmin = null;
        if (provider == "postgres")
        {
            var server = Environment.GetEnvironmentVariable("TEST_PG") ?? throw new InvalidOperationException("TEST_PG is not set");
            pgName = "ptbench_" + Guid.NewGuid().ToString("N")[..12];
            pgAdmin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString;
            await using (var c = new NpgsqlConnection(pgAdmin))
            {
                await c.OpenAsync();
                await new NpgsqlCommand($"CREATE DATABASE \"{pgName}\"", c).ExecuteNonQueryAsync();
            }

            connectionString = new NpgsqlConnectionStringBuilder(server) { Database = pgName, MaxPoolSize = 100 }.ConnectionString;
        }
        else
        {
            connectionString = $"Data Source={Path.Combine(folder, "bench.db")}";
        }

        var options = new DatabaseOptions { Provider = provider, ConnectionString = connectionString };
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<BodyScope>();
        services.AddDbContext<ProtocolDb>(b => ModuleDbRegistration.Configure(b, options, ProtocolDb.Prefix));
        services.AddSingleton<RegistrationQueue>();
        await using var provider_ = services.BuildServiceProvider();
        Guid registerId = Guid.CreateVersion7(), enteId = Guid.CreateVersion7();
        await using (var scope = provider_.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProtocolDb>();
            await db.Database.MigrateAsync();
            db.Registers.Add(new ProtocolRegister { Id = registerId, EnteId = enteId, EnteIpa = "c_bench", AooId = Guid.CreateVersion7(), AooCode = "AOO_B", Code = "PG", CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlRawAsync("CREATE TABLE bench_raw (id BIGINT PRIMARY KEY, payload VARCHAR(200) NOT NULL)");
        }

        var queue = provider_.GetRequiredService<RegistrationQueue>();
        string sha = new('a', 64);
        Func<int, long, Task> register = async (client, i) =>
        {
            var id = Guid.CreateVersion7();
            var entry = new ProtocolEntry
            {
                Id = id, EnteId = enteId, RegisterId = registerId, EnteIpa = "c_bench", AooCode = "AOO_B", Direction = ProtocolDirection.Incoming,
                Subject = $"Istanza di prova {client}-{i}", Channel = ProtocolChannels.Api,
            };
            entry.Correspondents.Add(new EntryCorrespondent { Id = Guid.CreateVersion7(), EntryId = id, Position = 0, Name = "Mario Rossi", TaxCode = "RSSMRA80A01D612Y" });
            entry.Documents.Add(new EntryDocument { Id = Guid.CreateVersion7(), EntryId = id, Position = 0, FileName = "istanza.pdf", MediaType = "application/pdf", Sha256 = sha, Length = 1000 });
            await queue.EnqueueAsync(entry);
        };

        // Both sides first run untimed for a few seconds (JIT, EF's first queries, connection pools, PostgreSQL's caches),
        // as a platform that has been up for a while would have; then the timed run.
        await DriveAsync(clients, WarmupSeconds, register);
        long registered = await DriveAsync(clients, seconds, register);

        long nextRaw = 0;
        Func<int, long, Task> insertRaw = async (client, i) =>
        {
            await using DbConnection connection = provider == "postgres" ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
            await connection.OpenAsync();
            await using var tx = await connection.BeginTransactionAsync();
            await using var command = connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = $"INSERT INTO bench_raw (id, payload) VALUES ({Interlocked.Increment(ref nextRaw)}, 'riga {client}-{i}')";
            await command.ExecuteNonQueryAsync();
            await tx.CommitAsync();
        };
        await DriveAsync(clients, WarmupSeconds, insertRaw);
        long raw = await DriveAsync(clients, seconds, insertRaw);

        await using (var scope = provider_.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProtocolDb>();
            var count = await db.Entries.LongCountAsync();
            var max = await db.Entries.MaxAsync(e => e.Number);
            var distinct = await db.Entries.Select(e => e.Number).Distinct().LongCountAsync();
            Console.WriteLine($"provider={provider} clients={clients} seconds={seconds}");
            Console.WriteLine($"protocol registrations/s = {registered / (double)seconds:0}  (entries {count}, max number {max}, distinct {distinct}, gap-free {count == max && distinct == count})");
            Console.WriteLine($"raw single-row insert transactions/s = {raw / (double)seconds:0}");
            Console.WriteLine($"ratio = {registered / (double)raw:P0}");
        }

        if (pgName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var c = new NpgsqlConnection(pgAdmin);
            await c.OpenAsync();
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{pgName}\" WITH (FORCE)", c).ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
        return 0;
    }

    private static async Task<long> DriveAsync(int clients, int seconds, Func<int, long, Task> operation)
    {
        long done = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            for (long i = 0; !stop.IsCancellationRequested; i++)
            {
                await operation(client, i);
                Interlocked.Increment(ref done);
            }
        })));
        return done;
    }
}
