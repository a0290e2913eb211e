using System.Text;
using System.Xml;
using PdfSharp.Pdf.IO;
using PenToscana.Modules.Invoicing.Features.RenderInvoice;

namespace PenToscana.UnitTests.Invoicing;

/// <summary>The PDF rendering of an invoice: it opens, and it shows what the invoice says, every body of a lotto included.</summary>
public sealed class InvoicePdfTests
{
    public static TheoryData<string, string[], string[]> OfficialSamples => new()
    {
        // sample, its document numbers, its document totals (taxable + tax, or the simplified invoice's amounts)
        { "IT01234567890_FPA01.xml", ["123"], ["6,10"] },
        { "IT01234567890_FPA02.xml", ["123"], ["30,50"] },
        { "IT01234567890_FPA03.xml", ["12", "456"], ["30,50", "2.440,00"] },
        { "IT01234567890_FPR01.xml", ["123"], ["6,10"] },
        { "IT01234567890_FPR02.xml", ["123"], ["30,50"] },
        { "IT01234567890_FPR03.xml", ["123", "456"], ["32,95", "2.440,00"] },
        { "IT01234567890_FSM10.xml", ["123"], ["25,00"] },
    };

    [Theory]
    [MemberData(nameof(OfficialSamples))]
    public void The_PDF_of_each_official_sample_opens_and_shows_its_numbers_parties_and_totals(string sample, string[] numbers, string[] totals)
    {
        var pdf = InvoicePdfRenderer.Render(Samples.Bytes(sample));

        Encoding.ASCII.GetString(pdf, 0, 5).ShouldBe("%PDF-");
        using (var reopened = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import))
        {
            reopened.PageCount.ShouldBeGreaterThanOrEqualTo(1);
        }

        var lines = PdfTextReader.Read(pdf);
        var text = string.Join("\n", lines);
        text.ShouldContain("Cedente / prestatore");
        text.ShouldContain("Cessionario / committente");
        for (int i = 0; i < numbers.Length; i++)
        {
            lines.ShouldContain(l => l.StartsWith($"Documento n. {numbers[i]} del ", StringComparison.Ordinal), $"body {i + 1} of {sample}: {text}");
            lines.ShouldContain(totals[i], $"total of body {i + 1} of {sample}: {text}");
        }

        lines.Count(l => l.StartsWith("Documento n. ", StringComparison.Ordinal)).ShouldBe(numbers.Length);
    }

    [Fact]
    public void The_PDF_shows_the_lines_the_VAT_summary_and_the_payment_data_with_IBAN_and_due_date()
    {
        var xml = Encoding.UTF8.GetString(Samples.Bytes("IT01234567890_FPA01.xml"))
            .Replace("<ImportoPagamento>6.10</ImportoPagamento>", "<ImportoPagamento>6.10</ImportoPagamento><IBAN>IT60X0542811101000000123456</IBAN>", StringComparison.Ordinal);
        var text = string.Join("\n", PdfTextReader.Read(InvoicePdfRenderer.Render(Encoding.UTF8.GetBytes(xml))));

        text.ShouldContain("ALPHA SRL");
        text.ShouldContain("AMMINISTRAZIONE BETA");
        text.ShouldContain("Dettaglio delle linee");
        text.ShouldContain("DESCRIZIONE DELLA FORNITURA");
        text.ShouldContain("Riepilogo IVA");
        text.ShouldContain("IT60X0542811101000000123456");
        text.ShouldContain("MP01 – ", Case.Sensitive, text);
        text.ShouldContain("TD01 – ");
    }

    [Fact]
    public void The_text_check_fails_for_a_number_the_invoice_does_not_have()
    {
        var text = PdfTextReader.Text(InvoicePdfRenderer.Render(Samples.Bytes("IT01234567890_FPA01.xml")));
        text.ShouldContain("Documento n. 123 del");
        text.ShouldNotContain("Documento n. 124 del");
        text.ShouldNotContain("2.440,00");
    }

    [Fact]
    public void A_long_invoice_flows_over_several_pages_with_every_line_shown()
    {
        var document = Samples.Valid();
        var line = document.At("FatturaElettronicaBody/DatiBeniServizi/DettaglioLinee");
        for (int i = 2; i <= 150; i++)
        {
            var copy = new System.Xml.Linq.XElement(line);
            copy.Elements().First(e => e.Name.LocalName == "NumeroLinea").Value = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            copy.Elements().First(e => e.Name.LocalName == "Descrizione").Value = $"Riga di fornitura numero {i}";
            line.Parent!.Elements().Last(e => e.Name.LocalName == "DettaglioLinee").AddAfterSelf(copy);
        }

        using var stream = new MemoryStream();
        document.Save(stream);
        var pdf = InvoicePdfRenderer.Render(stream.ToArray());

        using (var reopened = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import))
        {
            reopened.PageCount.ShouldBeGreaterThan(2);
        }

        var lines = PdfTextReader.Read(pdf);
        lines.ShouldContain("Riga di fornitura numero 150");
        lines.ShouldContain(l => l.StartsWith("Pagina 1 di ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_that_is_not_XML_is_not_rendered()
        => Should.Throw<XmlException>(() => InvoicePdfRenderer.Render("questa non è una fattura"u8.ToArray()));

    [Fact]
    public void The_invoice_pdf_verb_writes_the_PDF_and_fails_with_a_reason_on_a_file_that_is_not_an_invoice()
    {
        var folder = Directory.CreateTempSubdirectory("invoice-pdf-").FullName;
        try
        {
            var target = Path.Combine(folder, "fattura.pdf");
            using var output = new StringWriter();
            using var error = new StringWriter();
            PenToscana.Modules.Invoicing.Features.ValidateInvoice.InvoiceCli.Run(["pdf", Path.Combine(Samples.Folder, "IT01234567890_FPA03.xml"), target], output, error).ShouldBe(0, error.ToString());
            PdfTextReader.Text(File.ReadAllBytes(target)).ShouldContain("Documento n. 456 del");

            var broken = Path.Combine(folder, "IT01234567897_00009.xml");
            File.WriteAllText(broken, "<FatturaElettronica");
            PenToscana.Modules.Invoicing.Features.ValidateInvoice.InvoiceCli.Run(["pdf", broken], output, error).ShouldBe(1);
            error.ToString().ShouldContain("IT01234567897_00009.xml");
            File.Exists(Path.Combine(folder, "IT01234567897_00009.pdf")).ShouldBeFalse();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
