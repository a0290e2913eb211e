using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using PenToscana.Modules.Identity.Features.Saml;

namespace PenToscana.Modules.Identity.Areas.Identity.Pages;

/// <summary>The login page: the SPID button with its IdP chooser (the demo IdP among them where enabled) and CIE.</summary>
[EnableRateLimiting("login")]
internal sealed class AccediModel(IdpRegistry registry, SamlContext saml) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IReadOnlyList<IdentityProvider> SpidProviders { get; private set; } = [];

    public IReadOnlyList<IdentityProvider> CieProviders { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await registry.EnsureLoadedAsync(ct);
        var all = registry.All(saml.Settings(HttpContext).BaseUrl);
        SpidProviders = all.Where(p => p.Kind is "spid" or "demo").ToList();
        CieProviders = all.Where(p => p.Kind == "cie").ToList();
    }

    /// <summary>Only local paths are followed after sign-in (see <see cref="StartSignInHandler.SafeReturnUrl"/>).</summary>
    internal static string SafeReturnUrl(string? returnUrl) => StartSignInHandler.SafeReturnUrl(returnUrl);

    public string StartUrl(IdentityProvider idp)
        => $"/spid/accedi?idp={Uri.EscapeDataString(idp.EntityId)}&ReturnUrl={Uri.EscapeDataString(StartSignInHandler.SafeReturnUrl(ReturnUrl))}";
}
