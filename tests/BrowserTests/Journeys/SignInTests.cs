using PenToscana.BrowserTests.Hosting;

namespace PenToscana.BrowserTests.Journeys;

public sealed class SignInTests(PlatformFixture platform) : BrowserTest(platform)
{
    private const string MarioRossi = "RSSMRA80A01D612Y";

    [Fact]
    public async Task A_citizen_signs_in_with_spid_through_the_demo_idp_and_lands_in_the_personal_area()
    {
        await VisitAsync("/accedi");
        (await Page.Locator("h1").InnerTextAsync()).ShouldBe("Accedi ai servizi online");

        await ChooseDemoPersonaAsync(MarioRossi);
        await Page.WaitForURLAsync("**/area-personale");
        await CheckPageAsync();

        (await Page.Locator("h1").InnerTextAsync()).ShouldBe("Ciao, Mario Rossi");
        (await Page.Locator("dl").InnerTextAsync()).ShouldContain(MarioRossi);
        (await Page.Locator("header").InnerTextAsync()).ShouldContain("Mario Rossi");

        await ScreenshotAsync("area-personale");
    }

    [Fact]
    public async Task A_sign_in_returns_the_user_to_the_page_they_asked_for()
    {
        await Page.GotoAsync("/area-personale");
        new Uri(Page.Url).AbsolutePath.ShouldBe("/accedi");
        new Uri(Page.Url).Query.ShouldBe("?ReturnUrl=%2Farea-personale");
        await CheckPageAsync();

        await ChooseDemoPersonaAsync(MarioRossi);
        await Page.WaitForURLAsync("**/area-personale");
        await CheckPageAsync();
        (await Page.Locator("h1").InnerTextAsync()).ShouldBe("Ciao, Mario Rossi");
    }

    [Fact]
    public async Task A_citizen_is_refused_the_administration_pages()
    {
        await SignInAsync(MarioRossi, "/area-personale");
        (await Page.Locator("main").GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Vai all'amministrazione" }).CountAsync()).ShouldBe(0);

        ExpectStatus("/accesso-negato", 403);
        var response = await Page.GotoAsync("/admin");
        response.ShouldNotBeNull().Status.ShouldBe(403);
        new Uri(Page.Url).AbsolutePath.ShouldBe("/accesso-negato");
        await CheckPageAsync();
        (await Page.Locator("h1").InnerTextAsync()).ShouldBe("Accesso non consentito");
    }
}
