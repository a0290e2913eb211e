using System.Xml.Linq;
using PenToscana.Modules.Invoicing.Engine;
using static PenToscana.UnitTests.Invoicing.Samples;

namespace PenToscana.UnitTests.Invoicing;

/// <summary>Every SdI content check with an invoice that fails it and a close one that passes.</summary>
public sealed class ContentCheckTests
{
    private static XElement E(string name, params object[] content) => new(name, content);

    private static XElement NewLine(string qty, string price, string total, string rate, string? natura = null, bool ritenuta = false, XElement? discount = null) =>
        E("DettaglioLinee",
            E("NumeroLinea", "1"),
            E("Descrizione", "FORNITURA"),
            E("Quantita", qty),
            E("PrezzoUnitario", price),
            discount is null ? null! : discount,
            E("PrezzoTotale", total),
            E("AliquotaIVA", rate),
            ritenuta ? E("Ritenuta", "SI") : null!,
            natura is null ? null! : E("Natura", natura));

    private static XElement NewSummary(string rate, string taxable, string tax, string? natura = null, string esigibilita = "I") =>
        E("DatiRiepilogo",
            E("AliquotaIVA", rate),
            natura is null ? null! : E("Natura", natura),
            E("ImponibileImporto", taxable),
            E("Imposta", tax),
            E("EsigibilitaIVA", esigibilita));

    private static XDocument With(XElement? line = null, XElement? summary = null, Action<XDocument>? more = null)
    {
        var doc = Valid();
        if (line is not null)
        {
            doc.At(Line).ReplaceWith(line);
        }

        if (summary is not null)
        {
            doc.At(Summary).ReplaceWith(summary);
        }

        more?.Invoke(doc);
        return doc;
    }

    private static void AddToGeneral(XDocument doc, XElement element) => doc.At(General + "/Numero").AddAfterSelf(element);

    private static XElement Ritenuta() =>
        E("DatiRitenuta", E("TipoRitenuta", "RT02"), E("ImportoRitenuta", "1.00"), E("AliquotaRitenuta", "20.00"), E("CausalePagamento", "A"));

    private static XElement Cassa(string rate, string? natura = null, bool ritenuta = false) =>
        E("DatiCassaPrevidenziale", E("TipoCassa", "TC22"), E("AlCassa", "4.00"), E("ImportoContributoCassa", "0.20"), E("ImponibileCassa", "5.00"),
            E("AliquotaIVA", rate), ritenuta ? E("Ritenuta", "SI") : null!, natura is null ? null! : E("Natura", natura));

    private static void SetParty(XDocument doc, string party, string country, string code)
    {
        var data = doc.At(party);
        data.Elements().Where(e => e.Name.LocalName is "IdFiscaleIVA" or "CodiceFiscale").Remove();
        data.AddFirst(E("IdFiscaleIVA", E("IdPaese", country), E("IdCodice", code)));
    }

    public static TheoryData<string> Checks() =>
    [
        "00300", "00301", "00302", "00305", "00306", "00400", "00401", "00403", "00411", "00413", "00414", "00415", "00417", "00418",
        "00419", "00420", "00421", "00422", "00423", "00424", "00425", "00427", "00428", "00429", "00430", "00437", "00438", "00443",
        "00444", "00445", "00471", "00472", "00473", "00474", "00475", "00476", "00999", "PA001", "PA002", "PA003", "PA004",
    ];

    private static readonly ValidationOptions Strict = new()
    {
        ReceivedOn = new DateOnly(2026, 11, 26),
        PaRules = new PaRules { RequireCig = true, RequireCup = true, RequireOrderNumber = true, ExpectSplitPayment = true },
    };

