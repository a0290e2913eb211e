using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PenToscana.Modules.Identity.Features.Saml;

namespace PenToscana.Modules.Identity.Areas.Identity.Pages;

internal sealed class EsciModel(SingleLogoutHandler logout) : PageModel
{
    public void OnGet()
    {
    }

    /// <summary>Ends the platform session and, for a SpidL1 session, the IdP's session too (single-logout.rst).</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var idpLogout = await logout.StartAsync(HttpContext, User, ct);
        if (idpLogout is not null)
        {
            return Redirect(idpLogout);
        }

        TempData["Success"] = "Sei uscito dalla piattaforma.";
        return LocalRedirect("/");
    }
}
