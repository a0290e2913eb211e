using System.Globalization;
using System.Net;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using PenToscana.Kernel.Security;
using PenToscana.Modules.Invoicing.Engine;

namespace PenToscana.Modules.Invoicing.Features.RenderInvoice;

/// <summary>
/// A human-readable rendering of any FatturaPA (ordinary or simplified, every body of a lotto): parties, document data,
/// lines, VAT summary, payment terms, with codes shown with their descriptions. Self-contained HTML with print styles, so
/// the browser's "print to PDF" gives the paper copy.
/// </summary>
public static class InvoiceHtmlRenderer
{
    private static readonly CultureInfo Italian = CultureInfo.GetCultureInfo("it-IT");

    public static string Render(byte[] xml)
    {
        var root = Load(xml);
        var html = new StringBuilder(16 * 1024);
        html.Append("<!DOCTYPE html><html lang=\"it\"><head><meta charset=\"utf-8\"><title>Fattura elettronica</title><style>")
            .Append("body{font-family:'Titillium Web',Arial,sans-serif;margin:2rem;color:#1a1a1a}h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}")
            .Append("table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #999;padding:.3rem .5rem;text-align:left;vertical-align:top}")
            .Append("td.n,th.n{text-align:right}.parti{display:flex;gap:2rem}.parti section{flex:1}@media print{body{margin:0}h2{page-break-after:avoid}}")
            .Append("</style></head><body>");
        html.Append("<h1>Fattura elettronica ").Append(E(root.Attribute("versione")?.Value)).Append("</h1>");
        Content(html, root);
        html.Append("</body></html>");
        return html.ToString();
    }

    /// <summary>
    /// The same rendering as a fragment to place inside a page (the back office's invoice detail): no document wrapper or
    /// own styles, headings one level down (the page has its own h1 and h2), Bootstrap Italia table and grid classes.
    /// </summary>
    public static string RenderFragment(byte[] xml)
    {
        var html = new StringBuilder(16 * 1024);
        Content(html, Load(xml));
        return html.ToString()
            .Replace("<h2>", "<h3 class=\"h5 mt-4\">", StringComparison.Ordinal)
            .Replace("</h2>", "</h3>", StringComparison.Ordinal)
            .Replace("<table>", "<div class=\"table-responsive\"><table class=\"table table-sm\">", StringComparison.Ordinal)
            .Replace("</table>", "</table></div>", StringComparison.Ordinal)
            .Replace(" class=\"n\"", " class=\"text-end\"", StringComparison.Ordinal)
            .Replace("<div class=\"parti\">", "<div class=\"row\">", StringComparison.Ordinal)
            .Replace("<section>", "<section class=\"col-md-6\">", StringComparison.Ordinal);
    }

    private static XElement Load(byte[] xml) => SafeXml.LoadXDocument(xml).Root!;

    private static void Content(StringBuilder html, XElement root)
    {
        var header = Child(root, "FatturaElettronicaHeader");
        var transmission = Child(header, "DatiTrasmissione");
        html.Append("<p>Codice destinatario: <strong>").Append(E(Text(transmission, "CodiceDestinatario"))).Append("</strong>");
        if (Text(transmission, "PECDestinatario") is { } pec)
        {
            html.Append(" — PEC destinatario: ").Append(E(pec));
        }

        html.Append(" — Progressivo di invio: ").Append(E(Text(transmission, "ProgressivoInvio"))).Append("</p>");
        html.Append("<div class=\"parti\">");
        Party(html, "Cedente / prestatore", Child(header, "CedentePrestatore"));
        Party(html, "Cessionario / committente", Child(header, "CessionarioCommittente"));
        html.Append("</div>");

        int position = 0;
        foreach (var body in root.Elements().Where(e => e.Name.LocalName == "FatturaElettronicaBody"))
        {
            position++;
            Body(html, body, position);
        }
    }

    private static XElement? Child(XElement? parent, string name) => parent?.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    private static IEnumerable<XElement> Children(XElement? parent, string name) =>
        parent?.Elements().Where(e => e.Name.LocalName == name) ?? [];

