using Microsoft.Playwright;
using PenToscana.BrowserTests.Hosting;

namespace PenToscana.BrowserTests.Journeys;

public sealed class AdministrationTests(PlatformFixture platform) : BrowserTest(platform)
{
    private const string SaraBlu = "BLUSRA79T60D612U";   // platform administrator
    private const string AnnaNeri = "NREANN70D45D612O";  // administrator of the Comune di Firenze

    [Fact]
    public async Task The_platform_administrator_visits_every_administration_page()
    {
        await SignInAsync(SaraBlu, "/admin");
        (await Page.Locator("h1").InnerTextAsync()).ShouldBe("Amministrazione");

        var sections = await Page.Locator("main .card-title a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        sections.ShouldBe(["/admin/enti", "/admin/audit", "/admin/lavori"]);
        var headings = new Dictionary<string, string> { ["/admin/enti"] = "Enti", ["/admin/audit"] = "Registro di audit", ["/admin/lavori"] = "Lavori in background" };
        foreach (var section in sections)
        {
            await VisitAsync(section);
            (await Page.Locator("h1").InnerTextAsync()).ShouldBe(headings[section]);
        }

        await VisitAsync("/admin/enti");
        var bodies = await Page.Locator("main table tbody td:first-child a").AllInnerTextsAsync();
        bodies.ShouldBe(["Regione Toscana", "Comune di Firenze", "Comune di Prato", "Azienda USL Toscana Centro"], ignoreOrder: true);

        await Page.GetByRole(AriaRole.Link, new() { Name = "Nuovo ente" }).ClickAsync();
        await Page.WaitForURLAsync("**/admin/enti/nuovo");
        await CheckPageAsync();
        (await Page.Locator("h1").InnerTextAsync()).ShouldBe("Nuovo ente");

        await VisitAsync("/admin/enti");
        await Page.Locator("main table").GetByRole(AriaRole.Link, new() { Name = "Comune di Firenze", Exact = true }).ClickAsync();
        await Page.WaitForURLAsync("**/admin/enti/*");
        await CheckPageAsync();
        (await Page.Locator("h1").InnerTextAsync()).ShouldBe("Comune di Firenze");

        await Page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "URP - Ufficio Relazioni con il Pubblico" }).ClickAsync();
        await Page.WaitForURLAsync("**/admin/uffici/*");
        await CheckPageAsync();
        (await Page.Locator("h1").InnerTextAsync()).ShouldBe("URP - Ufficio Relazioni con il Pubblico");
    }

    [Fact]
    public async Task A_body_administrator_sees_only_her_own_body()
    {
        await SignInAsync(AnnaNeri, "/admin");

        var sections = await Page.Locator("main .card-title a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        sections.ShouldNotContain("/admin/lavori", "background jobs are for platform administrators");

        await VisitAsync("/admin/enti");
        (await Page.Locator("main table tbody td:first-child a").AllInnerTextsAsync()).ShouldBe(["Comune di Firenze"]);
        (await Page.GetByRole(AriaRole.Link, new() { Name = "Nuovo ente" }).CountAsync()).ShouldBe(0);
    }
}
