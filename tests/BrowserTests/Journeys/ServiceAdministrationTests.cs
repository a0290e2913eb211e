using Microsoft.Playwright;
using PenToscana.BrowserTests.Hosting;

namespace PenToscana.BrowserTests.Journeys;

/// <summary>
/// A body administrator edits a form with the live preview and publishes a new version; a desk operator files an application for a
/// citizen (accesso assistito), who then finds it in the personal area. Every page passes axe.
/// </summary>
public sealed class ServiceAdministrationTests(PlatformFixture platform) : BrowserTest(platform)
{
    private const string FirenzeAdmin = "NREANN70D45D612O";
    private const string FirenzeOperator = "BRNMRC82H15D612F";
    private const string Mario = "RSSMRA80A01D612Y";

    private async Task ClickAsync(string name)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true }).ClickAsync();
        await Page.WaitForLoadStateAsync(LoadState.Load);
        await CheckPageAsync();
    }

    /// <summary>
    /// The first requests to a freshly started platform (first page, first signed SAML round trip) may be slow on a busy machine:
    /// these journeys allow more time per step, and the first page is opened unchecked.
    /// </summary>
    private async Task WarmUpAsync()
    {
        Page.SetDefaultTimeout(30_000);
        Page.SetDefaultNavigationTimeout(45_000);
        await Page.GotoAsync("/", new() { Timeout = 90_000 });
    }

    [Fact]
    public async Task An_administrator_sees_the_definition_errors_and_the_preview_update_while_typing_then_publishes_a_new_version()
    {
        await WarmUpAsync();
        await SignInAsync(FirenzeAdmin, "/backoffice/c_d612/servizi");
        await Page.Locator("tr[data-service='istanza-generica'] a", new() { HasTextString = "Modifica il modulo" }).ClickAsync();
        await Page.WaitForURLAsync("**/modulo");
        await CheckPageAsync();
        await Page.Locator("#definizione-valida").WaitForAsync();
        var original = await Page.Locator("#definizione").InputValueAsync();

        // An unknown type: the live preview names the field.
        var broken = original.Replace("\"type\": \"longtext\"", "\"type\": \"testolungo\"", StringComparison.Ordinal);
        broken.ShouldNotBe(original);
        await Page.Locator("#definizione").FillAsync(broken);
        await Page.Locator("#errori-definizione").WaitForAsync();
        (await Page.Locator("#errori-definizione").InnerTextAsync()).ShouldContain("Il campo \"testo\" ha un tipo sconosciuto: \"testolungo\"");
        await CheckPageAsync();

        // A new field appears in the preview, rendered as the citizen will see it; then it is published.
        var added = original.Replace("\"key\": \"oggetto\"", "\"key\": \"telefono\", \"label\": \"Telefono di contatto\", \"type\": \"phone\" }, { \"key\": \"oggetto\"", StringComparison.Ordinal);
        await Page.Locator("#definizione").FillAsync(added);
        await Page.Locator("[data-field='anteprima_telefono']").WaitForAsync();
        (await Page.Locator("label[for='f_anteprima_telefono']").InnerTextAsync()).ShouldContain("Telefono di contatto");
        await CheckPageAsync();
        await ClickAsync("Pubblica una nuova versione");
        (await Page.Locator("#esito").InnerTextAsync()).ShouldContain("pubblicata");
        (await Page.Locator("#versioni tbody tr").CountAsync()).ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task A_desk_operator_files_an_application_for_a_citizen_who_then_finds_it_in_the_personal_area()
    {
        await WarmUpAsync();
        await SignInAsync(FirenzeOperator, "/backoffice/c_d612/sportello");
        var prato = await Page.Locator("#nuova_ServiceId optgroup[label='Comune di Prato'] option", new() { HasTextString = "Istanza generica" }).GetAttributeAsync("value");
        await Page.Locator("#nuova_ServiceId").SelectOptionAsync(prato!);
        await Page.Locator("#nuova_TaxCode").FillAsync(Mario);
        await Page.Locator("#nuova_GivenName").FillAsync("Mario");
        await Page.Locator("#nuova_FamilyName").FillAsync("Rossi");
        await Page.Locator("#nuova_Email").FillAsync("mario.rossi@example.it");
        await Page.Locator("#nuova_DocumentType").SelectOptionAsync("Carta d'identità elettronica");
        await Page.Locator("#nuova_DocumentNumber").FillAsync("CA12345AB");

        // Without the identity check the desk cannot proceed.
        ExpectStatus("/backoffice/c_d612/sportello", 422);
        await ClickAsync("Inizia la compilazione");
        (await Page.Locator("#errori-nuova").InnerTextAsync()).ShouldContain("Conferma di aver verificato il documento");
        await Page.Locator("#nuova_DocumentNumber").FillAsync("CA12345AB");
        await Page.Locator("label[for='nuova_DocumentChecked']").ClickAsync();
        await ClickAsync("Inizia la compilazione");

        (await Page.Locator("main").InnerTextAsync()).ShouldContain("per conto di Mario Rossi");
        await Page.Locator("#f_oggetto").FillAsync("Richiesta allo sportello");
        await Page.Locator("#f_testo").FillAsync("Il cittadino chiede informazioni sulla pratica.");
        await ClickAsync("Avanti");
        await ClickAsync("Conferma e invia");
        await Page.WaitForURLAsync("**/sportello/ricevute/**");
        var receipt = await Page.Locator("#ricevuta").InnerTextAsync();
        receipt.ShouldContain("Comune di Prato");
        receipt.ShouldContain("CA12345AB");
        (await Page.GetByRole(AriaRole.Link, new() { Name = "Stampa la ricevuta (PDF)" }).GetAttributeAsync("href")).ShouldEndWith("/ricevuta.pdf");

        await VisitAsync("/esci");
        await Page.Locator("main form button[type=submit]").ClickAsync();
        await Page.WaitForLoadStateAsync(LoadState.Load);
        await SignInAsync(Mario, "/area-personale/istanze");
        (await Page.Locator("main").InnerTextAsync()).ShouldContain("Istanza generica");
    }
}
