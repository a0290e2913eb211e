using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Values;
using PenToscana.Modules.Invoicing.Data;
using PenToscana.Modules.Invoicing.Engine;

namespace PenToscana.Modules.Invoicing.Features.Suppliers;

/// <summary>
/// Keeps the suppliers registry in step with received invoices: the CedentePrestatore of a file becomes (or updates) a
/// supplier of the receiving body, and every valid IBAN of its DatiPagamento is added, uncertified, to its accounts.
/// Runs inside the receiving transaction: no invoice without its supplier.
/// </summary>
internal static class SupplierRegistry
{
    /// <summary>The registry key: VAT identifier with country when there is one, otherwise the codice fiscale.</summary>
    public static string? KeyOf(PartyFacts cedente)
        => cedente.IdCodice is { } code ? (cedente.Country + code).ToUpperInvariant() : cedente.CodiceFiscale?.ToUpperInvariant();

    public static async Task<Supplier?> UpsertAsync(InvoicingDb db, Guid enteId, InvoiceFacts facts, DateTimeOffset now, CancellationToken ct)
    {
        var cedente = facts.Cedente;
        if (KeyOf(cedente) is not { } key)
        {
            return null;
        }

        var supplier = db.Suppliers.Local.FirstOrDefault(s => s.EnteId == enteId && s.Key == key)
            ?? await db.Suppliers.SingleOrDefaultAsync(s => s.EnteId == enteId && s.Key == key, ct);
        string name = cedente.Name.Length > 0 ? Cut(cedente.Name, 200) : "Fornitore";
        if (supplier is null)
        {
            supplier = new Supplier
            {
                Id = Guid.CreateVersion7(),
                EnteId = enteId,
                Key = key,
                Name = name,
                FirstSeenAt = now,
            };
            db.Suppliers.Add(supplier);
        }

        supplier.Name = name;
        supplier.VatId = cedente.IdCodice is { } code ? Cut(cedente.Country + code, 30) : supplier.VatId;
        supplier.TaxCode = cedente.CodiceFiscale is { Length: <= 16 } cf ? cf : supplier.TaxCode;
        supplier.Address = cedente.Address is { } address ? Cut(address, 300) : supplier.Address;
        supplier.LastInvoiceAt = now;
        supplier.InvoiceCount += facts.Bodies.Count;

        var known = await db.SupplierIbans.Where(i => i.SupplierId == supplier.Id).Select(i => i.Iban).ToListAsync(ct);
        known.AddRange(db.SupplierIbans.Local.Where(i => i.SupplierId == supplier.Id).Select(i => i.Iban));
        foreach (var text in facts.Bodies.SelectMany(b => b.Ibans))
        {
            if (Iban.TryParse(text, out var iban) && !known.Contains(iban.Value))
            {
                known.Add(iban.Value);
                db.SupplierIbans.Add(new SupplierIban
                {
                    Id = Guid.CreateVersion7(),
                    EnteId = enteId,
                    SupplierId = supplier.Id,
                    Iban = iban.Value,
                    Source = "fattura",
                    AddedAt = now,
                    Status = IbanStatus.Uncertified,
                });
            }
        }

        return supplier;
    }

    /// <summary>The first IBAN of a body's DatiPagamento, compacted; as written when it is not a valid IBAN.</summary>
    public static string? PaymentIbanOf(BodyFacts body)
        => body.Ibans.FirstOrDefault() is { } text ? (Iban.TryParse(text, out var iban) ? iban.Value : Cut(text.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant(), 34)) : null;

    private static string Cut(string value, int max) => value.Length > max ? value[..max] : value;
}
