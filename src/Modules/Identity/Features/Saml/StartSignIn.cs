using Microsoft.AspNetCore.Http;
using PenToscana.Modules.Identity.Data;

namespace PenToscana.Modules.Identity.Features.Saml;

/// <summary>Sends the citizen to the chosen IdP with a signed AuthnRequest at the level the service needs; the request is remembered server-side.</summary>
internal sealed class StartSignInHandler(IdentityDb db, SamlContext saml, IdpRegistry registry, SamlLog log, TimeProvider time)
{
    public async Task<IResult> HandleAsync(HttpContext http, string? idp, int? level, string? binding, string? returnUrl, CancellationToken ct)
    {
        await registry.EnsureLoadedAsync(ct);
        var sp = saml.Settings(http);
        var provider = registry.Find(idp, sp.BaseUrl);
        if (provider is null)
        {
            return Results.Content(SamlPages.Message("Gestore dell'identità sconosciuto", "Il gestore dell'identità scelto non è tra quelli riconosciuti dalla piattaforma: torna alla pagina di accesso e scegline uno dall'elenco."), "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        }

        var spidLevel = level is >= 1 and <= 3 ? (SpidLevel)level.Value : sp.DefaultLevel;
        bool post = string.Equals(binding, "post", StringComparison.OrdinalIgnoreCase) && provider.SsoPost is not null || provider.SsoRedirect is null;
        var destination = (post ? provider.SsoPost : provider.SsoRedirect)!;
        var now = time.GetUtcNow();
        var request = new SamlRequest
        {
            Id = SamlXml.NewId(),
            RelayState = SamlXml.NewId()[1..],
            IdpEntityId = provider.EntityId,
            Level = (int)spidLevel,
            Comparison = "minimum",
            IssueInstant = now,
            ExpiresAt = now + sp.RequestLifetime,
            ReturnUrl = SafeReturnUrl(returnUrl),
        };
        var message = SamlMessages.AuthnRequest(sp, provider, request.Id, now, spidLevel, destination);
        if (post)
        {
            message.Signed(saml.Certificate);
        }

        db.SamlRequests.Add(request);
        log.Add("AuthnRequest", message.OuterXml, post ? "inviata (HTTP-POST)" : "inviata (HTTP-Redirect)", provider.EntityId);
        await db.SaveChangesAsync(ct);
        return post
            ? Results.Content(SamlMessages.PostForm(destination, "SAMLRequest", message, request.RelayState), "text/html; charset=utf-8")
            : Results.Redirect(RedirectBinding.SignedUrl(destination, "SAMLRequest", message.OuterXml, request.RelayState, saml.Certificate));
    }

    /// <summary>Only local paths are followed after sign-in: an open redirect would let a phishing link borrow our login.</summary>
    internal static string SafeReturnUrl(string? returnUrl)
        => !string.IsNullOrEmpty(returnUrl) && returnUrl.Length <= 2000 && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) && !returnUrl.Any(char.IsControl)
            ? returnUrl
            : "/area-personale";
}

/// <summary>Minimal standalone pages for the SAML endpoints that answer outside the site layout.</summary>
internal static class SamlPages
{
    public static string Message(string title, string text)
        => $"<!DOCTYPE html><html lang=\"it\"><head><meta charset=\"utf-8\"><title>{System.Net.WebUtility.HtmlEncode(title)}</title></head><body><main><h1>{System.Net.WebUtility.HtmlEncode(title)}</h1><p>{System.Net.WebUtility.HtmlEncode(text)}</p><p><a href=\"/accedi\">Torna alla pagina di accesso</a></p></main></body></html>";
}
