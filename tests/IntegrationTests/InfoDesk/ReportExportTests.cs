using System.Net;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Kernel.Data;
using PenToscana.Modules.InfoDesk.Data;
using PenToscana.Modules.InfoDesk.Domain;
using PenToscana.Modules.InfoDesk.Features.ExportReports;

namespace PenToscana.IntegrationTests.InfoDesk;

/// <summary>Exports of the back-office list: the filtered rows of the own body only, as CSV and Excel, prepared in the background.</summary>
public sealed class ReportExportTests(PlatformFactory platform) : IClassFixture<PlatformFactory>
{
    private static async Task PhoneReportAsync(HttpClient desk, string ipa, string category, string description, ReportChannel channel = ReportChannel.Phone)
    {
        var response = await ReportFlowTests.PostMultipartAsync(desk, $"/backoffice/{ipa}/segnalazioni/nuova",
            [("Channel", channel.ToString()), ("Type", "Issue"), ("Category", category), ("Description", description), ("Address", "Via Roma 1"), ("Name", "Anna Bianchi"), ("Phone", "055 1")]);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
    }

    private async Task<HashSet<string>> ExpectedAsync(string ipa, string category, ReportChannel channel)
    {
        await using var scope = platform.Services.CreateAsyncScope();
        var ente = await scope.ServiceProvider.GetRequiredService<KernelDb>().Enti.SingleAsync(e => e.IpaCode == ipa);
        var ids = await scope.ServiceProvider.GetRequiredService<InfoDeskDb>().Reports.IgnoreQueryFilters()
            .Where(r => r.EnteId == ente.Id && r.CategoryCode == category && r.Channel == channel).Select(r => r.Id).ToListAsync();
        return ids.Select(i => i.ToString()).ToHashSet();
    }

    /// <summary>Starts an export from the list page's form and waits, polling the status endpoint, for the file's address.</summary>
    private static async Task<(string Page, string Download)> ExportAsync(HttpClient client, string ipa, string format, Dictionary<string, string> filters)
    {
        var list = await client.GetStringAsync($"/backoffice/{ipa}/segnalazioni?" + string.Join("&", filters.Select(f => $"{f.Key}={Uri.EscapeDataString(f.Value)}")));
        list.ShouldContain("Esporta Excel");
        var fields = new Dictionary<string, string>(filters) { ["formato"] = format, ["__RequestVerificationToken"] = Antiforgery.TokenFrom(list) };
        var started = await client.PostAsync($"/backoffice/{ipa}/segnalazioni/esportazioni", new FormUrlEncodedContent(fields));
        started.StatusCode.ShouldBe(HttpStatusCode.Redirect, await started.Content.ReadAsStringAsync());
        var page = started.Headers.Location!.ToString();
        (await client.GetStringAsync(page)).ShouldContain("progressbar");
        for (int i = 0; i < 150; i++)
        {
            using var status = JsonDocument.Parse(await client.GetStringAsync($"{page}?handler=Stato"));
            var s = status.RootElement;
            s.GetProperty("status").GetString().ShouldNotBe("failed");
            if (s.GetProperty("download").ValueKind == JsonValueKind.String)
            {
                s.GetProperty("percent").GetInt32().ShouldBe(100);
                s.GetProperty("done").GetInt32().ShouldBe(s.GetProperty("total").GetInt32());
                return (page, s.GetProperty("download").GetString()!);
            }

            await Task.Delay(200);
        }

        throw new ShouldAssertException("The export did not finish in time.");
    }

    [Fact]
    public async Task The_CSV_and_Excel_exports_hold_exactly_the_filtered_reports_of_the_own_body()
    {
        var firenze = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        var prato = await platform.SignedInClientAsync(Personas.PratoAdmin);
        for (int i = 0; i < 4; i++)
        {
            await PhoneReportAsync(firenze, "c_d612", "rifiuti", $"Sacchi abbandonati numero {i}; «virgolette» e =SOMMA(A1)");
        }

        await PhoneReportAsync(firenze, "c_d612", "rifiuti", "Arrivata allo sportello, non per telefono", ReportChannel.Desk);
        await PhoneReportAsync(firenze, "c_d612", "illuminazione", "Lampione spento, per telefono");
        await PhoneReportAsync(prato, "c_g999", "rifiuti", "Rifiuti a Prato, per telefono");
        var expected = await ExpectedAsync("c_d612", "rifiuti", ReportChannel.Phone);
        expected.Count.ShouldBeGreaterThanOrEqualTo(4);
        var filters = new Dictionary<string, string> { ["categoria"] = "rifiuti", ["canale"] = "Phone" };

        var (_, csvUrl) = await ExportAsync(firenze, "c_d612", "csv", filters);
        var csv = await firenze.GetAsync(csvUrl);
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        csv.Content.Headers.ContentDisposition!.FileNameStar.ShouldEndWith(".csv");
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        using (var reader = new CsvHelper.CsvReader(new StringReader(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3)), new CsvHelper.Configuration.CsvConfiguration(System.Globalization.CultureInfo.GetCultureInfo("it-IT")) { Delimiter = ";" }))
        {
            reader.Read().ShouldBeTrue();
            reader.ReadHeader();
            reader.HeaderRecord!.ShouldContain("Descrizione");
            var ids = new HashSet<string>();
            while (reader.Read())
            {
                ids.Add(reader.GetField("Identificativo")!);
                reader.GetField("Canale").ShouldBe("Telefono");
                reader.GetField("Categoria (codice)").ShouldBe("rifiuti");
                reader.GetField("Descrizione")!.ShouldNotStartWith("=");
            }

            ids.ShouldBe(expected, ignoreOrder: true);
        }

