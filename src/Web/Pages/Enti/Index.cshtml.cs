using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Modules;
using PenToscana.Kernel.Tenancy;

namespace PenToscana.Web.Pages.Enti;

public sealed class EnteModel(KernelDb db, IEnumerable<IOnlineServiceSource> sources) : PageModel
{
    public Ente Ente { get; private set; } = null!;

    public IReadOnlyList<Office> Offices { get; private set; } = [];

    public IReadOnlyList<OnlineServiceLink> Services { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string ipa, CancellationToken ct)
    {
        var ente = await db.Enti.AsNoTracking().SingleOrDefaultAsync(e => e.IpaCode == ipa, ct);
        if (ente is null)
        {
            return NotFound();
        }

        Ente = ente;
        Offices = await db.Offices.AsNoTracking().Where(o => o.EnteId == ente.Id).OrderBy(o => o.Name).ToListAsync(ct);
        var services = new List<OnlineServiceLink>();
        foreach (var source in sources)
        {
            services.AddRange(await source.ListAsync(ente, ct));
        }

        Services = services;
        return Page();
    }
}
