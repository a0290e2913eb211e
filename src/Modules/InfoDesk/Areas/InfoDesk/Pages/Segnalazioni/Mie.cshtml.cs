using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Tenancy;
using PenToscana.Kernel.Users;
using PenToscana.Modules.InfoDesk.Data;
using PenToscana.Modules.InfoDesk.Features;

namespace PenToscana.Modules.InfoDesk.Areas.InfoDesk.Pages.Segnalazioni;

/// <summary>The citizen's own reports across all bodies, and those they follow.</summary>
[Authorize]
internal sealed class MieModel(InfoDeskDb db, ICurrentUser user, Bodies bodies) : PageModel
{
    public IReadOnlyList<Report> Reports { get; private set; } = [];

    public Dictionary<Guid, Ente> Enti { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var cf = user.TaxCode;
        var followed = db.Observers.Where(o => o.TaxCode == cf).Select(o => o.ReportId);
        Reports = await db.Reports.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.ReporterTaxCode == cf || followed.Contains(r.Id))
            .OrderByDescending(r => r.CreatedAt).Take(200).ToListAsync(ct);
        Enti = await bodies.AllAsync(ct);
    }
}
