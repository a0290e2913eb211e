using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using PenToscana.Modules.Payments.Documents;
using PenToscana.Modules.Payments.Domain;
using PenToscana.Modules.Payments.Features.Bodies;

namespace PenToscana.Bench.Payments;

/// <summary>
/// Load driver for the Payments module against a running platform (embedded mode with the demo seed):
/// <list type="bullet">
/// <item><c>soap</c>: paVerifyPaymentNotice + paGetPaymentV2 + paSendRTV2 round-trips per second and latency percentiles, N concurrent callers,
/// on notices created first through the API;</item>
/// <item><c>import</c>: a generated CSV of N rows streamed to the import API, rows/s until the job completes;</item>
/// <item><c>pdf</c>: notice PDFs per second, in process (no server needed);</item>
/// <item><c>seed-area</c>: fills a PostgreSQL database with millions of positions (<see cref="PersonalAreaSeed"/>);</item>
/// <item><c>area</c>: the personal-area "all my positions" page under load (<see cref="PersonalAreaLoad"/>).</item>
/// </list>
/// Usage: <c>dotnet run -c Release --project bench/PenToscana.Bench -- payments soap|import|pdf [baseUrl] [count] [callers]</c>,
/// <c>payments seed-area "connection string" [positions] [debtors]</c>, <c>payments area [baseUrl] [seconds] [callers]</c>
/// </summary>
internal static class PaymentsLoad
{
    private const string Firenze = "01307110484";
    private static readonly XNamespace Env = "http://schemas.xmlsoap.org/soap/envelope/";
    private static readonly XNamespace Paf = "http://pagopa-api.pagopa.gov.it/pa/paForNode.xsd";

    public static async Task<int> RunAsync(string[] args)
    {
        string mode = args.Length > 1 ? args[1] : "soap";
        string baseUrl = args.Length > 2 ? args[2] : "http://localhost:5080";
        int count = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 2000;
        int callers = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 64;
        switch (mode)
        {
            case "pdf":
                Pdf(count);
                return 0;
            case "import":
                await ImportAsync(baseUrl, count);
                return 0;
            case "seed-area":
                // args[2] is the database's connection string here (or BENCH_DB), args[3] the positions, args[4] the distinct debtors.
                return await PersonalAreaSeed.RunAsync(args.Length > 2 ? args[2] : Environment.GetEnvironmentVariable("BENCH_DB")
                    ?? throw new InvalidOperationException("Give the connection string (or BENCH_DB)."),
                    args.Length > 3 ? long.Parse(args[3], CultureInfo.InvariantCulture) : 5_000_000,
                    args.Length > 4 ? long.Parse(args[4], CultureInfo.InvariantCulture) : 1_000_000);
            case "area":
                // args[3] is the duration in seconds here, args[4] the concurrent callers.
                return await PersonalAreaLoad.RunAsync(baseUrl, args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 60, args.Length > 4 ? callers : 16);
            default:
                await SoapAsync(baseUrl, count, callers);
                return 0;
        }
    }

