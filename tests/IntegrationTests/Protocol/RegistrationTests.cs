using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.Contracts.Protocol;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Kernel.Blobs;
using PenToscana.Kernel.Calendar;
using PenToscana.Kernel.Outbox;
using PenToscana.Modules.Protocol.Data;

namespace PenToscana.IntegrationTests.Protocol;

public sealed class RegistrationTests(PlatformFactory platform) : IClassFixture<PlatformFactory>
{
    private const string Firenze = "c_d612";

    [Fact]
    public async Task Registering_a_document_gives_the_next_seven_digit_number_of_the_year_and_publishes_the_event()
    {
        var request = await RequestAsync("registration:first");
        var api = Api();

        var outcome = await api.RegisterAsync(request);

        outcome.Succeeded.ShouldBeTrue(outcome.ErrorMessage);
        var registration = outcome.Registration!;
        registration.Year.ShouldBe(registration.RegisteredAt.ItalianDate().Year);
        registration.NumberText.Length.ShouldBe(7);
        registration.AooCode.ShouldBe("AOO_CFI");

        var found = await Api().FindAsync(Firenze, registration.Year, registration.Number);
        found.ShouldNotBeNull();
        found.Subject.ShouldBe(request.Subject);
        found.Document.Sha256.ShouldBe(request.Document.Sha256);
        found.Correspondents.Single().TaxCode.ShouldBe("RSSMRA80A01D612Y");
        found.Annulled.ShouldBeFalse();

        await using var scope = platform.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProtocolDb>();
        var events = await db.Outbox.Where(m => m.Type == typeof(ProtocolEntryRegistered).FullName).ToListAsync();
        events.ShouldContain(m => m.Payload.Contains(registration.EntryId.ToString()));
    }

    [Fact]
    public async Task Registering_again_with_the_same_source_key_returns_the_first_number()
    {
        var request = await RequestAsync("registration:idempotent");

        var first = await Api().RegisterAsync(request);
        var again = await Api().RegisterAsync(request with { Subject = "Un altro oggetto" });
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Api().RegisterAsync(request)));

        first.Succeeded.ShouldBeTrue(first.ErrorMessage);
        again.Registration.ShouldBe(first.Registration);
        concurrent.ShouldAllBe(o => o.Registration!.Number == first.Registration!.Number);
        await using var scope = platform.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProtocolDb>();
        (await db.Entries.CountAsync(e => e.SourceKey == request.SourceKey)).ShouldBe(1);
    }

    [Fact]
    public async Task A_refused_registration_does_not_consume_a_number()
    {
        var before = await Api().RegisterAsync(await RequestAsync("registration:before-refusal"));

        var missingBlob = await RequestAsync("registration:missing-blob");
        missingBlob = missingBlob with { Document = missingBlob.Document with { Sha256 = new string('a', 64) } };
        var refusals = new[]
        {
            await Api().RegisterAsync(missingBlob),
            await Api().RegisterAsync(await RequestAsync("registration:no-subject") with { Subject = " " }),
            await Api().RegisterAsync(await RequestAsync("registration:no-sender") with { Correspondents = [] }),
            await Api().RegisterAsync(await RequestAsync("registration:bad-aoo") with { AooCode = "NESSUNA" }),
            await Api().RegisterAsync(await RequestAsync("registration:bad-body") with { EnteIpa = "x_nessuno" }),
        };
        var after = await Api().RegisterAsync(await RequestAsync("registration:after-refusal"));

        refusals.ShouldAllBe(o => !o.Succeeded && o.ErrorMessage!.Length > 0);
        after.Registration!.Number.ShouldBe(before.Registration!.Number + 1);
    }

    [Fact]
    public async Task Hundreds_of_parallel_registrations_from_several_threads_get_consecutive_numbers_without_duplicates()
    {
        var start = await Api().RegisterAsync(await RequestAsync("parallel:start"));
        var requests = new List<ProtocolRequest>();
        for (int i = 0; i < 300; i++)
        {
            requests.Add(await RequestAsync($"parallel:{i}"));
        }

        var outcomes = new ProtocolOutcome[requests.Count];
        await Parallel.ForAsync(0, requests.Count, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            await using var scope = platform.Services.CreateAsyncScope();
            outcomes[i] = await scope.ServiceProvider.GetRequiredService<IProtocolApi>().RegisterAsync(requests[i], ct);
        });

        outcomes.ShouldAllBe(o => o.Succeeded);
        var numbers = outcomes.Select(o => o.Registration!.Number).Order().ToList();
        numbers.ShouldBe(Enumerable.Range(0, requests.Count).Select(i => start.Registration!.Number + 1 + i).ToList());
    }

    private IProtocolApi Api() => platform.Services.CreateScope().ServiceProvider.GetRequiredService<IProtocolApi>();

    private async Task<ProtocolRequest> RequestAsync(string sourceKey)
    {
        var blobs = platform.Service<IBlobStore>();
        var bytes = Encoding.UTF8.GetBytes($"%PDF-1.4\n% documento {sourceKey}\n");
        var blob = await blobs.PutAsync(new MemoryStream(bytes));
        return new ProtocolRequest(
            Firenze,
            ProtocolDirection.Incoming,
            $"Istanza di accesso agli atti ({sourceKey})",
            [new ProtocolCorrespondent("Mario Rossi") { TaxCode = "RSSMRA80A01D612Y", DigitalAddress = "mario.rossi@example.it" }],
            new ProtocolDocument("istanza.pdf", "application/pdf", blob.Sha256, blob.Length),
            ProtocolChannels.Web,
            sourceKey);
    }
}
