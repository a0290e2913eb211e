using System.IO.Compression;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Modules.Payments.Data;
using PenToscana.Modules.Payments.Domain;
using static PenToscana.IntegrationTests.Payments.PaymentsTestData;

namespace PenToscana.IntegrationTests.Payments;

/// <summary>The body's back office: positions, bulk import with bad rows, notices ZIP, reconciliation, exports.</summary>
public sealed class BackofficePaymentsTests(PlatformFactory platform) : IClassFixture<PlatformFactory>
{
    private static string Due(int days) => DateOnly.FromDateTime(DateTime.UtcNow.AddDays(days)).ToString("yyyy-MM-dd");

    [Fact]
    public async Task A_csv_import_with_bad_rows_imports_the_good_ones_reports_the_bad_ones_and_zips_the_notices()
    {
        var admin = await platform.SignedInClientAsync(Personas.PratoAdmin);
        string csv = "iupd;debtor_tax_code;debtor_name;description;amount_cents;due_date;service_code\n"
            + $"IMP-1;RSSMRA80A01D612Y;Mario Rossi;Mensa ottobre;4500;{Due(20)};MENSA\n"
            + $"IMP-2;RSSMRA80A01D612X;Codice Sbagliato;Mensa ottobre;4500;{Due(20)};MENSA\n"
            + $"IMP-3;BNCGNN85M41G999E;Giovanna Bianchi;Mensa ottobre;abc;{Due(20)};MENSA\n"
            + $"IMP-4;BNCGNN85M41G999E;Giovanna Bianchi;Mensa ottobre;3900;{Due(20)};MENSA\n"
            + $"IMP-1;BNCGNN85M41G999E;Giovanna Bianchi;Stesso IUPD;3900;{Due(20)};MENSA\n";
        var page = await admin.GetStringAsync("/backoffice/c_g999/pagamenti/importazioni");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Antiforgery.TokenFrom(page)), "__RequestVerificationToken" },
            { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv)), "file", "mensa.csv" },
        };
        var upload = await admin.PostAsync("/backoffice/c_g999/pagamenti/importazioni", form);
        upload.StatusCode.ShouldBe(HttpStatusCode.Redirect, await upload.Content.ReadAsStringAsync());
        var jobUrl = upload.Headers.Location!.ToString();
        jobUrl.ShouldStartWith("/backoffice/c_g999/pagamenti/importazioni/");

        string status = "";
        for (int i = 0; i < 100 && !status.Contains("\"done\":true", StringComparison.Ordinal); i++)
        {
            await Task.Delay(200);
            status = await admin.GetStringAsync(jobUrl + "/stato");
        }

        status.ShouldContain("\"imported\":2");
        status.ShouldContain("\"rejected\":3");
        var report = await admin.GetStringAsync(jobUrl + "/errori.csv");
        report.ShouldContain("codice fiscale");
        report.ShouldContain("Importo in centesimi non valido");
        report.ShouldContain("IUPD");
        report.ShouldNotContain("IMP-4");

        var zip = await admin.GetAsync(jobUrl + "/avvisi.zip");
        zip.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var archive = new ZipArchive(new MemoryStream(await zip.Content.ReadAsByteArrayAsync()));
        archive.Entries.Select(e => e.Name).Order().ShouldBe(["avviso-IMP-1.pdf", "avviso-IMP-4.pdf"]);

        // Another body's operator cannot see the job, neither under its body's path nor under their own.
        var firenze = await platform.SignedInClientAsync(Personas.FirenzeAdmin);
        string underFirenze = jobUrl.Replace("/c_g999/", "/c_d612/", StringComparison.Ordinal);
        foreach (var url in new[] { jobUrl, underFirenze })
        {
            foreach (var suffix in new[] { "", "/stato", "/errori.csv", "/avvisi.zip" })
            {
                (await firenze.GetAsync(url + suffix)).StatusCode.ShouldBe(HttpStatusCode.NotFound, url + suffix);
            }
        }

        // The body's own operator does not reach the job through another body's path either.
        (await admin.GetAsync(underFirenze)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_payment_at_the_counter_is_reported_by_the_node_flow_and_the_position_becomes_reported()
    {
        var ticket = (await NoticesAsync(platform, "demo-ticket-1"))[0];
        using var counter = platform.CreateBrowserLikeClient();
        var pay = await counter.PostFormAsync("/simulatore-pagopa/sportello", "/simulatore-pagopa/sportello?handler=Pay", new Dictionary<string, string>
        {
            ["Channel"] = "poste",
            ["Code"] = ticket.NoticeNumber,
            ["BodyTaxCode"] = Usl,
        });
        (await pay.Content.ReadAsStringAsync()).ShouldContain("Pagamento eseguito");

        var admin = await platform.SignedInClientAsync("FRNLRA90B41G999V");
        var before = await admin.GetStringAsync("/backoffice/usl_tc/pagamenti/riconciliazione");
        before.ShouldContain("IUV " + ticket.Iuv);

        var fetch = await admin.PostFormAsync("/backoffice/usl_tc/pagamenti/riconciliazione", "/backoffice/usl_tc/pagamenti/riconciliazione?handler=Fetch", new Dictionary<string, string>());
        fetch.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await admin.GetStringAsync("/backoffice/usl_tc/pagamenti/riconciliazione");
        after.ShouldContain("Riconciliato");
        after.ShouldContain("nessun-non-rendicontato");
        (await PositionAsync(platform, "demo-ticket-1")).Status.ShouldBe(PositionStatus.Reported);

        var export = await admin.GetStringAsync("/backoffice/usl_tc/pagamenti/incassi.csv");
        export.ShouldContain("TICKET,1,3615,36.15");

        var excel = await admin.GetAsync("/backoffice/usl_tc/pagamenti/incassi.xlsx");
        excel.StatusCode.ShouldBe(HttpStatusCode.OK);
        excel.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using var workbook = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(await excel.Content.ReadAsByteArrayAsync()), false);
        var sheet = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var ticketRow = sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().Single(r => r.InnerText.Contains("TICKET", StringComparison.Ordinal));
        var cells = ticketRow.Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().ToList();
        cells[1].InnerText.ShouldBe("TICKET");
        cells[2].CellValue!.Text.ShouldBe("1");
        cells[3].CellValue!.Text.ShouldBe("3615");
        cells[4].CellValue!.Text.ShouldBe("36.15");
        DateTime.FromOADate(double.Parse(cells[0].CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)).Date.ShouldBe(DateTime.UtcNow.Date, TimeSpan.FromDays(1));
    }

    [Fact]
    public async Task A_flow_naming_an_unknown_iuv_is_shown_as_an_anomaly_and_a_flow_for_another_body_is_refused()
    {
        var admin = await platform.SignedInClientAsync(Personas.FirenzeAdmin);
        string Flow(string receiver) => $"""
            <pay_i:FlussoRiversamento xmlns:pay_i="http://www.digitpa.gov.it/schemas/2011/Pagamenti/">
              <pay_i:versioneOggetto>1.0</pay_i:versioneOggetto><pay_i:identificativoFlusso>2026-11-26TESTPSP-{receiver}</pay_i:identificativoFlusso>
              <pay_i:dataOraFlusso>2026-11-26T10:00:00</pay_i:dataOraFlusso><pay_i:identificativoUnivocoRegolamento>SCT1</pay_i:identificativoUnivocoRegolamento>
              <pay_i:dataRegolamento>2026-11-26</pay_i:dataRegolamento>
              <pay_i:istitutoMittente><pay_i:identificativoUnivocoMittente><pay_i:tipoIdentificativoUnivoco>B</pay_i:tipoIdentificativoUnivoco><pay_i:codiceIdentificativoUnivoco>TESTPSP</pay_i:codiceIdentificativoUnivoco></pay_i:identificativoUnivocoMittente></pay_i:istitutoMittente>
              <pay_i:istitutoRicevente><pay_i:identificativoUnivocoRicevente><pay_i:tipoIdentificativoUnivoco>G</pay_i:tipoIdentificativoUnivoco><pay_i:codiceIdentificativoUnivoco>{receiver}</pay_i:codiceIdentificativoUnivoco></pay_i:identificativoUnivocoRicevente></pay_i:istitutoRicevente>
              <pay_i:numeroTotalePagamenti>1</pay_i:numeroTotalePagamenti><pay_i:importoTotalePagamenti>10.00</pay_i:importoTotalePagamenti>
              <pay_i:datiSingoliPagamenti><pay_i:identificativoUnivocoVersamento>02999999999999999</pay_i:identificativoUnivocoVersamento><pay_i:identificativoUnivocoRiscossione>IUR1</pay_i:identificativoUnivocoRiscossione><pay_i:indiceDatiSingoloPagamento>1</pay_i:indiceDatiSingoloPagamento><pay_i:singoloImportoPagato>10.00</pay_i:singoloImportoPagato><pay_i:codiceEsitoSingoloPagamento>0</pay_i:codiceEsitoSingoloPagamento><pay_i:dataEsitoSingoloPagamento>2026-11-25</pay_i:dataEsitoSingoloPagamento></pay_i:datiSingoliPagamenti>
            </pay_i:FlussoRiversamento>
            """;
        var wrong = await Upload(admin, Flow(Prato));
        wrong.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await wrong.Content.ReadAsStringAsync()).ShouldContain("non a Comune di Firenze");
        var ok = await Upload(admin, Flow(Firenze));
        ok.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.GetStringAsync("/backoffice/c_d612/pagamenti/riconciliazione")).ShouldContain("IUV 02999999999999999 (versamento 1) - 10,00 € - pagamento sconosciuto");
    }

    private static async Task<HttpResponseMessage> Upload(HttpClient admin, string xml)
    {
        var page = await admin.GetStringAsync("/backoffice/c_d612/pagamenti/riconciliazione");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Antiforgery.TokenFrom(page)), "__RequestVerificationToken" },
            { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(xml)), "file", "flusso.xml" },
        };
        return await admin.PostAsync("/backoffice/c_d612/pagamenti/riconciliazione?handler=Upload", form);
    }

    [Fact]
    public async Task An_operator_creates_and_cancels_a_position_from_the_back_office_and_another_body_gets_404()
    {
        var admin = await platform.SignedInClientAsync(Personas.FirenzeAdmin);
        var created = await admin.PostFormAsync("/backoffice/c_d612/pagamenti", "/backoffice/c_d612/pagamenti?handler=Create", new Dictionary<string, string>
        {
            ["DebtorTaxCode"] = "RSSMRA80A01D612Y",
            ["DebtorName"] = "Mario Rossi",
            ["Description"] = "Occupazione suolo pubblico",
            ["Amount"] = "120,50",
            ["DueDate"] = Due(15),
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect, await created.Content.ReadAsStringAsync());
        var detailUrl = created.Headers.Location!.ToString();
        detailUrl.ShouldStartWith("/backoffice/c_d612/pagamenti/posizioni/");
        var detail = await admin.GetStringAsync(detailUrl);
        detail.ShouldContain("120,50 €");

        var prato = await platform.SignedInClientAsync(Personas.PratoAdmin);
        (await prato.GetAsync(detailUrl)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await prato.GetAsync(detailUrl.Replace("/c_d612/", "/c_g999/", StringComparison.Ordinal))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await prato.GetAsync("/backoffice/c_d612/pagamenti")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        string iupd;
        await using (var scope = platform.Services.CreateAsyncScope())
        {
            var id = Guid.Parse(detailUrl.Split('/')[^1]);
            iupd = await scope.ServiceProvider.GetRequiredService<PaymentsDb>().Positions.Where(p => p.Id == id).Select(p => p.Iupd).SingleAsync();
        }

        var cancelled = await admin.PostFormAsync("/backoffice/c_d612/pagamenti", $"/backoffice/c_d612/pagamenti?handler=Cancel&iupd={Uri.EscapeDataString(iupd)}", new Dictionary<string, string>());
        cancelled.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.GetStringAsync(detailUrl)).ShouldContain("Annullata");
    }

    [Fact]
    public async Task A_citizen_pays_the_car_tax_by_plate_and_a_plate_that_is_not_theirs_is_refused()
    {
        var mario = await platform.SignedInClientAsync(Personas.CitizenMario);
        var notMine = await mario.PostFormAsync("/area-personale/pagamenti/spontanei", "/area-personale/pagamenti/spontanei?handler=Bollo", new Dictionary<string, string> { ["Plate"] = "EZ789EF" });
        notMine.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await notMine.Content.ReadAsStringAsync()).ShouldContain("intestato a te");
        var mine = await mario.PostFormAsync("/area-personale/pagamenti/spontanei", "/area-personale/pagamenti/spontanei?handler=Bollo", new Dictionary<string, string> { ["Plate"] = "gf 123ab" });
        mine.StatusCode.ShouldBe(HttpStatusCode.Redirect, await mine.Content.ReadAsStringAsync());
        var checkout = await mario.GetStringAsync(mine.Headers.Location!.ToString());
        checkout.ShouldContain("GF123AB");
        checkout.ShouldContain("132,60");
    }
}