    private static async Task<HttpClient> ApiAsync(string baseUrl)
    {
        var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(30) };
        var token = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "demo-c_d612", ["client_secret"] = "demo-secret", ["scope"] = "api.payments",
        }));
        token.EnsureSuccessStatusCode();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString());
        return http;
    }

    private static async Task SoapAsync(string baseUrl, int count, int callers)
    {
        using var api = await ApiAsync(baseUrl);
        var due = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var notices = new System.Collections.Concurrent.ConcurrentQueue<(string Notice, string Amount)>();
        var created = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            var res = await api.PostAsJsonAsync("/api/payments/c_d612/debt-positions", new
            {
                debtor = new { taxCode = "RSSMRA80A01D612Y", name = "Mario Rossi" },
                description = $"Bench {i}",
                amountCents = 1000 + i,
                dueDate = due,
            }, ct);
            res.EnsureSuccessStatusCode();
            var n = (await res.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("notices")[0];
            notices.Enqueue((n.GetProperty("noticeNumber").GetString()!, PaymentCodes.SoapAmount(n.GetProperty("amountCents").GetInt64())));
        });
        Console.WriteLine($"created {count} positions through the API in {created.Elapsed.TotalSeconds:F1} s ({count / created.Elapsed.TotalSeconds:F0}/s, 16 callers)");

        using var soap = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = callers }) { BaseAddress = new Uri(baseUrl) };
        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        int errors = 0;
        var sw = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, callers), new ParallelOptions { MaxDegreeOfParallelism = callers }, async (_, ct) =>
        {
            while (notices.TryDequeue(out var item))
            {
                foreach (var (action, payload) in Primitives(item.Notice, item.Amount))
                {
                    var t = Stopwatch.GetTimestamp();
                    using var content = new StringContent(payload, Encoding.UTF8, "text/xml");
                    content.Headers.Add("SOAPAction", action);
                    using var res = await soap.PostAsync("/pagopa/paForNode", content, ct);
                    var body = await res.Content.ReadAsStringAsync(ct);
                    latencies.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                    if (!body.Contains("<outcome>OK</outcome>", StringComparison.Ordinal))
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
            }
        });
        sw.Stop();
        var sorted = latencies.Order().ToArray();
        double P(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        Console.WriteLine($"{count} payments x 3 primitives = {sorted.Length} SOAP calls with {callers} callers in {sw.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"  {sorted.Length / sw.Elapsed.TotalSeconds:F0} calls/s, {count / sw.Elapsed.TotalSeconds:F0} payments/s (verify+activate+receipt)");
        Console.WriteLine($"  latency per call ms: p50 {P(0.50):F1}  p95 {P(0.95):F1}  p99 {P(0.99):F1}  max {sorted[^1]:F1}; KO answers: {errors}");
    }

    private static IEnumerable<(string Action, string Envelope)> Primitives(string notice, string amount)
    {
        XElement Header(string name, params object[] content) => new(Paf + name,
            new XElement("idPA", Firenze), new XElement("idBrokerPA", "01386030488"), new XElement("idStation", "01386030488_01"), content);
        XElement Qr() => new("qrCode", new XElement("fiscalCode", Firenze), new XElement("noticeNumber", notice));
        string Wrap(XElement e) => new XElement(Env + "Envelope", new XAttribute(XNamespace.Xmlns + "soapenv", Env.NamespaceName), new XElement(Env + "Body", e)).ToString(SaveOptions.DisableFormatting);
        yield return ("paVerifyPaymentNotice", Wrap(Header("paVerifyPaymentNoticeReq", Qr())));
        yield return ("paGetPaymentV2", Wrap(Header("paGetPaymentV2Request", Qr(), new XElement("amount", amount))));
        yield return ("paSendRTV2", Wrap(Header("paSendRTV2Request", new XElement("receipt",
            new XElement("receiptId", Guid.NewGuid().ToString("N")),
            new XElement("noticeNumber", notice),
            new XElement("fiscalCode", Firenze),
            new XElement("outcome", "OK"),
            new XElement("creditorReferenceId", notice[1..]),
            new XElement("paymentAmount", amount),
            new XElement("description", "Bench"),
            new XElement("companyName", "Comune di Firenze"),
            new XElement("debtor", new XElement("uniqueIdentifier", new XElement("entityUniqueIdentifierType", "F"), new XElement("entityUniqueIdentifierValue", "RSSMRA80A01D612Y")), new XElement("fullName", "Mario Rossi")),
            new XElement("transferList", new XElement("transfer", new XElement("idTransfer", "1"), new XElement("transferAmount", amount), new XElement("fiscalCodePA", Firenze),
                new XElement("IBAN", "IT60X0542811101000000123456"), new XElement("remittanceInformation", "Bench"), new XElement("transferCategory", "9/0101101IM/"))),
            new XElement("idPSP", "BENCHPSP"),
            new XElement("PSPCompanyName", "Bench PSP"),
            new XElement("idChannel", "BENCHPSP_01"),
            new XElement("channelDescription", "bench"),
            new XElement("paymentDateTime", DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture))))));
    }

    private static async Task ImportAsync(string baseUrl, int rows)
    {
        using var api = await ApiAsync(baseUrl);
        var due = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(60)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string run = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
        var csv = new StreamContent(new GeneratedCsv(rows, run, due));
        csv.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var sw = Stopwatch.StartNew();
        var started = await api.PostAsync("/api/payments/c_d612/import-jobs?fileName=bench.csv", csv);
        started.EnsureSuccessStatusCode();
        var location = started.Headers.Location!.ToString();
        Console.WriteLine($"uploaded {rows} rows in {sw.Elapsed.TotalSeconds:F1} s");
        JsonElement job;
        do
        {
            await Task.Delay(1000);
            job = await api.GetFromJsonAsync<JsonElement>(location);
        }
        while (job.GetProperty("status").GetString() is "QUEUED" or "RUNNING");
        sw.Stop();
        long imported = job.GetProperty("rowsImported").GetInt64();
        Console.WriteLine($"import {job.GetProperty("status").GetString()}: {imported} imported, {job.GetProperty("rowsRejected").GetInt64()} rejected in {sw.Elapsed.TotalSeconds:F1} s = {imported / sw.Elapsed.TotalSeconds:F0} rows/s");
    }

    private static void Pdf(int count)
    {
        var body = new Body(Guid.NewGuid(), "c_d612", Firenze, "Comune di Firenze");
        var settings = new BodyPaymentSettings { Code = "02", Iban = "IT60X0542811101000000123456", PostalAccount = "000087654321", Cbill = "FI123", OfficeName = "Tributi" };
        var position = new DebtPosition { Iupd = "B", DebtorTaxCode = "RSSMRA80A01D612Y", DebtorName = "Mario Rossi", ServiceCode = "TARI", Description = "TARI 2026" };
        var single = new PaymentOption { Description = "Unica", Ordinal = 1 };
        single.Instalments.Add(new Instalment { Iuv = "0", NoticeNumber = NoticeNumber.Create('3', "02", 1).Value, AmountCents = 31200, DueDate = new DateOnly(2026, 12, 31), Description = "TARI 2026", Ordinal = 1 });
        position.Options.Add(single);
        NoticeDocuments.Notice(body, settings, position); // warm-up (fonts)
        var sw = Stopwatch.StartNew();
        long bytes = 0;
        for (int i = 0; i < count; i++)
        {
            bytes += NoticeDocuments.Notice(body, settings, position).Length;
        }

        Console.WriteLine($"{count} notice PDFs (QR + Poste Data Matrix) in {sw.Elapsed.TotalSeconds:F1} s = {count / sw.Elapsed.TotalSeconds:F0} PDFs/s on one thread, {bytes / count / 1024} KiB each");
    }

    /// <summary>A CSV produced while it is read, so a million rows never sit in memory.</summary>
    private sealed class GeneratedCsv(int rows, string run, string due) : Stream
    {
        private int row = -1;
        private byte[] pending = [];
        private int offset;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int off, int count)
        {
            int written = 0;
            while (written < count)
            {
                if (offset == pending.Length)
                {
                    if (row >= rows)
                    {
                        break;
                    }

                    pending = Encoding.UTF8.GetBytes(row < 0
                        ? "iupd,debtor_tax_code,debtor_name,description,amount_cents,due_date,service_code\n"
                        : $"BENCH-{run}-{row},RSSMRA80A01D612Y,Mario Rossi,Canone {row},{1000 + (row % 5000)},{due},TARI\n");
                    offset = 0;
                    row++;
                }

                int n = Math.Min(count - written, pending.Length - offset);
                Array.Copy(pending, offset, buffer, off + written, n);
                offset += n;
                written += n;
            }

            return written;
        }

        public override void Flush()
        {
        }

        public override long Seek(long o, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int o, int count) => throw new NotSupportedException();
    }
}
