using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PenToscana.Modules.Identity.Features.DemoIdp;
using PenToscana.Modules.Identity.Features.Saml;
using PenToscana.Modules.Identity.Features.SignIn;

namespace PenToscana.Modules.Identity.Areas.Identity.Pages.DemoIdp;

/// <summary>The demo IdP's login page: receives the AuthnRequest (Redirect or POST), offers the personas, answers /spid/acs with a signed response.</summary>
[IgnoreAntiforgeryToken]
internal sealed class IndexModel(DemoIdpDescriptor demo, SamlContext saml, IDataProtectionProvider protection, TimeProvider time) : PageModel
{
    private ITimeLimitedDataProtector Protector => protection.CreateProtector("PenToscana.DemoIdp.Ticket").ToTimeLimitedDataProtector();

    public IReadOnlyList<DemoPersona> Personas => DemoPersonas.All;

    public string? Ticket { get; private set; }

    public int Level { get; private set; }

    public string? Problem { get; private set; }

    public IActionResult OnGet()
    {
        if (!demo.Enabled)
        {
            return NotFound();
        }

        RedirectBinding.Received? received;
        try
        {
            received = RedirectBinding.Read(Request.QueryString.Value ?? "", "SAMLRequest", [saml.Certificate]);
        }
        catch (Exception e) when (e is FormatException or InvalidDataException)
        {
            received = null;
        }

        if (received is null)
        {
            return Refuse("Nessuna richiesta di autenticazione valida: l'accesso parte dalla pagina «Accedi» della piattaforma.");
        }

        return Accept(DemoIdpMessages.ReadAuthnRequest(received.Xml, xmlSignatureRequired: false, received.SignatureValid, saml.Settings(HttpContext), saml.Certificate, received.RelayState));
    }

    public IActionResult OnPost(string? samlRequest, string? relayState)
    {
        if (!demo.Enabled)
        {
            return NotFound();
        }

        string xml;
        try
        {
            xml = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(samlRequest ?? ""));
        }
        catch (FormatException)
        {
            return Refuse("Richiesta di autenticazione non leggibile.");
        }

        return Accept(DemoIdpMessages.ReadAuthnRequest(xml, xmlSignatureRequired: true, redirectSignatureValid: false, saml.Settings(HttpContext), saml.Certificate, relayState));
    }

    public IActionResult OnPostPersona(string? ticket, string? taxCode)
    {
        var read = Read(ticket);
        var persona = DemoPersonas.All.FirstOrDefault(p => p.TaxCode == taxCode);
        if (read is null || persona is null)
        {
            return Refuse("Sessione dell'IdP dimostrativo scaduta o persona sconosciuta: ripeti l'accesso.");
        }

        var baseUrl = saml.Settings(HttpContext).BaseUrl;
        var response = DemoIdpMessages.Response(read, persona, DemoIdpDescriptor.EntityId(baseUrl), time.GetUtcNow(), demo.Certificate);
        return Content(SamlMessages.PostForm(read.AcsUrl, "SAMLResponse", response, read.RelayState), "text/html; charset=utf-8");
    }

    public IActionResult OnPostCancel(string? ticket)
    {
        var read = Read(ticket);
        if (read is null)
        {
            return Refuse("Sessione dell'IdP dimostrativo scaduta: ripeti l'accesso.");
        }

        var baseUrl = saml.Settings(HttpContext).BaseUrl;
        var response = DemoIdpMessages.Anomaly(read, DemoIdpDescriptor.EntityId(baseUrl), time.GetUtcNow(), 25, demo.Certificate);
        return Content(SamlMessages.PostForm(read.AcsUrl, "SAMLResponse", response, read.RelayState), "text/html; charset=utf-8");
    }

    private PageResult Accept((DemoTicket? Ticket, string? Problem) read)
    {
        if (read.Ticket is null)
        {
            return Refuse(read.Problem!);
        }

        Ticket = Protector.Protect(JsonSerializer.Serialize(read.Ticket), TimeSpan.FromMinutes(15));
        Level = read.Ticket.Level;
        return Page();
    }

    private DemoTicket? Read(string? ticket)
    {
        if (!demo.Enabled || string.IsNullOrEmpty(ticket))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<DemoTicket>(Protector.Unprotect(ticket));
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }

    private PageResult Refuse(string problem)
    {
        Problem = problem;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
