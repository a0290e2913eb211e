using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Kernel.Data;
using PenToscana.Modules.Applications.Data;

namespace PenToscana.IntegrationTests.Applications;

/// <summary>
/// Body administrators create and edit services and their forms: the card's fields, the form definition checked by its validator
/// and previewed with the citizen's field partial, publishing as a new version that never changes afterwards.
/// </summary>
public sealed partial class ServiceAdministrationTests(PlatformFactory platform) : IClassFixture<PlatformFactory>
{
    private const string Services = "/backoffice/c_d612/servizi";

    internal static async Task<Guid> ServiceIdAsync(PlatformFactory platform, string ipa, string slug)
    {
        await using var scope = platform.Services.CreateAsyncScope();
        var ente = await scope.ServiceProvider.GetRequiredService<KernelDb>().Enti.AsNoTracking().SingleAsync(e => e.IpaCode == ipa);
        return await scope.ServiceProvider.GetRequiredService<ApplicationsDb>().Services.AsNoTracking().Where(s => s.EnteId == ente.Id && s.Slug == slug).Select(s => s.Id).SingleAsync();
    }

    private async Task<List<FormVersion>> VersionsAsync(Guid serviceId)
    {
        await using var scope = platform.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ApplicationsDb>().FormVersions.AsNoTracking().Where(f => f.ServiceId == serviceId).OrderBy(f => f.Number).ToListAsync();
    }

    private static Dictionary<string, string> Card(string title, bool published) => new()
    {
        ["Card.Title"] = title,
        ["Card.Slug"] = "",
        ["Card.Category"] = "Educazione e formazione",
        ["Card.Summary"] = "Iscrizione al servizio di mensa scolastica per le scuole dell'infanzia e primarie.",
        ["Card.WhoMayApply"] = "Genitori degli alunni residenti.",
        ["Card.HowTo"] = "Compilando il modulo online.",
        ["Card.DocumentsNeeded"] = "Attestazione ISEE, se si chiede la riduzione.",
        ["Card.Costs"] = "Tariffa per pasto secondo l'ISEE.",
        ["Card.TermDays"] = "45",
        ["Card.SilentAssent"] = "true",
        ["Card.OfficeCode"] = "URP",
        ["Card.ResponsibleOfficial"] = "Giulia Bianchi",
        ["Card.ResponsibleOfficialTaxCode"] = "",
        ["Card.LegalBasis"] = "L. 241/1990; Regolamento comunale dei servizi scolastici",
        ["Card.Contacts"] = "mensa@comune.fi.it, 055 0000000",
        ["Card.SpidLevel"] = "2",
        ["Card.Published"] = published ? "true" : "false",
    };

