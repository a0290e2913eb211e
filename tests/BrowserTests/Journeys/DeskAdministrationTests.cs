using Microsoft.Playwright;
using PenToscana.BrowserTests.Hosting;

namespace PenToscana.BrowserTests.Journeys;

/// <summary>A body administrator exports the filtered report list with its progress bar and looks after the routing areas.</summary>
public sealed class DeskAdministrationTests(PlatformFixture platform) : BrowserTest(platform)
{
    private const string FirenzeAdmin = "NREANN70D45D612O";

    [Fact]
    public async Task An_administrator_exports_the_filtered_list_to_Excel_watching_the_progress_and_refuses_a_bad_area_on_the_map_page()
    {
        Page.Context.SetDefaultNavigationTimeout(60_000);
        Page.Context.SetDefaultTimeout(60_000);
        await SignInAsync(FirenzeAdmin, "/backoffice/c_d612/segnalazioni?canale=Phone");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Esporta Excel" }).ClickAsync();
        await Page.WaitForURLAsync("**/segnalazioni/esportazioni/*");
        await Page.Locator("#export-download:not(.d-none)").WaitForAsync();
        await CheckPageAsync();
        (await Page.Locator("#export-bar").GetAttributeAsync("aria-valuenow")).ShouldBe("100");
        (await Page.Locator("#export-status").InnerTextAsync()).ShouldStartWith("Pronta");
        var download = await Page.RunAndWaitForDownloadAsync(() => Page.Locator("#export-download").ClickAsync());
        download.SuggestedFilename.ShouldStartWith("segnalazioni-c_d612-");
        download.SuggestedFilename.ShouldEndWith(".xlsx");

        await VisitAsync("/backoffice/c_d612/segnalazioni/aree");
        await Page.Locator("#area-map path.leaflet-interactive").First.WaitForAsync();
        (await Page.Locator("#areas").InnerTextAsync()).ShouldContain("Territorio del Comune di Firenze");
        await Page.FillAsync("#Name", "Giardino di Boboli");
        await Page.FillAsync("#GeoJson", """{"type":"Polygon","coordinates":[[[11.24,43.76],[11.25,43.77],[11.25,43.76],[11.24,43.77],[11.24,43.76]]]}""");
        ExpectStatus("/backoffice/c_d612/segnalazioni/aree", 422);
        await Page.Locator("#area-save").ClickAsync();
        await Page.Locator("#area-error").WaitForAsync();
        (await Page.Locator("#area-error").InnerTextAsync()).ShouldContain("si interseca con sé stesso");
        await CheckPageAsync();

        await Page.FillAsync("#GeoJson", """{"type":"Polygon","coordinates":[[[11.245,43.760],[11.252,43.760],[11.252,43.765],[11.245,43.765],[11.245,43.760]]]}""");
        await Page.Locator("#area-save").ClickAsync();
        await Page.Locator("#area-success").WaitForAsync();
        await CheckPageAsync();
        (await Page.Locator("h1").InnerTextAsync()).ShouldContain("Giardino di Boboli");
    }
}
