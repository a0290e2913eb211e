using Microsoft.Playwright;
using PenToscana.BrowserTests.Hosting;

namespace PenToscana.BrowserTests.Journeys;

public sealed class ProtocolTests(PlatformFixture platform) : BrowserTest(platform)
{
    private const string MarcoBruni = "BRNMRC82H15D612F"; // operator and protocol officer of the Comune di Firenze

    [Fact]
    public async Task An_operator_registers_an_incoming_document_and_finds_it_in_the_register()
    {
        await SignInAsync(MarcoBruni, "/backoffice/c_d612/protocollo");
        (await Page.Locator("h1").InnerTextAsync()).ShouldBe("Registro di protocollo");

        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Nuova registrazione" }).ClickAsync();
        await Page.WaitForURLAsync("**/backoffice/c_d612/protocollo/nuova");
        await CheckPageAsync();
        await Page.Locator("label[for=dir-incoming]").ClickAsync();
        await Page.GetByLabel("Oggetto", new() { Exact = true }).FillAsync("Richiesta di occupazione di suolo pubblico in piazza della Signoria");
        await Page.GetByLabel("Nome o denominazione").FillAsync("Mario Rossi");
        await Page.GetByLabel("Codice fiscale o partita IVA").FillAsync("RSSMRA80A01D612Y");
        await Page.GetByLabel("Canale").SelectOptionAsync("pec");
        await Page.Locator("label[for=uff-URP]").ClickAsync();
        (await Page.Locator("#uff-URP").IsCheckedAsync()).ShouldBeTrue();
        await Page.GetByLabel("Documento principale").SetInputFilesAsync(new FilePayload
        {
            Name = "richiesta.pdf",
            MimeType = "application/pdf",
            Buffer = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n% richiesta di occupazione\n%%EOF\n"),
        });
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Protocolla" }).ClickAsync();

        await Page.WaitForURLAsync("**/backoffice/protocollo/registrazioni/*");
        await CheckPageAsync();
        var confirmation = await Page.Locator(".alert-success").InnerTextAsync();
        confirmation.ShouldContain("Documento protocollato con il numero");
        (await Page.Locator("#oggetto").InnerTextAsync()).ShouldBe("Richiesta di occupazione di suolo pubblico in piazza della Signoria");
        (await Page.Locator("#storia li").CountAsync()).ShouldBe(1);

        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await VisitAsync("/backoffice/c_d612/protocollo");
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Page.GetByLabel("Testo dell'oggetto").FillAsync("suolo pubblico");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Cerca", Exact = true }).ClickAsync();
        await Page.WaitForURLAsync("**/protocollo?*");
        await CheckPageAsync();
        var rows = Page.Locator("#registrazioni tbody tr");
        (await rows.CountAsync()).ShouldBe(1);
        (await rows.First.InnerTextAsync()).ShouldContain("Mario Rossi");

        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await rows.First.GetByRole(AriaRole.Link).ClickAsync();
        await Page.WaitForURLAsync("**/backoffice/protocollo/registrazioni/*");
        await CheckPageAsync();
        (await Page.Locator("h1").InnerTextAsync()).ShouldStartWith("Protocollo n. ");
    }
}
