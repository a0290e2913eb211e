using PenToscana.Modules.Invoicing.Engine;

namespace PenToscana.UnitTests.Invoicing;

public sealed class OfficialSampleTests
{
    private static readonly ValidationOptions Options = new() { ReceivedOn = new DateOnly(2026, 11, 26) };

    [Theory]
    [InlineData("IT01234567890_FPA01.xml")]
    [InlineData("IT01234567890_FPA02.xml")]
    [InlineData("IT01234567890_FPA03.xml")]
    [InlineData("IT01234567890_FPR01.xml")]
    [InlineData("IT01234567890_FPR02.xml")]
    [InlineData("IT01234567890_FPR03.xml")]
    [InlineData("IT01234567890_FSM10.xml")]
    public void The_official_samples_pass_the_schema(string file)
    {
        var report = InvoiceValidator.Validate(Samples.Bytes(file), Options with { FileName = file });
        report.Issues.Where(i => i.Code is "00200" or "00201" or "00001").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("IT01234567890_FPA01.xml", "00300 00301 00306")]
    [InlineData("IT01234567890_FPA02.xml", "00300 00301 00306")]
    [InlineData("IT01234567890_FPA03.xml", "00300 00301 00306")]
    [InlineData("IT01234567890_FPR01.xml", "00300 00301 00306")]
    [InlineData("IT01234567890_FPR02.xml", "00300 00301 00306")]
    [InlineData("IT01234567890_FPR03.xml", "00300 00301 00306 00422")]
    [InlineData("IT01234567890_FSM10.xml", "00300 00301 00305")]
    public void The_official_samples_report_exactly_what_is_wrong_in_them(string file, string expected)
    {
        var report = InvoiceValidator.Validate(Samples.Bytes(file), Options);
        string.Join(' ', report.Errors.Select(e => e.Code).Order()).ShouldBe(expected, string.Join("\n", report.Issues));
    }

    [Fact]
    public void FPR03_first_body_declares_27_euro_taxable_for_lines_totalling_25()
    {
        var report = InvoiceValidator.Validate(Samples.Bytes("IT01234567890_FPR03.xml"), Options);
        var issue = report.Errors.Single(e => e.Code == "00422");
        issue.Path.ShouldBe("/FatturaElettronica/FatturaElettronicaBody[1]/DatiBeniServizi[1]/DatiRiepilogo[1]/ImponibileImporto");
        issue.Message.ShouldContain("27.00");
        issue.Message.ShouldContain("25.00");
        report.Facts.Bodies.Count.ShouldBe(2);
    }

    [Fact]
    public void The_sample_vat_number_01234567890_fails_its_check_digit()
    {
        var report = InvoiceValidator.Validate(Samples.Bytes("IT01234567890_FPA01.xml"), Options);
        var issue = report.Errors.Single(e => e.Code == "00301");
        issue.Path.ShouldBe("/FatturaElettronica/FatturaElettronicaHeader/CedentePrestatore/DatiAnagrafici/IdFiscaleIVA/IdCodice");
        issue.Message.ShouldContain("01234567890");
    }

    [Fact]
    public void The_corrected_sample_has_no_findings()
    {
        var report = Samples.Validate(Samples.Valid());
        report.Issues.ShouldBeEmpty();
        report.IsValid.ShouldBeTrue();
        report.Facts.FormatoTrasmissione.ShouldBe("FPA12");
        report.Facts.Bodies.Single().Numero.ShouldBe("123");
    }

    [Fact]
    public void A_windows_1252_file_is_decoded_and_reports_the_same_as_its_utf8_twin()
    {
        var utf8 = InvoiceValidator.Validate(Samples.Bytes("IT02182030391_32.xml"), Options);
        var cp1252 = InvoiceValidator.Validate(Samples.Bytes("IT02182030391_32.windows-1252.xml"), Options);
        cp1252.Encoding.ShouldBe("windows-1252");
        cp1252.Issues.Select(i => i.ToString()).ShouldBe(utf8.Issues.Select(i => i.ToString()));
        cp1252.Issues.ShouldNotContain(i => i.Message.Contains("codifica"));
    }

    [Fact]
    public void A_declared_encoding_outside_the_accepted_ones_is_rejected_with_a_reason()
    {
        var text = System.Text.Encoding.UTF8.GetString(Samples.Bytes("IT01234567890_FPA01.xml")).Replace("encoding=\"UTF-8\"", "encoding=\"shift_jis\"", StringComparison.Ordinal);
        var report = InvoiceValidator.Validate(System.Text.Encoding.UTF8.GetBytes(text), Options);
        report.Errors.Single().Message.ShouldContain("shift_jis");
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_accepted()
    {
        byte[] plain = Samples.Bytes("IT01234567890_FPR03.xml");
        byte[] withBom = [0xEF, 0xBB, 0xBF, .. plain];
        InvoiceValidator.Validate(withBom, Options).Codes().ShouldBe(InvoiceValidator.Validate(plain, Options).Codes());
    }

    [Theory]
    [InlineData("gobl_invoice-b2g.xml")]
    [InlineData("gobl_invoice-credit-note.xml")]
    [InlineData("gobl_invoice-despatch.xml")]
    [InlineData("gobl_invoice-irpef.xml")]
    [InlineData("gobl_invoice-reverse-charge.xml")]
    [InlineData("gobl_invoice-simple.xml")]
    public void Third_party_samples_pass_the_schema(string file)
    {
        var report = InvoiceValidator.Validate(Samples.Bytes(file), Options);
        report.Issues.Where(i => i.Code is "00200").ShouldBeEmpty(string.Join("\n", report.Issues));
    }

    [Fact]
    public void Code_lists_carry_the_1_2_3_additions_as_data()
    {
        FatturaSchemas.CodeLists.Versions.ShouldContain("1.2.3");
        FatturaSchemas.CodeLists.Describe("TipoDocumentoType", "TD29").ShouldContain("omessa");
        FatturaSchemas.CodeLists.Describe("TipoDocumentoType", "TD01").ShouldBe("Fattura");
        var doc = Samples.Valid();
        doc.Set(Samples.Cedente + "/RegimeFiscale", "RF20");
        Samples.Validate(doc).Issues.ShouldBeEmpty();
    }
}