    private static (XDocument Failing, XDocument Passing, ValidationOptions? Options) Case(string code) => code switch
    {
        "00300" => (With(more: d => d.Set("FatturaElettronicaHeader/DatiTrasmissione/IdTrasmittente/IdCodice", "01234567890")),
            With(more: d => d.Set("FatturaElettronicaHeader/DatiTrasmissione/IdTrasmittente/IdCodice", "RSSMRA80A01D612Y")), null),
        "00301" => (With(more: d => d.Set(Cedente + "/IdFiscaleIVA/IdCodice", "01234567890")), Valid(), null),
        "00302" => (With(more: d => d.At(Cedente + "/IdFiscaleIVA").AddAfterSelf(E("CodiceFiscale", "RSSMRA80A01D612X"))),
            With(more: d => d.At(Cedente + "/IdFiscaleIVA").AddAfterSelf(E("CodiceFiscale", "RSSMRA80A01D612Y"))), null),
        "00305" => (With(more: d => SetParty(d, Cessionario, "IT", "12345678901")), With(more: d => SetParty(d, Cessionario, "IT", "12345678903")), null),
        "00306" => (With(more: d => d.Set(Cessionario + "/CodiceFiscale", "09876543210")), With(more: d => d.Set(Cessionario + "/CodiceFiscale", "09876543217")), null),
        "00400" => (With(NewLine("5.00", "1.00", "5.00", "0.00"), NewSummary("0.00", "5.00", "0.00", "N2.2")),
            With(NewLine("5.00", "1.00", "5.00", "0.00", "N2.2"), NewSummary("0.00", "5.00", "0.00", "N2.2")), null),
        "00401" => (With(NewLine("5.00", "1.00", "5.00", "22.00", "N2.2")), With(NewLine("5.00", "1.00", "5.00", "22.00")), null),
        "00403" => (With(more: d => d.Set(General + "/Data", "2026-11-27")), With(more: d => d.Set(General + "/Data", "2026-11-26")), null),
        "00411" => (With(NewLine("5.00", "1.00", "5.00", "22.00", ritenuta: true)),
            With(NewLine("5.00", "1.00", "5.00", "22.00", ritenuta: true), more: d => AddToGeneral(d, Ritenuta())), null),
        "00413" => (With(more: d => AddToGeneral(d, Cassa("0.00"))), With(more: d => AddToGeneral(d, Cassa("22.00"))), null),
        "00414" => (With(more: d => AddToGeneral(d, Cassa("22.00", "N4"))), With(more: d => AddToGeneral(d, Cassa("22.00"))), null),
        "00415" => (With(more: d => AddToGeneral(d, Cassa("22.00", ritenuta: true))),
            With(more: d => { AddToGeneral(d, Cassa("22.00", ritenuta: true)); AddToGeneral(d, Ritenuta()); }), null),
        "00417" => (With(more: d => d.At(Cessionario + "/CodiceFiscale").Remove()), Valid(), null),
        "00418" => (With(more: d => d.At("FatturaElettronicaBody/DatiGenerali/DatiRicezione").AddAfterSelf(E("DatiFattureCollegate", E("IdDocumento", "99"), E("Data", "2017-02-01")))),
            With(more: d => d.At("FatturaElettronicaBody/DatiGenerali/DatiRicezione").AddAfterSelf(E("DatiFattureCollegate", E("IdDocumento", "99"), E("Data", "2017-01-01")))), null),
        "00419" => (With(NewLine("5.00", "1.00", "5.00", "10.00"), NewSummary("22.00", "0.00", "0.00")),
            With(NewLine("5.00", "1.00", "5.00", "10.00"), NewSummary("10.00", "5.00", "0.50")), null),
        "00420" => (With(NewLine("5.00", "1.00", "5.00", "0.00", "N6.1"), NewSummary("0.00", "5.00", "0.00", "N6.1", "S")),
            With(NewLine("5.00", "1.00", "5.00", "0.00", "N6.1"), NewSummary("0.00", "5.00", "0.00", "N6.1", "I")), null),
        "00421" => (With(summary: NewSummary("22.00", "5.00", "1.20")), With(summary: NewSummary("22.00", "5.00", "1.11")), null),
        "00422" => (With(summary: NewSummary("22.00", "7.00", "1.54")), With(summary: NewSummary("22.00", "5.90", "1.30")), null),
        "00423" => (With(NewLine("5.00", "1.00", "6.00", "22.00"), NewSummary("22.00", "6.00", "1.32")),
            With(NewLine("5.00", "1.00", "4.50", "22.00", discount: E("ScontoMaggiorazione", E("Tipo", "SC"), E("Percentuale", "10.00"))), NewSummary("22.00", "4.50", "0.99")), null),
        "00424" => (With(NewLine("5.00", "1.00", "5.00", "0.22"), NewSummary("0.22", "5.00", "0.01")), Valid(), null),
        "00425" => (With(more: d => d.Set(General + "/Numero", "ABC")), With(more: d => d.Set(General + "/Numero", "ABC/1")), null),
        "00427" => (With(more: d => d.Set("FatturaElettronicaHeader/DatiTrasmissione/CodiceDestinatario", "AAAAAAA")), Valid(), null),
        "00428" => (With(more: d => d.Set("FatturaElettronicaHeader/DatiTrasmissione/FormatoTrasmissione", "FPR12")), Valid(), null),
        "00429" => (With(NewLine("5.00", "1.00", "5.00", "0.00", "N2.2"), NewSummary("0.00", "5.00", "0.00")),
            With(NewLine("5.00", "1.00", "5.00", "0.00", "N2.2"), NewSummary("0.00", "5.00", "0.00", "N2.2")), null),
        "00430" => (With(summary: NewSummary("22.00", "5.00", "1.10", "N2.2")), Valid(), null),
        "00437" => (With(more: d => d.At(General + "/Numero").AddAfterSelf(E("ScontoMaggiorazione", E("Tipo", "SC")))),
            With(more: d => d.At(General + "/Numero").AddAfterSelf(E("ScontoMaggiorazione", E("Tipo", "SC"), E("Percentuale", "5.00")))), null),
        "00438" => (With(NewLine("5.00", "1.00", "5.00", "22.00", discount: E("ScontoMaggiorazione", E("Tipo", "SC")))),
            With(NewLine("5.00", "1.00", "4.50", "22.00", discount: E("ScontoMaggiorazione", E("Tipo", "SC"), E("Importo", "0.10"))), NewSummary("22.00", "4.50", "0.99")), null),
        "00443" => (With(more: d => d.At(Summary).AddAfterSelf(NewSummary("10.00", "0.00", "0.00"))), Valid(), null),
        "00444" => (With(NewLine("5.00", "1.00", "5.00", "0.00", "N2.2"), NewSummary("0.00", "5.00", "0.00", "N3.1")),
            With(NewLine("5.00", "1.00", "5.00", "0.00", "N3.1"), NewSummary("0.00", "5.00", "0.00", "N3.1")), null),
        "00445" => (With(NewLine("5.00", "1.00", "5.00", "0.00", "N2"), NewSummary("0.00", "5.00", "0.00", "N2")),
            With(NewLine("5.00", "1.00", "5.00", "0.00", "N2.1"), NewSummary("0.00", "5.00", "0.00", "N2.1")), null),
        "00471" => (With(more: d => SetParty(d, Cessionario, "IT", "01234567897")), Valid(), null),
        "00472" => (With(more: d => d.Set(General + "/TipoDocumento", "TD21")),
            With(more: d => { d.Set(General + "/TipoDocumento", "TD21"); SetParty(d, Cessionario, "IT", "01234567897"); }), null),
        "00473" => (With(more: d => { d.Set(General + "/TipoDocumento", "TD17"); SetParty(d, Cessionario, "IT", "80000000002"); }),
            With(more: d => { d.Set(General + "/TipoDocumento", "TD17"); SetParty(d, Cessionario, "IT", "80000000002"); SetParty(d, Cedente, "FR", "12345678901"); }), null),
        "00474" => (With(NewLine("5.00", "1.00", "5.00", "0.00", "N2.2"), NewSummary("0.00", "5.00", "0.00", "N2.2"), d => { d.Set(General + "/TipoDocumento", "TD21"); SetParty(d, Cessionario, "IT", "01234567897"); }),
            With(more: d => { d.Set(General + "/TipoDocumento", "TD21"); SetParty(d, Cessionario, "IT", "01234567897"); }), null),
        "00475" => (With(more: d => d.Set(General + "/TipoDocumento", "TD16")),
            With(more: d => { d.Set(General + "/TipoDocumento", "TD16"); SetParty(d, Cessionario, "IT", "80000000002"); }), null),
        "00476" => (With(more: d => { SetParty(d, Cedente, "FR", "12345678901"); SetParty(d, Cessionario, "DE", "123456789"); }),
            With(more: d => { SetParty(d, Cedente, "FR", "12345678901"); SetParty(d, Cessionario, "IT", "80000000002"); }), null),
        "00999" => (With(more: d => AddToGeneral(d, E("DatiRitenuta", E("TipoRitenuta", "RT02"), E("ImportoRitenuta", "1.00"), E("AliquotaRitenuta", "20.00"), E("CausalePagamento", "Z")))),
            With(more: d => AddToGeneral(d, Ritenuta())), null),
        "PA001" => (With(more: d => RemoveAll(d, "CodiceCIG")), SplitPaymentValid(), Strict),
        "PA002" => (With(more: d => RemoveAll(d, "CodiceCUP")), SplitPaymentValid(), Strict),
        "PA003" => (With(more: d => d.At("FatturaElettronicaBody/DatiGenerali/DatiOrdineAcquisto").Remove()), SplitPaymentValid(), Strict),
        "PA004" => (Valid(), SplitPaymentValid(), Strict),
        _ => throw new ArgumentOutOfRangeException(nameof(code)),
    };

