using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Tenancy;
using PenToscana.Modules.Applications.Data;
using PenToscana.Modules.Applications.Features.Catalogue;

namespace PenToscana.Modules.Applications.Areas.Applications.Pages.Servizi;

internal sealed class IndexModel(KernelDb kernel, CatalogueReader catalogue) : PageModel
{
    public Ente Ente { get; private set; } = null!;

    public IReadOnlyList<Service> Services { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string ipa, CancellationToken ct)
    {
        var ente = await kernel.Enti.AsNoTracking().SingleOrDefaultAsync(e => e.IpaCode == ipa, ct);
        if (ente is null)
        {
            return NotFound();
        }

        Ente = ente;
        Services = await catalogue.ListAsync(ente.Id, ct);
        return Page();
    }
}
