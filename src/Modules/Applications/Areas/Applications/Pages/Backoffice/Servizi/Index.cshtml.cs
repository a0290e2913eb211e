using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Tenancy;
using PenToscana.Modules.Applications.Data;
using PenToscana.Modules.Applications.Features.ManageServices;

namespace PenToscana.Modules.Applications.Areas.Applications.Pages.Backoffice.Servizi;

/// <summary>The body's services, published or not, for its administrators.</summary>
[Authorize(Policy = "operator")]
internal sealed class IndexModel(ServiceAdminAccess access, ApplicationsDb db) : PageModel
{
    public Ente Ente { get; private set; } = null!;

    public IReadOnlyList<(Service Service, int? Published, bool WorkingCopy)> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string ipa, CancellationToken ct)
    {
        if (await access.BodyAsync(ipa, ct) is not { } ente)
        {
            return NotFound();
        }

        Ente = ente;
        var services = await db.Services.AsNoTracking().Where(s => s.EnteId == ente.Id).OrderBy(s => s.Category).ThenBy(s => s.Title).ToListAsync(ct);
        var versions = await db.FormVersions.AsNoTracking().Where(f => f.EnteId == ente.Id)
            .Select(f => new { f.ServiceId, f.Number, Published = f.PublishedAt != null }).ToListAsync(ct);
        Items = services.Select(s =>
        {
            var mine = versions.Where(v => v.ServiceId == s.Id).ToList();
            var published = mine.Where(v => v.Published).Select(v => (int?)v.Number).Max();
            return (s, published, mine.Any(v => !v.Published));
        }).ToList();
        return Page();
    }
}
