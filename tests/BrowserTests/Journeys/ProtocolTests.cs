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

    [Fact]
    public async Task An_administrator_opens_an_emergency_register_closes_it_and_imports_its_entries()
    {
        var rome = TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome");
        var now = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, rome);
        await SignInAsync("NREANN70D45D612O", "/backoffice/c_d612/protocollo/emergenza"); // Anna Neri, administrator of the Comune di Firenze
        await CheckPageAsync();
        await Page.GetByLabel("Inizio dell'interruzione").FillAsync(now.AddHours(-1).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await Page.GetByLabel("Causa dell'interruzione").FillAsync("Interruzione della connettività verso il data center");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Apri il registro di emergenza" }).ClickAsync();

        await Page.WaitForURLAsync("**/protocollo/emergenza/*");
        await CheckPageAsync();
        (await Page.Locator("h1").InnerTextAsync()).ShouldStartWith("Registro di emergenza EM-");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Chiudi il registro" }).ClickAsync();
        await Page.Locator("#registrazioni").WaitForAsync();
        await CheckPageAsync();

        var at = now.AddMinutes(-30).ToString("dd/MM/yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        await Page.GetByLabel("File CSV delle registrazioni").SetInputFilesAsync(new FilePayload
        {
            Name = "emergenza.csv",
            MimeType = "text/csv",
            Buffer = System.Text.Encoding.UTF8.GetBytes($"numero;data_ora;tipo;oggetto;corrispondente;codice_fiscale\r\n1;{at};entrata;Domanda di contributo presentata a mano;Mario Rossi;RSSMRA80A01D612Y\r\n"),
        });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Importa" }).ClickAsync();
        await Page.Locator("#importate").WaitForAsync();
        await CheckPageAsync();
        (await Page.Locator(".alert-success").InnerTextAsync()).ShouldContain("1 registrazione importata con il numero");
        var row = Page.Locator("table tbody tr").Last;
        (await row.InnerTextAsync()).ShouldContain("Domanda di contributo presentata a mano");
    }
}
