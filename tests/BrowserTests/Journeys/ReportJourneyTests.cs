using Microsoft.Playwright;
using PenToscana.BrowserTests.Hosting;
using SkiaSharp;

namespace PenToscana.BrowserTests.Journeys;

/// <summary>A citizen's report from the map with a photo, offered a nearby duplicate before filing.</summary>
public sealed class ReportJourneyTests(PlatformFixture platform) : BrowserTest(platform)
{
    private static byte[] Photo()
    {
        using var bitmap = new SKBitmap(80, 60);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.SteelBlue);
        }

        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Jpeg, 90).ToArray();
    }

    [Fact]
    public async Task A_citizen_pins_a_report_with_a_photo_is_offered_a_nearby_one_and_files_anyway_receiving_a_tracking_code()
    {
        // Filing re-encodes the photo and registers the report: on a busy machine more than a plain page load.
        Page.Context.SetDefaultNavigationTimeout(60_000);
        Page.Context.SetDefaultTimeout(60_000);
        await VisitAsync("/enti/c_d612/segnalazioni/nuova");
        await Page.Locator("#report-map").WaitForAsync();
        await Page.SelectOptionAsync("#Category", "illuminazione");
        await Page.Locator("#report-map").ClickAsync();
        (await Page.InputValueAsync("#Latitude")).ShouldNotBeEmpty("the pin fills the coordinates");
        // Move the pin next to the demo report of a broken street lamp: the form offers it.
        await Page.Locator("details summary").ClickAsync();
        await Page.FillAsync("#Latitude", "43.77605");
        await Page.FillAsync("#Longitude", "11.24805");
        await Page.Locator("#Longitude").DispatchEventAsync("change");
        await Page.Locator("#similar .alert").WaitForAsync();
        (await Page.Locator("#similar").InnerTextAsync()).ShouldContain("Illuminazione pubblica");
        await CheckPageAsync();

        await Page.FillAsync("#Description", "Un altro lampione spento, all'incrocio.");
        await Page.SetInputFilesAsync("#Photos", new FilePayload { Name = "lampione.jpg", MimeType = "image/jpeg", Buffer = Photo() });
        await Page.Locator("label[for=Anonymous]").ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Invia la segnalazione" }).ClickAsync();
        await Page.WaitForURLAsync("**/segnalazioni/*?inviata=1");
        await CheckPageAsync();
        (await Page.Locator("[role=status]").InnerTextAsync()).ShouldContain("Segnalazione inviata");
        (await Page.Locator("#tracking-code").InnerTextAsync()).ShouldNotBeEmpty();
        var id = new Uri(Page.Url).AbsolutePath.Split('/')[^1];

        // The public map of open street-lighting reports shows it next to the older one (no personal data in its feed).
        await VisitAsync("/enti/c_d612/segnalazioni/mappa?categoria=illuminazione&stato=aperte");
        await Page.Locator("#public-map-count", new() { HasText = "segnalazioni sulla mappa" }).WaitForAsync();
        (await Page.Locator("#public-map path.leaflet-interactive").CountAsync()).ShouldBeGreaterThanOrEqualTo(2);
        await CheckPageAsync();
        var feed = await (await Page.APIRequest.GetAsync("/enti/c_d612/segnalazioni/mappa.json?categoria=illuminazione&stato=aperte")).TextAsync();
        feed.ShouldContain(id);
        feed.ShouldNotContain("lampione spento, all'incrocio");
    }
}
