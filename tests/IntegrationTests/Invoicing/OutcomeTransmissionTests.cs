using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Kernel.Outbox;
using PenToscana.Modules.Invoicing.Data;
using PenToscana.Modules.Invoicing.Features.SdiSimulator;

namespace PenToscana.IntegrationTests.Invoicing;

/// <summary>The office's outcome leaves for SdI through SdIRiceviNotifica: "inviata" on ES01, SE on the timeline on ES00.</summary>
public sealed class OutcomeTransmissionTests(SdiPlatform platform) : IClassFixture<SdiPlatform>
{
    internal const string RegionAdmin = "CLMFNC81S50D612T";

    internal static async Task<Guid> ReceivedIdAsync(PlatformFactory platform, long sdiId)
    {
        await using var scope = platform.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InvoicingDb>().ReceivedInvoices.Where(i => i.IdentificativoSdI == sdiId.ToString()).Select(i => i.Id).SingleAsync();
    }

    internal static async Task<InvoiceExchangeEvent> ExchangeEventAsync(SdiPlatform platform, Guid invoiceId)
    {
        for (int i = 0; i < 200; i++)
        {
            await using var scope = platform.Services.CreateAsyncScope();
            var found = await scope.ServiceProvider.GetRequiredService<InvoicingDb>().ExchangeEvents.AsNoTracking()
                .FirstOrDefaultAsync(e => e.InvoiceId == invoiceId && (e.Kind == "EC-SENT" || e.Kind == "SE"));
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Outcome of {invoiceId} not transmitted: {await platform.OutboxErrorsAsync()}");
    }

    [Fact]
    public async Task An_acceptance_is_sent_to_SdI_which_forwards_NE_EC01_and_the_timeline_says_inviata()
    {
        long sdiId = await platform.SendToSdiAsync("IT01234567897_OUT01.xml", InvoiceBackOfficeTests.Sample("UFRTOS", numero: "OUT-1"));
        (await platform.ProcessedAsync(sdiId)).State.ShouldBe(SdiSimFileState.Consegnato);
        var id = await ReceivedIdAsync(platform, sdiId);

        using var http = await platform.SignedInClientAsync(RegionAdmin);
        var accepted = await http.PostAsJsonAsync($"/api/v1/backoffice/invoicing/received/{id}/outcome", new { accept = true });
        accepted.StatusCode.ShouldBe(HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());

        (await ExchangeEventAsync(platform, id)).Kind.ShouldBe("EC-SENT");
        await using (var scope = platform.Services.CreateAsyncScope())
        {
            var file = await scope.ServiceProvider.GetRequiredService<InvoicingDb>().SdiSimFiles.AsNoTracking().SingleAsync(f => f.IdentificativoSdI == sdiId);
            file.State.ShouldBe(SdiSimFileState.Esitato);
            file.Esito.ShouldBe("EC01");
        }

        (await platform.SignedNotificationAsync(sdiId, "NE")).ShouldNotBeEmpty();
        var page = await http.GetStringAsync($"/backoffice/r_toscan/fatture/{id}");
        page.ShouldContain("inviata a SdI e accettata (ES01)");
    }

    [Fact]
    public async Task An_outcome_for_an_invoice_SdI_does_not_know_comes_back_as_SE_on_the_timeline()
    {
        // Uploaded by hand with an identifier SdI never gave: SdI answers ES00 with a ScartoEsitoCommittente.
        await using (var scope = platform.Services.CreateAsyncScope())
        {
            var (_, failure) = await scope.ServiceProvider.GetRequiredService<PenToscana.Modules.Invoicing.Features.ReceiveInvoice.ReceiveInvoiceHandler>().HandleAsync(
                new("123456789", "IT01234567897_OUT02.xml", InvoiceBackOfficeTests.Sample("UFRTOS", numero: "OUT-2"), "web"), CancellationToken.None);
            failure.ShouldBeNull();
        }

        var id = await ReceivedIdAsync(platform, 123456789);
        using var http = await platform.SignedInClientAsync(RegionAdmin);
        (await http.PostAsJsonAsync($"/api/v1/backoffice/invoicing/received/{id}/outcome",
            new { accept = false, reason = "CIG_CUP", explanation = "Il CIG indicato non corrisponde al contratto" })).EnsureSuccessStatusCode();

        var se = await ExchangeEventAsync(platform, id);
        se.Kind.ShouldBe("SE");
        se.Detail!.ShouldContain("EN01");
        var page = await http.GetStringAsync($"/backoffice/r_toscan/fatture/{id}");
        page.ShouldContain("SdI ha scartato la notifica di esito EC02");

        // Preservation gets the uploaded file, the outcome the body sent and SdI's refusal of it (no metadata file: not from SdI).
        await using var check = platform.Services.CreateAsyncScope();
        var type = typeof(PenToscana.Contracts.Invoicing.InvoiceDocumentStored).FullName!;
        var handed = (await check.ServiceProvider.GetRequiredService<InvoicingDb>().Outbox.AsNoTracking().Where(m => m.Type == type).ToListAsync())
            .Select(m => System.Text.Json.JsonSerializer.Deserialize<PenToscana.Contracts.Invoicing.InvoiceDocumentStored>(m.Payload, JsonDefaults.Options)!)
            .Where(d => d.Invoices.Any(i => i.InvoiceId == id)).OrderBy(d => d.StoredAt).ThenBy(d => Array.IndexOf(["FATTURA", "EC", "SE"], d.DocumentType)).ToList(); // EC and SE are saved together
        handed.Select(d => d.DocumentType).ShouldBe(["FATTURA", "EC", "SE"]);
        handed[2].File.Sha256.ShouldBe(se.MessageSha256);
        handed[1].File.FileName.ShouldEndWith("_EC_001.xml");
    }
}

/// <summary>SdI unreachable: the outcome stays queued in the outbox, retried with back-off, never lost.</summary>
public sealed class UnreachableSdiPlatform : SdiPlatform
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Jobs:Enabled"] = "false",
        ["Invoicing:Sdi:RiceviNotificaUrl"] = "/sdi-simulator/servizio-spento",
    };
}

