using System.IO.Compression;
using Microsoft.Playwright;
using PenToscana.BrowserTests.Hosting;

namespace PenToscana.BrowserTests.Journeys;

public sealed class PaymentsTests(PlatformFixture platform) : BrowserTest(platform)
{
    private const string MarioRossi = "RSSMRA80A01D612Y";
    private const string PratoAdmin = "GLLPLA78E20G999N";

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
    [Fact]
    public async Task A_body_imports_a_csv_with_bad_rows_downloads_the_error_report_and_the_notices_and_reconciles_the_day()
    {
        string run = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        string due = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(40)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        string csv = "iupd;debtor_tax_code;debtor_name;description;amount_cents;due_date;service_code\n"
            + $"BRW-{run}-1;RSSMRA80A01D612Y;Mario Rossi;Mensa novembre;4500;{due};MENSA\n"
            + $"BRW-{run}-2;RSSMRA80A01D612X;Codice Sbagliato;Mensa novembre;4500;{due};MENSA\n"
            + $"BRW-{run}-3;BNCGNN85M41G999E;Giovanna Bianchi;Mensa novembre;3900;{due};MENSA\n"
            + $"BRW-{run}-4;BNCGNN85M41G999E;Giovanna Bianchi;Mensa novembre;tre euro;{due};MENSA\n"
            + $"BRW-{run}-5;BNCGNN85M41G999E;Giovanna Bianchi;Mensa dicembre;3900;{due};MENSA\n";
        await SignInAsync(PratoAdmin, "/backoffice/c_g999/pagamenti/importazioni");
        await Page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "mensa-novembre.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv) });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Importa", Exact = true }).ClickAsync();
        await Page.WaitForURLAsync("**/backoffice/c_g999/pagamenti/importazioni/**");
        (await Page.Locator("[role=progressbar]").CountAsync()).ShouldBe(1);

        // The page follows the job and reloads itself when it ends.
        await Page.Locator("#stato-importazione", new() { HasText = "Completata" }).WaitForAsync();
        await CheckPageAsync();
        (await Page.Locator("[role=progressbar]").GetAttributeAsync("aria-valuenow")).ShouldBe("100");
        var status = await Page.Locator("#stato-importazione").InnerTextAsync();
        status.ShouldContain("Posizioni importate\n3");
        status.ShouldContain("Righe scartate\n2");

        var report = await Page.RunAndWaitForDownloadAsync(() => Page.GetByRole(AriaRole.Link, new() { Name = "Scarica il rapporto degli errori (CSV)" }).ClickAsync());
        string reportText = await File.ReadAllTextAsync((await report.PathAsync())!);
        reportText.ShouldContain("codice fiscale");
        reportText.ShouldContain("Importo in centesimi non valido");
        var zip = await Page.RunAndWaitForDownloadAsync(() => Page.GetByRole(AriaRole.Link, new() { Name = "Scarica gli avvisi (ZIP)" }).ClickAsync());
        using (var archive = ZipFile.OpenRead((await zip.PathAsync())!))
        {
            archive.Entries.Select(e => e.Name).Order().ShouldBe([$"avviso-BRW-{run}-1.pdf", $"avviso-BRW-{run}-3.pdf", $"avviso-BRW-{run}-5.pdf"]);
        }

        // One imported notice is paid at a simulated counter; the node's reporting flow then reconciles the day.
        await VisitAsync($"/backoffice/c_g999/pagamenti?Q=BRW-{run}-3");
        await Page.Locator("#posizioni a", new() { HasText = $"BRW-{run}-3" }).ClickAsync();
        await Page.WaitForURLAsync("**/backoffice/c_g999/pagamenti/posizioni/**");
        string notice = (await Page.Locator("td.font-monospace").First.InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);
        await VisitAsync("/simulatore-pagopa/sportello");
        await Page.Locator("#Channel").SelectOptionAsync("tabaccheria");
        await Page.Locator("#Code").FillAsync(notice);
        await Page.Locator("#BodyTaxCode").FillAsync("84006890481");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Verifica l'avviso" }).ClickAsync();
        await Page.Locator("#paga-contanti").ClickAsync();
        (await Page.Locator("#esito").InnerTextAsync()).ShouldContain("Pagamento eseguito");

        await VisitAsync("/backoffice/c_g999/pagamenti/riconciliazione");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Ricevi i flussi dal nodo" }).ClickAsync();
        await Page.Locator(".alert-success", new() { HasText = "flussi di rendicontazione" }).WaitForAsync();
        await CheckPageAsync();
        var flows = Page.Locator("#flussi tbody tr");
        (await flows.CountAsync()).ShouldBeGreaterThan(0);
        foreach (var flow in await flows.AllInnerTextsAsync())
        {
            flow.ShouldContain("Riconciliato");
        }

        (await Page.Locator("#nessun-non-rendicontato").IsVisibleAsync()).ShouldBeTrue();
        await ScreenshotAsync("pagamenti-riconciliazione");
    }
}
