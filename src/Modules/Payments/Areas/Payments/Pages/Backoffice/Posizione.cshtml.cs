using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PenToscana.Modules.Payments.Data;
using PenToscana.Modules.Payments.Domain;
using PenToscana.Modules.Payments.Features.Bodies;
using PenToscana.Modules.Payments.Features.CreatePosition;

namespace PenToscana.Modules.Payments.Areas.Payments.Pages.Backoffice;

/// <summary>One position: options, instalments, transfers, receipts. Another body's operator gets 404 (body filter).</summary>
[Authorize(Policy = "operator")]
internal sealed class PosizioneModel(PaymentsDb db, CreatePositionHandler loader, BodyDirectory bodies) : PageModel
{
    public DebtPosition Position { get; private set; } = null!;

    public Body Body { get; private set; } = null!;

    public IReadOnlyList<Receipt> Receipts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var position = await loader.LoadAsync(db.Positions.Where(p => p.Id == id), ct);
        if (position is null || await bodies.ByIdAsync(position.EnteId, ct) is not { } body)
        {
            return NotFound();
        }

        Position = position;
        Body = body;
        Receipts = await db.Receipts.AsNoTracking().Where(r => r.PositionId == id).OrderBy(r => r.ReceivedAt).ToListAsync(ct);
        return Page();
    }
}
