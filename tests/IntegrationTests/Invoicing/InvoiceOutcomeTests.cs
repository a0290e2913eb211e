using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.Contracts.Protocol;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Kernel.Blobs;
using PenToscana.Modules.Invoicing.Data;
using PenToscana.Modules.Invoicing.Engine;
using PenToscana.Modules.Invoicing.Features.ReceiveInvoice;

namespace PenToscana.IntegrationTests.Invoicing;

/// <summary>The recipient office accepts (EC01) or refuses (EC02, DM 132/2020 reasons only) within 15 days.</summary>
public sealed class InvoiceOutcomeTests(PlatformFactory platform) : IClassFixture<PlatformFactory>
{
    private async Task<List<Guid>> ReceiveAsync(string sdiId, string sample = "IT01234567890_FPA01.xml", string code = "UFCFI1")
    {
        var bytes = Encoding.UTF8.GetBytes(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Invoicing", "Samples", sample))
            .Replace("01234567890", "01234567897", StringComparison.Ordinal)
            .Replace("09876543210", "80000000002", StringComparison.Ordinal)
            .Replace("<CodiceDestinatario>AAAAAA</CodiceDestinatario>", $"<CodiceDestinatario>{code}</CodiceDestinatario>", StringComparison.Ordinal));
        await using var scope = platform.Services.CreateAsyncScope();
        var (response, failure) = await scope.ServiceProvider.GetRequiredService<ReceiveInvoiceHandler>()
            .HandleAsync(new ReceiveInvoiceRequest(sdiId, $"IT01234567897_{sdiId[^5..]}.xml", bytes, ProtocolChannels.Sdi), CancellationToken.None);
        failure.ShouldBeNull();
        return [.. response!.InvoiceIds];
    }

    private static string Outcome(Guid id) => $"/api/v1/backoffice/invoicing/received/{id}/outcome";

    [Fact]
    public async Task A_refusal_needs_a_DM_132_reason_and_an_explanation_and_writes_a_valid_EC02()
    {
        var id = (await ReceiveAsync("200000001"))[0];
        using var http = await platform.SignedInClientAsync(Personas.FirenzeOperator);

        var noReason = await http.PostAsJsonAsync(Outcome(id), new { accept = false, reason = "PREZZO", explanation = "Il prezzo non ci piace affatto" });
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noReason.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!.ShouldContain("DM 132/2020");

        var noExplanation = await http.PostAsJsonAsync(Outcome(id), new { accept = false, reason = "CIG_CUP", explanation = "" });
        noExplanation.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var refused = await http.PostAsJsonAsync(Outcome(id), new { accept = false, reason = "CIG_CUP", explanation = "Il CIG 456def non corrisponde al contratto n. 123" });
        refused.StatusCode.ShouldBe(HttpStatusCode.OK, await refused.Content.ReadAsStringAsync());
        var body = await refused.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("esito").GetString().ShouldBe("EC02");

        await using var scope = platform.Services.CreateAsyncScope();
        var invoice = await scope.ServiceProvider.GetRequiredService<InvoicingDb>().ReceivedInvoices.SingleAsync(i => i.Id == id);
        invoice.Status.ShouldBe(ReceivedInvoiceStatus.Refused);
        invoice.OutcomeReason.ShouldBe("CIG_CUP");
        invoice.OutcomeBy.ShouldBe(Personas.FirenzeOperator);
        await using var stream = await scope.ServiceProvider.GetRequiredService<IBlobStore>().OpenReadAsync(invoice.OutcomeMessageSha256!);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        SdiMessages.Validate(copy.ToArray()).ShouldBeEmpty();
        Encoding.UTF8.GetString(copy.ToArray()).ShouldContain("<IdentificativoSdI>200000001</IdentificativoSdI>");

        var again = await http.PostAsJsonAsync(Outcome(id), new { accept = true });
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Each_invoice_of_a_lotto_gets_its_own_outcome_and_the_countdown_shows_the_days_left()
    {
        var ids = await ReceiveAsync("200000002", "IT01234567890_FPA03.xml");
        using var http = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        var details = await http.GetFromJsonAsync<JsonElement>($"/api/v1/backoffice/invoicing/received/{ids[1]}");
        details.GetProperty("giorniRimanenti").GetInt32().ShouldBeInRange(14, 15);
        details.GetProperty("stato").GetString().ShouldBe("Received");

        (await http.PostAsJsonAsync(Outcome(ids[1]), new { accept = true })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await http.GetFromJsonAsync<JsonElement>($"/api/v1/backoffice/invoicing/received/{ids[1]}")).GetProperty("stato").GetString().ShouldBe("Accepted");
        (await http.GetFromJsonAsync<JsonElement>($"/api/v1/backoffice/invoicing/received/{ids[0]}")).GetProperty("stato").GetString().ShouldBe("Received");
    }

    [Fact]
    public async Task After_the_fifteen_days_no_outcome_can_be_sent()
    {
        var id = (await ReceiveAsync("200000003"))[0];
        await using (var scope = platform.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<InvoicingDb>();
            var invoice = await db.ReceivedInvoices.SingleAsync(i => i.Id == id);
            invoice.OutcomeDueOn = invoice.OutcomeDueOn.AddDays(-16);
            await db.SaveChangesAsync();
        }

        using var http = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        var late = await http.PostAsJsonAsync(Outcome(id), new { accept = true });
        late.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await late.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!.ShouldContain("Termine scaduto");
    }

    [Fact]
    public async Task An_operator_of_another_body_can_neither_see_nor_decide_the_invoice()
    {
        var id = (await ReceiveAsync("200000004"))[0];
        using var prato = await platform.SignedInClientAsync(Personas.PratoAdmin);
        (await prato.GetAsync($"/api/v1/backoffice/invoicing/received/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await prato.PostAsJsonAsync(Outcome(id), new { accept = true })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
