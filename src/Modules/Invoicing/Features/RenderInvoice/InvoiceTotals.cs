using System.Globalization;
using System.Xml.Linq;

namespace PenToscana.Modules.Invoicing.Features.RenderInvoice;

/// <summary>
/// A body's totals for the renderings: taxable and tax from the VAT summary (DatiRiepilogo), and the document total —
/// ImportoTotaleDocumento when declared, otherwise taxable plus tax (for a simplified invoice, the sum of its amounts).
/// </summary>
internal sealed record InvoiceTotals(decimal? Taxable, decimal? Tax, decimal? Total, bool Declared)
{
    public static InvoiceTotals Of(XElement body)
    {
        static IEnumerable<XElement> Named(XElement? parent, string name) => parent?.Elements().Where(e => e.Name.LocalName == name) ?? [];
        static decimal? Sum(IEnumerable<XElement> elements, string name)
        {
            decimal? total = null;
            foreach (var value in elements.SelectMany(e => Named(e, name)))
            {
                if (decimal.TryParse(value.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
                {
                    total = (total ?? 0) + amount;
                }
            }

            return total;
        }

        var declared = Named(Named(body, "DatiGenerali").FirstOrDefault(), "DatiGeneraliDocumento").SelectMany(g => Named(g, "ImportoTotaleDocumento")).FirstOrDefault();
        var goods = Named(body, "DatiBeniServizi").ToList();
        var summaries = goods.SelectMany(g => Named(g, "DatiRiepilogo")).ToList();
        decimal? taxable = Sum(summaries, "ImponibileImporto");
        decimal? tax = Sum(summaries, "Imposta");
        if (declared is not null && decimal.TryParse(declared.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var stated))
        {
            return new InvoiceTotals(taxable, tax, stated, true);
        }

        if (summaries.Count == 0)
        {
            // Simplified invoice: each item's Importo includes its tax.
            return new InvoiceTotals(null, null, Sum(goods, "Importo"), false);
        }

        return new InvoiceTotals(taxable, tax, taxable + tax, false);
    }

    public static string Money(decimal? amount) => amount?.ToString("N2", CultureInfo.GetCultureInfo("it-IT")) ?? "—";
}