        var (page, xlsxUrl) = await ExportAsync(firenze, "c_d612", "xlsx", filters);
        var xlsx = await firenze.GetAsync(xlsxUrl);
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
        xlsx.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using (var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()))
        using (var workbook = SpreadsheetDocument.Open(stream, false))
        {
            var sheet = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet;
            var rows = sheet.Descendants<Row>().ToList();
            string Text(Cell c) => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "";
            Text(rows[0].Elements<Cell>().First()).ShouldBe("Identificativo");
            rows.Skip(1).Select(r => Text(r.Elements<Cell>().First())).ToHashSet().ShouldBe(expected, ignoreOrder: true);
            // The received time is a real date (a number with the date style), not text.
            var received = rows[1].Elements<Cell>().ElementAt(1);
            received.DataType.ShouldBeNull();
            double.Parse(received.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(45000);
            new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(workbook).ShouldBeEmpty();
        }

        // Another body's administrator reaches neither the page, nor its status, nor the file.
        var exportId = page[(page.LastIndexOf('/') + 1)..];
        (await prato.GetAsync(page)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await prato.GetAsync($"{page}?handler=Stato")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await prato.GetAsync(xlsxUrl)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await prato.GetAsync($"/backoffice/c_g999/segnalazioni/esportazioni/{exportId}?handler=File")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await platform.CreateBrowserLikeClient().GetAsync(xlsxUrl)).StatusCode.ShouldNotBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_export_left_running_by_a_node_that_died_is_started_again_and_completes_while_one_with_a_live_heartbeat_is_left_alone()
    {
        var now = platform.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        Guid alive = Guid.CreateVersion7(), dead = Guid.CreateVersion7();
        await using (var scope = platform.Services.CreateAsyncScope())
        {
            var ente = await scope.ServiceProvider.GetRequiredService<KernelDb>().Enti.SingleAsync(e => e.IpaCode == "c_d612");
            var db = scope.ServiceProvider.GetRequiredService<InfoDeskDb>();
            var filters = JsonSerializer.Serialize(new ReportFilter(null, false, null, null, null, null));
            // The older one is still being written by another node; the newer one's node stopped ten minutes ago at row 7.
            db.Exports.Add(new ReportExport
            {
                Id = alive, EnteId = ente.Id, Format = "csv", Filters = filters, Status = ExportStatus.Running, Done = 3,
                CreatedBy = Personas.FirenzeOperator, CreatedAt = now.AddMinutes(-12), HeartbeatAt = now,
            });
            db.Exports.Add(new ReportExport
            {
                Id = dead, EnteId = ente.Id, Format = "csv", Filters = filters, Status = ExportStatus.Running, Done = 7,
                CreatedBy = Personas.FirenzeOperator, CreatedAt = now.AddMinutes(-11), HeartbeatAt = now.AddMinutes(-10),
            });
            await db.SaveChangesAsync();
        }

        platform.Services.GetRequiredService<ExportSignal>().Notify();
        ReportExport? restarted = null;
        for (int i = 0; i < 150 && restarted?.Status != ExportStatus.Completed; i++)
        {
            await Task.Delay(200);
            await using var scope = platform.Services.CreateAsyncScope();
            restarted = await scope.ServiceProvider.GetRequiredService<InfoDeskDb>().Exports.IgnoreQueryFilters().AsNoTracking().SingleAsync(e => e.Id == dead);
        }

        restarted!.Status.ShouldBe(ExportStatus.Completed);
        restarted.BlobSha256.ShouldNotBeNull();
        restarted.Done.ShouldBe(restarted.Total);
        await using (var scope = platform.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<InfoDeskDb>();
            var untouched = await db.Exports.IgnoreQueryFilters().AsNoTracking().SingleAsync(e => e.Id == alive);
            untouched.Status.ShouldBe(ExportStatus.Running);
            untouched.Done.ShouldBe(3);

            // Not left to other tests' workers.
            await db.Exports.IgnoreQueryFilters().Where(e => e.Id == alive).ExecuteUpdateAsync(u => u.SetProperty(e => e.Status, ExportStatus.Failed));
        }
    }

    [Fact]
    public async Task An_unknown_format_is_refused_with_a_clear_message_and_nothing_is_queued()
    {
        var firenze = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        var list = await firenze.GetStringAsync("/backoffice/c_d612/segnalazioni");
        await using var scope = platform.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InfoDeskDb>();
        int before = await db.Exports.IgnoreQueryFilters().CountAsync();
        var response = await firenze.PostAsync("/backoffice/c_d612/segnalazioni/esportazioni", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["formato"] = "pdf", ["__RequestVerificationToken"] = Antiforgery.TokenFrom(list),
        }));
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Scegliere il formato");
        (await db.Exports.IgnoreQueryFilters().CountAsync()).ShouldBe(before);
    }
}
