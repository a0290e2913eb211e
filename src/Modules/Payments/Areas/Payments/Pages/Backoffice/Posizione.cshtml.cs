using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PenToscana.Modules.Payments.Data;
using PenToscana.Modules.Payments.Domain;
using PenToscana.Modules.Payments.Features.Bodies;
using PenToscana.Modules.Payments.Features.CreatePosition;

namespace PenToscana.Modules.Payments.Areas.Payments.Pages.Backoffice;

/// <summary>One position of the body in the path: options, instalments, transfers, receipts. Another body's position is not found (404).</summary>
[Authorize(Policy = "operator")]
internal sealed class PosizioneModel(PaymentsDb db, CreatePositionHandler loader) : PageModel
{
    public DebtPosition Position { get; private set; } = null!;

    public Body Body { get; private set; } = null!;

    public IReadOnlyList<Receipt> Receipts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string ipa, Guid id, CancellationToken ct)
    {
        if (await BodyAccess.ResolveAsync(HttpContext, ipa, ct) is not { } body
            || await loader.LoadAsync(db.Positions.Where(p => p.Id == id && p.EnteId == body.Id), ct) is not { } position)
        {
            return NotFound();
        }

        Position = position;
        Body = body;
        Receipts = await db.Receipts.AsNoTracking().Where(r => r.PositionId == id).OrderBy(r => r.ReceivedAt).ToListAsync(ct);
        return Page();
    }
}
