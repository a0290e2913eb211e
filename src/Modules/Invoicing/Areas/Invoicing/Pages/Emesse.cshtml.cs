using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Tenancy;
using PenToscana.Kernel.Users;
using PenToscana.Modules.Invoicing.Data;

namespace PenToscana.Modules.Invoicing.Areas.Invoicing.Pages;

/// <summary>The body's issued invoices, most recent first.</summary>
[Authorize(Policy = InvoicingModule.OperatorPolicy)]
internal sealed class EmesseModel(KernelDb kernel, ICurrentUser user, BodyScope scope, InvoicingDb db) : InvoicingPage(kernel, user, scope)
{
    public string IssuedBase => $"/backoffice/{Ente.IpaCode}/fatture-emesse";

    public IReadOnlyList<IssuedInvoice> Invoices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string ipa, CancellationToken ct)
    {
        if (!await ResolveAsync(ipa, ct))
        {
            return NotFound();
        }

        Invoices = await db.IssuedInvoices.AsNoTracking().Where(i => i.EnteId == Ente.Id).OrderByDescending(i => i.CreatedAt).Take(200).ToListAsync(ct);
        return Page();
    }
}
