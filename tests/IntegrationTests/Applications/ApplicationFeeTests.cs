using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.Contracts.Payments;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Kernel.Outbox;
using PenToscana.Modules.Applications.Data;
using PenToscana.Modules.Applications.Features.SubmitApplication;

namespace PenToscana.IntegrationTests.Applications;

/// <summary>
/// A service with a fee (the Comune di Prato's certificate: stamp duty and secretarial fees computed by the form): the submission
/// creates a pagoPA position, the application waits "in attesa di pagamento" with its notice, and once the citizen pays through
/// the node/PSP simulator the payment goes on the timeline and the application is protocolled with its receipt.
/// </summary>
public sealed class ApplicationFeeTests(PlatformFactory platform) : IClassFixture<PlatformFactory>
{
    private const string Certificate = "/enti/c_g999/servizi/certificato-anagrafico";
    private const string PratoTaxCode = "84006890481";

    private static async Task<Guid> SubmitCertificateAsync(HttpClient citizen, Dictionary<string, string> fields)
    {
        var start = await citizen.PostFormAsync(Certificate + "/compila", Certificate + "/compila", new Dictionary<string, string> { ["privacy"] = "true" });
        start.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = start.Headers.Location!.ToString();
        var draft = location[..location.LastIndexOf("/passo/", StringComparison.Ordinal)];
        var step = await ApplicationJourneyTests.Step(citizen, draft, 0, fields);
        step.StatusCode.ShouldBe(HttpStatusCode.Redirect, await step.Content.ReadAsStringAsync());
        return await ApplicationJourneyTests.SubmitAsync(citizen, draft);
    }

    private async Task<Submission> SubmissionAsync(Guid id)
    {
        await using var scope = platform.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ApplicationsDb>().Submissions.AsNoTracking().SingleAsync(s => s.Id == id);
    }

