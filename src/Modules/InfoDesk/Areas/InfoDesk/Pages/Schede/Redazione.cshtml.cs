using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Tenancy;
using PenToscana.Modules.InfoDesk.Data;
using PenToscana.Modules.InfoDesk.Features;
using PenToscana.Modules.InfoDesk.Features.Cards;

namespace PenToscana.Modules.InfoDesk.Areas.InfoDesk.Pages.Schede;

/// <summary>The body's cards for its editors: list (cards past their review date flagged), and the editor of one card.</summary>
[Authorize(Policy = OperatorAccess.Policy)]
internal sealed class RedazioneModel(InfoDeskDb db, OperatorAccess access, SaveCardHandler save, TimeProvider time) : PageModel
{
    public Ente Ente { get; private set; } = null!;

    public IReadOnlyList<InfoCard> Cards { get; private set; } = [];

    public InfoCard? Card { get; private set; }

    public int Revisions { get; private set; }

    public DateOnly Today { get; private set; }

    [BindProperty]
    public CardInput Input { get; set; } = new(null, null, null, null, null, null, null, null, null, null, null, false);

    public async Task<IActionResult> OnGetAsync(string ipa, Guid? id, CancellationToken ct)
        => await LoadAsync(ipa, id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string ipa, Guid? id, long? version, CancellationToken ct)
    {
        if (!await LoadAsync(ipa, id, ct))
        {
            return NotFound();
        }

        var result = await save.HandleAsync(Ente.Id, id, Input, version, ct);
        if (result.IsFailure)
        {
            ModelState.AddModelError(string.Empty, result.Error.Message);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        TempData["Success"] = $"Scheda salvata (versione {result.Value.Revision}).";
        return Redirect($"/backoffice/{ipa}/schede/{result.Value.Id}");
    }

    private async Task<bool> LoadAsync(string ipa, Guid? id, CancellationToken ct)
    {
        if (await access.BodyAsync(ipa, ct) is not { } ente)
        {
            return false;
        }

        Ente = ente;
        Today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        Cards = await db.Cards.AsNoTracking().Where(c => c.EnteId == ente.Id).OrderBy(c => c.ReviewBy).ToListAsync(ct);
        if (id is { } cardId)
        {
            Card = Cards.FirstOrDefault(c => c.Id == cardId);
            if (Card is null)
            {
                return false;
            }

            Revisions = await db.CardRevisions.CountAsync(r => r.CardId == cardId, ct);
            if (Request.Method == "GET")
            {
                Input = new CardInput(Card.Title, Card.Body, Card.Audience, Card.WhereWhenHow, Card.Documents, Card.Costs, Card.Links, Card.Tags,
                    Card.ValidFrom, Card.ValidTo, Card.ReviewBy, Card.Published);
            }
        }

        return true;
    }
}
