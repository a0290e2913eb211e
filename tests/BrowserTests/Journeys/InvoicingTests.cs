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
}
