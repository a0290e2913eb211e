using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PenToscana.Kernel.Users;
using PenToscana.Modules.Identity.Features.Representation;

namespace PenToscana.Modules.Identity.Areas.Identity.Pages.AreaPersonale;

/// <summary>"Per chi agisci": oneself, a company one legally represents, or a person who delegated.</summary>
[Authorize]
internal sealed class RappresentanzaModel(ActingOptions options, ActAsHandler actAs, ICurrentUser user) : PageModel
{
    public IReadOnlyList<ActingOption> Options { get; private set; } = [];

    public string? Current => user.OnBehalfOf;

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Options = await options.ForAsync(user.TaxCode!, ct);

    public async Task<IActionResult> OnPostAsync(string? representedId, CancellationToken ct)
    {
        if (!await actAs.HandleAsync(HttpContext, representedId, ct))
        {
            Options = await options.ForAsync(user.TaxCode!, ct);
            Error = "Non puoi agire per questo soggetto: la delega è scaduta o revocata, oppure la qualifica non è più valida.";
            Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        TempData["Success"] = string.IsNullOrEmpty(representedId) ? "Ora agisci per te stesso." : "Ora agisci per conto del soggetto scelto.";
        return LocalRedirect("/area-personale/rappresentanza");
    }
}
