using Microsoft.Playwright;
using PenToscana.BrowserTests.Hosting;

namespace PenToscana.BrowserTests.Journeys;

public sealed class InformationPagesTests(PlatformFixture platform) : BrowserTest(platform)
{
    [Fact]
    public async Task A_visitor_reads_the_accessibility_statement_and_the_privacy_notice_from_the_footer()
    {
        await VisitAsync("/");
        await Page.Locator("footer").GetByRole(AriaRole.Link, new() { Name = "Dichiarazione di accessibilità" }).ClickAsync();
        await Page.WaitForURLAsync("**/accessibilita");
        await CheckPageAsync();
        (await Page.Locator("h1").InnerTextAsync()).ShouldBe("Dichiarazione di accessibilità");
        (await Page.Locator("main").InnerTextAsync()).ShouldContain("WCAG 2.1");

        await Page.Locator("footer").GetByRole(AriaRole.Link, new() { Name = "Informativa sulla privacy" }).ClickAsync();
        await Page.WaitForURLAsync("**/privacy");
        await CheckPageAsync();
        (await Page.Locator("h1").InnerTextAsync()).ShouldBe("Informativa sul trattamento dei dati personali");
    }
}
