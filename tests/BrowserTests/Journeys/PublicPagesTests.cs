using Microsoft.Playwright;
using PenToscana.BrowserTests.Hosting;

namespace PenToscana.BrowserTests.Journeys;

public sealed class PublicPagesTests(PlatformFixture platform) : BrowserTest(platform)
{
    [Fact]
    public async Task A_visitor_sees_the_demo_bodies_on_the_home_page()
    {
        await VisitAsync("/");

        (await Page.TitleAsync()).ShouldContain("PenToscana");
        (await Page.Locator("h1").InnerTextAsync()).ShouldBe("Servizi online degli enti toscani");
        var bodies = await Page.Locator(".card-ente .card-title a").AllInnerTextsAsync();
        bodies.ShouldBe(["Regione Toscana", "Comune di Firenze", "Comune di Prato", "Azienda USL Toscana Centro"], ignoreOrder: true);

        // Bootstrap Italia is really applied: its font is loaded and used, the header has its coloured band.
        (await Page.EvaluateAsync<string>("getComputedStyle(document.body).fontFamily")).ShouldContain("Titillium");
        (await LoadedFontFamiliesAsync()).ShouldContain("Titillium Web", "the font must be downloaded, not only named in the CSS");
        (await Page.Locator(".card-ente .card-text").First.EvaluateAsync<string>("e => getComputedStyle(e).fontFamily")).ShouldContain("Lora");
        (await LoadedFontFamiliesAsync()).ShouldContain("Lora");
        (await BackgroundColorAsync(".it-header-center-wrapper")).ShouldNotBeOneOf("rgba(0, 0, 0, 0)", "transparent");
        (await BackgroundColorAsync(".it-footer-main")).ShouldNotBeOneOf("rgba(0, 0, 0, 0)", "transparent");
        (await Page.Locator("footer").InnerTextAsync()).ShouldContain("Dichiarazione di accessibilità");

        await ScreenshotAsync("home");
    }

    [Fact]
    public async Task A_visitor_opens_a_body_page_and_sees_its_offices()
    {
        await VisitAsync("/");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Comune di Firenze", Exact = true }).First.ClickAsync();
        await Page.WaitForURLAsync("**/enti/c_d612");
        await CheckPageAsync();

        (await Page.Locator("h1").InnerTextAsync()).ShouldBe("Comune di Firenze");
        (await Page.Locator(".it-brand-title").First.InnerTextAsync()).ShouldBe("Comune di Firenze");
        var contacts = Page.Locator("aside");
        (await contacts.Locator("h2").InnerTextAsync()).ShouldBe("Contatti e uffici");
        var offices = await contacts.Locator("h3:has-text('Uffici') + ul > li").AllInnerTextsAsync();
        offices.Count.ShouldBe(4, "the demo seed gives Firenze four offices");
        offices.ShouldContain(o => o.Contains("URP - Ufficio Relazioni con il Pubblico") && o.Contains("urp@comune.fi.it"));
        offices.ShouldContain(o => o.Contains("Sportello Unico Attività Produttive"));
        (await contacts.InnerTextAsync()).ShouldContain("protocollo@pec.comune.fi.it");
        (await Page.Locator(".breadcrumb").InnerTextAsync()).ShouldContain("Enti");
    }

    [Fact]
    public async Task An_unknown_page_shows_the_italian_not_found_page()
    {
        await VisitAsync("/pagina-che-non-esiste", status: 404);

        (await Page.Locator("h1").InnerTextAsync()).ShouldBe("Pagina non trovata");
        (await Page.Locator("html").GetAttributeAsync("lang")).ShouldBe("it");
        (await Page.GetByRole(AriaRole.Link, new() { Name = "Torna alla pagina iniziale" }).GetAttributeAsync("href")).ShouldBe("/");
    }

    [Fact]
    public async Task The_api_documentation_page_loads()
    {
        var response = await Page.GotoAsync("/api-docs");
        response.ShouldNotBeNull().Status.ShouldBe(200);
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        // Scripts blocked by our CSP would leave an empty page: report them before waiting for content.
        AssertNoProblems();

        // Scalar renders the title it reads from our OpenAPI document (so it fetched and parsed it); with every module's
        // operations the list is long and Scalar renders operations lazily, so their presence is checked in the document.
        var app = Page.Locator("#app");
        await app.GetByText("PenToscana API").First.WaitForAsync();
        var document = await Page.APIRequest.GetAsync("/openapi/v1.json");
        document.Status.ShouldBe(200);
        (await document.TextAsync()).ShouldContain("Elenco degli enti serviti dalla piattaforma");

        // RELAXED AXE, third-party markup only: this page is Scalar's own HTML and Vue UI, which we do not write.
        // axe runs on it like on every page, but two serious findings that live in Scalar's code are tolerated
        // (and printed in the test output): its <html> has no lang attribute, and its grey placeholder/tab/code
        // colours miss 4.5:1. Any other serious or critical violation still fails the test.
        await CheckPageAsync(toleratedAxeRules: ["html-has-lang", "color-contrast"]);
    }

    /// <summary>The font families the page really downloaded and uses (document.fonts.check is true for undeclared fonts too).</summary>
    private async Task<string[]> LoadedFontFamiliesAsync()
        => await Page.EvaluateAsync<string[]>(
            "async () => { await document.fonts.ready; return [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family.replaceAll('\"', '')); }");

    private Task<string> BackgroundColorAsync(string selector)
        => Page.Locator(selector).First.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
}
