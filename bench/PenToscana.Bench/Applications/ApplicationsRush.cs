using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace PenToscana.Bench.Applications;

/// <summary>
/// The deadline rush of the nursery enrolment (Comune di Firenze) through the real web pages, as browsers do it:
/// <list type="number">
/// <item>each virtual citizen signs in through the demo SPID IdP (real signed SAML) with a session of their own;</item>
/// <item>fill phase: every citizen, concurrently, completes <c>forms</c> multi-step nursery forms (four steps, one with a distinct
/// 200 KB PDF attachment), each ending on its summary page, drafts saved at every step;</item>
/// <item>rush phase: at the same instant all citizens submit their forms, one after another each; the POST of the submit step
/// (freeze, PDF, files, protocol registration, receipt) is timed.</item>
/// </list>
/// Then, on the database: every acknowledged application exists once, none is duplicated, all get their protocol number and the
/// body's register has no gap. Target: at least 100 submissions/s with p95 under 500 ms on the 2-core machine.
/// Usage: <c>dotnet run -c Release --project bench/PenToscana.Bench -- applications-rush pg|&lt;baseUrl&gt; [citizens=50] [forms=4] [warmup=1]</c>.
/// The first <c>warmup</c> rounds run the same way but are not timed: a platform in a real deadline rush has been running for days, so
/// its code is already compiled by the JIT's higher tier; a fresh process compiles during its first requests.
/// <c>pg</c> starts the built platform on a fresh PostgreSQL database of the server in TEST_PG and drops it afterwards; with a base
/// URL the platform must be running with the demo seed, and the database checks need BENCH_DB (its connection string).
/// </summary>
internal static partial class ApplicationsRush
{
    private const string Nursery = "/enti/c_d612/servizi/iscrizione-nido";

    // The demo personas the demo IdP offers: the virtual citizens sign in as them in turn, each with a session of their own.
    private static readonly string[] Personas =
    [
        "RSSMRA80A01D612Y", "NREANN70D45D612O", "BRNMRC82H15D612F", "GLLPLA78E20G999N", "CLMFNC81S50D612T", "FRNLRA90B41G999V", "BLUSRA79T60D612U", "VRDLCU75C10D612T",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        BenchPlatform? platform = null;
        try
        {
            return await RunAsync(args, started => platform = started);
        }
        catch (Exception ex) when (platform is not null)
        {
            Console.Error.WriteLine(ex);
            Console.Error.WriteLine("--- platform output ---");
            Console.Error.WriteLine(platform.OutputTail());
            return 1;
        }
        finally
        {
            if (platform is not null)
            {
                await platform.DisposeAsync();
            }
        }
    }

