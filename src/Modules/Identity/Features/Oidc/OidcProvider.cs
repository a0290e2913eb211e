using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenIddict.Server;
using OpenIddict.Validation.AspNetCore;
using PenToscana.Kernel.Security;
using PenToscana.Modules.Identity.Data;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace PenToscana.Modules.Identity.Features.Oidc;

/// <summary>
/// The OpenID Connect provider for the bodies' services (ARPA's role towards integrated services): discovery,
/// authorization code + PKCE, client credentials, refresh tokens, userinfo, end-session; and the validation of its
/// access tokens on the machine API.
/// </summary>
internal static class OidcProvider
{
    /// <summary>Default authentication scheme: a bearer token on <c>/api</c>, otherwise the platform session cookie.</summary>
    public const string PlatformScheme = "platform";

    public const string AuthorizePath = "/connect/authorize";
    public const string TokenPath = "/connect/token";
    public const string UserInfoPath = "/connect/userinfo";
    public const string EndSessionPath = "/connect/endsession";
    public const string RevocationPath = "/connect/revoke";

    /// <summary>Claim and scope names the provider releases besides the standard ones.</summary>
    public const string FiscalNumberClaim = "fiscal_number";
    public const string FiscalNumberScope = "fiscal_number";

    public static void AddOidcProvider(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddApiScope("api.backoffice", "Back office: uffici e dati degli enti", "/api/v1/backoffice");

        services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<IdentityDb>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris(AuthorizePath)
                    .SetTokenEndpointUris(TokenPath)
                    .SetUserInfoEndpointUris(UserInfoPath)
                    .SetEndSessionEndpointUris(EndSessionPath)
                    .SetRevocationEndpointUris(RevocationPath);
                o.AllowAuthorizationCodeFlow().AllowClientCredentialsFlow().AllowRefreshTokenFlow();
                // PKCE for every code flow, not only public clients: it costs the client nothing and closes code injection.
                o.RequireProofKeyForCodeExchange();
                o.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.OfflineAccess, FiscalNumberScope);
                o.RegisterClaims(Claims.Subject, FiscalNumberClaim, Claims.Name, Claims.GivenName, Claims.FamilyName, Claims.Email,
                    Claims.AuthenticationContextReference, PenToscana.Kernel.Users.PlatformClaims.OnBehalfOf);
                o.SetAccessTokenLifetime(TimeSpan.FromMinutes(30));
                o.SetRefreshTokenLifetime(TimeSpan.FromHours(8));
                var aspNetCore = o.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough();
                if (!environment.IsProduction())
                {
                    // The embedded mode and the tests run on plain http://localhost; production sits behind TLS.
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            })
            .AddValidation(o =>
            {
                o.UseLocalServer();
                o.UseAspNetCore();
                // A disabled or deleted client's tokens are revoked in the store; checking the entry makes that immediate.
                o.EnableTokenEntryValidation();
            });

        services.AddOptions<OpenIddictServerOptions>()
            .Configure<ApiScopeRegistry>((o, registry) =>
            {
                foreach (var scope in registry.All)
                {
                    o.Scopes.Add(scope.Name);
                }
            })
            .Configure(o =>
            {
                OidcKeys.Configure(o, configuration, environment);
                // Behind a proxy the public address may differ from the request's: fix the issuer explicitly.
                if (configuration["Identity:Oidc:Issuer"] is { Length: > 0 } issuer)
                {
                    o.Issuer = new Uri(issuer, UriKind.Absolute);
                }
            });
        services.ConfigureAll<Microsoft.AspNetCore.OpenApi.OpenApiOptions>(o => o.AddDocumentTransformer<OAuthDocumentTransformer>());

        services.AddScoped<OidcEndpoints>();
        services.AddScoped<Features.RegisterClient.ClientRegistrations>();
        services.AddScoped<Kernel.Modules.IDemoSeeder, DemoClientsSeeder>();
        services.AddHostedService<OidcKeysWarmUp>();
        if (environment.IsProduction())
        {
            services.AddHostedService<DemoClientsGuard>();
        }
    }

    /// <summary>Picks the scheme for a request: bearer tokens count only on the API, so a token never opens a back-office page.</summary>
    public static string SelectScheme(HttpContext context)
        => context.Request.Path.StartsWithSegments("/api")
           && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme
            : CookieAuthenticationDefaults.AuthenticationScheme;
}
