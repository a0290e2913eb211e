using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PenToscana.Kernel.Documents;
using PenToscana.Kernel.Security;
using PenToscana.Modules.Invoicing.Engine;

namespace PenToscana.Modules.Invoicing.Features.RenderInvoice;

/// <summary>
/// The PDF rendering of any FatturaPA, with the content of <see cref="InvoiceHtmlRenderer"/>: transmission data, the two
/// parties, and for every body of a lotto its document data, references, lines, VAT summary and payment terms, with codes
/// shown with their descriptions. A4 pages, Liberation Sans embedded, "Pagina n di m" at the foot.
/// </summary>
public static class InvoicePdfRenderer
{
    private static readonly CultureInfo Italian = CultureInfo.GetCultureInfo("it-IT");

    /// <summary>Renders the (unwrapped) invoice XML; throws <see cref="XmlException"/> when it is not well-formed XML.</summary>
    public static byte[] Render(byte[] xml)
    {
        var root = SafeXml.LoadXDocument(xml).Root!;
        var header = Child(root, "FatturaElettronicaHeader");
        var bodies = root.Elements().Where(e => e.Name.LocalName == "FatturaElettronicaBody").ToList();
        var firstNumber = Text(Child(Child(bodies.FirstOrDefault(), "DatiGenerali"), "DatiGeneraliDocumento"), "Numero");
        using var pdf = new InvoicePdfDocument($"Fattura elettronica n. {firstNumber}");
        pdf.Title($"Fattura elettronica {root.Attribute("versione")?.Value}".TrimEnd());

        var transmission = Child(header, "DatiTrasmissione");
        pdf.Line("Codice destinatario", Text(transmission, "CodiceDestinatario") ?? "");
        if (Text(transmission, "PECDestinatario") is { } pec)
        {
            pdf.Line("PEC destinatario", pec);
        }

        pdf.Line("Progressivo di invio", Text(transmission, "ProgressivoInvio") ?? "");
        Party(pdf, "Cedente / prestatore", Child(header, "CedentePrestatore"));
        Party(pdf, "Cessionario / committente", Child(header, "CessionarioCommittente"));

        int position = 0;
        foreach (var body in bodies)
        {
            Body(pdf, body, ++position);
        }

        return pdf.ToBytes();
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

    private static string Money(string? amount) =>
        decimal.TryParse(amount, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value.ToString("N2", Italian) : amount ?? "";

    private static string Code(string type, string? code) =>
        code is null ? "" : $"{code} – {FatturaSchemas.CodeLists.Describe(type, code)}";

    private static string Date(string? text) =>
        DateOnly.TryParse(text, CultureInfo.InvariantCulture, out var date) ? date.ToString("dd/MM/yyyy", Italian) : text ?? "";

    private static void Party(InvoicePdfDocument pdf, string title, XElement? party)
    {
        pdf.Heading(title);
        if (party is null)
        {
            return;
        }

        var data = Child(party, "DatiAnagrafici") ?? Child(party, "IdentificativiFiscali") ?? party;
        var registry = Child(data, "Anagrafica") ?? Child(Child(party, "AltriDatiIdentificativi"), "Denominazione")?.Parent ?? party;
        string name = Text(registry, "Denominazione") ?? $"{Text(registry, "Nome")} {Text(registry, "Cognome")}".Trim();
        pdf.Line("Denominazione", name);
        if (Child(data, "IdFiscaleIVA") is { } vat)
        {
            pdf.Line("Partita IVA", $"{Text(vat, "IdPaese")}{Text(vat, "IdCodice")}");
        }

        if (Text(data, "CodiceFiscale") is { } cf)
        {
            pdf.Line("Codice fiscale", cf);
        }

        if ((Text(data, "RegimeFiscale") ?? Text(party, "RegimeFiscale")) is { } regime)
        {
            pdf.Line("Regime fiscale", Code("RegimeFiscaleType", regime));
        }

        var seat = Child(party, "Sede") ?? Child(Child(party, "AltriDatiIdentificativi"), "Sede");
        if (seat is not null)
        {
            string province = Text(seat, "Provincia") is { } pr ? $" ({pr})" : "";
            pdf.Line("Sede", $"{Text(seat, "Indirizzo")} {Text(seat, "NumeroCivico")}".Trim() + "\n"
                + $"{Text(seat, "CAP")} {Text(seat, "Comune")}{province} {Text(seat, "Nazione")}".Trim());
        }
    }

    private static void Body(InvoicePdfDocument pdf, XElement body, int position)
    {
        var general = Child(Child(body, "DatiGenerali"), "DatiGeneraliDocumento");
        pdf.Space();
        pdf.Heading($"Documento n. {Text(general, "Numero")} del {Date(Text(general, "Data"))} (posizione {position})");
        pdf.Line("Tipo documento", Code("TipoDocumentoType", Text(general, "TipoDocumento")));
        pdf.Line("Divisa", Text(general, "Divisa") ?? "");
        if (Text(general, "ImportoTotaleDocumento") is { } total)
        {
            pdf.Line("Importo totale", Money(total), boldValue: true);
        }

        foreach (var causale in Children(general, "Causale"))
        {
            pdf.Line("Causale", causale.Value);
        }

        foreach (var name in new[] { "DatiOrdineAcquisto", "DatiContratto", "DatiConvenzione", "DatiRicezione", "DatiFattureCollegate" })
        {
            foreach (var reference in Children(Child(body, "DatiGenerali"), name))
            {
                string label = name switch
                {
                    "DatiOrdineAcquisto" => "Ordine d'acquisto",
                    "DatiContratto" => "Contratto",
                    "DatiConvenzione" => "Convenzione",
                    "DatiRicezione" => "Ricezione",
                    _ => "Fattura collegata",
                };
                string value = Text(reference, "IdDocumento") ?? "";
                if (Text(reference, "CodiceCIG") is { } cig)
                {
                    value += " — CIG " + cig;
                }

                if (Text(reference, "CodiceCUP") is { } cup)
                {
                    value += " — CUP " + cup;
                }

                pdf.Line(label, value);
            }
        }

        var goods = Child(body, "DatiBeniServizi");
        var lines = Children(goods, "DettaglioLinee").ToList();
        if (lines.Count > 0)
        {
            pdf.Caption("Dettaglio delle linee");
            pdf.Table(
                [new("N.", 0.06), new("Descrizione", 0.34), new("Quantità", 0.12, true), new("Prezzo unitario", 0.13, true), new("Prezzo totale", 0.13, true), new("IVA %", 0.08, true), new("Natura", 0.14)],
                lines.Select(line => (IReadOnlyList<string>)[
                    Text(line, "NumeroLinea") ?? "",
                    Text(line, "Descrizione") ?? "",
                    $"{Text(line, "Quantita")} {Text(line, "UnitaMisura")}".Trim(),
                    Money(Text(line, "PrezzoUnitario")),
                    Money(Text(line, "PrezzoTotale")),
                    Money(Text(line, "AliquotaIVA")),
                    Text(line, "Natura") is { } natura ? Code("NaturaType", natura) : "",
                ]));
        }
        else if (goods is not null)
        {
            // Simplified invoice.
            pdf.Caption("Beni e servizi");
            pdf.Table(
                [new("Descrizione", 0.6), new("Importo", 0.2, true), new("IVA %", 0.2, true)],
                Children(body, "DatiBeniServizi").Select(item => (IReadOnlyList<string>)[
                    Text(item, "Descrizione") ?? "", Money(Text(item, "Importo")), Money(Text(item, "DatiIVA/Aliquota"))]));
        }

        var summaries = Children(goods, "DatiRiepilogo").ToList();
        if (summaries.Count > 0)
        {
            pdf.Caption("Riepilogo IVA");
            pdf.Table(
                [new("Aliquota %", 0.14, true), new("Natura", 0.26), new("Imponibile", 0.16, true), new("Imposta", 0.16, true), new("Esigibilità", 0.28)],
                summaries.Select(summary => (IReadOnlyList<string>)[
                    Money(Text(summary, "AliquotaIVA")),
                    Text(summary, "Natura") is { } natura ? Code("NaturaType", natura) : "",
                    Money(Text(summary, "ImponibileImporto")),
                    Money(Text(summary, "Imposta")),
                    Text(summary, "EsigibilitaIVA") switch
                    {
                        "S" => "S – scissione dei pagamenti",
                        "D" => "D – esigibilità differita",
                        "I" => "I – esigibilità immediata",
                        var other => other ?? "",
                    },
                ]));
        }

        var totals = InvoiceTotals.Of(body);
        pdf.Caption("Totali");
        if (totals.Taxable is not null)
        {
            pdf.Line("Totale imponibile", InvoiceTotals.Money(totals.Taxable));
            pdf.Line("Totale imposta", InvoiceTotals.Money(totals.Tax));
        }

        pdf.Line(totals.Declared ? "Totale documento" : "Totale documento (calcolato)", InvoiceTotals.Money(totals.Total), boldValue: true);

        foreach (var payment in Children(body, "DatiPagamento"))
        {
            pdf.Caption("Pagamento: " + Code("CondizioniPagamentoType", Text(payment, "CondizioniPagamento")));
            pdf.Table(
                [new("Modalità", 0.3), new("Scadenza", 0.14), new("Importo", 0.16, true), new("IBAN", 0.4)],
                Children(payment, "DettaglioPagamento").Select(detail => (IReadOnlyList<string>)[
                    Code("ModalitaPagamentoType", Text(detail, "ModalitaPagamento")),
                    Date(Text(detail, "DataScadenzaPagamento")),
                    Money(Text(detail, "ImportoPagamento")),
                    Text(detail, "IBAN") ?? "",
                ]));
        }
    }
}

/// <summary>A column of a PDF table: its heading, its share of the text width, right-aligned for amounts.</summary>
internal sealed record PdfColumn(string Heading, double Width, bool Right = false);

/// <summary>Flowing A4 text with PDFsharp: title, headings, label/value lines and tables that wrap and break pages.</summary>
internal sealed class InvoicePdfDocument : IDisposable
{
    private const double Margin = 48;
    private readonly PdfDocument document = new();
    private readonly XFont title;
    private readonly XFont heading;
    private readonly XFont bold;
    private readonly XFont regular;
    private readonly XFont small;
    private readonly XFont smallBold;
    private PdfPage page = null!;
    private XGraphics graphics = null!;
    private double y;

    public InvoicePdfDocument(string documentTitle)
    {
        PdfFonts.Install();
        title = new XFont(PdfFonts.Family, 15, XFontStyleEx.Bold);
        heading = new XFont(PdfFonts.Family, 11.5, XFontStyleEx.Bold);
        bold = new XFont(PdfFonts.Family, 9.5, XFontStyleEx.Bold);
        regular = new XFont(PdfFonts.Family, 9.5, XFontStyleEx.Regular);
        small = new XFont(PdfFonts.Family, 8, XFontStyleEx.Regular);
        smallBold = new XFont(PdfFonts.Family, 8, XFontStyleEx.Bold);
        document.Info.Title = documentTitle;
        document.Info.Creator = "PenToscana";
        NewPage();
    }

    private double Width => page.Width.Point - (2 * Margin);

    public void Title(string text)
    {
        Wrap(text, title, Margin, Width, 19, XBrushes.Black);
        y += 6;
    }

    public void Heading(string text)
    {
        EnsureRoom(40);
        y += 6;
        Wrap(text, heading, Margin, Width, 15, XBrushes.DarkBlue);
        y += 2;
    }

    public void Caption(string text)
    {
        EnsureRoom(40);
        y += 6;
        Wrap(text, bold, Margin, Width, 13, XBrushes.Black);
    }

    public void Space(double points = 6) => y += points;

    public void Line(string label, string value, bool boldValue = false)
    {
        const double labelWidth = 140;
        EnsureRoom(13);
        double top = y;
        Wrap(label, bold, Margin, labelWidth - 6, 13, XBrushes.Black, breakPages: false);
        double afterLabel = y;
        y = top;
        Wrap(value, boldValue ? bold : regular, Margin + labelWidth, Width - labelWidth, 13, XBrushes.Black);
        y = Math.Max(y, afterLabel) + 1;
    }

    public void Table(IReadOnlyList<PdfColumn> columns, IEnumerable<IReadOnlyList<string>> rows)
    {
        Row(columns, [.. columns.Select(c => c.Heading)], smallBold);
        graphics.DrawLine(XPens.Gray, Margin, y - 1, Margin + Width, y - 1);
        y += 2;
        foreach (var row in rows)
        {
            Row(columns, row, small);
            graphics.DrawLine(XPens.LightGray, Margin, y - 1, Margin + Width, y - 1);
            y += 2;
        }
    }

    private void Row(IReadOnlyList<PdfColumn> columns, IReadOnlyList<string> cells, XFont font)
    {
        EnsureRoom(Measure(columns, cells, font));
        double top = y, bottom = y, x = Margin;
        for (int i = 0; i < columns.Count; i++)
        {
            y = top;
            double w = columns[i].Width * Width;
            Wrap(i < cells.Count ? cells[i] : "", font, x + 2, w - 6, 10, XBrushes.Black, breakPages: false, right: columns[i].Right);
            bottom = Math.Max(bottom, y);
            x += w;
        }

        y = bottom + 1;
    }

    /// <summary>Height of a table row, so a row is never split across pages.</summary>
    private double Measure(IReadOnlyList<PdfColumn> columns, IReadOnlyList<string> cells, XFont font)
    {
        int most = 1;
        for (int i = 0; i < columns.Count && i < cells.Count; i++)
        {
            most = Math.Max(most, Lines(cells[i], font, (columns[i].Width * Width) - 6).Count);
        }

        return Math.Min(most * 10, page.Height.Point - (2 * Margin));
    }

    public byte[] ToBytes()
    {
        graphics.Dispose();
        int count = document.PageCount;
        for (int i = 0; i < count; i++)
        {
            using var g = XGraphics.FromPdfPage(document.Pages[i], XGraphicsPdfPageOptions.Append);
            g.DrawString($"Pagina {i + 1} di {count}", small, XBrushes.Gray, new XPoint(Margin, document.Pages[i].Height.Point - 25));
        }

        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }

    public void Dispose() => document.Dispose();

    private void NewPage()
    {
        graphics?.Dispose();
        page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        graphics = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
        y = Margin;
    }

    private void EnsureRoom(double height)
    {
        if (y + height > page.Height.Point - Margin)
        {
            NewPage();
        }
    }

    /// <summary>The text broken into lines that fit <paramref name="width"/>; a word longer than the column is cut.</summary>
    private List<string> Lines(string text, XFont font, double width)
    {
        var result = new List<string>();
        foreach (var paragraph in text.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n'))
        {
            var line = string.Empty;
            foreach (var word in paragraph.Split(' '))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (graphics.MeasureString(candidate, font).Width <= width || line.Length == 0)
                {
                    line = candidate;
                    while (graphics.MeasureString(line, font).Width > width && line.Length > 1)
                    {
                        int cut = line.Length - 1;
                        while (cut > 1 && graphics.MeasureString(line[..cut], font).Width > width)
                        {
                            cut--;
                        }

                        result.Add(line[..cut]);
                        line = line[cut..];
                    }

                    continue;
                }

                result.Add(line);
                line = word;
            }

            result.Add(line);
        }

        return result;
    }

    private void Wrap(string text, XFont font, double x, double width, double lineHeight, XBrush brush, bool breakPages = true, bool right = false)
    {
        foreach (var line in Lines(text, font, width))
        {
            if (breakPages)
            {
                EnsureRoom(lineHeight);
            }

            double left = right ? x + width - graphics.MeasureString(line, font).Width : x;
            graphics.DrawString(line, font, brush, new XPoint(left, y + font.Size));
            y += lineHeight;
        }
    }
}
