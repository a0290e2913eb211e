using Microsoft.Playwright;
using PenToscana.BrowserTests.Hosting;

namespace PenToscana.BrowserTests.Journeys;

public sealed class PhoneTests(PlatformFixture platform) : BrowserTest(platform)
{
    protected override ViewportSize Viewport => new() { Width = 375, Height = 740 };

    [Fact]
    public async Task The_home_page_works_on_a_phone_sized_screen()
    {
        await VisitAsync("/");

        var toggler = Page.GetByRole(AriaRole.Button, new() { Name = "Mostra o nascondi il menu" });
        (await toggler.IsVisibleAsync()).ShouldBeTrue("the menu toggler replaces the navbar on a phone");
        (await Page.Locator("#nav-main .navbar-nav").IsVisibleAsync()).ShouldBeFalse("the menu starts closed");
        (await Page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(375, "no horizontal scroll");

        await toggler.ClickAsync();
        await Page.Locator("#nav-main").GetByRole(AriaRole.Link, new() { Name = "API", Exact = true }).WaitForAsync();
        (await toggler.GetAttributeAsync("aria-expanded")).ShouldBe("true");
        (await Page.Locator(".card-ente").CountAsync()).ShouldBe(4);
        await CheckPageAsync();
    }
}
