using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Users;
using PenToscana.Modules.Payments.Data;
using PenToscana.Modules.Payments.Domain;

namespace PenToscana.Modules.Payments.Areas.Payments.Pages.AreaPersonale;

/// <summary>Back from the checkout: what was paid in the cart, from the receipts the node sent (not from the browser's word).</summary>
[Authorize]
internal sealed class EsitoModel(PaymentsDb db, ICurrentUser user) : PageModel
{
    public string? Outcome { get; private set; }

    public IReadOnlyList<(CartItem Item, Receipt? Receipt)> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, string? esito, CancellationToken ct)
    {
        var cart = await db.Carts.AsNoTracking().Include(c => c.Items).SingleOrDefaultAsync(c => c.Id == id && c.OwnerTaxCode == user.TaxCode, ct);
        if (cart is null)
        {
            return NotFound();
        }

        Outcome = esito;
        var notices = cart.Items.Select(i => i.NoticeNumber).ToList();
        var receipts = await db.Receipts.AsNoTracking().Where(r => notices.Contains(r.NoticeNumber) && r.Anomaly == null).ToListAsync(ct);
        Items = cart.Items.OrderBy(i => i.NodeCart).ThenBy(i => i.NoticeNumber)
            .Select(i => (i, receipts.FirstOrDefault(r => r.NoticeNumber == i.NoticeNumber && r.EnteId == i.EnteId))).ToList();
        return Page();
    }
}
