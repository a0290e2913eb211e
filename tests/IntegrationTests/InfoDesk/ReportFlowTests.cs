using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Kernel.Blobs;
using PenToscana.Kernel.Data;
using PenToscana.Modules.InfoDesk.Data;
using PenToscana.Modules.InfoDesk.Domain;

namespace PenToscana.IntegrationTests.InfoDesk;

/// <summary>Reports from the public form and from the desk, routed, answered and reopened, through real HTTP.</summary>
public sealed class ReportFlowTests(PlatformFactory platform) : IClassFixture<PlatformFactory>
{
    private const string RegioneAdmin = "CLMFNC81S50D612T";

    internal static async Task<HttpResponseMessage> PostMultipartAsync(HttpClient client, string url, IEnumerable<(string Name, string Value)> fields, params (string Name, string FileName, byte[] Content)[] files)
    {
        var page = await client.GetStringAsync(url);
        using var content = new MultipartFormDataContent { { new StringContent(Antiforgery.TokenFrom(page)), "__RequestVerificationToken" } };
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        foreach (var (name, fileName, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/jpeg");
            content.Add(part, name, fileName);
        }

        return await client.PostAsync(url, content);
    }

    private async Task<Report> ReportAsync(Guid id)
    {
        await using var scope = platform.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InfoDeskDb>();
        return await db.Reports.AsNoTracking().Include(r => r.Photos).Include(r => r.Events).SingleAsync(r => r.Id == id);
    }

    private async Task<Report> EventuallyAsync(Guid id, Func<Report, bool> condition)
    {
        for (int i = 0; i < 150; i++)
        {
            var report = await ReportAsync(id);
            if (condition(report))
            {
                return report;
            }

            await Task.Delay(200);
        }

        throw new ShouldAssertException($"Report {id} did not reach the expected state in time.");
    }

    private async Task<Guid> EnteIdAsync(string ipa)
    {
        await using var scope = platform.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<KernelDb>().Enti.SingleAsync(e => e.IpaCode == ipa)).Id;
    }

