using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using PenToscana.Modules.Identity.Features.Saml;

namespace PenToscana.Modules.Identity.Areas.Identity.Pages.Spid;

/// <summary>The assertion consumer service. A cross-site POST from the IdP, so no antiforgery token: the outstanding request is the guard.</summary>
[IgnoreAntiforgeryToken]
[EnableRateLimiting("login")]
internal sealed class AcsModel(ConsumeAssertionHandler handler) : PageModel
{
    public SamlFailure? Failure { get; private set; }

    public IActionResult OnGet()
    {
        Failure = new SamlFailure("Questo indirizzo riceve solo le risposte dei gestori dell'identità: per accedere parti dalla pagina «Accedi».", HttpStatus: 405);
        Response.StatusCode = Failure.HttpStatus;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var form = await Request.ReadFormAsync(ct);
        var outcome = await handler.HandleAsync(HttpContext, form["SAMLResponse"].FirstOrDefault(), form["RelayState"].FirstOrDefault(), ct);
        if (outcome.Failure is null)
        {
            return LocalRedirect(outcome.ReturnUrl!);
        }

        Failure = outcome.Failure;
        Response.StatusCode = Failure.HttpStatus;
        return Page();
    }
}
