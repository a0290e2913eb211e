using Microsoft.Playwright;
using PenToscana.BrowserTests.Hosting;

namespace PenToscana.BrowserTests.Journeys;

public sealed class AdministrationTests(PlatformFixture platform) : BrowserTest(platform)
{
    private const string SaraBlu = "BLUSRA79T60D612U";   // platform administrator
    private const string AnnaNeri = "NREANN70D45D612O";  // administrator of the Comune di Firenze

    [Fact]
    public async Task The_platform_administrator_opens_every_section_of_the_administration()
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
    }

    [Fact]
    public async Task The_platform_administrator_browses_the_bodies_down_to_an_office()
    {
        await SignInAsync(SaraBlu, "/admin/enti");
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

    [Fact]
    public async Task The_platform_administrator_sends_a_test_email_and_reads_it_in_the_development_mailbox()
    {
        const string address = "prova.browser@example.it";
        await SignInAsync(SaraBlu, "/admin/lavori");

        await Page.GetByLabel("Invia un'e-mail di prova a").FillAsync(address);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Invia e-mail di prova" }).ClickAsync();
        await Page.Locator(".alert-success").WaitForAsync();
        await CheckPageAsync();
        (await Page.Locator(".alert-success").InnerTextAsync()).ShouldContain(address);

        // The outbox delivers in the background: the mailbox shows the message within a few polls.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        await Page.GotoAsync("/dev/mailbox");
        while (await Page.Locator("main table").GetByText(address).CountAsync() == 0 && DateTime.UtcNow < deadline)
        {
            await Page.WaitForTimeoutAsync(300);
            await Page.ReloadAsync();
        }

        await CheckPageAsync();

        await Page.Locator("main table").GetByRole(AriaRole.Link, new() { Name = "PenToscana: e-mail di prova" }).First.ClickAsync();
        await Page.WaitForURLAsync("**/dev/mailbox/*");
        await CheckPageAsync();
        (await Page.Locator("#mail-subject").InnerTextAsync()).ShouldBe("PenToscana: e-mail di prova");
        (await Page.Locator("main").InnerTextAsync()).ShouldContain("l'invio della posta funziona");
    }
}
