using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace PenToscana.Bench.InfoDesk;

/// <summary>
/// InfoDesk at scale on PostgreSQL.
/// <list type="bullet">
/// <item><c>seed</c>: adds N reports (default 1,000,000) to a platform database that the application has already migrated
/// and seeded with the demo bodies, by binary COPY: spread over two years, the demo bodies and their categories, placed in
/// their territories, mostly closed when old.</item>
/// <item><c>load</c>: against the running platform, C concurrent connections for S seconds on each of: the Open311 list
/// (90-day window, category and status filters, default page of up to 1000 records and a page of 100), the public map's
/// data and the nearby-duplicate lookup at random points. Prints requests/s and latency percentiles.</item>
/// </list>
/// Usage: <c>dotnet run -c Release --project bench/PenToscana.Bench -- infodesk seed "&lt;npgsql connection string&gt;" [count]</c>
/// and <c>... -- infodesk load [baseUrl] [connections] [seconds] [--compressed]</c> (<c>--compressed</c>: accept Brotli and
/// gzip, as browsers and HTTP libraries do; the sizes printed are then the bytes on the wire).
/// </summary>
internal static class ReportsLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        switch (args.ElementAtOrDefault(0))
        {
            case "seed":
                await SeedAsync(args.ElementAtOrDefault(1) ?? throw new ArgumentException("connection string required"),
                    int.Parse(args.ElementAtOrDefault(2) ?? "1000000", CultureInfo.InvariantCulture));
                return 0;
            case "load":
                await LoadAsync(args.ElementAtOrDefault(1) ?? "http://localhost:5080",
                    int.Parse(args.ElementAtOrDefault(2) ?? "64", CultureInfo.InvariantCulture),
                    int.Parse(args.ElementAtOrDefault(3) ?? "20", CultureInfo.InvariantCulture),
                    args.Contains("--compressed"));
                return 0;
            default:
                Console.Error.WriteLine("usage: infodesk seed <connection> [count] | infodesk load [baseUrl] [connections] [seconds] [--compressed]");
                return 2;
        }
    }

    private sealed record Category(Guid Id, Guid EnteId, string Ipa, string Code, string Name, Guid? OfficeId);

    private static (double MinLat, double MaxLat, double MinLon, double MaxLon) Territory(string ipa)
        => ipa == "c_g999" ? (43.83, 43.95, 11.00, 11.16) : (43.72, 43.83, 11.15, 11.34);

    private static async Task SeedAsync(string connectionString, int count)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        var categories = new List<Category>();
        await using (var cmd = new NpgsqlCommand(
            "SELECT c.\"Id\", c.\"EnteId\", e.\"IpaCode\", c.\"Code\", c.\"Name\", c.\"DefaultOfficeId\" FROM infodesk_category c JOIN kernel_ente e ON e.\"Id\" = c.\"EnteId\"", db))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                categories.Add(new Category(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetGuid(5)));
            }
        }

        if (categories.Count == 0)
        {
            throw new InvalidOperationException("No categories: start the platform once on this database with Demo:Seed=true.");
        }

        // Firenze's desk takes half of the reports; each body's share is spread over its categories.
        double Weight(Category c) => (c.Ipa switch { "c_d612" => 0.5, "c_g999" => 0.25, "r_toscan" => 0.15, _ => 0.10 }) / categories.Count(x => x.EnteId == c.EnteId);
        var cumulative = new List<(double Upto, Category Category)>();
        double sum = 0;
        foreach (var c in categories)
        {
            sum += Weight(c);
            cumulative.Add((sum, c));
        }

        var random = new Random(20261127);
        var now = DateTimeOffset.UtcNow;
        var sw = Stopwatch.StartNew();
        await using (var writer = await db.BeginBinaryImportAsync(
            "COPY infodesk_report (\"Id\", \"EnteId\", \"FiledWithEnteId\", \"OfficeId\", \"Type\", \"CategoryId\", \"CategoryCode\", \"CategoryName\", \"Description\", " +
            "\"Latitude\", \"Longitude\", \"Address\", \"Channel\", \"State\", \"IsPublic\", \"Moderation\", \"ReporterName\", \"ContactPreference\", \"Supporters\", \"ReopenCount\", " +
            "\"CreatedAt\", \"UpdatedAt\", \"DueAt\", \"FirstAnsweredAt\", \"ClosedAt\", \"Version\") FROM STDIN (FORMAT BINARY)"))
        {
            for (int i = 0; i < count; i++)
            {
                double pick = random.NextDouble() * sum;
                var category = cumulative.First(x => x.Upto >= pick).Category;
                // Reports arrive in time order, as they do in production: the table's recent rows sit together at its end.
                var created = now.AddMinutes(-(count - i - random.NextDouble()) * (730.0 * 24 * 60 / count));
                double ageDays = (now - created).TotalDays;
                bool closed = ageDays > 60 ? random.NextDouble() < 0.95 : random.NextDouble() < ageDays / 90;
                int state = closed ? 5 : random.Next(0, 4);
                var (minLat, maxLat, minLon, maxLon) = Territory(category.Ipa);
                var answered = closed || state == 2 ? created.AddDays(1 + (random.NextDouble() * 20)) : (DateTimeOffset?)null;
                await writer.StartRowAsync();
                await writer.WriteAsync(Guid.CreateVersion7(created), NpgsqlDbType.Uuid);
                await writer.WriteAsync(category.EnteId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(category.EnteId, NpgsqlDbType.Uuid);
                if (category.OfficeId is { } office) { await writer.WriteAsync(office, NpgsqlDbType.Uuid); } else { await writer.WriteNullAsync(); }
                await writer.WriteAsync(random.NextDouble() < 0.85 ? 0 : 1, NpgsqlDbType.Integer);
                await writer.WriteAsync(category.Id, NpgsqlDbType.Uuid);
                await writer.WriteAsync(category.Code, NpgsqlDbType.Varchar);
                await writer.WriteAsync(category.Name, NpgsqlDbType.Varchar);
                await writer.WriteAsync($"Segnalazione di prova numero {i}: {category.Name.ToLowerInvariant()} in via di prova.", NpgsqlDbType.Varchar);
                await writer.WriteAsync(minLat + (random.NextDouble() * (maxLat - minLat)), NpgsqlDbType.Double);
                await writer.WriteAsync(minLon + (random.NextDouble() * (maxLon - minLon)), NpgsqlDbType.Double);
                await writer.WriteAsync($"Via di prova {random.Next(1, 300)}", NpgsqlDbType.Varchar);
                await writer.WriteAsync(random.Next(0, 6), NpgsqlDbType.Integer);
                await writer.WriteAsync(state, NpgsqlDbType.Integer);
                await writer.WriteAsync(random.NextDouble() < 0.9, NpgsqlDbType.Boolean);
                await writer.WriteAsync(1, NpgsqlDbType.Integer);
                await writer.WriteAsync("Cittadino di prova", NpgsqlDbType.Varchar);
                await writer.WriteAsync(0, NpgsqlDbType.Integer);
                await writer.WriteAsync(random.Next(0, 4), NpgsqlDbType.Integer);
                await writer.WriteAsync(0, NpgsqlDbType.Integer);
                await writer.WriteAsync(created, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(answered ?? created, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(created.AddDays(30), NpgsqlDbType.TimestampTz);
                if (answered is { } a) { await writer.WriteAsync(a, NpgsqlDbType.TimestampTz); } else { await writer.WriteNullAsync(); }
                if (closed) { await writer.WriteAsync(answered!.Value.AddDays(1), NpgsqlDbType.TimestampTz); } else { await writer.WriteNullAsync(); }
                await writer.WriteAsync(1L, NpgsqlDbType.Bigint);
            }

            await writer.CompleteAsync();
        }

        Console.WriteLine($"copied {count:N0} reports in {sw.Elapsed.TotalSeconds:F1} s ({count / sw.Elapsed.TotalSeconds:N0} rows/s)");
        sw.Restart();
        await new NpgsqlCommand("VACUUM ANALYZE infodesk_report", db) { CommandTimeout = 0 }.ExecuteNonQueryAsync();
        Console.WriteLine($"vacuum analyze in {sw.Elapsed.TotalSeconds:F1} s");
    }

    private static async Task LoadAsync(string baseUrl, int connections, int seconds, bool compressed)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60),
        };
        if (compressed)
        {
            // Sent as browsers send it; the body is read as it arrives (compressed) and inflated, so both costs are counted.
            http.DefaultRequestHeaders.TryAddWithoutValidation("Accept-Encoding", "br, gzip");
        }

        string Iso(DateTimeOffset d) => Uri.EscapeDataString(d.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture));
        var end = DateTimeOffset.UtcNow;
        var start = end.AddDays(-90);
        string window = $"jurisdiction_id=c_d612&start_date={Iso(start)}&end_date={Iso(end)}";
        string[] categories = ["buche", "rifiuti", "illuminazione"];
        var scenarios = new (string Name, Func<Random, string> Url)[]
        {
            ("open311 requests.json, 90 days, service_code+status=open (up to 1000 records)", r => $"/open311/v2/requests.json?{window}&service_code={categories[r.Next(3)]}&status=open"),
            ("open311 requests.json, 90 days, service_code+status=closed, page_size=100", r => $"/open311/v2/requests.json?{window}&service_code={categories[r.Next(3)]}&status=closed&page_size=100"),
            ("public map mappa.json, 90 days, category, open", r => $"/enti/c_d612/segnalazioni/mappa.json?giorni=90&stato=aperte&categoria={categories[r.Next(3)]}"),
            ("public map mappa.json, 90 days, all open and closed (up to 2000 points)", _ => "/enti/c_d612/segnalazioni/mappa.json?giorni=90"),
            ("nearby duplicates vicine, random point", r => string.Create(CultureInfo.InvariantCulture,
                $"/enti/c_d612/segnalazioni/vicine?categoria={categories[r.Next(3)]}&lat={43.72 + (r.NextDouble() * 0.11):F5}&lon={11.15 + (r.NextDouble() * 0.19):F5}")),
        };
        foreach (var (name, url) in scenarios)
        {
            await DriveAsync(http, name, url, connections, Math.Max(2, seconds / 5), warmUp: true);
            await DriveAsync(http, name, url, connections, seconds, warmUp: false);
        }
    }

    private static async Task DriveAsync(HttpClient http, string name, Func<Random, string> url, int connections, int seconds, bool warmUp)
    {
        var latencies = new ConcurrentBag<double>();
        long bytes = 0;
        int errors = 0;
        var until = Stopwatch.GetTimestamp() + (long)(seconds * (double)Stopwatch.Frequency);
        var sw = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, connections), new ParallelOptions { MaxDegreeOfParallelism = connections }, async (client, ct) =>
        {
            var random = new Random(client);
            while (Stopwatch.GetTimestamp() < until)
            {
                var t = Stopwatch.GetTimestamp();
                using var res = await http.GetAsync(url(random), ct);
                var body = await res.Content.ReadAsByteArrayAsync(ct);
                await InflateAsync(res.Content.Headers.ContentEncoding.FirstOrDefault(), body, ct);
                latencies.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                Interlocked.Add(ref bytes, body.Length);
                if (!res.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        });
        sw.Stop();
        if (warmUp)
        {
            return;
        }

        var sorted = latencies.Order().ToArray();
        double P(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        Console.WriteLine($"{name}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {sorted.Length} requests, {connections} connections, {sw.Elapsed.TotalSeconds:F1} s: {sorted.Length / sw.Elapsed.TotalSeconds:F0} req/s, {bytes / Math.Max(1, sorted.Length) / 1024.0:F1} KiB avg; " +
            $"ms p50 {P(0.50):F1} p90 {P(0.90):F1} p99 {P(0.99):F1} max {sorted[^1]:F1}; errors {errors}"));
    }

    private static async Task InflateAsync(string? encoding, byte[] body, CancellationToken ct)
    {
        if (encoding is null)
        {
            return;
        }

        await using var input = new MemoryStream(body);
        await using Stream inflate = encoding == "br"
            ? new System.IO.Compression.BrotliStream(input, System.IO.Compression.CompressionMode.Decompress)
            : new System.IO.Compression.GZipStream(input, System.IO.Compression.CompressionMode.Decompress);
        await inflate.CopyToAsync(Stream.Null, ct);
    }
}