    private static Guid IdFrom(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, response.Content.ReadAsStringAsync().Result);
        var path = response.Headers.Location!.ToString().Split('?')[0];
        return Guid.Parse(path[(path.LastIndexOf('/') + 1)..]);
    }

    [Fact]
    public async Task An_anonymous_citizen_files_a_report_with_a_photo_whose_metadata_is_stripped_but_whose_position_is_kept()
    {
        var client = platform.CreateBrowserLikeClient();
        var photo = TestImages.JpegWithGps(43.7712, 11.2540);
        var response = await PostMultipartAsync(client, "/enti/c_d612/segnalazioni/nuova",
            [("Type", "Issue"), ("Category", "buche"), ("q_buche_pericolo", "si"), ("Description", "Buca profonda <script>alert(1)</script> davanti al civico 3"),
             ("Address", "Via dei Servi 3, Firenze"), ("Anonymous", "true"), ("Contact", "None")],
            ("Photos", "IMG_0001.jpg", photo));
        var id = IdFrom(response);

        var report = await ReportAsync(id);
        report.Latitude!.Value.ShouldBe(43.7712, 0.0001);
        report.Longitude!.Value.ShouldBe(11.2540, 0.0001);
        report.ReporterName.ShouldBeNull();
        report.TrackingHash.ShouldNotBeNull();
        report.Answers.ShouldBe("""{"pericolo":"si"}""");
        report.Photos.Count.ShouldBe(1);
        var stored = report.Photos[0];
        stored.Latitude!.Value.ShouldBe(43.7712, 0.0001);
        await using var blob = await platform.Service<IBlobStore>().OpenReadAsync(stored.Sha256);
        using var ms = new MemoryStream();
        await blob.CopyToAsync(ms);
        var bytes = ms.ToArray();
        System.Text.Encoding.ASCII.GetString(bytes).ShouldNotContain("SecretCam");
        System.Text.Encoding.ASCII.GetString(bytes).ShouldNotContain("Exif");

        // The tracking code shown once on the receipt opens the reporter's view.
        var receipt = await client.GetStringAsync(response.Headers.Location!.ToString());
        receipt.ShouldContain("tracking-code");
        receipt.ShouldNotContain("<script>alert(1)</script>");
    }

    [Fact]
    public async Task A_non_image_photo_is_refused_with_a_clear_message_and_nothing_is_stored()
    {
        var client = platform.CreateBrowserLikeClient();
        var response = await PostMultipartAsync(client, "/enti/c_d612/segnalazioni/nuova",
            [("Type", "Issue"), ("Category", "rifiuti"), ("Description", "Sacchi abbandonati (file finto)"), ("Address", "Piazza Santo Spirito"), ("Anonymous", "true")],
            ("Photos", "foto.jpg", "<?php system($_GET['c']); ?>"u8.ToArray()));
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync()).ShouldContain("non è una foto");
        await using var scope = platform.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<InfoDeskDb>().Reports.IgnoreQueryFilters().AnyAsync(r => r.Description.Contains("file finto"))).ShouldBeFalse();
    }

    [Fact]
    public async Task A_point_outside_the_bodys_territory_and_a_missing_required_answer_are_refused()
    {
        var client = platform.CreateBrowserLikeClient();
        var outside = await PostMultipartAsync(client, "/enti/c_d612/segnalazioni/nuova",
            [("Type", "Issue"), ("Category", "rifiuti"), ("Description", "Rifiuti a Pisa"), ("Latitude", "43.7167"), ("Longitude", "10.4000"), ("Anonymous", "true")]);
        outside.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await outside.Content.ReadAsStringAsync()).ShouldContain("fuori dal territorio");

        var missing = await PostMultipartAsync(client, "/enti/c_d612/segnalazioni/nuova",
            [("Type", "Issue"), ("Category", "buche"), ("Description", "Buca senza risposta"), ("Address", "Via Roma"), ("Anonymous", "true")]);
        missing.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await missing.Content.ReadAsStringAsync()).ShouldContain("Rispondere alla domanda");
    }

    [Fact]
    public async Task A_report_in_Prato_on_a_regional_road_is_routed_to_the_Region_and_one_off_the_road_stays_with_Prato()
    {
        var client = platform.CreateBrowserLikeClient();
        var onRoad = IdFrom(await PostMultipartAsync(client, "/enti/c_g999/segnalazioni/nuova",
            [("Type", "Issue"), ("Category", "strade"), ("q_strade_pericolo", "no"), ("Description", "Asfalto rotto sulla regionale"), ("Latitude", "43.9000"), ("Longitude", "11.1000"), ("Anonymous", "true")]));
        var offRoad = IdFrom(await PostMultipartAsync(client, "/enti/c_g999/segnalazioni/nuova",
            [("Type", "Issue"), ("Category", "strade"), ("q_strade_pericolo", "no"), ("Description", "Marciapiede rotto in centro"), ("Latitude", "43.8800"), ("Longitude", "11.0500"), ("Anonymous", "true")]));

        (await ReportAsync(onRoad)).EnteId.ShouldBe(await EnteIdAsync("r_toscan"));
        (await ReportAsync(onRoad)).FiledWithEnteId.ShouldBe(await EnteIdAsync("c_g999"));
        (await ReportAsync(offRoad)).EnteId.ShouldBe(await EnteIdAsync("c_g999"));

        var region = await platform.SignedInClientAsync(RegioneAdmin);
        (await region.GetStringAsync("/backoffice/r_toscan/segnalazioni")).ShouldContain(onRoad.ToString());
        var prato = await platform.SignedInClientAsync(Personas.PratoAdmin);
        var pratoQueue = await prato.GetStringAsync("/backoffice/c_g999/segnalazioni");
        pratoQueue.ShouldContain(offRoad.ToString());
        pratoQueue.ShouldNotContain(onRoad.ToString());

        // The public lists of Prato show both (filed there), newest first across the two, paged; the Region's only its own.
        var pratoOpen311 = await client.GetStringAsync("/open311/v2/requests.json?jurisdiction_id=c_g999&service_code=strade&page_size=2");
        pratoOpen311.IndexOf(offRoad.ToString(), StringComparison.Ordinal).ShouldBeGreaterThanOrEqualTo(0);
        pratoOpen311.IndexOf(onRoad.ToString(), StringComparison.Ordinal).ShouldBeGreaterThan(pratoOpen311.IndexOf(offRoad.ToString(), StringComparison.Ordinal));
        (await client.GetStringAsync("/open311/v2/requests.json?jurisdiction_id=c_g999&service_code=strade&page_size=1&page=2")).ShouldContain(onRoad.ToString());
        var pratoMap = await client.GetStringAsync("/enti/c_g999/segnalazioni/mappa.json?categoria=strade");
        pratoMap.ShouldContain(onRoad.ToString());
        pratoMap.ShouldContain(offRoad.ToString());
        var regionOpen311 = await client.GetStringAsync("/open311/v2/requests.json?jurisdiction_id=r_toscan");
        regionOpen311.ShouldContain(onRoad.ToString());
        regionOpen311.ShouldNotContain(offRoad.ToString());
        (await prato.GetAsync($"/backoffice/r_toscan/segnalazioni/{onRoad}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Nearby_open_reports_of_the_same_category_are_offered_and_others_are_not()
    {
        var client = platform.CreateBrowserLikeClient();
        var first = IdFrom(await PostMultipartAsync(client, "/enti/c_d612/segnalazioni/nuova",
            [("Type", "Issue"), ("Category", "illuminazione"), ("Description", "Lampione spento"), ("Latitude", "43.7800"), ("Longitude", "11.2600"), ("Anonymous", "true")]));

        var near = await client.GetStringAsync("/enti/c_d612/segnalazioni/vicine?categoria=illuminazione&lat=43.7805&lon=11.2601");
        near.ShouldContain(first.ToString());
        var far = await client.GetStringAsync("/enti/c_d612/segnalazioni/vicine?categoria=illuminazione&lat=43.7900&lon=11.2600");
        far.ShouldNotContain(first.ToString());
        var otherCategory = await client.GetStringAsync("/enti/c_d612/segnalazioni/vicine?categoria=rifiuti&lat=43.7805&lon=11.2601");
        otherCategory.ShouldNotContain(first.ToString());
        (await client.GetAsync("/enti/c_d612/segnalazioni/vicine?categoria=illuminazione")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_operator_registers_a_phone_complaint_answers_it_and_the_citizen_reopens_it()
    {
        var desk = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        var response = await PostMultipartAsync(desk, "/backoffice/c_d612/segnalazioni/nuova",
            [("Channel", "Phone"), ("Type", "Complaint"), ("Category", "servizi"), ("Name", "Mario Rossi"), ("TaxCode", "RSSMRA80A01D612Y"),
             ("Phone", "055 123456"), ("Contact", "Phone"), ("Description", "Lo sportello anagrafe era chiuso in orario di apertura.")]);
        var id = IdFrom(response);
        var report = await ReportAsync(id);
        report.Channel.ShouldBe(ReportChannel.Phone);
        report.Type.ShouldBe(ReportType.Complaint);
        report.RegisteredByTaxCode.ShouldBe(Personas.FirenzeOperator);
        report.State.ShouldBe(ReportState.Assigned);

        var page = $"/backoffice/c_d612/segnalazioni/{id}";
        (await desk.PostFormAsync(page, page, new Dictionary<string, string> { ["action"] = "nota", ["text"] = "Verificare turni del 12." }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await desk.PostFormAsync(page, page, new Dictionary<string, string> { ["action"] = "risposta", ["text"] = "Ci scusiamo: lo sportello era chiuso per guasto.", ["close"] = "true" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        report = await ReportAsync(id);
        report.State.ShouldBe(ReportState.Closed);
        report.FirstAnsweredAt.ShouldNotBeNull();

        // Through the outbox: the complaint in the incoming protocol, the answer in the outgoing one.
        report = await EventuallyAsync(id, r => r.IncomingProtocol is not null && r.Events.Any(e => e.Kind == ReportEventKind.OfficialAnswer && e.Protocol is not null));
        report.IncomingProtocol!.ShouldContain("/");

        // The citizen sees the answer but not the internal note, and reopens.
        var mario = await platform.SignedInClientAsync(Personas.CitizenMario);
        var mine = $"/enti/c_d612/segnalazioni/{id}";
        var view = await mario.GetStringAsync(mine);
        view.ShouldContain("chiuso per guasto");
        view.ShouldNotContain("Verificare turni");
        (await mario.PostFormAsync(mine, mine, new Dictionary<string, string> { ["action"] = "riapri", ["text"] = "È successo di nuovo oggi." }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        report = await ReportAsync(id);
        report.State.ShouldBe(ReportState.InProgress);
        report.ReopenCount.ShouldBe(1);

        // The personal area lists it.
        (await mario.GetStringAsync("/area-personale/segnalazioni")).ShouldContain(id.ToString());
    }

    [Fact]
    public async Task Rejecting_without_a_reason_is_refused_and_the_state_is_unchanged()
    {
        var desk = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        var id = IdFrom(await PostMultipartAsync(desk, "/backoffice/c_d612/segnalazioni/nuova",
            [("Channel", "Desk"), ("Type", "Suggestion"), ("Category", "servizi"), ("Name", "Anna Bianchi"), ("Description", "Aprite il sabato.")]));
        var page = $"/backoffice/c_d612/segnalazioni/{id}";
        var refused = await desk.PostFormAsync(page, page, new Dictionary<string, string> { ["action"] = "stato", ["state"] = "Rejected", ["text"] = "" });
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("Indicare il motivo");
        (await ReportAsync(id)).State.ShouldBe(ReportState.Assigned);
    }

    [Fact]
    public async Task Someone_without_the_tracking_code_cannot_comment_on_an_anonymous_report()
    {
        var client = platform.CreateBrowserLikeClient();
        var id = IdFrom(await PostMultipartAsync(client, "/enti/c_d612/segnalazioni/nuova",
            [("Type", "Issue"), ("Category", "rifiuti"), ("Description", "Divano abbandonato"), ("Address", "Via Pisana 100"), ("Anonymous", "true")]));
        var stranger = platform.CreateBrowserLikeClient();
        var page = $"/enti/c_d612/segnalazioni/{id}";
        // The report is public but awaits moderation: its text is not shown yet, and a stranger has no comment form.
        var html = await stranger.GetStringAsync(page);
        html.ShouldNotContain("Divano abbandonato");
        html.ShouldNotContain("Invia commento");
    }
}

/// <summary>Deadline reminders and escalation, run as the scheduler would run the job.</summary>
public sealed class ReportDeadlineTests(PlatformFactory platform) : IClassFixture<PlatformFactory>
{
    [Fact]
    public async Task An_unanswered_report_past_its_deadline_is_escalated_once_and_an_answered_one_is_not()
    {
        var desk = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        var late = await ReportFlowTests.PostMultipartAsync(desk, "/backoffice/c_d612/segnalazioni/nuova",
            [("Channel", "Email"), ("Type", "Issue"), ("Category", "illuminazione"), ("Name", "Carla Verdi"), ("Address", "Via Faenza 1"), ("Description", "Lampione spento da un mese")]);
        late.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var lateId = Guid.Parse(late.Headers.Location!.ToString().Split('/')[^1]);

        await using (var scope = platform.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<InfoDeskDb>();
            var report = await db.Reports.SingleAsync(r => r.Id == lateId);
            report.DueAt = DateTimeOffset.UtcNow.AddDays(-1);
            await db.SaveChangesAsync();
        }

        for (int run = 0; run < 2; run++)
        {
            await using var scope = platform.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<PenToscana.Modules.InfoDesk.Features.Deadlines.DeadlineJob>().RunAsync(CancellationToken.None);
        }

        await using (var scope = platform.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<InfoDeskDb>();
            var report = await db.Reports.Include(r => r.Events).SingleAsync(r => r.Id == lateId);
            report.EscalatedAt.ShouldNotBeNull();
            report.Events.Count(e => e.Kind == ReportEventKind.Escalated).ShouldBe(1);
            (await db.Outbox.CountAsync(m => m.Type.Contains("SendMail") && m.Payload.Contains(lateId.ToString()))).ShouldBeGreaterThanOrEqualTo(1);
        }
    }
}
