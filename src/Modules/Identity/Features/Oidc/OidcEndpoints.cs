using System.Collections.Immutable;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using PenToscana.Kernel.Security;
using PenToscana.Kernel.Users;
using PenToscana.Modules.Identity.Data;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace PenToscana.Modules.Identity.Features.Oidc;

/// <summary>The passthrough endpoints of the provider: OpenIddict validates the protocol, these decide who gets what.</summary>
internal sealed class OidcEndpoints(IdentityDb db)
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapMethods(OidcProvider.AuthorizePath, [HttpMethods.Get, HttpMethods.Post],
            (HttpContext http, OidcEndpoints e, CancellationToken ct) => e.AuthorizeAsync(http, ct)).ExcludeFromDescription().DisableAntiforgery();
        app.MapPost(OidcProvider.TokenPath, (HttpContext http, OidcEndpoints e, CancellationToken ct) => e.TokenAsync(http, ct))
            .ExcludeFromDescription().DisableAntiforgery();
        app.MapMethods(OidcProvider.UserInfoPath, [HttpMethods.Get, HttpMethods.Post], (HttpContext http, CancellationToken _) => UserInfoAsync(http)).ExcludeFromDescription().DisableAntiforgery();
        app.MapMethods(OidcProvider.EndSessionPath, [HttpMethods.Get, HttpMethods.Post], (HttpContext http, CancellationToken _) => EndSessionAsync(http)).ExcludeFromDescription().DisableAntiforgery();
    }

    private async Task<IResult> AuthorizeAsync(HttpContext http, CancellationToken ct)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Richiesta OpenID Connect assente.");
        var client = await ClientAsync(request.ClientId, ct);
        if (client is null || !client.Enabled)
        {
            return Refuse(Errors.InvalidClient, "Il servizio non è abilitato all'accesso con la piattaforma.");
        }

        var session = await http.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        if (!session.Succeeded || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Refuse(Errors.LoginRequired, "È necessario accedere.");
            }

            // Back to this very request after /accedi; prompt=login is dropped so the loop ends.
            var parameters = http.Request.HasFormContentType ? http.Request.Form.ToList() : http.Request.Query.ToList();
            parameters.RemoveAll(p => p.Key == Parameters.Prompt);
            if (request.HasPromptValue(PromptValues.Login))
            {
                await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            }

            return Results.Challenge(new AuthenticationProperties { RedirectUri = http.Request.PathBase + http.Request.Path + QueryString.Create(parameters) },
                [CookieAuthenticationDefaults.AuthenticationScheme]);
        }

        var user = session.Principal!;
        string? taxCode = user.FindFirstValue(PlatformClaims.TaxCode);
        string level = user.FindFirstValue(PlatformClaims.SpidLevel) ?? "";
        if (taxCode is null)
        {
            return Refuse(Errors.AccessDenied, "La sessione non contiene il codice fiscale.");
        }

        if (SpidLevels.Rank(level) < SpidLevels.Rank(client.MinimumSpidLevel))
        {
            // Our choice: an Italian page that explains and offers a new login, rather than a silent error to the service.
            return Results.Redirect("/accedi/livello-insufficiente?richiesto=" + Uri.EscapeDataString(client.MinimumSpidLevel) +
                                    "&servizio=" + Uri.EscapeDataString(client.DisplayName));
        }

        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.TaxCode == taxCode, ct);
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, taxCode)
            .SetClaim(OidcProvider.FiscalNumberClaim, taxCode)
            .SetClaim(Claims.Name, person?.DisplayName ?? user.FindFirstValue(PlatformClaims.Name))
            .SetClaim(Claims.GivenName, person?.GivenName)
            .SetClaim(Claims.FamilyName, person?.FamilyName)
            .SetClaim(Claims.Email, person?.Email ?? user.FindFirstValue(PlatformClaims.Email))
            .SetClaim(Claims.AuthenticationContextReference, SpidLevels.Acr(level))
            .SetClaim(PlatformClaims.OnBehalfOf, user.FindFirstValue(PlatformClaims.OnBehalfOf));
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(PersonClaimDestinations);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private async Task<IResult> TokenAsync(HttpContext http, CancellationToken ct)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Richiesta OpenID Connect assente.");
        var client = await ClientAsync(request.ClientId, ct);
        if (client is null || !client.Enabled)
        {
            return Refuse(Errors.InvalidClient, "Client disabilitato o sconosciuto.");
        }

        if (request.IsClientCredentialsGrantType())
        {
            // A body's machine client: its tokens see that body only (BodyScope), and only the API areas of its scopes.
            var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, client.ClientId)
                .SetClaim(Claims.Name, client.DisplayName)
                .SetClaim(ApiClientClaims.Body, client.EnteId.ToString("D"));
            identity.SetScopes(request.GetScopes());
            identity.SetDestinations(_ => [Destinations.AccessToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            if (result.Principal is not { } principal)
            {
                return Refuse(Errors.InvalidGrant, "Codice o token non più valido.");
            }

            var identity = new ClaimsIdentity(principal.Claims, TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
            identity.SetDestinations(PersonClaimDestinations);
            return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        return Refuse(Errors.UnsupportedGrantType, "Tipo di concessione non supportato.");
    }

    private static async Task<IResult> UserInfoAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (result.Principal is not { } principal || principal.GetClaim(OidcProvider.FiscalNumberClaim) is null)
        {
            return Results.Challenge(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [Claims.Subject] = principal.GetClaim(Claims.Subject)!,
            [OidcProvider.FiscalNumberClaim] = principal.GetClaim(OidcProvider.FiscalNumberClaim)!,
        };
        foreach (var type in new[] { Claims.Name, Claims.GivenName, Claims.FamilyName, Claims.Email, Claims.AuthenticationContextReference, PlatformClaims.OnBehalfOf })
        {
            if (principal.GetClaim(type) is { } value && Releases(principal.GetScopes(), type))
            {
                claims[type] = value;
            }
        }

        return Results.Ok(claims);
    }

    private static async Task<IResult> EndSessionAsync(HttpContext http)
    {
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        // OpenIddict redirects to the validated post_logout_redirect_uri, or answers 200 when there is none.
        return Results.SignOut(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private async Task<OidcClient?> ClientAsync(string? clientId, CancellationToken ct)
        => clientId is null ? null : await db.OidcClients.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(c => c.ClientId == clientId, ct);

    private static IResult Refuse(string error, string description)
        => Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    /// <summary>Which scope releases a person claim (the identifying ones always travel: services key users by codice fiscale).</summary>
    private static bool Releases(ImmutableArray<string> scopes, string type) => type switch
    {
        Claims.Name or Claims.GivenName or Claims.FamilyName => scopes.Contains(Scopes.Profile),
        Claims.Email => scopes.Contains(Scopes.Email),
        _ => true,
    };

    private static IEnumerable<string> PersonClaimDestinations(Claim claim)
    {
        if (claim.Type == "AspNet.Identity.SecurityStamp")
        {
            yield break;
        }

        yield return Destinations.AccessToken;
        if (Releases(claim.Subject?.GetScopes() ?? [], claim.Type) && claim.Type is not Claims.Private.Scope)
        {
            yield return Destinations.IdentityToken;
        }
    }
}
