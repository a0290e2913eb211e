using System.Text;
using Microsoft.Playwright;
using PenToscana.BrowserTests.Hosting;

namespace PenToscana.BrowserTests.Journeys;

public sealed class InvoicingTests(PlatformFixture platform) : BrowserTest(platform)
{
    private const string ClaudiaFontana = "CLMFNC81S50D612T"; // administrator of Regione Toscana

    /// <summary>The official sample FPA01 addressed to the Region's billing office (Codice Univoco Ufficio UFRTOS), with its own number.</summary>
    private static byte[] SampleForTheRegion(string numero) => Encoding.UTF8.GetBytes(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Invoicing", "Samples", "IT01234567890_FPA01.xml"))
            .Replace("<CodiceDestinatario>AAAAAA</CodiceDestinatario>", "<CodiceDestinatario>UFRTOS</CodiceDestinatario>", StringComparison.Ordinal)
            .Replace("<Numero>123</Numero>", $"<Numero>{numero}</Numero>", StringComparison.Ordinal));

    [Fact]
    public async Task An_operator_of_the_Region_uploads_an_invoice_finds_it_in_the_register_and_refuses_it_with_a_DM_132_reason()
    {
        var unique = DateTime.UtcNow.ToString("HHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
        var numero = "BR-" + unique;
        await SignInAsync(ClaudiaFontana, "/backoffice/r_toscan/fatture");
        (await Page.Locator("h1").InnerTextAsync()).ShouldBe("Fatture ricevute");

        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Carica una fattura" }).ClickAsync();
        await Page.WaitForURLAsync("**/backoffice/r_toscan/fatture/carica");
        await CheckPageAsync();
        await Page.GetByLabel("Identificativo SdI").FillAsync("7" + unique);
        await Page.GetByLabel("File della fattura").SetInputFilesAsync(new FilePayload
        {
            Name = "IT01234567890_FPA01.xml",
            MimeType = "text/xml",
            Buffer = SampleForTheRegion(numero),
        });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Carica e registra" }).ClickAsync();

        await Page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/backoffice/r_toscan/fatture/[0-9a-f-]{36}$"));
        await CheckPageAsync();
        (await Page.Locator(".alert-success").InnerTextAsync()).ShouldContain("Fattura ricevuta, protocollata con il n.");
        (await Page.Locator("#verifica").InnerTextAsync()).ShouldContain("00301"); // the sample's P.IVA 01234567890 fails the check digit
        var detail = Page.Url;

        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Fatture ricevute" }).ClickAsync();
        await Page.WaitForURLAsync("**/backoffice/r_toscan/fatture");
        await CheckPageAsync();
        await Page.GetByLabel("Stato").SelectOptionAsync("attesa");
        await Page.GetByLabel("Fornitore (nome, partita IVA o codice fiscale)").FillAsync("ALPHA");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Filtra" }).ClickAsync();
        await Page.WaitForURLAsync("**/fatture?*");
        await CheckPageAsync();
        var row = Page.Locator("#registro tbody tr", new() { HasText = numero });
        (await row.InnerTextAsync()).ShouldContain("15 giorni");
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await row.GetByRole(AriaRole.Link).First.ClickAsync();
        await Page.WaitForURLAsync(detail);
        await CheckPageAsync();
        (await Page.Locator("h1").InnerTextAsync()).ShouldStartWith($"Fattura n. {numero}");

        ExpectStatus(new Uri(detail).AbsolutePath, 422);
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Rifiuta la fattura" }).ClickAsync();
        await Page.Locator("#errori").WaitForAsync();
        await CheckPageAsync();
        (await Page.Locator("#errori").InnerTextAsync()).ShouldContain("Scegli il motivo del rifiuto tra quelli ammessi dal DM 132/2020.");
        (await Page.Locator("#stato").InnerTextAsync()).ShouldBe("In attesa di esito");

        await Page.GetByLabel("Motivo del rifiuto (DM 132/2020)").SelectOptionAsync("CIG_CUP");
        await Page.GetByLabel("Motivazione per il fornitore").FillAsync("Il CIG 456def non corrisponde a nessun contratto della Regione");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Rifiuta la fattura" }).ClickAsync();
        await Page.Locator(".alert-success").WaitForAsync();
        await CheckPageAsync();
        (await Page.Locator(".alert-success").InnerTextAsync()).ShouldContain("notifica di esito EC02");
        (await Page.Locator("#stato").InnerTextAsync()).ShouldBe("Rifiutata (EC02)");
        (await Page.Locator("#storia").InnerTextAsync()).ShouldContain("Omessa o errata indicazione del CIG o del CUP: Il CIG 456def non corrisponde");
        (await Page.GetByRole(AriaRole.Button, new() { Name = "Rifiuta la fattura" }).CountAsync()).ShouldBe(0);

        await VisitAsync("/backoffice/r_toscan/fatture/stampa?stato=rifiutate");
        (await Page.Locator("main table").InnerTextAsync()).ShouldContain(numero);
    }

    [Fact]
    public async Task An_operator_certifies_the_suppliers_IBAN_records_a_partial_payment_and_reads_the_timeliness_indicator()
    {
        var unique = DateTime.UtcNow.ToString("HHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
        var numero = "IB-" + unique;
        var invoice = Encoding.UTF8.GetString(SampleForTheRegion(numero))
            .Replace("<ImportoPagamento>6.10</ImportoPagamento>", "<ImportoPagamento>6.10</ImportoPagamento><IBAN>IT60X0542811101000000123456</IBAN>", StringComparison.Ordinal);
        await SignInAsync(ClaudiaFontana, "/backoffice/r_toscan/fatture/carica");
        await Page.GetByLabel("Identificativo SdI").FillAsync("8" + unique);
        await Page.GetByLabel("File della fattura").SetInputFilesAsync(new FilePayload { Name = "IT01234567890_FPA01.xml", MimeType = "text/xml", Buffer = Encoding.UTF8.GetBytes(invoice) });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Carica e registra" }).ClickAsync();
        await Page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/backoffice/r_toscan/fatture/[0-9a-f-]{36}$"));
        var detail = Page.Url;
        await CheckPageAsync();
        (await Page.Locator("#iban-pagamento").InnerTextAsync()).ShouldContain("IBAN non certificato");

        // The page has no script of its own: a link is followed once the page has loaded (waiting for the network to
        // fall silent as well timed out once in a clean run).
        await Page.WaitForLoadStateAsync(LoadState.Load);
        await Page.GetByRole(AriaRole.Link, new() { Name = "scheda del fornitore" }).ClickAsync();
        await Page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/backoffice/r_toscan/fatture/fornitori/[0-9a-f-]{36}$"));
        await CheckPageAsync();
        var account = Page.Locator("#iban-IT60X0542811101000000123456");
        (await account.InnerTextAsync()).ShouldContain("Da certificare");
        await account.GetByLabel("Dichiarazione firmata (PDF o .p7m, al massimo 5 MB)").SetInputFilesAsync(new FilePayload
        {
            Name = "dichiarazione-conto-dedicato.pdf",
            MimeType = "application/pdf",
            Buffer = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"),
        });
        await account.GetByLabel("Data della dichiarazione").FillAsync(PenToscana.Kernel.Calendar.ItalianTime.TodayInItaly(TimeProvider.System).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await account.GetByRole(AriaRole.Button, new() { Name = "Certifica l'IBAN" }).ClickAsync();
        await Page.Locator(".alert-success").WaitForAsync();
        await CheckPageAsync();
        (await Page.Locator("#iban-IT60X0542811101000000123456").InnerTextAsync()).ShouldContain("Certificato");

        await VisitAsync(new Uri(detail).AbsolutePath);
        await CheckPageAsync();
        (await Page.Locator("#iban-pagamento").InnerTextAsync()).ShouldContain("certificato");
        (await Page.Locator("#iban-pagamento").InnerTextAsync()).ShouldNotContain("non certificato");
        await Page.GetByLabel("Data del pagamento").FillAsync(PenToscana.Kernel.Calendar.ItalianTime.TodayInItaly(TimeProvider.System).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await Page.GetByLabel("Importo pagato (euro)").FillAsync("2.10");
        await Page.GetByLabel("Riferimento del mandato").FillAsync("MAND-" + unique);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Registra il pagamento" }).ClickAsync();
        await Page.Locator(".alert-success").WaitForAsync();
        await CheckPageAsync();
        (await Page.Locator(".alert-success").InnerTextAsync()).ShouldContain("restano da pagare 4,00");
        (await Page.Locator("#pagamenti").InnerTextAsync()).ShouldContain("MAND-" + unique);

        await VisitAsync("/backoffice/r_toscan/fatture/tempestivita");
        await CheckPageAsync();
        (await Page.Locator("#tempestivita").InnerTextAsync()).ShouldContain("trimestre");
        (await Page.Locator("#indicatore-anno").InnerTextAsync()).ShouldContain("giorni");

        await VisitAsync("/backoffice/r_toscan/fatture/pcc");
        await CheckPageAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Mostra le operazioni" }).ClickAsync();
        await Page.Locator("#operazioni").WaitForAsync();
        await CheckPageAsync();
        (await Page.Locator("#operazioni").InnerTextAsync()).ShouldContain("CP — Pagamento");

        await VisitAsync("/backoffice/r_toscan/fatture/fornitori?cerca=ALPHA");
        await CheckPageAsync();
        (await Page.Locator("#fornitori").InnerTextAsync()).ShouldContain("ALPHA SRL");
    }
}
