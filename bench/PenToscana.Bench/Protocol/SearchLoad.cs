using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Tenancy;
using PenToscana.Modules.Protocol.Data;
using PenToscana.Modules.Protocol.Features.SearchEntries;

namespace PenToscana.Bench.Protocol;

/// <summary>
/// Search latency on a large register, on PostgreSQL: loads N entries of one body (5 years, one sender each, subjects from a
/// realistic vocabulary) with COPY, builds the search indexes, then runs the register's own search handler from C concurrent
/// clients: by a rare subject word (a file number), by a common subject phrase (a street: about 1 entry in 500), and by the
/// sender's codice fiscale. Prints p50/p95/p99 per kind.
/// Usage: dotnet run -c Release --project bench/PenToscana.Bench -- protocol-search [entries] [queries per kind] [clients] [--keep]
/// (reads the server from TEST_PG). With --keep the loaded database (ptsearch_keep_N) is kept and reused by the next run, so
/// loading and measuring can happen at different times; without, nothing is kept.
/// </summary>
internal static class SearchLoad
{
    private static readonly string[] Kinds = ["Istanza di", "Richiesta di", "Comunicazione di", "Trasmissione di", "Segnalazione di", "Domanda di", "Esposto per", "Ricorso contro", "Nota su", "Sollecito di"];

    private static readonly string[] Topics = ["contributo per l'affitto", "accesso agli atti", "occupazione di suolo pubblico", "rimborso TARI", "iscrizione al nido",
        "permesso di costruire", "autorizzazione paesaggistica", "passo carrabile", "cambio di residenza", "buca stradale", "illuminazione pubblica", "rumore notturno",
        "potatura alberi", "contrassegno invalidi", "esenzione ticket", "mensa scolastica", "trasporto scolastico", "agevolazione tariffaria", "sanzione amministrativa", "certificato anagrafico"];

    private static readonly string[] Streets = BuildStreets();

    private static readonly string[] FirstNames = ["Mario", "Anna", "Luca", "Giulia", "Marco", "Sara", "Paolo", "Elena", "Franco", "Chiara", "Giorgio", "Laura", "Andrea", "Marta", "Stefano", "Silvia"];

    private static readonly string[] LastNames = ["Rossi", "Bianchi", "Verdi", "Neri", "Russo", "Ferrari", "Esposito", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti", "Costa", "Giordano", "Mancini", "Rizzo", "Lombardi"];

    public static async Task<int> RunAsync(string[] args)
    {
        int entries = int.Parse(args.ElementAtOrDefault(0) ?? "5000000", System.Globalization.CultureInfo.InvariantCulture);
        int queries = int.Parse(args.ElementAtOrDefault(1) ?? "500", System.Globalization.CultureInfo.InvariantCulture);
        int clients = int.Parse(args.ElementAtOrDefault(2) ?? "4", System.Globalization.CultureInfo.InvariantCulture);
        bool keep = args.Contains("--keep");
        var server = Environment.GetEnvironmentVariable("TEST_PG") ?? throw new InvalidOperationException("TEST_PG is not set");
        string name = keep ? $"ptsearch_keep_{entries}" : "ptsearch_" + Guid.NewGuid().ToString("N")[..12];
        string admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString;
        bool loaded = false;
        await using (var c = new NpgsqlConnection(admin))
        {
            await c.OpenAsync();
            loaded = keep && await new NpgsqlCommand($"SELECT COUNT(*) FROM pg_database WHERE datname = '{name}'", c).ExecuteScalarAsync() is long n && n > 0;
            if (!loaded)
            {
                await new NpgsqlCommand($"CREATE DATABASE \"{name}\"", c).ExecuteNonQueryAsync();
            }
        }

        string connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 50, CommandTimeout = 3600 }.ConnectionString;
        try
        {
            var options = new DatabaseOptions { Provider = "postgres", ConnectionString = connectionString };
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddScoped<BodyScope>();
            services.AddDbContext<ProtocolDb>(b => ModuleDbRegistration.Configure(b, options, ProtocolDb.Prefix));
            services.AddScoped<SearchEntriesHandler>();
            services.AddSingleton(TimeProvider.System);
            services.AddSingleton<CommonWords>();
            await using var provider = services.BuildServiceProvider();
            await using (var scope = provider.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<ProtocolDb>().Database.MigrateAsync();
            }

            Guid enteId = Guid.CreateVersion7(), registerId = Guid.CreateVersion7();
            if (loaded)
            {
                await using var scope = provider.CreateAsyncScope();
                enteId = await scope.ServiceProvider.GetRequiredService<ProtocolDb>().Entries.IgnoreQueryFilters().Select(e => e.EnteId).FirstAsync();
                Console.WriteLine($"reusing {name}");
            }
            else
            {
                var watch = Stopwatch.StartNew();
                await LoadAsync(connectionString, enteId, registerId, entries);
                Console.WriteLine($"loaded {entries:N0} entries and their senders in {watch.Elapsed.TotalSeconds:0} s ({entries / watch.Elapsed.TotalSeconds:0} entries/s, COPY, search indexes built after)");
            }

            if (args.Contains("--load-only"))
            {
                return 0;
            }

            var random = new Random(7);
            // Warm-up: JIT, query compilation, connection pool.
            for (int i = 0; i < 20; i++)
            {
                await using var scope = provider.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<SearchEntriesHandler>().HandleAsync(new SearchEntriesRequest(enteId) { Text = Streets[i], Correspondent = i % 2 == 0 ? TaxCodeOf(i) : null }, CancellationToken.None);
            }

            await RunKindAsync(provider, clients, queries, "subject: a file number (rare word)", i => new SearchEntriesRequest(enteId) { Text = $"pratica {random.Next(entries / 10):000000}/" });
            await RunKindAsync(provider, clients, queries, "subject: a street (about 1 in 500 entries)", i => new SearchEntriesRequest(enteId) { Text = Streets[random.Next(Streets.Length)] });
            await RunKindAsync(provider, clients, queries, "sender's codice fiscale", i => new SearchEntriesRequest(enteId) { Correspondent = TaxCodeOf(random.Next(entries / 5)) });
            await RunKindAsync(provider, clients, queries, "subject word + year (1 in 20 entries, count capped)", i => new SearchEntriesRequest(enteId) { Text = Topics[random.Next(Topics.Length)], Year = 2022 + random.Next(5) });
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            if (keep)
            {
                Console.WriteLine($"kept database {name}");
            }
        }

        if (!keep)
        {
            NpgsqlConnection.ClearAllPools();
            await using var c = new NpgsqlConnection(admin);
            await c.OpenAsync();
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", c).ExecuteNonQueryAsync();
        }

        return 0;
    }