    private static async Task<int> RunAsync(string[] args, Action<BenchPlatform> started)
    {
        string target = args.ElementAtOrDefault(0) ?? "pg";
        int citizens = int.Parse(args.ElementAtOrDefault(1) ?? "50", CultureInfo.InvariantCulture);
        int forms = int.Parse(args.ElementAtOrDefault(2) ?? "4", CultureInfo.InvariantCulture);
        int warmup = int.Parse(args.ElementAtOrDefault(3) ?? "1", CultureInfo.InvariantCulture);
        var platform = target == "pg" ? await BenchPlatform.StartOnPostgresAsync() : null;
        if (platform is not null)
        {
            started(platform);
        }
        var baseUrl = platform?.BaseAddress ?? new Uri(target);
        var database = platform?.ConnectionString ?? Environment.GetEnvironmentVariable("BENCH_DB");
        Console.WriteLine($"applications-rush: {citizens} citizens x {forms} nursery forms ({warmup} warm-up round{(warmup == 1 ? "" : "s")} not timed) against {baseUrl} ({(platform is null ? "running platform" : "fresh PostgreSQL database")})");
        Console.WriteLine(MachineSpeed.Report("before the run"));

        // Sign-in (not timed): on the bench's own platform each virtual citizen is a different person signing in with a CNS card
        // (the demo SPID IdP offers only eight personas, and a person has one draft per service); against a running platform the
        // demo personas are used, at most one session each.
        if (platform is null)
        {
            citizens = Math.Min(citizens, Personas.Length);
        }

        var clients = new HttpClient[citizens];
        var signIn = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, citizens), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            if (platform is not null)
            {
                clients[i] = new HttpClient(new CookieJar()) { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(5) };
                await SignInWithCnsAsync(clients[i], platform, i);
            }
            else
            {
                clients[i] = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true })
                {
                    BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(5),
                };
                await SignInAsync(clients[i], Personas[i]);
            }
        });
        Console.WriteLine($"signed in {citizens} sessions in {signIn.Elapsed.TotalSeconds:F1} s");

        // Rounds (a person has one nursery draft at a time): every citizen fills one form concurrently up to its summary page,
        // then all press "Invia" at the same instant. Only the submit POSTs are timed for the rush figures.
        var stepLatencies = new ConcurrentBag<double>();
        var submitLatencies = new ConcurrentBag<double>();
        var acknowledged = new ConcurrentBag<Guid>();
        int failures = 0;
        var fill = new Stopwatch();
        var rush = new Stopwatch();
        var cpu = new CpuAccount(platform?.ProcessId);
        for (int round = 0; round < warmup + forms; round++)
        {
            bool timed = round >= warmup;
            var drafts = new string[citizens];
            var fillLatencies = timed ? stepLatencies : [];
            if (timed)
            {
                fill.Start();
            }

            await Task.WhenAll(Enumerable.Range(0, citizens).Select(i => Task.Run(async () => drafts[i] = await FillAsync(clients[i], i, round, fillLatencies))));
            fill.Stop();

            using var gate = new SemaphoreSlim(0);
            var rushers = Enumerable.Range(0, citizens).Select(i => Task.Run(async () =>
            {
                await gate.WaitAsync();
                var token = TokenOf(drafts[i]);
                var t = Stopwatch.GetTimestamp();
                using var response = await clients[i].PostAsync($"{drafts[i]}/riepilogo", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
                if (timed)
                {
                    submitLatencies.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                }

                var location = response.Headers.Location?.ToString() ?? "";
                if (response.StatusCode == HttpStatusCode.Redirect && GuidPattern().Match(location) is { Success: true } id && location.StartsWith("/area-personale/istanze/", StringComparison.Ordinal))
                {
                    acknowledged.Add(Guid.Parse(id.Value));
                }
                else
                {
                    Interlocked.Increment(ref failures);
                    Console.Error.WriteLine($"submit failed: {(int)response.StatusCode} {location}");
                }
            })).ToList();
            if (timed)
            {
                cpu.Start();
                rush.Start();
            }

            var burstStart = Stopwatch.GetTimestamp();
            gate.Release(citizens);
            await Task.WhenAll(rushers);
            if (timed)
            {
                rush.Stop();
                cpu.Stop();
            }

            if (Environment.GetEnvironmentVariable("BENCH_MARKS") is not null)
            {
                // Monotonic clock (CLOCK_MONOTONIC on Linux) bounds of the burst, to cut a `perf record -k mono` profile to it.
                Console.Error.WriteLine($"burst {round}: {burstStart / (double)Stopwatch.Frequency:F3} {Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency:F3}");
            }
        }

        Console.WriteLine(MachineSpeed.Report("after the rush"));
        // The machine is shared: the load average says how much of it the run really had.
        if (File.Exists("/proc/loadavg"))
        {
            Console.WriteLine($"load average (1/5/15 min) at the end: {string.Join(' ', (await File.ReadAllTextAsync("/proc/loadavg")).Split(' ').Take(3))} on {Environment.ProcessorCount} cores");
        }

        var steps = stepLatencies.Order().ToArray();
        Console.WriteLine($"fill: {citizens * forms} forms (start + 4 steps, one 200 KB upload, summary) in {fill.Elapsed.TotalSeconds:F1} s = {citizens * forms / fill.Elapsed.TotalSeconds:F1} forms/s; "
            + $"step POST ms p50 {Percentile(steps, 0.50):F0} p95 {Percentile(steps, 0.95):F0} p99 {Percentile(steps, 0.99):F0}");
        var sorted = submitLatencies.Order().ToArray();
        Console.WriteLine($"rush: {sorted.Length} submissions in {forms} bursts of {citizens} simultaneous submits, {rush.Elapsed.TotalSeconds:F2} s in all = {sorted.Length / rush.Elapsed.TotalSeconds:F1} submissions/s");
        Console.WriteLine(cpu.Report(sorted.Length));
        Console.WriteLine($"  submit POST latency ms: p50 {Percentile(sorted, 0.50):F0}  p95 {Percentile(sorted, 0.95):F0}  p99 {Percentile(sorted, 0.99):F0}  max {sorted[^1]:F0}; failed {failures}");

        if (database is null)
        {
            Console.WriteLine("BENCH_DB not set: database checks skipped.");
            return 0;
        }

        await VerifyAsync(database, acknowledged.ToList(), citizens * (warmup + forms));
        foreach (var client in clients)
        {
            client.Dispose();
        }

        return 0;
    }

    private static readonly ConcurrentDictionary<string, string> Tokens = new();

    private static string TokenOf(string draft) => Tokens[draft];

    /// <summary>One nursery form from the service card to its summary page; returns the draft's URL.</summary>
    private static async Task<string> FillAsync(HttpClient client, int citizen, int form, ConcurrentBag<double> latencies)
    {
        var token = Token(await client.GetStringAsync(Nursery + "/compila"));
        var start = await TimedPostAsync(client, Nursery + "/compila", Form(token, new() { ["privacy"] = "true" }), latencies);
        var location = start.Headers.Location?.ToString() ?? throw new InvalidOperationException($"start refused: {(int)start.StatusCode}");
        var draft = location[..location.LastIndexOf("/passo/", StringComparison.Ordinal)];

        await StepAsync(client, draft, 0, new() { ["telefono"] = "+39 055 1234567", ["indirizzo"] = $"Via Roma {citizen + 1}, 50123 Firenze", ["email"] = $"genitore{citizen}@example.it" }, null, latencies);
        var pdf = AttachmentPdf(citizen, form);
        await StepAsync(client, draft, 1, new()
        {
            ["bambinoNome"] = "Luigi", ["bambinoCognome"] = "Rossi", ["bambinoCodiceFiscale"] = "BNCGLI85M52G999P", ["bambinoNascita"] = "2025-03-10", ["disabilita"] = "si",
        }, ("certificazione", "certificazione.pdf", pdf), latencies);
        await StepAsync(client, draft, 2, new() { ["isee"] = "18.500,00", ["iseeProtocollo"] = "INPS-ISEE-2026-12345678A-01" }, null, latencies);
        await StepAsync(client, draft, 3, new() { ["nidi"] = "1", ["nidi[0].nido"] = "Nido Il Girasole (Quartiere 1)", ["orario"] = "Tempo lungo (7:30-17:30)" }, null, latencies);
        var summary = await client.GetStringAsync($"{draft}/riepilogo");
        if (!summary.Contains("certificazione.pdf", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The summary does not show the attachment.");
        }

        Tokens[draft] = Token(summary);
        return draft;
    }

    private static async Task StepAsync(HttpClient client, string draft, int step, Dictionary<string, string> fields, (string Field, string Name, byte[] Content)? file, ConcurrentBag<double> latencies)
    {
        var url = $"{draft}/passo/{step}";
        var token = Token(await client.GetStringAsync(url));
        HttpContent content;
        if (file is { } f)
        {
            var multipart = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
            foreach (var (key, value) in fields)
            {
                multipart.Add(new StringContent(value), key);
            }

            var bytes = new ByteArrayContent(f.Content);
            bytes.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
            multipart.Add(bytes, f.Field, f.Name);
            content = multipart;
        }
        else
        {
            content = Form(token, fields);
        }

        using var response = await TimedPostAsync(client, url, content, latencies);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"step {step} refused: {(int)response.StatusCode}");
        }
    }

    private static async Task<HttpResponseMessage> TimedPostAsync(HttpClient client, string url, HttpContent content, ConcurrentBag<double> latencies)
    {
        var t = Stopwatch.GetTimestamp();
        var response = await client.PostAsync(url, content);
        latencies.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        content.Dispose();
        return response;
    }

    private static FormUrlEncodedContent Form(string token, Dictionary<string, string> fields)
        => new(fields.Append(new("__RequestVerificationToken", token)));

    /// <summary>A valid 200 KB PDF, different for every form (the blob store is content-addressed).</summary>
    private static byte[] AttachmentPdf(int citizen, int form)
    {
        var text = new StringBuilder("%PDF-1.4\n%\u00e2\u00e3\n");
        text.Append(CultureInfo.InvariantCulture, $"% certificazione {citizen}-{form} {Guid.NewGuid()}\n");
        text.Append("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n");
        var rng = new Random(citizen * 1000 + form);
        while (text.Length < 200 * 1024 - 64)
        {
            text.Append('%').Append(rng.NextInt64().ToString("x16", CultureInfo.InvariantCulture)).Append(rng.NextInt64().ToString("x16", CultureInfo.InvariantCulture)).Append('\n');
        }

        text.Append("trailer\n<< /Root 1 0 R >>\n%%EOF\n");
        return Encoding.Latin1.GetBytes(text.ToString());
    }

    private static async Task VerifyAsync(string connectionString, List<Guid> acknowledged, int expected)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var wait = Stopwatch.StartNew();
        long pending;
        do
        {
            await using var count = new NpgsqlCommand("SELECT count(*) FROM applications_submission WHERE \"ProtocolNumber\" IS NULL", connection);
            pending = (long)(await count.ExecuteScalarAsync())!;
            if (pending > 0)
            {
                await Task.Delay(500);
            }
        }
        while (pending > 0 && wait.Elapsed < TimeSpan.FromMinutes(3));

        var stored = new Dictionary<Guid, string?>();
        await using (var read = new NpgsqlCommand("SELECT \"Id\", \"ProtocolNumber\" FROM applications_submission", connection))
        await using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                stored[reader.GetGuid(0)] = reader.IsDBNull(1) ? null : reader.GetString(1);
            }
        }

        int lost = acknowledged.Count(id => !stored.ContainsKey(id));
        int duplicatedAcks = acknowledged.Count - acknowledged.Distinct().Count();
        int unexpected = stored.Keys.Except(acknowledged).Count();
        var numbers = stored.Values.Where(n => n is not null).ToList();
        Console.WriteLine($"check: expected {expected}, acknowledged {acknowledged.Count}, stored {stored.Count}; lost {lost}, duplicated {duplicatedAcks}, stored without acknowledgement {unexpected}");
        Console.WriteLine($"  protocolled {numbers.Count} of {stored.Count} (waited {wait.Elapsed.TotalSeconds:F1} s after the rush), distinct numbers {numbers.Distinct().Count()}");

        // The register of the Comune di Firenze: numbers 1..N with no hole and no repetition, whatever else registered meanwhile.
        await using var gaps = new NpgsqlCommand(
            """
            SELECT r."AooCode", e."Year", count(*), min(e."Number"), max(e."Number"), count(DISTINCT e."Number")
            FROM protocol_entry e JOIN protocol_register r ON r."Id" = e."RegisterId"
            WHERE e."EnteIpa" = 'c_d612' GROUP BY r."AooCode", e."Year"
            """, connection);
        await using var rows = await gaps.ExecuteReaderAsync();
        while (await rows.ReadAsync())
        {
            long count = rows.GetInt64(2), min = rows.GetInt64(3), max = rows.GetInt64(4), distinct = rows.GetInt64(5);
            Console.WriteLine($"  register c_d612 {rows.GetString(0)} {rows.GetInt32(1)}: {count} entries, numbers {min}..{max}, distinct {distinct}, gap-free {min == 1 && max == count && distinct == count}");
        }
    }

    private static double Percentile(double[] sorted, double q)
        => sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static string Token(string html)
        => WebUtility.HtmlDecode(TokenPattern().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("No antiforgery token in the page."));

    /// <summary>A different person for every virtual citizen: a valid codice fiscale and a CNS certificate, forwarded as a proxy would.</summary>
    private static async Task SignInWithCnsAsync(HttpClient client, BenchPlatform platform, int citizen)
    {
        var taxCode = CitizenTaxCode(citizen);
        using var certificate = platform.Authority.Issue(taxCode, "CITTADINO", $"PROVA {citizen}");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/accedi/cns?ReturnUrl=%2Farea-personale");
        request.Headers.Add(BenchPlatform.CertificateHeader, Convert.ToBase64String(certificate.RawData));
        using var response = await client.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.ToString() != "/area-personale")
        {
            throw new InvalidOperationException($"CNS sign-in of {taxCode} failed: {(int)response.StatusCode} {response.Headers.Location}");
        }
    }

    /// <summary>A valid codice fiscale per citizen: surname and name letters from the index, the check character computed.</summary>
    internal static string CitizenTaxCode(int citizen)
    {
        const string letters = "BCDFGHLMNPQRSTVZ";
        var name = $"{letters[citizen / 256 % 16]}{letters[citizen / 16 % 16]}{letters[citizen % 16]}";
        var body = $"PRV{name}85C{10 + (citizen % 18):00}D612";
        foreach (var check in "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        {
            if (PenToscana.Kernel.Values.TaxCode.TryParse(body + check, out _))
            {
                return body + check;
            }
        }

        throw new InvalidOperationException($"No check character for {body}");
    }

    /// <summary>The browser's way through the demo SPID IdP: /accedi, signed AuthnRequest, persona, signed Response posted to the ACS.</summary>
    internal static async Task SignInAsync(HttpClient client, string taxCode)
    {
        var login = await client.GetStringAsync("/accedi?ReturnUrl=%2Farea-personale");
        var start = WebUtility.HtmlDecode(DemoLink().Match(login) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("No demo IdP on /accedi"));
        var toIdp = await client.GetAsync(start);
        var idp = await client.GetStringAsync(toIdp.Headers.Location);
        var persona = FormContaining(idp, "data-persona=\"" + taxCode + "\"");
        persona.Fields["TaxCode"] = taxCode;
        var answer = await client.PostAsync(persona.Action, new FormUrlEncodedContent(persona.Fields));
        var acs = FormContaining(await answer.Content.ReadAsStringAsync(), "name=\"SAMLResponse\"");
        var done = await client.PostAsync(acs.Action, new FormUrlEncodedContent(acs.Fields));
        if (done.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in of {taxCode} failed: {(int)done.StatusCode}");
        }
    }

    private static (string Action, Dictionary<string, string> Fields) FormContaining(string html, string marker)
    {
        foreach (Match form in FormPattern().Matches(html))
        {
            if (!form.Value.Contains(marker, StringComparison.Ordinal))
            {
                continue;
            }

            var fields = new Dictionary<string, string>();
            foreach (Match input in InputPattern().Matches(form.Value))
            {
                var name = NameAttribute().Match(input.Value);
                var value = ValueAttribute().Match(input.Value);
                if (name.Success && input.Value.Contains("type=\"hidden\"", StringComparison.Ordinal))
                {
                    fields[WebUtility.HtmlDecode(name.Groups[1].Value)] = WebUtility.HtmlDecode(value.Success ? value.Groups[1].Value : "");
                }
            }

            return (WebUtility.HtmlDecode(form.Groups[1].Value), fields);
        }

        throw new InvalidOperationException($"No form with {marker} in the page.");
    }

    [GeneratedRegex("<a[^>]*href=\"([^\"]+)\"[^>]*data-idp=\"demo\"")]
    private static partial Regex DemoLink();

    [GeneratedRegex("<form[^>]*action=\"([^\"]*)\"[^>]*>.*?</form>", RegexOptions.Singleline)]
    private static partial Regex FormPattern();

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex InputPattern();

    [GeneratedRegex("\\bname=\"([^\"]*)\"")]
    private static partial Regex NameAttribute();

    [GeneratedRegex("\\bvalue=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex GuidPattern();
}
