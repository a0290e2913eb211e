using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using System.Text.RegularExpressions;
using PenToscana.IntegrationTests.Infrastructure;

namespace PenToscana.IntegrationTests.Protocol;

public sealed partial class OperatorPagesTests(PlatformFactory platform) : IClassFixture<PlatformFactory>
{
    [Fact]
    public async Task An_operator_registers_an_incoming_document_from_the_form_and_finds_it_in_the_register()
    {
        using var operatore = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        var form = await operatore.GetStringAsync("/backoffice/c_d612/protocollo/nuova");

        var response = await operatore.PostAsync("/backoffice/c_d612/protocollo/nuova", Form(form, new()
        {
            ["Direzione"] = "incoming",
            ["Oggetto"] = "Segnalazione di buca stradale in via dei Servi",
            ["Nome"] = "Mario Rossi",
            ["CodiceFiscale"] = "rssmra80a01d612y",
            ["Canale"] = "email",
            ["Classifica"] = "6",
            ["Uffici"] = "URP",
        }, ("Documento", "segnalazione.pdf", ProtocolApiClient.Pdf("buca"))));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var detailUrl = response.Headers.Location!.ToString();
        detailUrl.ShouldStartWith("/backoffice/protocollo/registrazioni/");
        var detail = await operatore.GetStringAsync(detailUrl);
        detail.ShouldContain("Documento protocollato con il numero");
        detail.ShouldContain("Segnalazione di buca stradale in via dei Servi");
        detail.ShouldContain(ProtocolApiClient.Sha256(ProtocolApiClient.Pdf("buca")));

        var search = await operatore.GetStringAsync("/backoffice/c_d612/protocollo?oggetto=buca+stradale&corrispondente=RSSMRA80A01D612Y");
        search.ShouldContain("Segnalazione di buca stradale in via dei Servi");
        (await operatore.GetAsync(detailUrl + "?handler=Receipt")).Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        (await operatore.GetAsync(detailUrl + "?handler=Segnatura")).Content.Headers.ContentType!.MediaType.ShouldBe("application/xml");
    }

    [Fact]
    public async Task A_form_without_subject_is_shown_again_with_an_italian_error_and_no_number_is_taken()
    {
        using var operatore = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        var form = await operatore.GetStringAsync("/backoffice/c_d612/protocollo/nuova");
        int before = await CountAsync();

        var response = await operatore.PostAsync("/backoffice/c_d612/protocollo/nuova", Form(form, new() { ["Direzione"] = "incoming", ["Nome"] = "Mario Rossi" },
            ("Documento", "a.pdf", ProtocolApiClient.Pdf("senza oggetto"))));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("obbligatorio");
        html.ShouldContain("Mario Rossi", Case.Sensitive, "the form keeps what was typed");
        (await CountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task The_body_administrator_annuls_an_entry_and_extends_the_titolario()
    {
        using var admin = await platform.SignedInClientAsync(Personas.FirenzeAdmin);
        var list = await admin.GetStringAsync("/backoffice/c_d612/protocollo?oggetto=preventivo");
        var detailUrl = EntryLink().Match(list).Groups[1].Value;
        var detail = await admin.GetStringAsync(detailUrl);

        var annulled = await admin.PostAsync(detailUrl + "?handler=Annul", Fields(detail, new() { ["Motivo"] = "Registrato per errore", ["Provvedimento"] = "Determina 12/2026" }));
        annulled.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await admin.GetStringAsync(detailUrl);
        after.ShouldContain("Registrazione annullata");
        after.ShouldContain("Trasmissione preventivo per manutenzione impianti");

        var titolario = await admin.GetStringAsync("/backoffice/c_d612/protocollo/titolario");
        var added = await admin.PostAsync("/backoffice/c_d612/protocollo/titolario?handler=Add", Fields(titolario, new() { ["Codice"] = "6.10", ["Titolo"] = "Mobilità sostenibile" }));
        added.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await admin.GetStringAsync("/backoffice/c_d612/protocollo/titolario")).ShouldContain("Mobilità sostenibile");
        var orphan = await admin.PostAsync("/backoffice/c_d612/protocollo/titolario?handler=Add", Fields(titolario, new() { ["Codice"] = "77.1", ["Titolo"] = "Senza padre" }));
        orphan.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task An_operator_of_another_body_gets_404_on_the_register_pages()
    {
        using var prato = await platform.SignedInClientAsync(Personas.PratoAdmin);

        (await prato.GetAsync("/backoffice/c_d612/protocollo")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await prato.GetAsync("/backoffice/c_d612/protocollo/nuova")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await prato.GetAsync("/backoffice/c_g999/protocollo")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private async Task<int> CountAsync()
    {
        await using var scope = platform.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PenToscana.Modules.Protocol.Data.ProtocolDb>().Counters.SumAsync(c => (int)c.LastNumber);
    }

    private static FormUrlEncodedContent Fields(string page, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = Antiforgery.TokenFrom(page);
        return new FormUrlEncodedContent(fields);
    }

    private static MultipartFormDataContent Form(string page, Dictionary<string, string> fields, params (string Name, string FileName, byte[] Bytes)[] files)
    {
        var content = new MultipartFormDataContent { { new StringContent(Antiforgery.TokenFrom(page)), "__RequestVerificationToken" } };
        foreach (var (k, v) in fields)
        {
            content.Add(new StringContent(v), k);
        }

        foreach (var (name, fileName, bytes) in files)
        {
            content.Add(new ByteArrayContent(bytes), name, fileName);
        }

        return content;
    }

    [GeneratedRegex("href=\"(/backoffice/protocollo/registrazioni/[0-9a-f-]+)\"")]
    private static partial Regex EntryLink();
}