    [Fact]
    public async Task A_body_administrator_creates_a_service_corrects_its_card_and_publishes_it_on_the_body_page()
    {
        var admin = await platform.SignedInClientAsync(Personas.FirenzeAdmin);
        WebUtility.HtmlDecode(await admin.GetStringAsync(Services)).ShouldContain("Iscrizione al nido d'infanzia");

        // Errors name their field, in Italian, and nothing is created.
        var incomplete = Card("Iscrizione alla mensa scolastica", published: false);
        incomplete["Card.Summary"] = "";
        incomplete["Card.TermDays"] = "0";
        incomplete["Card.ResponsibleOfficialTaxCode"] = "RSSMRA80A01D612X";
        var refused = await admin.PostFormAsync(Services + "/nuovo", Services + "/nuovo", incomplete);
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        page.ShouldContain("Compila il campo \"Cos'è\"");
        page.ShouldContain("da 1 a 730");
        page.ShouldContain("Codice fiscale del responsabile");
        page.ShouldContain("Iscrizione alla mensa scolastica");

        var created = await admin.PostFormAsync(Services + "/nuovo", Services + "/nuovo", Card("Iscrizione alla mensa scolastica", published: false));
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var id = await ServiceIdAsync(platform, "c_d612", "iscrizione-alla-mensa-scolastica");
        created.Headers.Location!.ToString().ShouldBe($"{Services}/{id}/modulo");
        (await VersionsAsync(id)).Single().PublishedAt.ShouldNotBeNull();

        // Unpublished: not on the public card; published: shown with its term and official.
        var anonymous = platform.CreateBrowserLikeClient();
        (await anonymous.GetAsync("/enti/c_d612/servizi/iscrizione-alla-mensa-scolastica")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var edit = Card("Iscrizione alla mensa scolastica", published: true);
        edit["Card.Slug"] = "iscrizione-alla-mensa-scolastica";
        (await admin.PostFormAsync($"{Services}/{id}", $"{Services}/{id}", edit)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var card = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/enti/c_d612/servizi/iscrizione-alla-mensa-scolastica"));
        card.ShouldContain("45 giorni");
        card.ShouldContain("Giulia Bianchi");

        // The address is unique in the body.
        var duplicate = Card("Iscrizione al nido, bis", published: false);
        duplicate["Card.Slug"] = "iscrizione-nido";
        var clash = await admin.PostFormAsync(Services + "/nuovo", Services + "/nuovo", duplicate);
        clash.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        WebUtility.HtmlDecode(await clash.Content.ReadAsStringAsync()).ShouldContain("\"iscrizione-nido\" è già usato");
    }

    [Fact]
    public async Task Only_the_administrators_of_the_body_may_open_or_change_its_services_and_forms()
    {
        var nursery = await ServiceIdAsync(platform, "c_d612", "iscrizione-nido");
        var before = await VersionsAsync(nursery);
        var prato = await platform.SignedInClientAsync(Personas.PratoAdmin);
        var operatorOfFirenze = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        foreach (var client in new[] { prato, operatorOfFirenze })
        {
            (await client.GetAsync(Services)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await client.GetAsync($"{Services}/nuovo")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await client.GetAsync($"{Services}/{nursery}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await client.GetAsync($"{Services}/{nursery}/modulo")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        // Prato's administrator, with a valid token of their own pages, cannot publish over Firenze's form.
        (await prato.GetAsync("/backoffice/c_g999/servizi")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var token = Antiforgery.TokenFrom(await prato.GetStringAsync("/backoffice/c_g999/servizi/nuovo"));
        var post = await prato.PostAsync($"{Services}/{nursery}/modulo?handler=Publish", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Definizione"] = before[^1].Json.Replace("Iscrizione", "Modificato", StringComparison.Ordinal),
        }));
        post.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await prato.GetAsync($"/backoffice/c_g999/servizi/{nursery}/modulo")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await VersionsAsync(nursery)).Count.ShouldBe(before.Count);

        var citizen = await platform.SignedInClientAsync(Personas.CitizenMario);
        (await citizen.GetAsync(Services)).Headers.Location!.ToString().ShouldContain("/accesso-negato");
    }

    [Fact]
    public async Task The_definition_validator_names_the_unknown_type_the_dangling_condition_and_the_repeated_key_and_nothing_is_published()
    {
        var id = await ServiceIdAsync(platform, "c_d612", "istanza-generica");
        var before = await VersionsAsync(id);
        var admin = await platform.SignedInClientAsync(Personas.FirenzeAdmin);
        var editor = $"{Services}/{id}/modulo";
        const string Bad = """
            { "title": "Prova", "steps": [ { "key": "uno", "title": "Uno", "fields": [
                { "key": "nome", "label": "Nome", "type": "testo" },
                { "key": "nome", "label": "Nome di nuovo", "type": "text" },
                { "key": "motivo", "label": "Motivo", "type": "text", "showIf": { "field": "fantasma", "equalTo": "si" } } ] } ] }
            """;
        var token = Antiforgery.TokenFrom(await admin.GetStringAsync(editor));
        using var request = new HttpRequestMessage(HttpMethod.Post, editor + "?handler=Preview")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Definizione"] = Bad }),
        };
        request.Headers.Add("X-Anteprima", "1");
        var preview = await admin.SendAsync(request);
        preview.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = WebUtility.HtmlDecode(await preview.Content.ReadAsStringAsync());
        html.ShouldNotContain("<html");
        html.ShouldContain("Il campo \"nome\" ha un tipo sconosciuto: \"testo\"");
        html.ShouldContain("La chiave \"nome\" è usata da più campi");
        html.ShouldContain("si riferisce al campo \"fantasma\", che non esiste nel modulo");

        var broken = await admin.PostFormAsync(editor, editor + "?handler=Publish", new Dictionary<string, string> { ["Definizione"] = "{ \"title\": \"Prova\", \"steps\": [" });
        broken.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        WebUtility.HtmlDecode(await broken.Content.ReadAsStringAsync()).ShouldContain("non è un JSON valido");
        (await admin.PostFormAsync(editor, editor + "?handler=Publish", new Dictionary<string, string> { ["Definizione"] = Bad })).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var after = await VersionsAsync(id);
        after.Count.ShouldBe(before.Count);
        after.Select(v => v.Sha256).ShouldBe(before.Select(v => v.Sha256));
    }

    [Fact]
    public async Task The_preview_renders_the_fields_as_the_citizen_sees_them()
    {
        var id = await ServiceIdAsync(platform, "c_d612", "iscrizione-nido");
        var admin = await platform.SignedInClientAsync(Personas.FirenzeAdmin);
        var page = await admin.GetStringAsync($"{Services}/{id}/modulo");
        page.ShouldContain("id=\"definizione\"");
        page.ShouldContain("definizione-valida");
        page.ShouldContain("data-field=\"anteprima_isee\"");
        page.ShouldContain("form-editor.js");
    }

    [Fact]
    public async Task Publishing_makes_a_new_version_while_drafts_and_applications_keep_the_version_they_started_on()
    {
        var id = await ServiceIdAsync(platform, "c_d612", "istanza-generica");
        const string Generic = "/enti/c_d612/servizi/istanza-generica";
        var mario = await platform.SignedInClientAsync(Personas.CitizenMario);

        // An application submitted and a draft open on the current version.
        var first = await StartAsync(mario, Generic);
        (await ApplicationJourneyTests.Step(mario, first, 0, new() { ["email"] = "mario.rossi@example.it", ["oggetto"] = "Prima", ["testo"] = "Testo." })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var submitted = await ApplicationJourneyTests.SubmitAsync(mario, first);
        var draft = await StartAsync(mario, Generic);
        var v1 = (await VersionsAsync(id))[^1];

        // The administrator saves a working copy, then publishes it: a required phone number is added.
        var admin = await platform.SignedInClientAsync(Personas.FirenzeAdmin);
        var editor = $"{Services}/{id}/modulo";
        var changed = v1.Json.Replace("\"key\": \"oggetto\"", "\"key\": \"telefono\", \"label\": \"Telefono\", \"type\": \"phone\", \"required\": true }, { \"key\": \"oggetto\"", StringComparison.Ordinal);
        changed.ShouldNotBe(v1.Json);
        (await admin.PostFormAsync(editor, editor + "?handler=Save", new Dictionary<string, string> { ["Definizione"] = changed })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var working = (await VersionsAsync(id))[^1];
        working.Number.ShouldBe(v1.Number + 1);
        working.PublishedAt.ShouldBeNull();
        (await admin.PostFormAsync(editor, editor + "?handler=Publish", new Dictionary<string, string> { ["Definizione"] = changed })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var versions = await VersionsAsync(id);
        versions[^1].Id.ShouldBe(working.Id);
        versions[^1].PublishedAt.ShouldNotBeNull();

        // The published version never changes: the next save makes a new working copy, and the same definition is not republished.
        var republish = await admin.PostFormAsync(editor, editor + "?handler=Publish", new Dictionary<string, string> { ["Definizione"] = changed });
        republish.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        WebUtility.HtmlDecode(await republish.Content.ReadAsStringAsync()).ShouldContain("identica alla versione");
        var old = (await VersionsAsync(id)).Single(v => v.Id == v1.Id);
        old.Json.ShouldBe(v1.Json);
        old.Sha256.ShouldBe(v1.Sha256);

        await using (var scope = platform.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationsDb>();
            (await db.Submissions.AsNoTracking().SingleAsync(s => s.Id == submitted)).FormVersionId.ShouldBe(v1.Id);
            var draftId = Guid.Parse(GuidPattern().Match(draft).Value);
            (await db.Drafts.AsNoTracking().SingleAsync(d => d.Id == draftId)).FormVersionId.ShouldBe(v1.Id);
        }

        // The open draft still follows its version (no phone asked); a new draft follows the new one.
        (await ApplicationJourneyTests.Step(mario, draft, 0, new() { ["email"] = "mario.rossi@example.it", ["oggetto"] = "Seconda", ["testo"] = "Testo." })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var marco = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        var fresh = await StartAsync(marco, Generic);
        var missing = await ApplicationJourneyTests.Step(marco, fresh, 0, new() { ["email"] = "marco.bruni@example.it", ["oggetto"] = "Terza", ["testo"] = "Testo." });
        missing.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await missing.Content.ReadAsStringAsync()).ShouldContain("Telefono");
    }

    private static async Task<string> StartAsync(HttpClient client, string service)
    {
        var start = await client.PostFormAsync(service + "/compila", service + "/compila", new Dictionary<string, string> { ["privacy"] = "true" });
        start.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = start.Headers.Location!.ToString();
        return location[..location.LastIndexOf("/passo/", StringComparison.Ordinal)];
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex GuidPattern();
}
