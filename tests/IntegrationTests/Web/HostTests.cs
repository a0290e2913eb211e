using System.Net;
using System.Text.Json;
using PenToscana.IntegrationTests.Infrastructure;

namespace PenToscana.IntegrationTests.Web;

public sealed class HostTests(PlatformFactory platform) : IClassFixture<PlatformFactory>
{
    [Fact]
    public async Task Liveness_and_readiness_answer_healthy_when_the_database_is_up()
    {
        var client = platform.CreateClient();
        (await client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var ready = await client.GetAsync("/health/ready");
        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ready.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }

    [Fact]
    public async Task The_openapi_document_describes_the_public_and_back_office_apis()
    {
        var json = await platform.CreateClient().GetStringAsync("/openapi/v1.json");
        using var doc = JsonDocument.Parse(json);
        doc.RootElement.GetProperty("info").GetProperty("title").GetString().ShouldBe("PenToscana API");
        var paths = doc.RootElement.GetProperty("paths");
        paths.TryGetProperty("/api/v1/enti", out _).ShouldBeTrue();
        paths.TryGetProperty("/api/v1/enti/{ipa}", out _).ShouldBeTrue();
        paths.TryGetProperty("/api/v1/backoffice/offices/{id}", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task The_browsable_api_reference_is_served_at_api_docs()
    {
        var client = platform.CreateClient();
        var response = await client.GetAsync("/api-docs");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("\"url\":\"openapi/v1.json\"");
    }

    [Fact]
    public async Task The_public_map_gets_the_configured_tile_server_and_the_policy_lets_its_images_in_and_nothing_else()
    {
        var response = await platform.CreateClient().GetAsync("/enti/c_d612/segnalazioni/mappa");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("data-tiles=\"https://tile.openstreetmap.org/{z}/{x}/{y}.png\"");
        html.ShouldContain("data-tiles-attribution-url=\"https://www.openstreetmap.org/copyright\"");
        html.ShouldContain("js/map-tiles.js");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldContain("img-src 'self' data: blob: https://tile.openstreetmap.org;");
        csp.ShouldContain("connect-src 'self';");
        csp.ShouldContain("script-src 'self';");
    }

    [Fact]
    public async Task Every_page_carries_the_security_headers()
    {
        var response = await platform.CreateClient().GetAsync("/");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldContain("default-src 'self'");
        csp.ShouldContain("frame-ancestors 'none'");
        csp.ShouldNotContain("script-src 'self' 'unsafe-inline'");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("strict-origin-when-cross-origin");
        response.Headers.Contains("Server").ShouldBeFalse();
    }

    [Fact]
    public async Task The_home_page_lists_the_demo_bodies_in_italian()
    {
        var html = await platform.CreateClient().GetStringAsync("/");
        html.ShouldContain("<html lang=\"it\">");
        html.ShouldContain("Regione Toscana");
        html.ShouldContain("Comune di Firenze");
        html.ShouldContain("Comune di Prato");
        html.ShouldContain("Azienda USL Toscana Centro");
        html.ShouldContain("/lib/bootstrap-italia/css/bootstrap-italia.min.css");
    }

    [Fact]
    public async Task A_body_page_shows_its_offices_and_an_unknown_body_is_not_found()
    {
        var client = platform.CreateClient();
        var html = await client.GetStringAsync("/enti/c_d612");
        html.ShouldContain("Comune di Firenze");
        html.ShouldContain("Sportello Unico Attività Produttive");
        var missing = await client.GetAsync("/enti/non_esiste");
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await missing.Content.ReadAsStringAsync()).ShouldContain("Pagina non trovata");
    }

    [Fact]
    public async Task Api_errors_are_problem_details_not_html()
    {
        var response = await platform.CreateClient().GetAsync("/api/v1/enti/non_esiste");
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var anonymous = await platform.CreateClient().GetAsync("/api/v1/backoffice/offices");
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_rejected()
    {
        var client = await platform.SignedInClientAsync(Personas.PlatformAdmin);
        var response = await client.PostAsync("/admin/enti/nuovo", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["IpaCode"] = "c_test",
            ["TaxCode"] = "01234567897",
            ["Ente.Name"] = "Comune di Prova",
            ["AooCode"] = "AOO",
            ["AooName"] = "AOO",
        }));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_request_body_over_the_limit_is_refused()
    {
        await using var small = platform.WithWebHostBuilder(b => b.UseSetting("Limits:MaxRequestBodyBytes", "1024"));
        var client = small.CreateClient();
        var response = await client.PostAsync("/spid/acs", new ByteArrayContent(new byte[64 * 1024]) { Headers = { ContentType = new("application/x-www-form-urlencoded") } });
        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Sign_in_attempts_beyond_the_limit_get_429()
    {
        await using var strict = platform.WithWebHostBuilder(b => b.UseSetting("RateLimits:LoginPerMinute", "3"));
        var client = strict.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (int i = 0; i < 5; i++)
        {
            statuses.Add((await client.GetAsync("/accedi")).StatusCode);
        }

        statuses.Take(3).ShouldAllBe(s => s == HttpStatusCode.OK);
        statuses.Last().ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task A_sign_in_never_redirects_to_another_site()
    {
        var client = platform.CreateBrowserLikeClient();
        var response = await SamlSignIn.SignInAsync(client, Personas.CitizenMario, returnUrl: "//evil.example.com/phish");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/area-personale");
    }
}
