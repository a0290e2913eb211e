using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Modules.Applications.Data;

namespace PenToscana.IntegrationTests.Applications;

/// <summary>
/// Accesso assistito: a desk operator checks the citizen's identity document and files an application for them, for any body's
/// service; the application records operator, desk and document, the receipt is printed at the desk and e-mailed, and the citizen
/// finds it in their personal area. The citizen may also let the desk continue their own draft with a code.
/// </summary>
public sealed partial class AssistedAccessTests(PlatformFactory platform) : IClassFixture<PlatformFactory>
{
    private const string Desk = "/backoffice/c_d612/sportello";

    internal static Dictionary<string, string> Identity(string taxCode = Personas.CitizenMario) => new()
    {
        ["Input.TaxCode"] = taxCode,
        ["Input.DocumentType"] = "Carta d'identità elettronica",
        ["Input.DocumentNumber"] = "CA 12345 AB",
        ["Input.DocumentChecked"] = "true",
        ["Input.Desk"] = "URP Palazzo Vecchio",
    };

    /// <summary>Files an application of a service at the Comune di Firenze's desk for Mario Rossi, through the desk's pages.</summary>
    internal static async Task<(Guid Id, HttpResponseMessage Submitted)> FileAtDeskAsync(HttpClient desk, Guid serviceId, string subject)
    {
        var fields = Identity();
        fields["Input.ServiceId"] = serviceId.ToString();
        fields["Input.GivenName"] = "Mario";
        fields["Input.FamilyName"] = "Rossi";
        fields["Input.Email"] = "mario.rossi@example.it";
        var started = await desk.PostFormAsync(Desk, Desk + "?handler=Start", fields);
        started.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = started.Headers.Location!.ToString();
        location.ShouldEndWith("/passo/0");
        var draft = location[..location.LastIndexOf("/passo/", StringComparison.Ordinal)];
        (await desk.GetStringAsync(location)).ShouldContain("Accesso assistito: stai compilando per conto di Mario Rossi");
        (await ApplicationJourneyTests.Step(desk, draft, 0, new() { ["email"] = "mario.rossi@example.it", ["oggetto"] = subject, ["testo"] = "Domanda presentata allo sportello." }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var submitted = await desk.PostFormAsync($"{draft}/riepilogo", $"{draft}/riepilogo", new Dictionary<string, string>());
        submitted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return (Guid.Parse(GuidPattern().Match(submitted.Headers.Location!.ToString()).Value), submitted);
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
    public async Task A_desk_operator_of_Firenze_files_a_Prato_application_for_a_citizen_who_then_finds_it_in_the_personal_area()
    {
        var pratoService = await ServiceAdministrationTests.ServiceIdAsync(platform, "c_g999", "istanza-generica");
        var desk = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        var page = WebUtility.HtmlDecode(await desk.GetStringAsync(Desk));
        page.ShouldContain("Comune di Prato");
        page.ShouldContain(pratoService.ToString());

        var (id, submitted) = await FileAtDeskAsync(desk, pratoService, "Richiesta allo sportello");
        submitted.Headers.Location!.ToString().ShouldBe($"{Desk}/ricevute/{id}");
        var s = await SubmissionAsync(id);
        s.EnteIpa.ShouldBe("c_g999");
        s.ApplicantTaxCode.ShouldBe(Personas.CitizenMario);
        s.ApplicantName.ShouldBe("Mario Rossi");
        s.AssistedByTaxCode.ShouldBe(Personas.FirenzeOperator);
        s.AssistedByName.ShouldBe("Marco Bruni");
        s.AssistedIdDocument.ShouldBe("Carta d'identità elettronica n. CA12345AB");
        s.AssistedDesk!.ShouldContain("URP Palazzo Vecchio");
        s.ProtocolNumber.ShouldNotBeNull();

        // The receipt at the desk, printable as PDF, and by e-mail to the citizen.
        var receipt = WebUtility.HtmlDecode(await desk.GetStringAsync($"{Desk}/ricevute/{id}"));
        receipt.ShouldContain(s.Reference);
        receipt.ShouldContain(s.ProtocolNumber);
        receipt.ShouldContain("CA12345AB");
        var pdf = await desk.GetAsync($"{Desk}/ricevute/{id}/ricevuta.pdf");
        pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        (await WaitForMailAsync("Ricevuta", s.Reference)).ShouldContain(s.ProtocolNumber);
        WebUtility.HtmlDecode(await desk.GetStringAsync(Desk)).ShouldContain(s.Reference);

        // The citizen signs in and finds it like any other; the body it is for handles it in its back office.
        var mario = await platform.SignedInClientAsync(Personas.CitizenMario);
        (await mario.GetStringAsync("/area-personale/istanze")).ShouldContain(id.ToString());
        (await mario.GetStringAsync($"/area-personale/istanze/{id}")).ShouldContain(s.ProtocolNumber);
        (await mario.GetAsync($"/area-personale/istanze/{id}/ricevuta.pdf")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var prato = await platform.SignedInClientAsync(Personas.PratoAdmin);
        (await prato.GetAsync($"/backoffice/c_g999/istanze/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The desk's receipts are the desk body's: Prato's operators do not see Firenze's desk, and the citizen cannot open it.
        (await prato.GetAsync($"/backoffice/c_g999/sportello/ricevute/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await prato.GetAsync($"{Desk}/ricevute/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await mario.GetAsync(Desk)).Headers.Location!.ToString().ShouldContain("/accesso-negato");
    }

    [Fact]
    public async Task Without_a_checked_identity_document_and_a_valid_codice_fiscale_no_application_is_started()
    {
        var desk = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        var fields = Identity("RSSMRA80A01D612X");
        fields["Input.ServiceId"] = (await ServiceAdministrationTests.ServiceIdAsync(platform, "c_d612", "istanza-generica")).ToString();
        fields["Input.GivenName"] = "Mario";
        fields["Input.FamilyName"] = "";
        fields["Input.Email"] = "non-una-mail";
        fields["Input.DocumentNumber"] = "12";
        fields.Remove("Input.DocumentChecked");
        int drafts;
        await using (var scope = platform.Services.CreateAsyncScope())
        {
            drafts = await scope.ServiceProvider.GetRequiredService<ApplicationsDb>().Drafts.CountAsync();
        }

        var refused = await desk.PostFormAsync(Desk, Desk + "?handler=Start", fields);
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        page.ShouldContain("Codice fiscale:");
        page.ShouldContain("Indica il cognome del cittadino");
        page.ShouldContain("Indica un indirizzo e-mail valido");
        page.ShouldContain("Indica il numero del documento");
        page.ShouldContain("Conferma di aver verificato il documento d'identità");
        page.ShouldContain("value=\"Mario\"");
        await using (var scope = platform.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<ApplicationsDb>().Drafts.CountAsync()).ShouldBe(drafts);
        }
    }

    [Fact]
    public async Task A_citizen_lets_the_desk_continue_their_own_draft_by_showing_a_code_which_works_once()
    {
        // The citizen starts online and asks for help.
        var giulia = await platform.SignedInClientAsync("BNCGLI85M52G999P");
        const string Generic = "/enti/c_g999/servizi/istanza-generica";
        var start = await giulia.PostFormAsync(Generic + "/compila", Generic + "/compila", new Dictionary<string, string> { ["privacy"] = "true" });
        var location = start.Headers.Location!.ToString();
        var draft = location[..location.LastIndexOf("/passo/", StringComparison.Ordinal)];
        var draftId = Guid.Parse(GuidPattern().Match(draft).Value);
        (await giulia.PostFormAsync("/area-personale/istanze", "/area-personale/istanze?handler=DeskCode", new Dictionary<string, string> { ["bozza"] = draftId.ToString() }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        string code;
        await using (var scope = platform.Services.CreateAsyncScope())
        {
            code = (await scope.ServiceProvider.GetRequiredService<ApplicationsDb>().Drafts.AsNoTracking().SingleAsync(d => d.Id == draftId)).DeskCode!;
        }

        (await giulia.GetStringAsync("/area-personale/istanze")).ShouldContain(code);

        // A wrong code is refused; the right one hands the draft to the desk.
        var desk = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        var wrong = Identity("BNCGLI85M52G999P");
        wrong["Input.Code"] = "ZZZZZZ";
        var refused = await desk.PostFormAsync(Desk, Desk + "?handler=Continue", wrong);
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()).ShouldContain("Codice non valido o scaduto");
        var right = Identity("BNCGLI85M52G999P");
        right["Input.Code"] = code.ToLowerInvariant();
        var taken = await desk.PostFormAsync(Desk, Desk + "?handler=Continue", right);
        taken.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        taken.Headers.Location!.ToString().ShouldBe($"{draft}/passo/0");
        (await desk.PostFormAsync(Desk, Desk + "?handler=Continue", right)).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await giulia.GetStringAsync("/area-personale/istanze")).ShouldContain("in compilazione allo sportello");
        (await giulia.GetAsync($"{draft}/passo/0")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await ApplicationJourneyTests.Step(desk, draft, 0, new() { ["email"] = "giulia.bianchi@example.it", ["oggetto"] = "Completata allo sportello", ["testo"] = "Testo." }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var submitted = await desk.PostFormAsync($"{draft}/riepilogo", $"{draft}/riepilogo", new Dictionary<string, string>());
        var id = Guid.Parse(GuidPattern().Match(submitted.Headers.Location!.ToString()).Value);
        var s = await SubmissionAsync(id);
        s.ApplicantTaxCode.ShouldBe("BNCGLI85M52G999P");
        s.AssistedByTaxCode.ShouldBe(Personas.FirenzeOperator);
        s.AssistedIdDocument.ShouldNotBeNull();
        (await giulia.GetStringAsync("/area-personale/istanze")).ShouldContain(id.ToString());
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex GuidPattern();
}
