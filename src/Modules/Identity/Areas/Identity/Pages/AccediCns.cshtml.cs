using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using PenToscana.Modules.Identity.Features.Cns;

namespace PenToscana.Modules.Identity.Areas.Identity.Pages;

/// <summary>CNS sign-in: the browser presents the card's TLS client certificate (directly or through the proxy's header).</summary>
[EnableRateLimiting("login")]
internal sealed class AccediCnsModel(SignInWithCnsHandler cns, IConfiguration configuration) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public bool Enabled => RepresentationRegistration.CnsEnabled(configuration);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Enabled)
        {
            Error = "L'accesso con Carta Nazionale dei Servizi non è attivo su questa installazione.";
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        Error = await cns.HandleAsync(HttpContext, ct);
        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        return LocalRedirect(AccediModel.SafeReturnUrl(ReturnUrl));
    }
}
