using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenIddict.Abstractions;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Jobs;
using PenToscana.Kernel.Modules;
using PenToscana.Kernel.Security;
using PenToscana.Kernel.Users;
using PenToscana.Modules.Identity.Data;
using PenToscana.Modules.Identity.Features.DemoIdp;
using PenToscana.Modules.Identity.Features.Oidc;
using PenToscana.Modules.Identity.Features.Saml;
using PenToscana.Modules.Identity.Features.SignIn;

namespace PenToscana.Modules.Identity;

public static class IdentityModule
{
    public const string OperatorPolicy = "operator";
    public const string PlatformAdminPolicy = "platform-admin";

    /// <summary>ARPA: sign-in, sessions, people and the roles bodies grant them.</summary>
    public static WebApplicationBuilder AddIdentity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        if (builder.Environment.IsProduction() && DemoSignInEnabled(builder.Configuration))
        {
            throw new InvalidOperationException(
                "L'accesso dimostrativo (Identity:DemoSignIn=true) non è ammesso in produzione: toglierlo dalla configurazione.");
        }

        services.AddModuleDb<IdentityDb>("identity_");
        services.AddScoped<SignInHandler>();
        services.AddScoped<IDemoSeeder, DemoPeopleSeeder>();
        services.AddHttpClient("saml-metadata", c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<SamlContext>();
        services.AddSingleton<DemoIdpDescriptor>();
        services.AddSingleton<IdpRegistry>();
        services.AddScoped<SamlLog>();
        services.AddScoped<StartSignInHandler>();
        services.AddScoped<ConsumeAssertionHandler>();
        services.AddScoped<SingleLogoutHandler>();
        services.AddScheduledJob<SamlRetentionJob>("identity-saml-retention");
        services.AddOidcProvider(builder.Configuration, builder.Environment);
        services.AddAuthentication(OidcProvider.PlatformScheme)
            .AddPolicyScheme(OidcProvider.PlatformScheme, "Sessione o token", o => o.ForwardDefaultSelector = OidcProvider.SelectScheme)
            .AddCookie(o =>
            {
                o.Cookie.Name = "pentoscana.session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = "/accedi";
                o.LogoutPath = "/esci";
                o.AccessDeniedPath = "/accesso-negato";
                o.ExpireTimeSpan = TimeSpan.FromMinutes(30);
                o.SlidingExpiration = true;
                o.Events.OnRedirectToLogin = ctx => ApiAwareRedirect(ctx, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = ctx => ApiAwareRedirect(ctx, StatusCodes.Status403Forbidden);
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(OperatorPolicy, p => p.RequireAuthenticatedUser().RequireAssertion(IsOperatorOrScopedClient))
            .AddPolicy(PlatformAdminPolicy, p => p.RequireAuthenticatedUser().RequireAssertion(ctx =>
                ctx.User.FindAll(PlatformClaims.BodyRole).Any(c => PlatformClaims.Parse(c.Value)?.Role == PlatformRoles.PlatformAdmin)));
        RepresentationRegistration.AddRepresentation(builder);
        return builder;
    }

    /// <summary>The demo persona sign-in: on in the embedded mode, refused in production.</summary>
    public static bool DemoSignInEnabled(Microsoft.Extensions.Configuration.IConfiguration configuration)
        => string.Equals(configuration["Identity:DemoSignIn"], "true", StringComparison.OrdinalIgnoreCase);

    public static WebApplication MapIdentity(this WebApplication app)
    {
        OidcEndpoints.Map(app);
        app.MapSaml();
        RepresentationRegistration.UseRepresentation(app);
        return app;
    }

    /// <summary>
    /// An operator (a person with a role in some body) or, on the API only, a body's client whose token carries the scope
    /// registered for the requested path (e.g. <c>api.backoffice</c> for <c>/api/v1/backoffice</c>).
    /// </summary>
    private static bool IsOperatorOrScopedClient(AuthorizationHandlerContext ctx)
    {
        if (ctx.User.HasClaim(c => c.Type == PlatformClaims.BodyRole))
        {
            return true;
        }

        // Only a client-credentials access token carries the body claim (see OidcEndpoints); sessions never do.
        if (ctx.Resource is not HttpContext http || !ctx.User.HasClaim(c => c.Type == ApiClientClaims.Body))
        {
            return false;
        }

        var scope = http.RequestServices.GetRequiredService<ApiScopeRegistry>().ForPath(http.Request.Path);
        return scope is not null && ctx.User.HasScope(scope.Name);
    }

    private static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
