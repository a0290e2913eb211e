using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Kernel.Data;
using PenToscana.Modules.InfoDesk.Data;

namespace PenToscana.IntegrationTests.InfoDesk;

/// <summary>Routing areas edited by a body's administrators through the back office: validated, audited, applied to new reports.</summary>
public sealed class AreaAdministrationTests(PlatformFactory platform) : IClassFixture<PlatformFactory>
{
    private const string RegioneAdmin = "CLMFNC81S50D612T";

    private async Task<RoutingArea> AreaAsync(string name)
    {
        await using var scope = platform.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InfoDeskDb>().Areas.IgnoreQueryFilters().AsNoTracking().SingleAsync(a => a.Name == name);
    }

    private async Task<int> AreaCountAsync()
    {
        await using var scope = platform.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InfoDeskDb>().Areas.IgnoreQueryFilters().CountAsync();
    }

    private static Task<HttpResponseMessage> SaveAsync(HttpClient client, string url, string name, string geoJson, bool territory = false)
        => ReportFlowTests.PostMultipartAsync(client, url, [("Name", name), ("GeoJson", geoJson), ("IsTerritory", territory ? "true" : "false"), ("Version", "")]);

    [Fact]
    public async Task Bad_GeoJSON_is_refused_with_a_clear_Italian_message_and_nothing_changes()
    {
        var admin = await platform.SignedInClientAsync(Personas.FirenzeAdmin);
        var territory = await AreaAsync("Territorio del Comune di Firenze");
        int before = await AreaCountAsync();
        var cases = new (string GeoJson, string Message)[]
        {
            ("{\"type\":\"Polygon\",\"coordinates\":[[[11.1,43.7],", "JSON non valido"),
            ("""{"type":"Point","coordinates":[11.2,43.7]}""", "deve essere un poligono"),
            ("""{"type":"Polygon","coordinates":[[[11.20,43.70],[11.30,43.80],[11.30,43.70],[11.20,43.80],[11.20,43.70]]]}""", "si interseca con sé stesso"),
            ("""{"type":"Polygon","coordinates":[[[681000,4849000],[690000,4849000],[690000,4855000],[681000,4849000]]]}""", "WGS 84"),
            ("""{"type":"Polygon","coordinates":[[[11.2,43.7],[11.3,43.7]]]}""", "Le coordinate del poligono non sono leggibili"),
            ("""{"type":"FeatureCollection","features":[]}""", "una sola area"),
        };
        foreach (var (geoJson, message) in cases)
        {
            var created = await SaveAsync(admin, "/backoffice/c_d612/segnalazioni/aree", "Area sbagliata", geoJson);
            created.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, geoJson);
            (await created.Content.ReadAsStringAsync()).ShouldContain(message, Case.Sensitive, geoJson);

            var edited = await SaveAsync(admin, $"/backoffice/c_d612/segnalazioni/aree/{territory.Id}", territory.Name, geoJson, territory: true);
            edited.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, geoJson);
        }

        (await AreaCountAsync()).ShouldBe(before);
        var after = await AreaAsync("Territorio del Comune di Firenze");
        after.GeoJson.ShouldBe(territory.GeoJson);
        after.Version.ShouldBe(territory.Version);
    }

    [Fact]
    public async Task Moving_the_regional_road_area_changes_where_the_next_report_in_Prato_goes_and_the_change_is_audited()
    {
        var region = await platform.SignedInClientAsync(RegioneAdmin);
        var road = await AreaAsync("Strada regionale 325, tratto pratese");
        var list = await region.GetStringAsync("/backoffice/r_toscan/segnalazioni/aree");
        list.ShouldContain("Strada regionale 325, tratto pratese");
        list.ShouldContain("area-map");

        // The road strip moves east, away from 11.10; uploaded as a file, in a Feature.
        var moved = """{"type":"Feature","properties":{"nome":"SR 325"},"geometry":{"type":"Polygon","coordinates":[[[11.135,43.85],[11.145,43.85],[11.145,43.94],[11.135,43.94],[11.135,43.85]]]}}""";
        var url = $"/backoffice/r_toscan/segnalazioni/aree/{road.Id}";
        var page = await region.GetStringAsync(url);
        using (var content = new MultipartFormDataContent
        {
            { new StringContent(Antiforgery.TokenFrom(page)), "__RequestVerificationToken" },
            { new StringContent(road.Name), "Name" },
            { new StringContent(road.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)), "Version" },
            { new StringContent(""), "GeoJson" },
        })
        {
            content.Add(new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(moved)), "file", "sr325.geojson");
            var saved = await region.PostAsync(url, content);
            saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
        }

        var download = await region.GetAsync($"{url}?handler=GeoJson");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("application/geo+json");
        var feature = await download.Content.ReadAsStringAsync();
        feature.ShouldContain("11.135");
        feature.ShouldContain("\"Feature\"");

        var citizen = platform.CreateBrowserLikeClient();
        async Task<Guid> FileAt(string lon)
        {
            var response = await ReportFlowTests.PostMultipartAsync(citizen, "/enti/c_g999/segnalazioni/nuova",
                [("Type", "Issue"), ("Category", "strade"), ("q_strade_pericolo", "no"), ("Description", $"Asfalto rotto a {lon}"), ("Latitude", "43.9000"), ("Longitude", lon), ("Anonymous", "true")]);
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
            var path = response.Headers.Location!.ToString().Split('?')[0];
            return Guid.Parse(path[(path.LastIndexOf('/') + 1)..]);
        }

        var oldPlace = await FileAt("11.1000");
        var newPlace = await FileAt("11.1400");
        await using var scope = platform.Services.CreateAsyncScope();
        var kernel = scope.ServiceProvider.GetRequiredService<KernelDb>();
        var prato = await kernel.Enti.SingleAsync(e => e.IpaCode == "c_g999");
        var regione = await kernel.Enti.SingleAsync(e => e.IpaCode == "r_toscan");
        var db = scope.ServiceProvider.GetRequiredService<InfoDeskDb>();
        (await db.Reports.IgnoreQueryFilters().SingleAsync(r => r.Id == oldPlace)).EnteId.ShouldBe(prato.Id);
        (await db.Reports.IgnoreQueryFilters().SingleAsync(r => r.Id == newPlace)).EnteId.ShouldBe(regione.Id);

        var audit = await kernel.AuditEntries.AsNoTracking().Where(e => e.Action == "infodesk.area.updated" && e.Subject == road.Id.ToString()).ToListAsync();
        audit.Count.ShouldBe(1);
        audit[0].Actor.ShouldBe(RegioneAdmin);
        audit[0].EnteId.ShouldBe(regione.Id);
    }

    [Fact]
    public async Task An_administrator_creates_and_deletes_an_area_and_an_area_used_by_a_rule_cannot_be_deleted()
    {
        var admin = await platform.SignedInClientAsync(Personas.FirenzeAdmin);
        var created = await SaveAsync(admin, "/backoffice/c_d612/segnalazioni/aree", "Parco delle Cascine",
            """{"type":"MultiPolygon","coordinates":[[[[11.20,43.78],[11.23,43.78],[11.23,43.79],[11.20,43.79],[11.20,43.78]]]]}""");
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect, await created.Content.ReadAsStringAsync());
        var url = created.Headers.Location!.ToString();
        (await admin.GetStringAsync("/backoffice/c_d612/segnalazioni/aree")).ShouldContain("Parco delle Cascine");

        var deleted = await admin.PostFormAsync(url, $"{url}?handler=Delete", new Dictionary<string, string>());
        deleted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var region = await platform.SignedInClientAsync(RegioneAdmin);
        var road = await AreaAsync("Strada regionale 325, tratto pratese");
        var roadUrl = $"/backoffice/r_toscan/segnalazioni/aree/{road.Id}";
        var refused = await region.PostFormAsync(roadUrl, $"{roadUrl}?handler=Delete", new Dictionary<string, string>());
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("è usata da 1 regola di instradamento");
        (await AreaAsync("Strada regionale 325, tratto pratese")).Id.ShouldBe(road.Id);
    }

    [Fact]
    public async Task Another_bodys_administrator_and_an_operator_who_is_not_an_administrator_get_not_found()
    {
        var firenzeTerritory = await AreaAsync("Territorio del Comune di Firenze");
        var prato = await platform.SignedInClientAsync(Personas.PratoAdmin);
        (await prato.GetAsync("/backoffice/c_d612/segnalazioni/aree")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await prato.GetAsync($"/backoffice/c_d612/segnalazioni/aree/{firenzeTerritory.Id}?handler=GeoJson")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // Under its own body's address the other body's area does not exist either.
        (await prato.GetAsync($"/backoffice/c_g999/segnalazioni/aree/{firenzeTerritory.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var own = await prato.GetStringAsync("/backoffice/c_g999/segnalazioni/aree");
        var deleteOther = await prato.PostFormAsync("/backoffice/c_g999/segnalazioni/aree", $"/backoffice/c_g999/segnalazioni/aree/{firenzeTerritory.Id}?handler=Delete", new Dictionary<string, string>());
        deleteOther.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        own.ShouldNotContain("Territorio del Comune di Firenze");

        var operatorClient = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        (await operatorClient.GetAsync("/backoffice/c_d612/segnalazioni/aree")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await operatorClient.GetStringAsync("/backoffice/c_d612/segnalazioni")).ShouldNotContain("Aree di instradamento");
        (await AreaAsync("Territorio del Comune di Firenze")).Version.ShouldBe(firenzeTerritory.Version);
    }
}
