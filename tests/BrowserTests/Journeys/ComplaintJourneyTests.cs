using Microsoft.Playwright;
using PenToscana.BrowserTests.Hosting;

namespace PenToscana.BrowserTests.Journeys;

/// <summary>
/// A complaint taken by phone at the Prato desk about the regional road: typed with the keyboard, routed to the Region,
/// answered there, reopened by the citizen, and counted on the Region's dashboard.
/// </summary>
public sealed class ComplaintJourneyTests(PlatformFixture platform) : BrowserTest(platform)
{
    private const string PratoAdmin = "GLLPLA78E20G999N";
    private const string RegioneAdmin = "CLMFNC81S50D612T";
    private const string MarioRossi = "RSSMRA80A01D612Y";

    private async Task TabToAsync(string id)
    {
        await Page.Keyboard.PressAsync("Tab");
        (await Page.EvaluateAsync<string>("() => document.activeElement.id")).ShouldBe(id, "the Tab order of the intake form");
    }

    private async Task TabAndTypeAsync(string id, string text)
    {
        await TabToAsync(id);
        await Page.Keyboard.TypeAsync(text);
    }

    private async Task SignInAsAsync(string taxCode, string returnUrl)
    {
        await Page.Context.ClearCookiesAsync();
        await SignInAsync(taxCode, returnUrl);
    }

    [Fact]
    public async Task A_phone_complaint_typed_at_the_Prato_desk_goes_to_the_Region_is_answered_reopened_and_counted()
    {
        var token = "rif-" + Guid.NewGuid().ToString("N")[..8];

        // The desk operator types the call: channel first (autofocus), then every field with Tab, Ctrl+Enter saves.
        // Four real SAML sign-ins, the first of them cold (keys, first signatures): more room than a plain page load.
        Page.Context.SetDefaultNavigationTimeout(60_000);
        Page.Context.SetDefaultTimeout(60_000);
        await SignInAsync(PratoAdmin, "/backoffice/c_g999/segnalazioni/nuova");
        (await Page.EvaluateAsync<string>("() => document.activeElement.id")).ShouldBe("Channel");
        (await Page.InputValueAsync("#Channel")).ShouldBe("Phone");
        await TabAndTypeAsync("Type", "Reclamo");
        await TabAndTypeAsync("Category", "Strade");
        (await Page.InputValueAsync("#Category")).ShouldBe("strade");
        await TabAndTypeAsync("q_strade_pericolo", "No");
        await TabAndTypeAsync("Name", "Mario Rossi");
        await TabAndTypeAsync("TaxCode", MarioRossi);
        await TabAndTypeAsync("Phone", "0574 123456");
        await TabToAsync("Email");
        await TabToAsync("Contact");
        await TabToAsync("PostalAddress");
        await TabAndTypeAsync("Address", "Strada regionale 325, Prato");
        await TabAndTypeAsync("Latitude", "43.9");
        await TabAndTypeAsync("Longitude", "11.1");
        await TabAndTypeAsync("Description", $"Buche profonde sulla regionale, segnalate al telefono ({token}).");
        (await Page.InputValueAsync("#Type")).ShouldBe("Complaint");
        await Page.Keyboard.PressAsync("Control+Enter");
        await Page.Locator("#intake-success, [role=status]").First.WaitForAsync();
        await CheckPageAsync();
        var success = await Page.Locator("[role=status]").First.InnerTextAsync();
        success.ShouldContain("Telefono");
        success.ShouldContain("Regione Toscana", customMessage: "the regional road's area routes the report to the Region");

        // The Region's office finds it, answers with a template and closes it.
        await SignInAsAsync(RegioneAdmin, $"/backoffice/r_toscan/segnalazioni?q={token}");
        var row = Page.Locator("#queue tbody tr");
        (await row.CountAsync()).ShouldBe(1);
        (await row.InnerTextAsync()).ShouldContain("Reclamo");
        await row.Locator("a").ClickAsync();
        await Page.Locator("#answer-text").WaitForAsync();
        await CheckPageAsync();
        (await Page.Locator("#office").InnerTextAsync()).ShouldBe("Ufficio Relazioni con il Pubblico", "the area of the regional road names the Region's office");
        (await Page.Locator("#reporter").InnerTextAsync()).ShouldContain(MarioRossi);
        await Page.FillAsync("#answer-text", "Abbiamo programmato la riasfaltatura del tratto entro la settimana.");
        await Page.Locator("label[for=close]").ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Invia la risposta" }).ClickAsync();
        await Page.Locator("#state", new() { HasText = "Chiusa" }).WaitForAsync();
        await CheckPageAsync();
        var detail = Page.Url;

        // The citizen, signed in, reads the answer and reopens: "it isn't fixed".
        var id = detail[(detail.LastIndexOf('/') + 1)..].Split('?')[0];
        await SignInAsAsync(MarioRossi, $"/enti/c_g999/segnalazioni/{id}");
        (await Page.Locator("#timeline").InnerTextAsync()).ShouldContain("riasfaltatura");
        await Page.FillAsync("#text", "Le buche ci sono ancora.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Riapri la segnalazione" }).ClickAsync();
        await Page.Locator("#report-state", new() { HasText = "In lavorazione" }).WaitForAsync();
        await CheckPageAsync();

        // The Region's dashboard counts the phone channel and the office that answered.
        await SignInAsAsync(RegioneAdmin, "/backoffice/r_toscan/segnalazioni/statistiche");
        (await Page.Locator("#by-channel").GetAttributeAsync("aria-label"))!.ShouldContain("Telefono");
        (await Page.Locator("#offices tbody").InnerTextAsync()).ShouldNotBeEmpty();
        await VisitAsync($"/backoffice/r_toscan/segnalazioni/{id}");
        (await Page.Locator("#state").InnerTextAsync()).ShouldBe("In lavorazione");
    }
}
