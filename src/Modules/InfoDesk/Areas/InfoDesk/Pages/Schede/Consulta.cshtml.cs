using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Tenancy;
using PenToscana.Modules.InfoDesk.Data;
using PenToscana.Modules.InfoDesk.Features;
using PenToscana.Modules.InfoDesk.Features.Cards;

namespace PenToscana.Modules.InfoDesk.Areas.InfoDesk.Pages.Schede;

/// <summary>
/// Published cards of every body, searched by words (each word must appear in title, keywords, audience or text): the public
/// knowledge base, and what a Comune desk consults to answer about a Region service.
/// </summary>
internal sealed class ConsultaModel(InfoDeskDb db, Bodies bodies, TimeProvider time) : PageModel
{
    /// <summary>Matching cards ranked in memory; far more than any network's cards on one subject.</summary>
    private const int MaxMatches = 1000;

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

        var searched = CardText.Stems(Query).Distinct().Take(8).ToList();
        if (searched.Count == 0)
        {
            Cards = await published.OrderBy(c => c.Title).Take(100).ToListAsync(ct);
            return Page();
        }

        foreach (var stem in searched)
        {
            // The start of a stem: " certific" matches the stems of "certificato", "certificati", "certificazione".
            var start = " " + stem;
            published = published.Where(c => c.SearchText.Contains(start));
        }

        var found = await published.Take(MaxMatches).ToListAsync(ct);
        Cards = found
            .Select(c => (Card: c, Score: CardText.Score(searched, c.Title, c.Tags, c.Audience, c.Body)))
            .OrderByDescending(x => x.Score).ThenBy(x => x.Card.Title, StringComparer.CurrentCulture)
            .Select(x => x.Card).Take(100).ToList();
        return Page();
    }
}
