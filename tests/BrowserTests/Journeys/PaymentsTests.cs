using Microsoft.Playwright;
using PenToscana.BrowserTests.Hosting;

namespace PenToscana.BrowserTests.Journeys;

public sealed class PaymentsTests(PlatformFixture platform) : BrowserTest(platform)
{
    private const string MarioRossi = "RSSMRA80A01D612Y";

    [Fact]
    public async Task Mario_pays_three_positions_of_three_bodies_in_one_cart_and_downloads_a_receipt()
    {
        await SignInAsync(MarioRossi, "/area-personale");
        await Page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Pagamenti", Exact = true }).ClickAsync();
        await Page.WaitForURLAsync("**/area-personale/pagamenti");
        await CheckPageAsync();
        var open = Page.Locator("#posizioni-aperte");
        (await open.InnerTextAsync()).ShouldContain("Regione Toscana");
        (await open.InnerTextAsync()).ShouldContain("Azienda USL Toscana Centro");
        (await open.InnerTextAsync()).ShouldContain("Comune di Prato");

        foreach (var text in new[] { "Tassa automobilistica", "Ticket visita specialistica", "Lampade votive" })
        {
            await open.Locator("tr", new() { HasText = text }).First.Locator("input[type=checkbox]").CheckAsync();
        }

        await Page.GetByRole(AriaRole.Button, new() { Name = "Paga i selezionati" }).ClickAsync();
        await Page.WaitForURLAsync("**/simulatore-pagopa/checkout/**");
        await CheckPageAsync();
        (await Page.Locator("main").InnerTextAsync()).ShouldContain("Stai pagando 3 avvisi");
        await Page.Locator("#paga").ClickAsync();
        await Page.WaitForURLAsync("**/area-personale/pagamenti/esito/**");
        await CheckPageAsync();
        (await Page.Locator("main").InnerTextAsync()).ShouldContain("Pagamento completato: 3 avvisi pagati");

        var download = await Page.RunAndWaitForDownloadAsync(() => Page.Locator("main a", new() { HasText = "scarica la ricevuta" }).First.ClickAsync());
        download.SuggestedFilename.ShouldStartWith("ricevuta-");
        await ScreenshotAsync("pagamenti-esito");
    }

    [Fact]
    public async Task A_fine_paid_at_a_simulated_tobacconist_shows_as_paid_in_the_personal_area()
    {
        await SignInAsync(MarioRossi, "/area-personale/pagamenti");
        var row = Page.Locator("#posizioni-aperte tr", new() { HasText = "importo ridotto" });
        var notice = (await row.Locator("td.font-monospace").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);

        await VisitAsync("/simulatore-pagopa/sportello");
        await Page.Locator("#Channel").SelectOptionAsync("tabaccheria");
        await Page.Locator("#Code").FillAsync(notice);
        await Page.Locator("#BodyTaxCode").FillAsync("01307110484");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Verifica l'avviso" }).ClickAsync();
        await Page.Locator("#paga-contanti").ClickAsync();
        (await Page.Locator("#esito").InnerTextAsync()).ShouldContain("Pagamento eseguito presso: Tabaccheria");
        await CheckPageAsync();

        await VisitAsync("/area-personale/pagamenti");
        (await Page.Locator("#posizioni-chiuse").InnerTextAsync()).ShouldContain("Verbale n. 2026/004512");
    }
}
