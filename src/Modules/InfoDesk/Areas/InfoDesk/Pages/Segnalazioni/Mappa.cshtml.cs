using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Tenancy;
using PenToscana.Modules.InfoDesk.Data;
using PenToscana.Modules.InfoDesk.Features;

namespace PenToscana.Modules.InfoDesk.Areas.InfoDesk.Pages.Segnalazioni;

/// <summary>The public map of open and recently closed reports, filterable by category, state and period.</summary>
internal sealed class MappaModel(InfoDeskDb db, Bodies bodies) : PageModel
{
    public Ente Ente { get; private set; } = null!;

    public IReadOnlyList<ReportCategory> Categories { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "categoria")]
    public string? Category { get; set; }

    [BindProperty(SupportsGet = true, Name = "stato")]
    public string? State { get; set; }

    [BindProperty(SupportsGet = true, Name = "giorni")]
    public int Days { get; set; } = 90;

    public string Source => $"/enti/{Ente.IpaCode}/segnalazioni/mappa.json?categoria={Uri.EscapeDataString(Category ?? "")}&stato={Uri.EscapeDataString(State ?? "")}&giorni={Days}";

    public async Task<IActionResult> OnGetAsync(string ipa, CancellationToken ct)
    {
        if (await bodies.ByIpaAsync(ipa, ct) is not { } ente)
        {
            return NotFound();
        }

        Ente = ente;
        Categories = await db.Categories.IgnoreQueryFilters().AsNoTracking().Where(c => c.EnteId == ente.Id && c.Active).OrderBy(c => c.Name).ToListAsync(ct);
        return Page();
    }
}