public sealed class OutcomeTransmissionRetryTests(UnreachableSdiPlatform platform) : IClassFixture<UnreachableSdiPlatform>
{
    [Fact]
    public async Task When_SdI_is_unreachable_the_outcome_waits_in_the_outbox_for_a_retry_and_the_decision_is_kept()
    {
        long sdiId = await platform.SendToSdiAsync("IT01234567897_OUT03.xml", InvoiceBackOfficeTests.Sample("UFRTOS", numero: "OUT-3"));
        (await platform.ProcessedAsync(sdiId)).State.ShouldBe(SdiSimFileState.Consegnato);
        var id = await OutcomeTransmissionTests.ReceivedIdAsync(platform, sdiId);

        using var http = await platform.SignedInClientAsync(OutcomeTransmissionTests.RegionAdmin);
        (await http.PostAsJsonAsync($"/api/v1/backoffice/invoicing/received/{id}/outcome", new { accept = true })).EnsureSuccessStatusCode();

        OutboxMessage? pending = null;
        for (int i = 0; i < 100 && pending is null; i++)
        {
            await Task.Delay(100);
            await using var scope = platform.Services.CreateAsyncScope();
            pending = await scope.ServiceProvider.GetRequiredService<InvoicingDb>().Outbox.AsNoTracking()
                .SingleOrDefaultAsync(m => m.Type.Contains("OutcomeToTransmit") && m.Attempts > 0);
        }

        pending.ShouldNotBeNull();
        pending.Status.ShouldBe(OutboxStatus.Pending);
        pending.LastError.ShouldNotBeNull();
        pending.NextAttemptAt.ShouldBeGreaterThan(pending.CreatedAt);
        await using (var scope = platform.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<InvoicingDb>();
            (await db.ReceivedInvoices.AsNoTracking().SingleAsync(i => i.Id == id)).Status.ShouldBe(ReceivedInvoiceStatus.Accepted);
            (await db.ExchangeEvents.Where(e => e.InvoiceId == id).Select(e => e.Kind).ToListAsync()).ShouldBe(["MT"]); // only SdI's metadata file: nothing sent
        }

        (await http.GetStringAsync($"/backoffice/r_toscan/fatture/{id}")).ShouldContain("in attesa di invio a SdI");
    }
}