    private async Task<Submission> WaitForStatusAsync(Guid id, SubmissionStatus status)
    {
        for (int i = 0; i < 200; i++)
        {
            var s = await SubmissionAsync(id);
            if (s.Status == status)
            {
                return s;
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"Application {id} never reached {status}: it is {(await SubmissionAsync(id)).Status}.");
    }

    private async Task<List<TimelineEvent>> TimelineAsync(Guid id)
    {
        await using var scope = platform.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ApplicationsDb>().Timeline.AsNoTracking().Where(t => t.SubmissionId == id).OrderBy(t => t.At).ToListAsync();
    }

    [Fact]
    public async Task A_certificate_in_bollo_waits_for_its_pagoPA_payment_then_is_protocolled_and_the_timeline_records_the_payment()
    {
        var mario = await platform.SignedInClientAsync(Personas.CitizenMario);
        var id = await SubmitCertificateAsync(mario, new() { ["intestatario"] = Personas.CitizenMario, ["tipo"] = "Residenza", ["uso"] = "In bollo", ["copie"] = "2" });

        // Stored, not protocolled yet: the fee (16,00 € stamp duty + 2 × 0,26 € fees) is a pagoPA notice to pay.
        var waiting = await SubmissionAsync(id);
        waiting.Status.ShouldBe(SubmissionStatus.AwaitingPayment);
        waiting.FeeCents.ShouldBe(1652);
        waiting.ProtocolNumber.ShouldBeNull();
        waiting.PaymentNoticeNumber.ShouldNotBeNull();
        var detail = await mario.GetStringAsync($"/area-personale/istanze/{id}");
        detail.ShouldContain("In attesa di pagamento");
        detail.ShouldContain("16,52 €");
        detail.ShouldContain($"/area-personale/pagamenti/avviso/c_g999/{waiting.PaymentNoticeNumber}");
        var notice = await mario.GetAsync($"/area-personale/pagamenti/avviso/c_g999/{waiting.PaymentNoticeNumber}");
        notice.StatusCode.ShouldBe(HttpStatusCode.OK);
        notice.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        (await mario.GetStringAsync("/area-personale/pagamenti")).ShouldContain(waiting.PaymentNoticeNumber);
        using (var api = System.Text.Json.JsonDocument.Parse(await mario.GetStringAsync($"/api/v1/istanze/{id}")))
        {
            api.RootElement.GetProperty("feeCents").GetInt64().ShouldBe(1652);
            api.RootElement.GetProperty("paymentNoticeNumber").GetString().ShouldBe(waiting.PaymentNoticeNumber);
            api.RootElement.GetProperty("paymentNoticeUrl").GetString().ShouldBe($"/area-personale/pagamenti/avviso/c_g999/{waiting.PaymentNoticeNumber}");
            api.RootElement.GetProperty("paidAt").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        }

        // Mario pays the notice from the personal area through the node/PSP simulator.
        var toCheckout = await mario.PostFormAsync("/area-personale/pagamenti", "/area-personale/pagamenti?handler=Cart",
            new Dictionary<string, string> { ["Selected[0]"] = $"{PratoTaxCode}:{waiting.PaymentNoticeNumber}" });
        toCheckout.StatusCode.ShouldBe(HttpStatusCode.Redirect, await toCheckout.Content.ReadAsStringAsync());
        var checkoutUrl = toCheckout.Headers.Location!.ToString();
        var paid = await mario.PostFormAsync(checkoutUrl, checkoutUrl + "?handler=Pay", new Dictionary<string, string> { ["Method"] = "carta" });
        paid.Headers.Location!.ToString().ShouldContain("esito=ok");

        // Payments' paid event lets the application proceed: protocolled, term running, receipt.
        var registered = await WaitForStatusAsync(id, SubmissionStatus.Registered);
        registered.PaidAt.ShouldNotBeNull();
        registered.ProtocolNumber.ShouldNotBeNull();
        registered.TermDeadline.ShouldNotBeNull();
        var timeline = await TimelineAsync(id);
        timeline.Select(t => t.Kind).ShouldBe(["inviata", "in-attesa-di-pagamento", "pagata", "protocollata"]);
        timeline.Single(t => t.Kind == "pagata").Text.ShouldContain("16,52 €");
        var after = await mario.GetStringAsync($"/area-personale/istanze/{id}");
        after.ShouldContain(registered.ProtocolNumber);
        after.ShouldContain("pagato il");
        after.ShouldNotContain("id=\"da-pagare\"");
        using var paidApi = System.Text.Json.JsonDocument.Parse(await mario.GetStringAsync($"/api/v1/istanze/{id}"));
        paidApi.RootElement.GetProperty("paidAt").GetDateTimeOffset().ShouldBe(registered.PaidAt!.Value, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task The_fee_is_computed_by_the_server_so_a_tampered_value_is_ignored_and_an_exempt_certificate_pays_only_the_fees()
    {
        var mario = await platform.SignedInClientAsync(Personas.CitizenMario);
        var tampered = await SubmitCertificateAsync(mario, new() { ["intestatario"] = Personas.CitizenMario, ["tipo"] = "Residenza", ["uso"] = "In bollo", ["copie"] = "1", ["bollo"] = "0", ["diritti"] = "0" });
        (await SubmissionAsync(tampered)).FeeCents.ShouldBe(1626);

        var exempt = await SubmitCertificateAsync(mario, new() { ["intestatario"] = Personas.CitizenMario, ["tipo"] = "Stato di famiglia", ["uso"] = "Esente da bollo", ["esenzione"] = "Uso pensionistico", ["copie"] = "1" });
        var s = await SubmissionAsync(exempt);
        s.FeeCents.ShouldBe(26);
        s.Status.ShouldBe(SubmissionStatus.AwaitingPayment);
    }

    [Fact]
    public async Task A_payment_event_delivered_twice_records_the_payment_once_and_the_application_is_protocolled_once()
    {
        var mario = await platform.SignedInClientAsync(Personas.CitizenMario);
        var id = await SubmitCertificateAsync(mario, new() { ["intestatario"] = Personas.CitizenMario, ["tipo"] = "Cittadinanza", ["uso"] = "In bollo", ["copie"] = "1" });
        var waiting = await SubmissionAsync(id);
        var paidEvent = new DebtPositionPaid("c_g999", waiting.PaymentIupd!, RegisterSubmissionHandler.FeeSourceKey(id), waiting.FeeCents, DateTimeOffset.UtcNow);
        for (int i = 0; i < 2; i++)
        {
            await using var scope = platform.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<FeePaidHandler>().HandleAsync(paidEvent, new IntegrationEventContext(Guid.NewGuid(), null, 1), CancellationToken.None);
        }

        var s = await SubmissionAsync(id);
        s.Status.ShouldBe(SubmissionStatus.Registered);
        var timeline = await TimelineAsync(id);
        timeline.Count(t => t.Kind == "pagata").ShouldBe(1);
        timeline.Count(t => t.Kind == "protocollata").ShouldBe(1);

        // An event about a position of another module is not ours to act on.
        await using (var scope = platform.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<FeePaidHandler>().HandleAsync(
                new DebtPositionPaid("c_g999", "other", "tari:2026:1", 100, DateTimeOffset.UtcNow), new IntegrationEventContext(Guid.NewGuid(), null, 1), CancellationToken.None);
        }
    }
}
