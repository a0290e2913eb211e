using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PenToscana.Modules.Identity.Features.Oidc;

namespace PenToscana.Modules.Identity.Areas.Identity.Pages;

/// <summary>Shown when a service needs a higher SPID level than the session's: the authorization is refused (403).</summary>
internal sealed class LivelloInsufficienteModel : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Richiesto { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string Servizio { get; set; } = "";

    public IActionResult OnGet()
    {
        if (!SpidLevels.IsValid(Richiesto))
        {
            return NotFound();
        }

        Servizio = Servizio.Length > 200 ? Servizio[..200] : Servizio;
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }
}
