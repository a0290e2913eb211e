using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Modules.Applications.Data;

namespace PenToscana.IntegrationTests.Applications;

/// <summary>
/// The nursery enrolment of the demo, through the real pages: sign-in, a step with an error, correction, draft saved and resumed,
/// summary, submission with a protocol number and a receipt e-mail; then the office asks for an integration (the term stops), the
/// citizen answers, the office accepts, the citizen rates.
/// </summary>
public sealed partial class ApplicationJourneyTests(PlatformFactory platform) : IClassFixture<PlatformFactory>
{
    internal const string Nursery = "/enti/c_d612/servizi/iscrizione-nido";

    internal static async Task<string> StartNurseryDraftAsync(HttpClient citizen)
    {
        var start = await citizen.PostFormAsync(Nursery + "/compila", Nursery + "/compila", new Dictionary<string, string> { ["privacy"] = "true" });
        start.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = start.Headers.Location!.ToString();
        location.ShouldStartWith("/istanze/bozze/");
        return location[..location.LastIndexOf("/passo/", StringComparison.Ordinal)];
    }

    internal static async Task FillNurseryAsync(HttpClient citizen, string draft)
    {
        (await Step(citizen, draft, 0, new() { ["telefono"] = "+39 055 1234567", ["indirizzo"] = "Via Roma 1, 50123 Firenze", ["email"] = "mario.rossi@example.it" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await Step(citizen, draft, 1, new()
        {
            ["bambinoNome"] = "Luigi", ["bambinoCognome"] = "Rossi", ["bambinoCodiceFiscale"] = "BNCGLI85M52G999P", ["bambinoNascita"] = "2025-03-10", ["disabilita"] = "no",
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await Step(citizen, draft, 2, new() { ["isee"] = "18.500,00", ["iseeProtocollo"] = "INPS-ISEE-2026-12345678A-01" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await Step(citizen, draft, 3, new() { ["nidi"] = "1", ["nidi[0].nido"] = "Nido Il Girasole (Quartiere 1)", ["orario"] = "Tempo lungo (7:30-17:30)" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    internal static Task<HttpResponseMessage> Step(HttpClient client, string draft, int step, Dictionary<string, string> fields)
        => client.PostFormAsync($"{draft}/passo/{step}", $"{draft}/passo/{step}", fields);

    internal static async Task<Guid> SubmitAsync(HttpClient citizen, string draft)
    {
        var submitted = await citizen.PostFormAsync($"{draft}/riepilogo", $"{draft}/riepilogo", new Dictionary<string, string>());
        submitted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = submitted.Headers.Location!.ToString();
        return Guid.Parse(GuidPattern().Match(location).Value);
    }

    private async Task<Submission> SubmissionAsync(Guid id)
    {
        await using var scope = platform.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ApplicationsDb>().Submissions.AsNoTracking().SingleAsync(s => s.Id == id);
    }

    private async Task<string> WaitForMailAsync(params string[] containing)
    {
        var folder = Path.Combine(platform.Database.Folder, "mail");
        for (int i = 0; i < 100; i++)
        {
            if (Directory.Exists(folder))
            {
                foreach (var file in Directory.GetFiles(folder))
                {
                    var text = await File.ReadAllTextAsync(file);
                    if (containing.All(c => text.Contains(c, StringComparison.Ordinal)))
                    {
                        return text;
                    }
                }
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"No e-mail containing {string.Join(" and ", containing)}");
    }

    [Fact]
    public async Task A_citizen_corrects_an_error_resumes_the_draft_submits_and_gets_a_protocolled_receipt_then_the_office_decides_after_an_integration()
    {
        var citizen = await platform.SignedInClientAsync(Personas.CitizenMario);
        var draft = await StartNurseryDraftAsync(citizen);

        // An error is shown next to its field, in Italian, and what was typed is kept.
        var wrong = await Step(citizen, draft, 0, new() { ["telefono"] = "chiamami", ["indirizzo"] = "Via Roma 1, 50123 Firenze" });
        wrong.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var page = await wrong.Content.ReadAsStringAsync();
        page.ShouldContain("Indica un numero di telefono valido");
        page.ShouldContain("Via Roma 1, 50123 Firenze");

        // Saved and resumed from the personal area.
        var saved = await citizen.PostFormAsync($"{draft}/passo/0", $"{draft}/passo/0", new Dictionary<string, string> { ["telefono"] = "+39 055 1234567", ["indirizzo"] = "Via Roma 1, 50123 Firenze", ["azione"] = "salva" });
        saved.Headers.Location!.ToString().ShouldBe("/area-personale/istanze");
        (await citizen.GetStringAsync("/area-personale/istanze")).ShouldContain(draft + "/passo/");
        (await citizen.GetStringAsync($"{draft}/passo/0")).ShouldContain("055 1234567");

        await FillNurseryAsync(citizen, draft);
        var summary = await citizen.GetStringAsync($"{draft}/riepilogo");
        summary.ShouldContain("Le informazioni che hai fornito hanno valore di dichiarazione");
        summary.ShouldContain("Nido Il Girasole (Quartiere 1)");
        summary.ShouldContain("RSSMRA80A01D612Y");

        var id = await SubmitAsync(citizen, draft);
        var receipt = await citizen.GetStringAsync($"/area-personale/istanze/{id}?inviata=1");
        receipt.ShouldContain("Domanda inviata");
        var s = await SubmissionAsync(id);
        s.ProtocolNumber.ShouldNotBeNull();
        s.Status.ShouldBe(SubmissionStatus.Registered);
        s.TermDeadline.ShouldNotBeNull();
        receipt.ShouldContain(s.ProtocolNumber);
        receipt.ShouldContain("Anna Neri");
        receipt.ShouldContain($"entro il {s.TermDeadline:dd/MM/yyyy}");
        (await WaitForMailAsync("Ricevuta", s.Reference)).ShouldContain(s.ProtocolNumber);
        (await citizen.GetAsync($"/area-personale/istanze/{id}/ricevuta.pdf")).Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");

        // The office asks for an integration: the term is suspended.
        var office = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        var boUrl = $"/backoffice/c_d612/istanze/{id}";
        (await office.GetStringAsync("/backoffice/c_d612/istanze")).ShouldContain(id.ToString());
        (await office.PostFormAsync(boUrl, boUrl + "?handler=Act", new Dictionary<string, string> { ["azione"] = "TakeInCharge" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await office.PostFormAsync(boUrl, boUrl + "?handler=Act", new Dictionary<string, string> { ["azione"] = "RequestIntegration", ["testo"] = "Allegare l'attestazione ISEE completa." })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var suspended = await SubmissionAsync(id);
        suspended.Status.ShouldBe(SubmissionStatus.IntegrationRequested);
        suspended.SuspendedFor.ShouldBe(SuspensionKind.Integration);
        (await citizen.GetStringAsync($"/area-personale/istanze/{id}")).ShouldContain("termine sospeso");

        // The citizen answers with a file; the term resumes.
        var detail = $"/area-personale/istanze/{id}";
        var token = Antiforgery.TokenFrom(await citizen.GetStringAsync(detail));
        using var answer = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("Ecco l'attestazione."), "risposta" },
            { new ByteArrayContent("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"u8.ToArray()), "documenti", "isee.pdf" },
        };
        (await citizen.PostAsync(detail + "?handler=Answer", answer)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var resumed = await SubmissionAsync(id);
        resumed.Status.ShouldBe(SubmissionStatus.UnderReview);
        resumed.SuspendedFor.ShouldBeNull();

        // The office accepts with reasons; the citizen sees the outcome and rates the service.
        (await office.PostFormAsync(boUrl, boUrl + "?handler=Act", new Dictionary<string, string> { ["azione"] = "Accept", ["testo"] = "Requisiti posseduti; ammesso in graduatoria." })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var citizenView = await citizen.GetStringAsync(detail);
        citizenView.ShouldContain("Accolta");
        citizenView.ShouldContain("esito-");
        (await citizen.PostFormAsync(detail, detail + "?handler=Rate", new Dictionary<string, string> { ["stelle"] = "5", ["commento"] = "Semplice" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await citizen.GetStringAsync(detail)).ShouldContain("Grazie per la tua valutazione");
        await WaitForMailAsync("accolta");
    }

    [Fact]
    public async Task Submitting_the_same_draft_twice_gives_one_application()
    {
        var citizen = await platform.SignedInClientAsync(Personas.CitizenMario);
        var draft = await StartNurseryDraftAsync(citizen);
        await FillNurseryAsync(citizen, draft);
        var token = Antiforgery.TokenFrom(await citizen.GetStringAsync($"{draft}/riepilogo"));
        var posts = Enumerable.Range(0, 3).Select(_ => citizen.PostAsync($"{draft}/riepilogo", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token })));
        var responses = await Task.WhenAll(posts);
        var ids = responses.Where(r => r.StatusCode == HttpStatusCode.Redirect).Select(r => GuidPattern().Match(r.Headers.Location!.ToString()).Value).Distinct().ToList();
        ids.Count.ShouldBe(1);
        await using var scope = platform.Services.CreateAsyncScope();
        var draftId = Guid.Parse(GuidPattern().Match(draft).Value);
        (await scope.ServiceProvider.GetRequiredService<ApplicationsDb>().Submissions.CountAsync(s => s.DraftId == draftId)).ShouldBe(1);
    }

    [Fact]
    public async Task A_tampered_read_only_tax_code_and_unknown_fields_are_not_stored()
    {
        var citizen = await platform.SignedInClientAsync(Personas.CitizenMario);
        var draft = await StartNurseryDraftAsync(citizen);
        (await Step(citizen, draft, 0, new() { ["codiceFiscale"] = "BNCGLI85M52G999P", ["telefono"] = "3331234567", ["indirizzo"] = "Via Roma 1", ["email"] = "mario.rossi@example.it", ["admin"] = "true" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await using var scope = platform.Services.CreateAsyncScope();
        var draftId = Guid.Parse(GuidPattern().Match(draft).Value);
        var row = await scope.ServiceProvider.GetRequiredService<ApplicationsDb>().Drafts.AsNoTracking().SingleAsync(d => d.Id == draftId);
        row.DataJson.ShouldContain("RSSMRA80A01D612Y");
        row.DataJson.ShouldNotContain("BNCGLI85M52G999P");
        row.DataJson.ShouldNotContain("admin");
    }

    [Fact]
    public async Task A_codice_fiscale_with_a_wrong_check_character_is_refused_next_to_its_field()
    {
        var citizen = await platform.SignedInClientAsync(Personas.CitizenMario);
        var draft = await StartNurseryDraftAsync(citizen);
        var response = await Step(citizen, draft, 1, new()
        {
            ["bambinoNome"] = "Luigi", ["bambinoCognome"] = "Rossi", ["bambinoCodiceFiscale"] = "BNCGLI85M52G999X", ["bambinoNascita"] = "2025-03-10", ["disabilita"] = "no",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Carattere di controllo errato");
    }

    [Fact]
    public async Task The_service_card_shows_term_office_and_official_and_is_listed_on_the_body_page()
    {
        var anonymous = platform.CreateBrowserLikeClient();
        var card = await anonymous.GetStringAsync(Nursery);
        card.ShouldContain("30 giorni");
        card.ShouldContain("Anna Neri");
        card.ShouldContain("Compila online");
        (await anonymous.GetStringAsync("/enti/c_d612")).ShouldContain("/enti/c_d612/servizi/iscrizione-nido");
        (await anonymous.GetAsync(Nursery + "/compila")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task An_operator_of_another_body_cannot_see_the_application()
    {
        var citizen = await platform.SignedInClientAsync(Personas.CitizenMario);
        var draft = await StartNurseryDraftAsync(citizen);
        await FillNurseryAsync(citizen, draft);
        var id = await SubmitAsync(citizen, draft);
        var prato = await platform.SignedInClientAsync(Personas.PratoAdmin);
        (await prato.GetAsync($"/backoffice/c_d612/istanze/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await prato.GetAsync($"/backoffice/c_d612/istanze")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await prato.GetAsync($"/api/v1/backoffice/istanze/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await prato.GetAsync($"/area-personale/istanze/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex GuidPattern();
}
