using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.Contracts.Protocol;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Kernel.Blobs;
using PenToscana.Modules.Applications.Data;

namespace PenToscana.IntegrationTests.Applications;

/// <summary>
/// The personal area's communications: every outgoing protocol entry of any body addressed to the person, with body, date,
/// number, subject and document, unread until opened; nobody else can open them.
/// </summary>
public sealed class CommunicationsTests(PlatformFactory platform) : IClassFixture<PlatformFactory>
{
    private async Task<string> WaitForProtocolledFileAsync(Guid submissionId, string kind)
    {
        for (int i = 0; i < 200; i++)
        {
            await using (var scope = platform.Services.CreateAsyncScope())
            {
                var number = await scope.ServiceProvider.GetRequiredService<ApplicationsDb>().Files.AsNoTracking()
                    .Where(f => f.SubmissionId == submissionId && f.Kind == kind && f.ProtocolNumber != null).Select(f => f.ProtocolNumber).FirstOrDefaultAsync();
                if (number is not null)
                {
                    return number;
                }
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"The {kind} letter of {submissionId} was never protocolled.");
    }

    private async Task<ProtocolRegistration> RegisterOutgoingAsync(string ipa, string subject, string taxCode, string name)
    {
        await using var scope = platform.Services.CreateAsyncScope();
        var blobs = scope.ServiceProvider.GetRequiredService<IBlobStore>();
        var pdf = System.Text.Encoding.ASCII.GetBytes($"%PDF-1.4\n% {subject}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF");
        var blob = await blobs.PutAsync(new MemoryStream(pdf));
        var outcome = await scope.ServiceProvider.GetRequiredService<IProtocolApi>().RegisterAsync(new ProtocolRequest(
            ipa, ProtocolDirection.Outgoing, subject, [new ProtocolCorrespondent(name) { TaxCode = taxCode }],
            new ProtocolDocument("risposta.pdf", "application/pdf", blob.Sha256, blob.Length), ProtocolChannels.Email, $"test:{Guid.NewGuid()}"));
        outcome.Succeeded.ShouldBeTrue(outcome.ErrorMessage);
        return outcome.Registration!;
    }

    [Fact]
    public async Task An_integration_request_and_a_letter_of_another_body_are_listed_with_their_documents_and_become_read_when_opened()
    {
        var mario = await platform.SignedInClientAsync(Personas.CitizenMario);
        var draft = await ApplicationJourneyTests.StartNurseryDraftAsync(mario);
        await ApplicationJourneyTests.FillNurseryAsync(mario, draft);
        var id = await ApplicationJourneyTests.SubmitAsync(mario, draft);

        var office = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        var boUrl = $"/backoffice/c_d612/istanze/{id}";
        (await office.PostFormAsync(boUrl, boUrl + "?handler=Act", new Dictionary<string, string> { ["azione"] = "TakeInCharge" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await office.PostFormAsync(boUrl, boUrl + "?handler=Act", new Dictionary<string, string> { ["azione"] = "RequestIntegration", ["testo"] = "Allegare l'attestazione ISEE." })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var requestNumber = await WaitForProtocolledFileAsync(id, "richiesta-integrazione");

        // Any module's outgoing registration addressed to Mario appears too (here a letter of the Region), and nobody else's.
        var letter = await RegisterOutgoingAsync("r_toscan", "Risposta alla richiesta di informazioni sul bando casa", Personas.CitizenMario, "Mario Rossi");
        await RegisterOutgoingAsync("r_toscan", "Comunicazione riservata a un'altra persona", Personas.FirenzeOperator, "Marco Bruni");

        var page = await mario.GetStringAsync("/area-personale/comunicazioni");
        page.ShouldContain("Comune di Firenze");
        page.ShouldContain(requestNumber);
        page.ShouldContain("Richiesta di integrazione - Iscrizione al nido d&#x27;infanzia");
        page.ShouldContain("Regione Toscana");
        page.ShouldContain(letter.Formatted);
        page.ShouldContain("Risposta alla richiesta di informazioni sul bando casa");
        page.ShouldNotContain("Comunicazione riservata a un&#x27;altra persona");
        page.ShouldContain($"/area-personale/comunicazioni/{letter.EntryId}/documento");
        page.ShouldContain("Da leggere");
        (await ReadMarksAsync()).ShouldNotContain(letter.EntryId);

        // Opening the document marks it as read; the explicit button does the same for another one.
        var document = await mario.GetAsync($"/area-personale/comunicazioni/{letter.EntryId}/documento");
        document.StatusCode.ShouldBe(HttpStatusCode.OK);
        document.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        (await document.Content.ReadAsByteArrayAsync())[..4].ShouldBe("%PDF"u8.ToArray());
        (await ReadMarksAsync()).ShouldContain(letter.EntryId);
        await mario.GetAsync($"/area-personale/comunicazioni/{letter.EntryId}/documento");
        (await ReadMarksAsync()).Count(e => e == letter.EntryId).ShouldBe(1);

        var requestEntry = await EntryIdAsync(requestNumber);
        (await mario.PostFormAsync("/area-personale/comunicazioni", "/area-personale/comunicazioni?handler=Read",
            new Dictionary<string, string> { ["entryId"] = requestEntry.ToString() })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ReadMarksAsync()).ShouldContain(requestEntry);

        // Someone else cannot open Mario's communications nor mark them.
        var other = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        (await other.GetAsync($"/area-personale/comunicazioni/{letter.EntryId}/documento")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.PostFormAsync("/area-personale/comunicazioni", "/area-personale/comunicazioni?handler=Read",
            new Dictionary<string, string> { ["entryId"] = requestEntry.ToString() })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetStringAsync("/area-personale/comunicazioni")).ShouldNotContain(letter.Formatted);
        (await platform.CreateBrowserLikeClient().GetAsync("/area-personale/comunicazioni")).StatusCode.ShouldNotBe(HttpStatusCode.OK);

        (await mario.GetStringAsync("/area-personale")).ShouldContain("/area-personale/comunicazioni");
    }

    [Fact]
    public async Task An_incoming_entry_naming_the_person_as_sender_is_not_a_communication_received()
    {
        var mario = await platform.SignedInClientAsync(Personas.CitizenMario);
        var draft = await ApplicationJourneyTests.StartNurseryDraftAsync(mario);
        await ApplicationJourneyTests.FillNurseryAsync(mario, draft);
        var id = await ApplicationJourneyTests.SubmitAsync(mario, draft);
        await using var scope = platform.Services.CreateAsyncScope();
        var number = (await scope.ServiceProvider.GetRequiredService<ApplicationsDb>().Submissions.AsNoTracking().SingleAsync(s => s.Id == id)).ProtocolNumber;
        number.ShouldNotBeNull();
        (await mario.GetStringAsync("/area-personale/comunicazioni")).ShouldNotContain(number);
    }

    private async Task<List<Guid>> ReadMarksAsync()
    {
        await using var scope = platform.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ApplicationsDb>().CommunicationReads.AsNoTracking()
            .Where(r => r.TaxCode == Personas.CitizenMario).Select(r => r.ProtocolEntryId).ToListAsync();
    }

    private async Task<Guid> EntryIdAsync(string formatted)
    {
        await using var scope = platform.Services.CreateAsyncScope();
        var (year, number) = (int.Parse(formatted.Split(' ')[1].Split('/')[0], System.Globalization.CultureInfo.InvariantCulture),
            long.Parse(formatted.Split('/')[1], System.Globalization.CultureInfo.InvariantCulture));
        var entry = await scope.ServiceProvider.GetRequiredService<IProtocolApi>().FindAsync("c_d612", year, number);
        return entry!.Registration.EntryId;
    }
}