    private static string? Text(XElement? parent, string path)
    {
        var current = parent;
        foreach (var step in path.Split('/'))
        {
            current = Child(current, step);
        }

        return current?.Value;
    }

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    private static string Money(string? amount) =>
        decimal.TryParse(amount, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value.ToString("N2", Italian) : E(amount);

    private static string Code(string type, string? code) =>
        code is null ? "" : $"{E(code)} – {E(FatturaSchemas.CodeLists.Describe(type, code))}";

    private static void Party(StringBuilder html, string title, XElement? party)
    {
        html.Append("<section><h2>").Append(title).Append("</h2>");
        if (party is null)
        {
            html.Append("</section>");
            return;
        }

        var data = Child(party, "DatiAnagrafici") ?? Child(party, "IdentificativiFiscali") ?? party;
        var registry = Child(data, "Anagrafica") ?? Child(Child(party, "AltriDatiIdentificativi"), "Denominazione")?.Parent ?? party;
        string name = Text(registry, "Denominazione") ?? $"{Text(registry, "Nome")} {Text(registry, "Cognome")}".Trim();
        html.Append("<p><strong>").Append(E(name)).Append("</strong><br>");
        if (Child(data, "IdFiscaleIVA") is { } vat)
        {
            html.Append("Partita IVA: ").Append(E(Text(vat, "IdPaese"))).Append(E(Text(vat, "IdCodice"))).Append("<br>");
        }

        if (Text(data, "CodiceFiscale") is { } cf)
        {
            html.Append("Codice fiscale: ").Append(E(cf)).Append("<br>");
        }

        if ((Text(data, "RegimeFiscale") ?? Text(party, "RegimeFiscale")) is { } regime)
        {
            html.Append("Regime fiscale: ").Append(Code("RegimeFiscaleType", regime)).Append("<br>");
        }

        var seat = Child(party, "Sede") ?? Child(Child(party, "AltriDatiIdentificativi"), "Sede");
        if (seat is not null)
        {
            html.Append(E(Text(seat, "Indirizzo"))).Append(' ').Append(E(Text(seat, "NumeroCivico"))).Append("<br>")
                .Append(E(Text(seat, "CAP"))).Append(' ').Append(E(Text(seat, "Comune"))).Append(' ')
                .Append(Text(seat, "Provincia") is { } pr ? $"({E(pr)})" : "").Append(' ').Append(E(Text(seat, "Nazione")));
        }

        html.Append("</p></section>");
    }

    private static void Body(StringBuilder html, XElement body, int position)
    {
        var general = Child(Child(body, "DatiGenerali"), "DatiGeneraliDocumento");
        html.Append("<h2>Documento n. ").Append(E(Text(general, "Numero"))).Append(" del ")
            .Append(DateOnly.TryParse(Text(general, "Data"), CultureInfo.InvariantCulture, out var date) ? date.ToString("dd/MM/yyyy", Italian) : "")
            .Append(" (posizione ").Append(position).Append(")</h2>");
        html.Append("<p>Tipo documento: ").Append(Code("TipoDocumentoType", Text(general, "TipoDocumento")))
            .Append(" — Divisa: ").Append(E(Text(general, "Divisa")));
        if (Text(general, "ImportoTotaleDocumento") is { } total)
        {
            html.Append(" — Importo totale: <strong>").Append(Money(total)).Append("</strong>");
        }

        html.Append("</p>");
        foreach (var causale in Children(general, "Causale"))
        {
            html.Append("<p>Causale: ").Append(E(causale.Value)).Append("</p>");
        }

        foreach (var name in new[] { "DatiOrdineAcquisto", "DatiContratto", "DatiConvenzione", "DatiRicezione", "DatiFattureCollegate" })
        {
            foreach (var reference in Children(Child(body, "DatiGenerali"), name))
            {
                html.Append("<p>").Append(name switch
                {
                    "DatiOrdineAcquisto" => "Ordine d'acquisto",
                    "DatiContratto" => "Contratto",
                    "DatiConvenzione" => "Convenzione",
                    "DatiRicezione" => "Ricezione",
                    _ => "Fattura collegata",
                }).Append(": ").Append(E(Text(reference, "IdDocumento")));
                if (Text(reference, "CodiceCIG") is { } cig)
                {
                    html.Append(" — CIG ").Append(E(cig));
                }

                if (Text(reference, "CodiceCUP") is { } cup)
                {
                    html.Append(" — CUP ").Append(E(cup));
                }

                html.Append("</p>");
            }
        }

        var goods = Child(body, "DatiBeniServizi");
        var lines = Children(goods, "DettaglioLinee").ToList();
        if (lines.Count > 0)
        {
            html.Append("<table><caption>Dettaglio delle linee</caption><thead><tr><th scope=\"col\">N.</th><th scope=\"col\">Descrizione</th>")
                .Append("<th scope=\"col\" class=\"n\">Quantità</th><th scope=\"col\" class=\"n\">Prezzo unitario</th><th scope=\"col\" class=\"n\">Prezzo totale</th><th scope=\"col\" class=\"n\">IVA %</th><th scope=\"col\">Natura</th></tr></thead><tbody>");
            foreach (var line in lines)
            {
                html.Append("<tr><td>").Append(E(Text(line, "NumeroLinea"))).Append("</td><td>").Append(E(Text(line, "Descrizione")))
                    .Append("</td><td class=\"n\">").Append(E(Text(line, "Quantita"))).Append(' ').Append(E(Text(line, "UnitaMisura")))
                    .Append("</td><td class=\"n\">").Append(Money(Text(line, "PrezzoUnitario")))
                    .Append("</td><td class=\"n\">").Append(Money(Text(line, "PrezzoTotale")))
                    .Append("</td><td class=\"n\">").Append(Money(Text(line, "AliquotaIVA")))
                    .Append("</td><td>").Append(Text(line, "Natura") is { } natura ? Code("NaturaType", natura) : "").Append("</td></tr>");
            }

            html.Append("</tbody></table>");
        }
        else if (goods is not null)
        {
            // Simplified invoice.
            html.Append("<table><caption>Beni e servizi</caption><thead><tr><th scope=\"col\">Descrizione</th><th scope=\"col\" class=\"n\">Importo</th><th scope=\"col\" class=\"n\">IVA %</th></tr></thead><tbody>");
            foreach (var item in Children(body, "DatiBeniServizi"))
            {
                html.Append("<tr><td>").Append(E(Text(item, "Descrizione"))).Append("</td><td class=\"n\">").Append(Money(Text(item, "Importo")))
                    .Append("</td><td class=\"n\">").Append(Money(Text(item, "DatiIVA/Aliquota"))).Append("</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        var summaries = Children(goods, "DatiRiepilogo").ToList();
        if (summaries.Count > 0)
        {
            html.Append("<table><caption>Riepilogo IVA</caption><thead><tr><th scope=\"col\" class=\"n\">Aliquota %</th><th scope=\"col\">Natura</th><th scope=\"col\" class=\"n\">Imponibile</th>")
                .Append("<th scope=\"col\" class=\"n\">Imposta</th><th scope=\"col\">Esigibilità</th></tr></thead><tbody>");
            foreach (var summary in summaries)
            {
                html.Append("<tr><td class=\"n\">").Append(Money(Text(summary, "AliquotaIVA"))).Append("</td><td>")
                    .Append(Text(summary, "Natura") is { } natura ? Code("NaturaType", natura) : "")
                    .Append("</td><td class=\"n\">").Append(Money(Text(summary, "ImponibileImporto")))
                    .Append("</td><td class=\"n\">").Append(Money(Text(summary, "Imposta")))
                    .Append("</td><td>").Append(Text(summary, "EsigibilitaIVA") switch
                    {
                        "S" => "S – scissione dei pagamenti",
                        "D" => "D – esigibilità differita",
                        "I" => "I – esigibilità immediata",
                        var other => E(other),
                    }).Append("</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        var totals = InvoiceTotals.Of(body);
        html.Append("<p class=\"totali\">");
        if (totals.Taxable is not null)
        {
            html.Append("Totale imponibile: ").Append(InvoiceTotals.Money(totals.Taxable)).Append(" — Totale imposta: ").Append(InvoiceTotals.Money(totals.Tax)).Append(" — ");
        }

        html.Append(totals.Declared ? "Totale documento: <strong>" : "Totale documento (calcolato): <strong>").Append(InvoiceTotals.Money(totals.Total)).Append("</strong></p>");

        foreach (var payment in Children(body, "DatiPagamento"))
        {
            html.Append("<table><caption>Pagamento: ").Append(Code("CondizioniPagamentoType", Text(payment, "CondizioniPagamento")))
                .Append("</caption><thead><tr><th scope=\"col\">Modalità</th><th scope=\"col\">Scadenza</th><th scope=\"col\" class=\"n\">Importo</th><th scope=\"col\">IBAN</th></tr></thead><tbody>");
            foreach (var detail in Children(payment, "DettaglioPagamento"))
            {
                html.Append("<tr><td>").Append(Code("ModalitaPagamentoType", Text(detail, "ModalitaPagamento")))
                    .Append("</td><td>").Append(E(Text(detail, "DataScadenzaPagamento")))
                    .Append("</td><td class=\"n\">").Append(Money(Text(detail, "ImportoPagamento")))
                    .Append("</td><td>").Append(E(Text(detail, "IBAN"))).Append("</td></tr>");
            }

            html.Append("</tbody></table>");
        }
    }
}
