using Microsoft.Playwright;
using PenToscana.BrowserTests.Hosting;

namespace PenToscana.BrowserTests.Journeys;

/// <summary>The nursery enrolment from the service card to the rating, with the office in between, in headless Chromium.</summary>
public sealed class ApplicationJourneyTests(PlatformFixture platform) : BrowserTest(platform)
{
    private const string Mario = "RSSMRA80A01D612Y";
    private const string Operator = "BRNMRC82H15D612F";

    private async Task SignOutAsync()
    {
        await VisitAsync("/esci");
        await Page.Locator("main form button[type=submit]").ClickAsync();
        await Page.WaitForLoadStateAsync(LoadState.Load);
    }

    private async Task ClickAsync(string name)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true }).ClickAsync();
        await Page.WaitForLoadStateAsync(LoadState.Load);
        await CheckPageAsync();
    }

    [Fact]
    public async Task A_citizen_applies_for_a_nursery_place_the_office_asks_an_integration_then_accepts_and_the_citizen_rates_it()
    {
        await VisitAsync("/enti/c_d612/servizi/iscrizione-nido");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Compila online" }).ClickAsync();
        await ChooseDemoPersonaAsync(Mario);
        await Page.WaitForURLAsync("**/servizi/iscrizione-nido/compila");
        await CheckPageAsync();
        await Page.Locator("label[for=privacy]").ClickAsync();
        await ClickAsync("Inizia la compilazione");

        // A wrong phone number: the error is next to the field; then corrected and saved as a draft.
        var step0 = new Uri(Page.Url).AbsolutePath;
        ExpectStatus(step0, 422);
        await Page.Locator("#f_telefono").FillAsync("chiamami");
        await Page.Locator("#f_indirizzo").FillAsync("Via Roma 1, 50123 Firenze");
        await ClickAsync("Avanti");
        (await Page.Locator("#f_telefono_err").InnerTextAsync()).ShouldContain("numero di telefono valido");
        await Page.Locator("#f_telefono").FillAsync("+39 055 1234567");
        await ClickAsync("Salva e continua più tardi");
        new Uri(Page.Url).AbsolutePath.ShouldBe("/area-personale/istanze");
        await Page.Locator("[data-draft] a").First.ClickAsync();
        await Page.WaitForLoadStateAsync(LoadState.Load);
        await CheckPageAsync();
        (await Page.Locator("h2").First.InnerTextAsync()).ShouldContain("bambin"); // resumed where it stopped
        await Page.GetByRole(AriaRole.Link, new() { Name = "Indietro" }).ClickAsync();
        await Page.WaitForLoadStateAsync(LoadState.Load);
        (await Page.Locator("#f_telefono").InputValueAsync()).ShouldBe("+39 055 1234567");
        await ClickAsync("Avanti");

        await Page.Locator("#f_bambinoNome").FillAsync("Luigi");
        await Page.Locator("#f_bambinoCognome").FillAsync("Rossi");
        await Page.Locator("#f_bambinoCodiceFiscale").FillAsync("BNCGLI85M52G999P");
        await Page.Locator("#f_bambinoNascita").FillAsync("2025-03-10");
        await Page.Locator("label[for=f_disabilita_1]").ClickAsync();
        await ClickAsync("Avanti");
        await Page.Locator("#f_isee").FillAsync("18.500,00");
        await Page.Locator("#f_iseeProtocollo").FillAsync("INPS-ISEE-2026-12345678A-01");
        await ClickAsync("Avanti");
        await Page.Locator("#f_nidi_0__nido").SelectOptionAsync("Nido Il Girasole (Quartiere 1)");
        await Page.Locator("label[for=f_orario_1]").ClickAsync();
        await ClickAsync("Avanti");
        (await Page.Locator("main").InnerTextAsync()).ShouldContain("Le informazioni che hai fornito hanno valore di dichiarazione");
        await ClickAsync("Conferma e invia");

        // The receipt: protocol number, term and official; and the e-mail.
        (await Page.Locator("#protocollo").InnerTextAsync()).ShouldMatch(@"n\. .*\d{4}/\d{7}");
        (await Page.Locator("#termine").InnerTextAsync()).ShouldContain("30 giorni, entro il");
        (await Page.Locator("#responsabile").InnerTextAsync()).ShouldContain("Anna Neri");
        var detail = new Uri(Page.Url).AbsolutePath;
        var id = detail.Split('/').Last();
        await VisitAsync("/dev/mailbox");
        (await Page.Locator("main").InnerTextAsync()).ShouldContain("Ricevuta");

        // The office asks for an integration: the term stops.
        await SignOutAsync();
        await SignInAsync(Operator, $"/backoffice/c_d612/istanze/{id}");
        await ClickAsync("Prendi in carico");
        await Page.Locator("#testo").FillAsync("Allegare l'attestazione ISEE completa.");
        await ClickAsync("Richiedi integrazione (sospende il termine)");
        (await Page.Locator("#termine").InnerTextAsync()).ShouldContain("sospeso");

        // The citizen answers from the personal area.
        await SignOutAsync();
        await SignInAsync(Mario, detail);
        await Page.Locator("#risposta").FillAsync("Ecco l'attestazione.");
        await Page.Locator("#documenti").SetInputFilesAsync(new FilePayload { Name = "isee.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n%%EOF"u8.ToArray() });
        await ClickAsync("Invia la risposta");
        (await Page.Locator("#stato").InnerTextAsync()).ShouldBe("In istruttoria");

        // The office accepts; the citizen sees the outcome and rates the service.
        await SignOutAsync();
        await SignInAsync(Operator, $"/backoffice/c_d612/istanze/{id}");
        await Page.Locator("#testo").FillAsync("Requisiti posseduti.");
        await ClickAsync("Accogli");
        await SignOutAsync();
        await SignInAsync(Mario, detail);
        (await Page.Locator("#stato").InnerTextAsync()).ShouldBe("Accolta");
        await Page.Locator("label[for=stelle5]").ClickAsync();
        await ClickAsync("Invia la valutazione");
        (await Page.Locator("main").InnerTextAsync()).ShouldContain("Grazie per la tua valutazione");

        // The decision letter, protocolled outgoing, is among the communications received, unread until marked.
        var letter = Page.Locator("tr[data-communication]", new() { HasText = "iscrizione" });
        for (int i = 0; i < 50 && await letter.CountAsync() == 0; i++)
        {
            await VisitAsync("/area-personale/comunicazioni");
            if (await letter.CountAsync() == 0)
            {
                await Task.Delay(200);
            }
        }

        await CheckPageAsync();
        (await letter.First.InnerTextAsync()).ShouldContain("Comune di Firenze");
        (await letter.First.InnerTextAsync()).ShouldContain("Da leggere");
        await letter.First.GetByRole(AriaRole.Button).ClickAsync();
        await Page.WaitForLoadStateAsync(LoadState.Load);
        await CheckPageAsync();
        (await Page.Locator("tr[data-communication]", new() { HasText = "iscrizione" }).First.InnerTextAsync()).ShouldContain("Letta");
    }

    [Fact]
    public async Task A_citizen_asks_for_a_stamped_certificate_pays_its_fee_from_the_application_and_then_sees_it_protocolled()
    {
        await SignInAsync(Mario, "/enti/c_g999/servizi/certificato-anagrafico/compila");
        await CheckPageAsync();
        await Page.Locator("label[for=privacy]").ClickAsync();
        await ClickAsync("Inizia la compilazione");
        await Page.Locator("label[for=f_tipo_0]").ClickAsync();
        await Page.Locator("label[for=f_uso_0]").ClickAsync();
        await Page.Locator("#f_copie").FillAsync("2");
        await ClickAsync("Avanti");
        (await Page.Locator("#importo-dovuto").InnerTextAsync()).ShouldContain("16,52 €");
        await ClickAsync("Conferma e invia");

        // Stored and waiting for the fee: 16,00 € stamp duty and 2 × 0,26 € fees, one pagoPA notice.
        var detail = new Uri(Page.Url).AbsolutePath;
        if (!detail.StartsWith("/area-personale/istanze/", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The submission ended on {Page.Url}.");
        }

        await VisitAsync(detail);
        (await Page.Locator("#da-pagare").InnerTextAsync()).ShouldContain("16,52 €");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Paga ora" }).ClickAsync();
        await Page.WaitForURLAsync("**/area-personale/pagamenti?avviso=*");
        await CheckPageAsync();
        (await Page.Locator("#posizioni-aperte input[type=checkbox]:checked").CountAsync()).ShouldBe(1); // this notice, already in the cart
        await Page.GetByRole(AriaRole.Button, new() { Name = "Paga i selezionati" }).ClickAsync();
        await Page.WaitForURLAsync("**/simulatore-pagopa/checkout/**");
        await CheckPageAsync();
        (await Page.Locator("main").InnerTextAsync()).ShouldContain("16,52");
        await Page.Locator("#paga").ClickAsync();
        await Page.WaitForURLAsync("**/area-personale/pagamenti/esito/**");
        await CheckPageAsync();

        // The payment lets the application proceed: protocolled, with its term.
        for (int i = 0; i < 50; i++)
        {
            await VisitAsync(detail);
            if (await Page.Locator("#da-pagare").CountAsync() == 0 && (await Page.Locator("#protocollo").InnerTextAsync()).StartsWith("n. ", StringComparison.Ordinal))
            {
                break;
            }

            await Task.Delay(200);
        }

        await CheckPageAsync();
        (await Page.Locator("#protocollo").InnerTextAsync()).ShouldMatch(@"\d{4}/\d{7}");
        (await Page.Locator("main").InnerTextAsync()).ShouldContain("pagato il");
    }
}
