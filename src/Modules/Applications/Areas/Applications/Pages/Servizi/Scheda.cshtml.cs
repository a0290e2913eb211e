using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Tenancy;
using PenToscana.Modules.Applications.Data;
using PenToscana.Modules.Applications.Features.Catalogue;

namespace PenToscana.Modules.Applications.Areas.Applications.Pages.Servizi;

/// <summary>The service card (Modello Comuni C.SI.1.3, D.Lgs 33/2013 art. 35).</summary>
internal sealed class SchedaModel(KernelDb kernel, CatalogueReader catalogue, ApplicationsDb db) : PageModel
{
    public Ente Ente { get; private set; } = null!;

    public Service Service { get; private set; } = null!;

    public double? AverageRating { get; private set; }

    public int Ratings { get; private set; }

    public async Task<IActionResult> OnGetAsync(string ipa, string slug, CancellationToken ct)
    {
        var ente = await kernel.Enti.AsNoTracking().SingleOrDefaultAsync(e => e.IpaCode == ipa, ct);
        var service = ente is null ? null : await catalogue.FindAsync(ente.Id, slug, ct);
        if (service is null)
        {
            return NotFound();
        }

        Ente = ente!;
        Service = service;
        var stars = await db.Ratings.AsNoTracking().Where(r => r.ServiceId == service.Id).Select(r => r.Stars).ToListAsync(ct);
        Ratings = stars.Count;
        AverageRating = stars.Count > 0 ? stars.Average() : null;
        return Page();
    }
}
