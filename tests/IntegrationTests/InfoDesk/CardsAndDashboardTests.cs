using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Modules.InfoDesk.Data;

namespace PenToscana.IntegrationTests.InfoDesk;

/// <summary>Information cards (editing, versions, search across bodies) and the dashboard and map data.</summary>
public sealed class CardsAndDashboardTests(PlatformFactory platform) : IClassFixture<PlatformFactory>
{
    [Fact]
    public async Task An_editor_saves_a_card_twice_each_save_is_a_revision_and_the_published_card_is_found_by_any_desk()
    {
        var editor = await platform.SignedInClientAsync(Personas.FirenzeAdmin);
        var fields = new Dictionary<string, string>
        {
            ["Input.Title"] = "Contrassegno disabili",
            ["Input.Body"] = "Il contrassegno si chiede alla Polizia municipale.",
            ["Input.Tags"] = "parcheggio, contrassegno",
            ["Input.Published"] = "true",
        };
        var created = await editor.PostFormAsync("/backoffice/c_d612/schede", "/backoffice/c_d612/schede", fields);
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = created.Headers.Location!.ToString();
        fields["Input.Body"] = "Il contrassegno si chiede alla Polizia municipale, con il certificato medico.";
        (await editor.PostFormAsync(page, page, fields)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var id = Guid.Parse(page.Split('/')[^1]);
        await using (var scope = platform.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<InfoDeskDb>();
            (await db.CardRevisions.CountAsync(r => r.CardId == id)).ShouldBe(2);
            (await db.Cards.IgnoreQueryFilters().SingleAsync(c => c.Id == id)).Revision.ShouldBe(2);
        }

        // A Prato desk operator (or anyone) finds the Firenze card and the Region's card by words.
        var prato = await platform.SignedInClientAsync(Personas.PratoAdmin);
        (await prato.GetStringAsync("/schede?q=contrassegno")).ShouldContain(id.ToString());
        (await prato.GetStringAsync("/schede?q=bollo esenzione")).ShouldContain("Bollo auto");
        (await prato.GetStringAsync("/schede?q=contrassegno bollo")).ShouldNotContain(id.ToString());
        // Full text, not a substring: plural for singular, without accents, in part, stop words ignored.
        (await prato.GetStringAsync("/schede?q=contrassegni")).ShouldContain(id.ToString());
        (await prato.GetStringAsync("/schede?q=certificati%20medici%20della%20polizia")).ShouldContain(id.ToString());
        (await prato.GetStringAsync("/schede?q=contrass")).ShouldContain(id.ToString());
        (await prato.GetStringAsync("/schede?q=ontrassegno")).ShouldNotContain(id.ToString());
        // But cannot edit it.
        (await prato.GetAsync(page)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_card_past_its_review_date_is_flagged_to_its_editors_and_a_card_without_title_is_refused()
    {
        var region = await platform.SignedInClientAsync("CLMFNC81S50D612T");
        (await region.GetStringAsync("/backoffice/r_toscan/schede")).ShouldContain("review-due");
        var refused = await region.PostFormAsync("/backoffice/r_toscan/schede", "/backoffice/r_toscan/schede", new Dictionary<string, string> { ["Input.Body"] = "Senza titolo" });
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("obbligatori");
    }

    [Fact]
    public async Task The_dashboard_counts_the_bodys_reports_and_the_public_map_data_carries_no_personal_data()
    {
        var firenze = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        var stats = await firenze.GetStringAsync("/backoffice/c_d612/segnalazioni/statistiche");
        stats.ShouldContain("Statistiche delle segnalazioni");
        stats.ShouldContain("Illuminazione pubblica");
        var prato = await platform.SignedInClientAsync(Personas.PratoAdmin);
        (await prato.GetAsync("/backoffice/c_d612/segnalazioni/statistiche")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var anonymous = platform.CreateClient();
        var map = await anonymous.GetStringAsync("/enti/c_d612/segnalazioni/mappa.json?giorni=365");
        map.ShouldContain("Illuminazione pubblica");
        map.ShouldNotContain("Tre lampioni");
        (await anonymous.GetStringAsync("/enti/c_d612/segnalazioni/mappa.json?stato=aperte&giorni=365")).ShouldNotContain("Rifiuti abbandonati");
        (await anonymous.GetAsync("/enti/c_d612/segnalazioni/mappa")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
