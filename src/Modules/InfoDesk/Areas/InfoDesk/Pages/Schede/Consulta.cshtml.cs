using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Tenancy;
using PenToscana.Modules.InfoDesk.Data;
using PenToscana.Modules.InfoDesk.Features;

namespace PenToscana.Modules.InfoDesk.Areas.InfoDesk.Pages.Schede;

/// <summary>
/// Published cards of every body, searched by words (each word must appear in title, keywords, audience or text): the public
/// knowledge base, and what a Comune desk consults to answer about a Region service.
/// </summary>
internal sealed class ConsultaModel(InfoDeskDb db, Bodies bodies, TimeProvider time) : PageModel
{
    public IReadOnlyList<InfoCard> Cards { get; private set; } = [];

    public InfoCard? Card { get; private set; }

    public Dictionary<Guid, Ente> Enti { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        Enti = await bodies.AllAsync(ct);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var published = db.Cards.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.Published && (c.ValidTo == null || c.ValidTo >= today));
        if (id is { } cardId)
        {
            Card = await published.FirstOrDefaultAsync(c => c.Id == cardId, ct);
            return Card is null ? NotFound() : Page();
        }

        foreach (var word in (Query ?? "").ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(8))
        {
            published = published.Where(c => c.SearchText.Contains(word));
        }

        Cards = await published.OrderBy(c => c.Title).Take(100).ToListAsync(ct);
        return Page();
    }
}