    private static async Task RunKindAsync(ServiceProvider provider, int clients, int queries, string label, Func<int, SearchEntriesRequest> next)
    {
        var latencies = new List<double>(queries);
        var gate = new object();
        int issued = 0;
        long found = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref issued) <= queries)
            {
                SearchEntriesRequest request;
                lock (gate)
                {
                    request = next(issued);
                }

                await using var scope = provider.CreateAsyncScope();
                var handler = scope.ServiceProvider.GetRequiredService<SearchEntriesHandler>();
                var started = Stopwatch.GetTimestamp();
                var result = await handler.HandleAsync(request, CancellationToken.None);
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                Interlocked.Add(ref found, result.Total);
                lock (gate)
                {
                    latencies.Add(ms);
                }
            }
        })));
        latencies.Sort();
        double P(double q) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)];
        Console.WriteLine($"{label}: {queries} searches, {clients} clients, {queries / watch.Elapsed.TotalSeconds:0}/s, mean matches {found / (double)queries:0.#}; "
            + $"p50 {P(0.50):0.0} ms, p95 {P(0.95):0.0} ms, p99 {P(0.99):0.0} ms, max {latencies[^1]:0.0} ms");
    }

    private static async Task LoadAsync(string connectionString, Guid enteId, Guid registerId, int entries)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await new NpgsqlCommand("""
            DROP INDEX IF EXISTS "IX_protocol_entry_SubjectWords";
            DROP INDEX IF EXISTS "IX_protocol_correspondent_Name_trgm";
            """, connection).ExecuteNonQueryAsync();
        var start = new DateTimeOffset(2022, 1, 3, 8, 0, 0, TimeSpan.Zero);
        double spacingSeconds = 5 * 365.0 * 86400 / entries;
        const int Chunk = 250_000;
        for (int from = 0; from < entries; from += Chunk)
        {
            int to = Math.Min(entries, from + Chunk);
            var ids = new Guid[to - from];
            await using (var import = await connection.BeginBinaryImportAsync(
                "COPY protocol_entry (\"Id\", \"EnteId\", \"RegisterId\", \"EnteIpa\", \"AooCode\", \"Year\", \"Number\", \"RegisteredAt\", \"Direction\", \"Subject\", \"Channel\", \"AttachmentCount\", \"Version\") FROM STDIN (FORMAT BINARY)"))
            {
                int year = 0;
                for (int i = from; i < to; i++)
                {
                    var at = start.AddSeconds(i * spacingSeconds);
                    if (at.Year != year)
                    {
                        year = at.Year;
                    }

                    ids[i - from] = Guid.CreateVersion7(at);
                    await import.StartRowAsync();
                    await import.WriteAsync(ids[i - from], NpgsqlDbType.Uuid);
                    await import.WriteAsync(enteId, NpgsqlDbType.Uuid);
                    await import.WriteAsync(registerId, NpgsqlDbType.Uuid);
                    await import.WriteAsync("c_bench", NpgsqlDbType.Varchar);
                    await import.WriteAsync("AOO_B", NpgsqlDbType.Varchar);
                    await import.WriteAsync(year, NpgsqlDbType.Integer);
                    await import.WriteAsync(i + 1L, NpgsqlDbType.Bigint); // unique per (register, year) is all the index asks
                    await import.WriteAsync(at, NpgsqlDbType.TimestampTz);
                    await import.WriteAsync(i % 3 == 0 ? "Outgoing" : "Incoming", NpgsqlDbType.Varchar);
                    await import.WriteAsync(SubjectOf(i), NpgsqlDbType.Varchar);
                    await import.WriteAsync(i % 4 == 0 ? "pec" : "web", NpgsqlDbType.Varchar);
                    await import.WriteAsync(0, NpgsqlDbType.Integer);
                    await import.WriteAsync(0L, NpgsqlDbType.Bigint);
                }

                await import.CompleteAsync();
            }

            await using (var import = await connection.BeginBinaryImportAsync(
                "COPY protocol_correspondent (\"Id\", \"EntryId\", \"Position\", \"Name\", \"TaxCode\") FROM STDIN (FORMAT BINARY)"))
            {
                for (int i = from; i < to; i++)
                {
                    int person = (int)((uint)(i * 2654435761u) % (uint)Math.Max(1, entries / 5));
                    await import.StartRowAsync();
                    await import.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                    await import.WriteAsync(ids[i - from], NpgsqlDbType.Uuid);
                    await import.WriteAsync(0, NpgsqlDbType.Integer);
                    await import.WriteAsync($"{FirstNames[person % FirstNames.Length]} {LastNames[person / FirstNames.Length % LastNames.Length]}", NpgsqlDbType.Varchar);
                    await import.WriteAsync(TaxCodeOf(person), NpgsqlDbType.Varchar);
                }

                await import.CompleteAsync();
            }

            Console.Write($"\r{to:N0} / {entries:N0}");
        }

        Console.WriteLine();
        var watch = Stopwatch.StartNew();
        foreach (var statement in new[]
        {
            "CREATE INDEX \"IX_protocol_entry_SubjectWords\" ON protocol_entry USING gin (\"SubjectWords\")",
            "CREATE INDEX \"IX_protocol_correspondent_Name_trgm\" ON protocol_correspondent USING gin (\"Name\" gin_trgm_ops)",
            "VACUUM ANALYZE protocol_entry",
            "VACUUM ANALYZE protocol_correspondent",
        })
        {
            await new NpgsqlCommand(statement, connection) { CommandTimeout = 7200 }.ExecuteNonQueryAsync();
        }

        Console.WriteLine($"search indexes built and tables analysed in {watch.Elapsed.TotalSeconds:0} s");
    }

    private static string SubjectOf(int i)
        => $"{Kinds[i % Kinds.Length]} {Topics[i / Kinds.Length % Topics.Length]} - {Streets[(int)((uint)(i * 40503u) % (uint)Streets.Length)]} - pratica {i / 10:000000}/{i % 10}";

    /// <summary>A synthetic 16-character code per person (the search treats any 16 letters and digits as a codice fiscale).</summary>
    private static string TaxCodeOf(int person) => "BNC" + person.ToString("0000000", System.Globalization.CultureInfo.InvariantCulture) + "X0000Z";

    private static string[] BuildStreets()
    {
        string[] kinds = ["via", "viale", "piazza", "borgo", "vicolo"];
        string[] names = ["dei Servi", "Roma", "Garibaldi", "Mazzini", "Cavour", "della Repubblica", "dei Mille", "San Gallo", "Santo Spirito", "del Corso",
            "Verdi", "Dante", "Machiavelli", "dei Calzaiuoli", "Ghibellina", "Pisana", "Senese", "Aretina", "Bolognese", "Faentina",
            "del Prato", "Palazzuolo", "della Scala", "Nazionale", "Guelfa", "Alfani", "dei Pepi", "Maggio", "Toscanella", "de' Bardi",
            "Matteotti", "Gramsci", "Carducci", "Leopardi", "Petrarca", "Boccaccio", "Giotto", "Brunelleschi", "Donatello", "Masaccio",
            "Vespucci", "Colombo", "Galilei", "Volta", "Marconi", "Fermi", "Meucci", "Torricelli", "Redi", "Viviani",
            "delle Rose", "dei Gigli", "degli Ulivi", "dei Pini", "dei Cipressi", "delle Querce", "dei Castagni", "dei Tigli", "degli Aceri", "dei Platani",
            "Fiume", "Trieste", "Trento", "Gorizia", "Zara", "Pola", "Bolzano", "Udine", "Belluno", "Rovigo",
            "XX Settembre", "IV Novembre", "XXV Aprile", "I Maggio", "II Giugno", "VIII Marzo", "XI Febbraio", "XXIV Maggio", "III Ottobre", "X Agosto",
            "Puccini", "Rossini", "Bellini", "Donizetti", "Mascagni", "Cherubini", "Boccherini", "Vivaldi", "Monteverdi", "Paganini",
            "Lungarno Torrigiani", "Lungarno Serristori", "Lungarno Acciaiuoli", "Lungarno Corsini", "Lungarno Vespucci", "Lungarno del Tempio", "Lungarno Cellini", "Lungarno Ferrucci", "Lungarno Colombo", "Lungarno Pecori Giraldi"];
        return [.. kinds.SelectMany(k => names.Select(n => $"{k} {n}"))];
    }
}
