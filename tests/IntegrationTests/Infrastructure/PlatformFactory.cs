using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace PenToscana.IntegrationTests.Infrastructure;

/// <summary>
/// The whole platform in process, on a database of its own (SQLite, or PostgreSQL with TEST_DB=postgres),
/// migrated and seeded with the demo bodies exactly as the embedded mode does at start.
/// Use one per test class (IClassFixture) so that each class starts from a fresh database.
/// </summary>
public class PlatformFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    /// <summary>Extra settings a test class needs; applied over the defaults.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async ValueTask InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Prepare(Database);
        _ = Services; // builds the host: migrations and demo seed run now
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = Database.Provider,
            ["Database:ConnectionString"] = Database.ConnectionString,
            ["Database:MigrateOnStart"] = "true",
            ["Demo:Seed"] = "true",
            ["Identity:DemoSignIn"] = "true",
            ["Storage:DataPath"] = Database.Folder,
            ["Blobs:Root"] = Path.Combine(Database.Folder, "blobs"),
            ["Mail:Mode"] = "pickup",
            ["Mail:PickupFolder"] = Path.Combine(Database.Folder, "mail"),
            ["Outbox:PollMilliseconds"] = "100",
            ["RateLimits:LoginPerMinute"] = "10000",
            ["RateLimits:PublicPostPerMinute"] = "10000",
            ["Serilog:MinimumLevel:Default"] = "Warning",

            // The in-memory test server has no request-size feature: every upload endpoint would warn about it.
            ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore.Mvc"] = "Error",
            ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore.Routing"] = "Error",
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Runs before the platform starts on the new database.</summary>
    protected virtual void Prepare(TestDatabase database)
    {
    }

    /// <summary>A client that keeps cookies and does not follow redirects, so tests see each answer.</summary>
    public HttpClient CreateBrowserLikeClient()
        => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Signs in as a demo persona through real signed SAML via the demo IdP (see <see cref="SamlSignIn"/>).</summary>
    public async Task<HttpClient> SignedInClientAsync(string taxCode)
    {
        var client = CreateBrowserLikeClient();
        var response = await SamlSignIn.SignInAsync(client, taxCode);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {taxCode} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return client;
    }

    /// <summary>
    /// A body's machine client as the demo seed documents it (<c>demo-{ipa}</c> / <c>demo-secret</c>): an OIDC client
    /// credentials token for <paramref name="scope"/>, sent as a bearer token; redirects are not followed.
    /// </summary>
    public async Task<HttpClient> ApiClientAsync(string ipa, string scope)
    {
        using var anonymous = CreateClient();
        var response = await anonymous.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "demo-" + ipa,
            ["client_secret"] = "demo-secret",
            ["scope"] = scope,
        }));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        var http = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public T Service<T>()
        where T : notnull
        => Services.GetRequiredService<T>();

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Database is not null)
        {
            await Database.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }
}

public static partial class Antiforgery
{
    public static string TokenFrom(string html)
    {
        var match = TokenPattern().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("No antiforgery token in the page");
    }

    /// <summary>Posts a form the way a browser does: the antiforgery token read from the page the form is on.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string pageUrl, string postUrl, IDictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(pageUrl);
        var all = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = TokenFrom(page) };
        return await client.PostAsync(postUrl, new FormUrlEncodedContent(all));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

/// <summary>Demo personas used by the tests (see the Identity module's demo seed).</summary>
public static class Personas
{
    public const string CitizenMario = "RSSMRA80A01D612Y";
    public const string FirenzeAdmin = "NREANN70D45D612O";
    public const string FirenzeOperator = "BRNMRC82H15D612F";
    public const string PratoAdmin = "GLLPLA78E20G999N";
    public const string PlatformAdmin = "BLUSRA79T60D612U";
}
