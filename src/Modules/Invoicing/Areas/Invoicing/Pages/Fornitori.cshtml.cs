using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Tenancy;
using PenToscana.Kernel.Users;
using PenToscana.Modules.Invoicing.Data;

namespace PenToscana.Modules.Invoicing.Areas.Invoicing.Pages;

/// <summary>The suppliers of a body, known from their invoices: search by name, partita IVA or codice fiscale.</summary>
[Authorize(Policy = InvoicingModule.OperatorPolicy)]
internal sealed class FornitoriModel(KernelDb kernel, ICurrentUser user, BodyScope scope, InvoicingDb db) : InvoicingPage(kernel, user, scope)
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Cerca { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Pagina { get; set; } = 1;

    public sealed record Row(Guid Id, string Name, string? VatId, string? TaxCode, string? Address, int InvoiceCount, DateTimeOffset LastInvoiceAt, int Certified, int Uncertified);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public int Pages { get; private set; } = 1;

    public async Task<IActionResult> OnGetAsync(string ipa, CancellationToken ct)
    {
        if (!await ResolveAsync(ipa, ct))
        {
            return NotFound();
        }

        var query = db.Suppliers.AsNoTracking().Where(s => s.EnteId == Ente.Id);
        if (!string.IsNullOrWhiteSpace(Cerca))
        {
            var pattern = "%" + Cerca.Trim().ToUpperInvariant().Replace("\\", "\\\\", StringComparison.Ordinal)
                .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            query = query.Where(s => EF.Functions.Like(s.Name.ToUpper(), pattern, "\\")
                || (s.VatId != null && EF.Functions.Like(s.VatId, pattern, "\\"))
                || (s.TaxCode != null && EF.Functions.Like(s.TaxCode.ToUpper(), pattern, "\\")));
        }

        Total = await query.CountAsync(ct);
        Pages = Math.Max(1, (Total + PageSize - 1) / PageSize);
        Pagina = Math.Clamp(Pagina, 1, Pages);
        Rows = await query.OrderBy(s => s.Name).ThenBy(s => s.Key).Skip((Pagina - 1) * PageSize).Take(PageSize)
            .Select(s => new Row(s.Id, s.Name, s.VatId, s.TaxCode, s.Address, s.InvoiceCount, s.LastInvoiceAt,
                db.SupplierIbans.Count(i => i.SupplierId == s.Id && i.Status == IbanStatus.Certified),
                db.SupplierIbans.Count(i => i.SupplierId == s.Id && i.Status != IbanStatus.Certified)))
            .ToListAsync(ct);
        return Page();
    }
}
