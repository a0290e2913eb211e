using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace PenToscana.IntegrationTests.Identity.Oidc;

/// <summary>
/// A body's web service as an integrator would write it: ASP.NET Core's OpenIdConnect handler in its own host
/// (TestServer at https://client.test), talking to the platform over the platform's TestServer handler.
/// </summary>
internal sealed class OidcTestClient : IAsyncDisposable
{
    public const string BaseUrl = "https://client.test";
    public const string RedirectUri = BaseUrl + "/signin-oidc";

    private readonly WebApplication app;

    private OidcTestClient(WebApplication app, HttpClient http)
    {
        this.app = app;
        Http = http;
    }

    /// <summary>The user agent on the service side: keeps the service's cookies (correlation, nonce, session).</summary>
    public HttpClient Http { get; }

    public static async Task<OidcTestClient> StartAsync(HttpMessageHandler platformHandler, string clientId, string clientSecret)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie()
            .AddOpenIdConnect(o =>
            {
                o.Authority = "http://localhost/";
                o.RequireHttpsMetadata = false;
                o.BackchannelHttpHandler = platformHandler;
                o.ClientId = clientId;
                o.ClientSecret = clientSecret;
                o.ResponseType = OpenIdConnectResponseType.Code;
                o.ResponseMode = OpenIdConnectResponseMode.Query;
                o.UsePkce = true;
                o.MapInboundClaims = false;
                o.GetClaimsFromUserInfoEndpoint = true;
                o.Scope.Add("profile");
                o.Scope.Add("email");
                o.Scope.Add("fiscal_number");
                o.ClaimActions.Remove("acr");
                o.ClaimActions.MapUniqueJsonKey("fiscal_number", "fiscal_number");
            });
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/protected", (HttpContext http) => http.User.Claims.GroupBy(c => c.Type).ToDictionary(g => g.Key, g => g.First().Value))
            .RequireAuthorization();
        await app.StartAsync();
        var server = app.GetTestServer();
        server.BaseAddress = new Uri(BaseUrl + "/");
        var http = new HttpClient(new CookieContainerHandler { InnerHandler = server.CreateHandler() }) { BaseAddress = server.BaseAddress };
        return new OidcTestClient(app, http);
    }

    /// <summary>
    /// Runs the whole authorization-code + PKCE round trip: service → platform /connect/authorize (with the platform
    /// session of <paramref name="platformBrowser"/>) → back to the service, which redeems the code and reads userinfo.
    /// Returns the platform's answer to the authorization request when it is not a redirect back to the service.
    /// </summary>
    public async Task<(HttpResponseMessage Authorization, Dictionary<string, string>? Claims)> SignInAsync(HttpClient platformBrowser)
    {
        var challenge = await Http.GetAsync("/protected");
        challenge.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var authorize = challenge.Headers.Location!;
        authorize.AbsolutePath.ShouldBe("/connect/authorize");
        authorize.Query.ShouldContain("code_challenge_method=S256");

        var authorization = await platformBrowser.GetAsync(authorize.PathAndQuery);
        if (authorization.StatusCode != HttpStatusCode.Redirect || !authorization.Headers.Location!.ToString().StartsWith(RedirectUri, StringComparison.Ordinal))
        {
            return (authorization, null);
        }

        var callback = await Http.GetAsync(authorization.Headers.Location);
        callback.StatusCode.ShouldBe(HttpStatusCode.Redirect, await callback.Content.ReadAsStringAsync());
        var claims = await Http.GetFromJsonAsync<Dictionary<string, string>>(callback.Headers.Location!.ToString());
        return (authorization, claims);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
