using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PenToscana.Modules.Identity.Features.DemoIdp;

namespace PenToscana.Modules.Identity.Features.Saml;

internal static class SamlEndpoints
{
    /// <summary>Browser protocol endpoints, not part of the REST API: kept out of the OpenAPI document.</summary>
    public static void MapSaml(this IEndpointRouteBuilder endpoints)
    {
        var app = endpoints.MapGroup("").ExcludeFromDescription();
        app.MapGet("/spid/metadata", (HttpContext http, SamlContext saml) =>
            Results.Text(SpMetadata.Build(saml.Settings(http), saml.Certificate).OuterXml, "application/samlmetadata+xml", Encoding.UTF8));

        app.MapGet("/spid/accedi", (HttpContext http, StartSignInHandler handler, string? idp, int? livello, string? binding, string? returnUrl, CancellationToken ct)
            => handler.HandleAsync(http, idp, livello, binding, returnUrl, ct)).RequireRateLimiting("login");

        app.MapMethods("/spid/slo", ["GET", "POST"], (HttpContext http, SingleLogoutHandler handler, CancellationToken ct) => handler.ReceiveAsync(http, ct))
            .DisableAntiforgery().RequireRateLimiting("login");

        app.MapGet(SamlMessages.AutoPostScript, () => Results.Text("document.getElementById('saml').submit();", "text/javascript", Encoding.UTF8));

        app.MapGet(DemoIdpDescriptor.Path + "/slo", (HttpContext http, DemoIdpDescriptor demo, SamlContext saml, TimeProvider time) =>
        {
            if (!demo.Enabled)
            {
                return Results.NotFound();
            }

            var sp = saml.Settings(http);
            RedirectBinding.Received? received;
            try
            {
                received = RedirectBinding.Read(http.Request.QueryString.Value ?? "", "SAMLRequest", [saml.Certificate]);
            }
            catch (Exception e) when (e is FormatException or InvalidDataException)
            {
                received = null;
            }

            if (received is null || !received.SignatureValid)
            {
                return Results.Content(SamlPages.Message("Richiesta non valida", "La richiesta di disconnessione non è firmata dal fornitore di servizi."), "text/html; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
            }

            var request = SamlXml.Load(received.Xml).DocumentElement!;
            var response = DemoIdpMessages.LogoutResponse(DemoIdpDescriptor.EntityId(sp.BaseUrl), sp.SloUrl, request.GetAttribute("ID"), time.GetUtcNow());
            return Results.Redirect(RedirectBinding.SignedUrl(sp.SloUrl, "SAMLResponse", response.OuterXml, received.RelayState, demo.Certificate));
        });
    }
}