    private static XDocument SplitPaymentValid() => With(summary: NewSummary("22.00", "5.00", "1.10", esigibilita: "S"));

    private static void RemoveAll(XDocument doc, string name) => doc.Descendants().Where(e => e.Name.LocalName == name).Remove();

    [Theory]
    [MemberData(nameof(Checks))]
    public void An_invoice_breaking_the_rule_is_reported_with_its_code_and_path(string code)
    {
        var (failing, _, options) = Case(code);
        var report = Validate(failing, options);
        report.Issues.Where(i => i.Code == "00200").ShouldBeEmpty(string.Join("\n", report.Issues));
        var issue = report.Errors.FirstOrDefault(e => e.Code == code);
        issue.ShouldNotBeNull($"expected {code}, got:\n{string.Join("\n", report.Issues)}");
        issue.Path.ShouldStartWith("/FatturaElettronica");
        issue.Message.ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [MemberData(nameof(Checks))]
    public void A_close_invoice_respecting_the_rule_passes(string code)
    {
        var (_, passing, options) = Case(code);
        var report = Validate(passing, options);
        report.Issues.ShouldBeEmpty();
    }

    [Fact]
    public void A_simplified_invoice_above_400_euro_is_refused_with_00460()
    {
        var text = System.Text.Encoding.UTF8.GetString(Bytes("IT01234567890_FSM10.xml"))
            .Replace("01234567890", "01234567897", StringComparison.Ordinal).Replace("09876543210", "09876543217", StringComparison.Ordinal);
        var passing = XDocument.Parse(text);
        Validate(passing).Issues.ShouldBeEmpty();
        var failing = XDocument.Parse(text.Replace("<Importo>25.00</Importo>", "<Importo>500.00</Importo>", StringComparison.Ordinal));
        Validate(failing).Codes().ShouldBe(["00460"]);
    }

    [Fact]
    public void More_than_fifty_format_errors_stop_the_list_with_00201()
    {
        var doc = Valid();
        var line = doc.At(Line);
        for (int i = 0; i < 60; i++)
        {
            line.AddBeforeSelf(NewLine("5.00", "1.00", "5,00", "22.00"));
        }

        var report = Validate(doc);
        report.Issues.Count(i => i.Code == "00200").ShouldBe(50);
        report.Issues[^1].Code.ShouldBe("00201");
    }

    [Theory]
    [InlineData("IT01234567897_00001.xml", true)]
    [InlineData("IT01234567897_0000A.xml.p7m", true)]
    [InlineData("IT80000000002_1.xml", true)]
    [InlineData("IT0123456789_00001.xml", false)]
    [InlineData("IT01234567897_000001.xml", false)]
    [InlineData("IT01234567897-00001.xml", false)]
    [InlineData("fattura.xml", false)]
    [InlineData("IT01234567897_00001.pdf", false)]
    public void File_names_follow_the_SdI_rule_or_get_00001(string name, bool valid)
    {
        var issues = new List<ValidationIssue>();
        InvoiceValidator.CheckFileName(name, issues);
        (issues.Count == 0).ShouldBe(valid);
        if (!valid)
        {
            issues.Single().Code.ShouldBe("00001");
        }
    }

    [Fact]
    public void A_file_over_five_megabytes_is_refused_with_00003()
    {
        var report = InvoiceValidator.Validate(new byte[(5 * 1024 * 1024) + 1]);
        report.Codes().ShouldBe(["00003"]);
        InvoiceValidator.Validate(Bytes("IT01234567890_FPA01.xml")).Codes().ShouldNotContain("00003");
    }

    [Theory]
    [InlineData("0123456789", false)]
    [InlineData("01234567897", true)]
    [InlineData("01234567890", false)]
    [InlineData("RSSMRA80A01D612Y", true)]
    [InlineData("RSSMRA80A01D612Z", false)]
    [InlineData("RSSMRA80A01D6MNY", true)]
    public void Tax_codes_are_checked_by_their_control_character(string value, bool valid) =>
        TaxIdentifiers.IsValidTaxCode(value).ShouldBe(valid);

    [Theory]
    [InlineData("IT60X0542811101000000123456", true)]
    [InlineData("IT60X0542811101000000123457", false)]
    [InlineData("IT60X054281110100000012345", false)]
    [InlineData("DE89370400440532013000", true)]
    public void Ibans_are_checked_by_mod_97_and_italian_length(string iban, bool valid) =>
        PenToscana.Kernel.Values.Iban.IsValid(iban).ShouldBe(valid);
}
