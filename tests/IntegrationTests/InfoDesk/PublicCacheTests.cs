using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using PenToscana.IntegrationTests.Infrastructure;

namespace PenToscana.IntegrationTests.InfoDesk;

/// <summary>
/// The public report lists are answered from the output cache while nothing changes, and a new report evicts its body's
/// entries at once; signed-in people and errors are never served from it. A cached answer carries an <c>Age</c> header.
/// </summary>
public sealed class PublicCacheTests(PlatformFactory platform) : IClassFixture<PlatformFactory>
{
    private const string Map = "/enti/c_d612/segnalazioni/mappa.json?giorni=90";
    private const string Requests = "/open311/v2/requests.json?jurisdiction_id=c_d612&service_code=illuminazione";

    private static async Task<(HttpStatusCode Status, bool FromCache, string Body)> GetAsync(HttpClient http, string url)
    {
        var response = await http.GetAsync(url);
        return (response.StatusCode, response.Headers.Age is not null, await response.Content.ReadAsStringAsync());
    }

    private async Task<string> FileAsync(string description)
    {
        var response = await platform.CreateClient().PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["jurisdiction_id"] = "c_d612",
            ["api_key"] = "demo-open311-key",
            ["service_code"] = "illuminazione",
            ["lat"] = 43.7712.ToString(CultureInfo.InvariantCulture),
            ["long"] = 11.2549.ToString(CultureInfo.InvariantCulture),
            ["description"] = description,
            ["email"] = "cittadina@example.org",
        }));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonNode.Parse(body)!.AsArray()[0]!["service_request_id"]!.GetValue<string>();
    }

    [Fact]
    public async Task The_public_lists_are_served_from_the_cache_until_a_new_report_of_the_body_evicts_them()
    {
        using var anonymous = platform.CreateClient();
        foreach (var url in new[] { Map, Requests })
        {
            var first = await GetAsync(anonymous, url);
            first.Status.ShouldBe(HttpStatusCode.OK);
            var again = await GetAsync(anonymous, url);
            again.FromCache.ShouldBeTrue(url);
            again.Body.ShouldBe(first.Body);
        }

        var id = await FileAsync("Lampione spento in piazza, segnalato mentre la mappa era in cache");

        var map = await GetAsync(anonymous, Map);
        map.FromCache.ShouldBeFalse("a new report of the body evicts its map");
        map.Body.ShouldContain(id);
        var list = await GetAsync(anonymous, Requests);
        list.FromCache.ShouldBeFalse("a new report of the body evicts its Open311 lists");
        list.Body.ShouldContain(id);

        // Another body's lists were not touched by it.
        var prato = "/open311/v2/requests.json?jurisdiction_id=c_g999";
        (await GetAsync(anonymous, prato)).Status.ShouldBe(HttpStatusCode.OK);
        await FileAsync("Un altro lampione spento a Firenze");
        (await GetAsync(anonymous, prato)).FromCache.ShouldBeTrue();
    }

    [Fact]
    public async Task A_report_filed_with_Prato_but_routed_to_the_Region_evicts_the_lists_of_both()
    {
        using var anonymous = platform.CreateClient();
        const string prato = "/open311/v2/requests.json?jurisdiction_id=c_g999&service_code=strade";
        const string region = "/open311/v2/requests.json?jurisdiction_id=r_toscan&service_code=strade";
        foreach (var url in new[] { prato, region })
        {
            await GetAsync(anonymous, url);
            (await GetAsync(anonymous, url)).FromCache.ShouldBeTrue(url);
        }

        // On a regional road in Prato: handled by the Region, listed by both (ADR 0022).
        var response = await anonymous.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["jurisdiction_id"] = "c_g999", ["api_key"] = "demo-open311-key", ["service_code"] = "strade",
            ["lat"] = "43.9", ["long"] = "11.1", ["attribute[pericolo]"] = "no", ["description"] = "Buca sulla regionale, lista in cache",
        }));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        var id = JsonNode.Parse(body)!.AsArray()[0]!["service_request_id"]!.GetValue<string>();

        foreach (var url in new[] { prato, region })
        {
            var after = await GetAsync(anonymous, url);
            after.FromCache.ShouldBeFalse(url);
            after.Body.ShouldContain(id);
        }
    }

    [Fact]
    public async Task Errors_and_signed_in_people_are_never_answered_from_the_cache()
    {
        using var anonymous = platform.CreateClient();
        const string unknown = "/open311/v2/requests.json?jurisdiction_id=c_zzzz";
        for (int i = 0; i < 2; i++)
        {
            var answer = await GetAsync(anonymous, unknown);
            answer.Status.ShouldBe(HttpStatusCode.NotFound);
            answer.FromCache.ShouldBeFalse();
        }

        const string badWindow = "/open311/v2/requests.json?jurisdiction_id=c_d612&start_date=2026-01-01T00:00:00Z&end_date=2026-09-01T00:00:00Z";
        for (int i = 0; i < 2; i++)
        {
            (await GetAsync(anonymous, badWindow)).FromCache.ShouldBeFalse();
        }

        // An anonymous answer is in the cache; a signed-in operator asking the same is answered afresh.
        await GetAsync(anonymous, Map + "&stato=aperte");
        (await GetAsync(anonymous, Map + "&stato=aperte")).FromCache.ShouldBeTrue();
        using var operatorClient = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        for (int i = 0; i < 2; i++)
        {
            var answer = await GetAsync(operatorClient, Map + "&stato=aperte");
            answer.Status.ShouldBe(HttpStatusCode.OK);
            answer.FromCache.ShouldBeFalse();
        }
    }

    private static async Task<(string? Encoding, bool FromCache, string Body)> GetEncodedAsync(HttpClient http, string url, string? acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }

        using var response = await http.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var encoding = response.Content.Headers.ContentEncoding.SingleOrDefault();
        await using var raw = await response.Content.ReadAsStreamAsync();
        await using Stream decoded = encoding switch
        {
            "gzip" => new System.IO.Compression.GZipStream(raw, System.IO.Compression.CompressionMode.Decompress),
            "br" => new System.IO.Compression.BrotliStream(raw, System.IO.Compression.CompressionMode.Decompress),
            _ => raw,
        };
        using var reader = new StreamReader(decoded);
        return (encoding, response.Headers.Age is not null, await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task A_client_that_accepts_compression_gets_the_lists_compressed_with_the_same_content_and_each_encoding_is_kept_apart()
    {
        using var anonymous = platform.CreateClient();
        foreach (var url in new[] { Requests + "&status=open", Map + "&stato=chiuse", "/enti/c_d612/segnalazioni/aree.json" })
        {
            var plain = await GetEncodedAsync(anonymous, url, null);
            plain.Encoding.ShouldBeNull(url);
            var gzip = await GetEncodedAsync(anonymous, url, "gzip");
            gzip.Encoding.ShouldBe("gzip", url);
            gzip.Body.ShouldBe(plain.Body);
            var brotli = await GetEncodedAsync(anonymous, url, "br, gzip");
            brotli.Encoding.ShouldBe("br", url);
            brotli.Body.ShouldBe(plain.Body);

            // Each encoding has its own entry: asked again, each comes back from the cache as it was first sent.
            var gzipAgain = await GetEncodedAsync(anonymous, url, "gzip");
            gzipAgain.Encoding.ShouldBe("gzip");
            gzipAgain.FromCache.ShouldBeTrue();
            gzipAgain.Body.ShouldBe(plain.Body);
            var plainAgain = await GetEncodedAsync(anonymous, url, null);
            plainAgain.Encoding.ShouldBeNull();
            plainAgain.FromCache.ShouldBeTrue();
        }

        // Pages and the other APIs are not compressed (they may carry secrets next to what the caller sent).
        (await GetEncodedAsync(anonymous, "/", "gzip")).Encoding.ShouldBeNull();
        (await GetEncodedAsync(anonymous, "/enti/c_d612/segnalazioni/vicine?categoria=illuminazione&lat=43.77&lon=11.25", "gzip")).Encoding.ShouldBeNull();
    }
}
