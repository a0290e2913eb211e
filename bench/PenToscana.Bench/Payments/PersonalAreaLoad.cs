using System.Diagnostics;
using System.Net;

namespace PenToscana.Bench.Payments;

/// <summary>
/// The personal-area "all my positions" page under load: the demo personas sign in through the demo SPID IdP (real signed
/// SAML, one session each), then C concurrent callers request <c>/area-personale/pagamenti</c> in turn with those sessions
/// for D seconds. Reports requests/s and latency percentiles; a non-200 answer or a page without its list is an error.
/// There is no JSON twin of the page: the citizen's positions are served by the page only.
/// </summary>
internal static class PersonalAreaLoad
{
    public const string PagePath = "/area-personale/pagamenti";

    public static async Task<int> RunAsync(string baseUrl, int seconds, int callers)
    {
        var sessions = new List<(string TaxCode, HttpClient Client)>();
        foreach (var (taxCode, _) in PersonalAreaSeed.Personas)
        {
            var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true, MaxConnectionsPerServer = callers })
            {
                BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(2),
            };
            try
            {
                await Applications.ApplicationsRush.SignInAsync(client, taxCode);
                sessions.Add((taxCode, client));
            }
            catch (Exception e) when (e is InvalidOperationException or HttpRequestException)
            {
                Console.WriteLine($"  {taxCode}: not signed in ({e.Message}), left out");
                client.Dispose();
            }
        }

        if (sessions.Count == 0)
        {
            Console.WriteLine("No demo persona could sign in: start the platform with Identity__DemoSignIn=true and the demo seed.");
            return 1;
        }

        // One unmeasured request per session warms the caches and checks the page answers.
        foreach (var (taxCode, client) in sessions)
        {
            using var warm = await client.GetAsync(PagePath);
            var html = await warm.Content.ReadAsStringAsync();
            Console.WriteLine($"  {taxCode}: {(int)warm.StatusCode}, {html.Length / 1024} KiB, {CountOf(html, "name=\"Selected\"")} payable notices on the page");
        }

        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        int errors = 0;
        var until = Stopwatch.GetTimestamp() + (long)(seconds * (double)Stopwatch.Frequency);
        var sw = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, callers), new ParallelOptions { MaxDegreeOfParallelism = callers }, async (caller, ct) =>
        {
            var client = sessions[caller % sessions.Count].Client;
            while (Stopwatch.GetTimestamp() < until)
            {
                var t = Stopwatch.GetTimestamp();
                try
                {
                    using var res = await client.GetAsync(PagePath, ct);
                    var html = await res.Content.ReadAsStringAsync(ct);
                    latencies.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                    if (res.StatusCode != HttpStatusCode.OK || !html.Contains("id=\"pagati\"", StringComparison.Ordinal))
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        });
        sw.Stop();
        var sorted = latencies.Order().ToArray();
        double P(double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
        Console.WriteLine($"{PagePath}: {sorted.Length} requests with {callers} callers over {sessions.Count} sessions in {sw.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"  {sorted.Length / sw.Elapsed.TotalSeconds:F1} requests/s; latency ms: p50 {P(0.50):F1}  p95 {P(0.95):F1}  p99 {P(0.99):F1}  max {(sorted.Length == 0 ? double.NaN : sorted[^1]):F1}; errors: {errors}");
        foreach (var (_, client) in sessions)
        {
            client.Dispose();
        }

        return errors == 0 ? 0 : 1;
    }

    private static int CountOf(string text, string marker)
    {
        int n = 0;
        for (int i = text.IndexOf(marker, StringComparison.Ordinal); i >= 0; i = text.IndexOf(marker, i + marker.Length, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }
}
