using System.Security.Claims;
using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using PenToscana.Modules.Identity.Data;

namespace PenToscana.Modules.Identity.Features.Saml;

/// <summary>
/// SPID Single Logout (single-logout.rst), both directions. Only SpidL1 opens an IdP session, so the SP-initiated
/// LogoutRequest is sent for L1 sessions only; an IdP-initiated LogoutRequest is always answered, even without a local session.
/// </summary>
internal sealed class SingleLogoutHandler(IdentityDb db, SamlContext saml, IdpRegistry registry, SamlLog log, TimeProvider time)
{
    /// <summary>Ends the local session; returns the IdP address to continue the logout at, or null when the IdP has nothing to close.</summary>
    public async Task<string?> StartAsync(HttpContext http, ClaimsPrincipal user, CancellationToken ct)
    {
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        var idpId = user.FindFirstValue(ConsumeAssertionHandler.IdpClaim);
        var nameId = user.FindFirstValue(ConsumeAssertionHandler.NameIdClaim);
        var qualifier = user.FindFirstValue(ConsumeAssertionHandler.NameQualifierClaim);
        if (idpId is null || nameId is null || qualifier is null || user.FindFirstValue(Kernel.Users.PlatformClaims.SpidLevel) != SpidLevel.L1.ClaimValue())
        {
            return null;
        }

        await registry.EnsureLoadedAsync(ct);
        var sp = saml.Settings(http);
        var idp = registry.Find(idpId, sp.BaseUrl);
        if (idp?.SloRedirect is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var id = SamlXml.NewId();
        var message = SamlMessages.LogoutRequest(sp, id, now, idp.SloRedirect, nameId, qualifier, user.FindFirstValue(ConsumeAssertionHandler.SessionIndexClaim));
        var relay = SamlXml.NewId()[1..];
        db.SamlRequests.Add(new SamlRequest { Id = id, RelayState = relay, IdpEntityId = idp.EntityId, Level = 1, Comparison = "logout", IssueInstant = now, ExpiresAt = now + sp.RequestLifetime, ReturnUrl = "/" });
        log.Add("LogoutRequest", message.OuterXml, "inviata (HTTP-Redirect)", idp.EntityId);
        await db.SaveChangesAsync(ct);
        return RedirectBinding.SignedUrl(idp.SloRedirect, "SAMLRequest", message.OuterXml, relay, saml.Certificate);
    }

    /// <summary>/spid/slo: a LogoutRequest from an IdP (answered with a LogoutResponse) or the LogoutResponse to our request.</summary>
    public async Task<IResult> ReceiveAsync(HttpContext http, CancellationToken ct)
    {
        await registry.EnsureLoadedAsync(ct);
        var sp = saml.Settings(http);
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(ct) : null;
        bool isRequest = form is not null ? form.ContainsKey("SAMLRequest") : http.Request.Query.ContainsKey("SAMLRequest");
        var parameter = isRequest ? "SAMLRequest" : "SAMLResponse";
        XmlElement root;
        string xml;
        string? relayState;
        bool? redirectSignatureValid = null;
        IReadOnlyList<IdentityProvider> all = registry.All(sp.BaseUrl);
        try
        {
            if (form is not null)
            {
                xml = Encoding.UTF8.GetString(Convert.FromBase64String(form[parameter].ToString()));
                relayState = form["RelayState"].FirstOrDefault();
            }
            else
            {
                // The signature is checked below against the issuer's certificates only.
                var received = RedirectBinding.Read(http.Request.QueryString.Value ?? "", parameter, []);
                if (received is null)
                {
                    return Refuse("Messaggio di disconnessione assente.");
                }

                xml = received.Xml;
                relayState = received.RelayState;
                redirectSignatureValid = false;
            }

            root = SamlXml.Load(xml).DocumentElement!;
        }
        catch (Exception e) when (e is FormatException or XmlException or InvalidDataException)
        {
            return Refuse("Messaggio di disconnessione non valido.");
        }

        var issuer = root.Child(SamlNames.Assertion, "Issuer")?.InnerText.Trim();
        var idp = all.FirstOrDefault(p => p.EntityId == issuer);
        if (idp is null || root.NamespaceURI != SamlNames.Protocol || root.LocalName != (isRequest ? "LogoutRequest" : "LogoutResponse") || root.Attr("Destination") != sp.SloUrl)
        {
            log.Add(isRequest ? "LogoutRequest" : "LogoutResponse", xml, "rifiutata: emittente o destinazione errati", issuer);
            await log.SaveAsync(ct);
            return Refuse("Messaggio di disconnessione non riconosciuto.");
        }

        if (redirectSignatureValid is not null)
        {
            redirectSignatureValid = RedirectBinding.Read(http.Request.QueryString.Value ?? "", parameter, idp.Certificates)?.SignatureValid == true;
        }

        if (redirectSignatureValid == false || (redirectSignatureValid is null && !SamlXml.Verify(root, idp.Certificates)))
        {
            log.Add(isRequest ? "LogoutRequest" : "LogoutResponse", xml, "rifiutata: firma non valida", idp.EntityId);
            await log.SaveAsync(ct);
            return Refuse("La firma del messaggio di disconnessione non è valida.");
        }

        if (isRequest)
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            var destination = idp.SloRedirect ?? idp.SloPost;
            if (destination is null)
            {
                return Results.Content(SamlPages.Message("Disconnessione completata", "Sei uscito dalla piattaforma."), "text/html; charset=utf-8");
            }

            var response = SamlMessages.LogoutResponse(sp, SamlXml.NewId(), time.GetUtcNow(), destination, root.GetAttribute("ID"), success: true);
            log.Add("LogoutRequest", xml, "accettata", idp.EntityId);
            log.Add("LogoutResponse", response.OuterXml, "inviata", idp.EntityId);
            await log.SaveAsync(ct);
            return idp.SloRedirect is not null
                ? Results.Redirect(RedirectBinding.SignedUrl(idp.SloRedirect, "SAMLResponse", response.OuterXml, relayState, saml.Certificate))
                : Results.Content(SamlMessages.PostForm(destination, "SAMLResponse", response.Signed(saml.Certificate), relayState), "text/html; charset=utf-8");
        }

        var inResponseTo = root.Attr("InResponseTo");
        var now = time.GetUtcNow();
        var consumed = inResponseTo is null ? 0 : await db.SamlRequests
            .Where(r => r.Id == inResponseTo && r.Comparison == "logout" && r.IdpEntityId == idp.EntityId && r.ConsumedAt == null && r.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ConsumedAt, now), ct);
        var status = root.Child(SamlNames.Protocol, "Status")?.Child(SamlNames.Protocol, "StatusCode")?.GetAttribute("Value");
        log.Add("LogoutResponse", xml, consumed == 1 ? (status == SamlNames.Success ? "accettata" : "accettata: disconnessione parziale") : "rifiutata: nessuna richiesta corrispondente", idp.EntityId);
        await log.SaveAsync(ct);
        if (consumed == 0)
        {
            return Refuse("La risposta di disconnessione non corrisponde ad alcuna richiesta.");
        }

        return Results.Redirect(status == SamlNames.Success ? "/?uscito=1" : "/?uscito=parziale");
    }

    private static IResult Refuse(string text)
        => Results.Content(SamlPages.Message("Disconnessione non riuscita", text), "text/html; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
}
