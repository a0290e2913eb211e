using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using PenToscana.Modules.Identity.Features.SignIn;

namespace PenToscana.Modules.Identity.Areas.Identity.Pages;

[EnableRateLimiting("login")]
internal sealed class AccediModel(SignInHandler signIn, IConfiguration configuration) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public bool DemoEnabled => IdentityModule.DemoSignInEnabled(configuration);

    public IReadOnlyList<DemoPersona> Personas => DemoPersonas.All;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostDemoAsync(string? taxCode, CancellationToken ct)
    {
        if (!DemoEnabled)
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(taxCode) || !await signIn.HandleAsync(HttpContext, taxCode, "demo", "SpidL2", ct))
        {
            Error = "Persona di prova sconosciuta: scegline una dall'elenco.";
            return Page();
        }

        return LocalRedirect(SafeReturnUrl(ReturnUrl));
    }

    /// <summary>Only local paths are followed after sign-in: an open redirect would let a phishing link borrow our login.</summary>
    internal static string SafeReturnUrl(string? returnUrl)
        => !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/area-personale";
}
