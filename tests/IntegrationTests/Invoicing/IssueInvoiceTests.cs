using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Modules.Invoicing.Data;
using PenToscana.Modules.Invoicing.Features.IssueInvoice;

namespace PenToscana.IntegrationTests.Invoicing;

/// <summary>Fatturazione attiva: a Comune issues to the Region through the SdI simulator, and every notification comes back.</summary>
public sealed class IssueInvoiceTests(SdiPlatform platform) : IClassFixture<SdiPlatform>
{
    private const string Issue = "/api/invoicing/c_d612/fatture-emesse";

    private static object ToRegion(string description) => new
    {
        codiceUfficio = "UFRTOS",
        descrizione = description,
        imponibile = 1000.00m,
        aliquotaIva = 22m,
        cig = "ZAB1234567",
    };

    private async Task<JsonElement> IssueAsync(HttpClient http, object request)
    {
        var response = await http.PostAsJsonAsync(Issue, request);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<IssuedInvoice> IssuedAsync(Guid id, Func<IssuedInvoice, bool> until)
    {
        IssuedInvoice? invoice = null;
        for (int i = 0; i < 200; i++)
        {
            await using var scope = platform.Services.CreateAsyncScope();
            invoice = await scope.ServiceProvider.GetRequiredService<InvoicingDb>().IssuedInvoices.AsNoTracking().SingleAsync(x => x.Id == id);
            if (until(invoice))
            {
                return invoice;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Issued invoice {id} stuck in {invoice?.Status}: {await platform.OutboxErrorsAsync()}");
    }

    private async Task<List<string>> TimelineAsync(Guid id)
    {
        await using var scope = platform.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InvoicingDb>().ExchangeEvents.AsNoTracking().Where(e => e.InvoiceId == id).OrderBy(e => e.At).Select(e => e.Kind).ToListAsync();
    }

    [Fact]
    public async Task A_Comune_issues_an_invoice_to_the_Region_which_accepts_it_and_both_sides_see_the_same_exchange()
    {
        using var firenze = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        var issued = await IssueAsync(firenze, ToRegion("Servizio di manutenzione del verde, novembre"));
        var id = issued.GetProperty("id").GetGuid();
        issued.GetProperty("nomeFile").GetString()!.ShouldMatch("^IT01307110484_[0-9A-Z]{5}\\.xml$");
        issued.GetProperty("protocollo").GetString().ShouldNotBeNullOrEmpty();

        var delivered = await IssuedAsync(id, i => i.Status == IssuedInvoiceStatus.Consegnata);
        long sdiId = long.Parse(delivered.IdentificativoSdI!);

        // The file went out signed XAdES-BES with the body's certificate: signing time and certificate under the signature.
        await using (var scope = platform.Services.CreateAsyncScope())
        await using (var file = await scope.ServiceProvider.GetRequiredService<PenToscana.Kernel.Blobs.IBlobStore>().OpenReadAsync(delivered.FileSha256))
        {
            using var bytes = new MemoryStream();
            await file.CopyToAsync(bytes);
            var signature = PenToscana.Modules.Invoicing.Engine.InvoiceValidator.Validate(bytes.ToArray()).Signature!;
            signature.Kind.ShouldBe("XAdES-BES");
            signature.Intact.ShouldBeTrue();
            signature.SigningTime.ShouldNotBeNull();
            signature.Signer!.ShouldContain("Comune di Firenze");
        }

        var receivedId = await OutcomeTransmissionTests.ReceivedIdAsync(platform, sdiId);

        using var region = await platform.SignedInClientAsync(OutcomeTransmissionTests.RegionAdmin);
        (await region.PostAsJsonAsync($"/api/v1/backoffice/invoicing/received/{receivedId}/outcome", new { accept = true })).EnsureSuccessStatusCode();

        (await IssuedAsync(id, i => i.Status == IssuedInvoiceStatus.Accettata)).Status.ShouldBe(IssuedInvoiceStatus.Accettata);
        (await TimelineAsync(id)).ShouldBe(["EMESSA", "INVIATA", "RC", "NE"]);
        (await OutcomeTransmissionTests.ExchangeEventAsync(platform, receivedId)).Kind.ShouldBe("EC-SENT");

        var seen = await firenze.GetFromJsonAsync<JsonElement>($"{Issue}/{id}");
        seen.GetProperty("stato").GetString().ShouldBe("Accettata dal destinatario (NE EC01)");
    }

    [Fact]
    public async Task After_15_simulated_days_without_an_answer_DT_reaches_both_the_issuer_and_the_recipient()
    {
        using var firenze = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        var id = (await IssueAsync(firenze, ToRegion("Fornitura di cancelleria"))).GetProperty("id").GetGuid();
        var delivered = await IssuedAsync(id, i => i.Status == IssuedInvoiceStatus.Consegnata);
        var receivedId = await OutcomeTransmissionTests.ReceivedIdAsync(platform, long.Parse(delivered.IdentificativoSdI!));

        using var admin = await platform.SignedInClientAsync(Personas.PlatformAdmin);
        (await admin.PostAsJsonAsync("/api/v1/admin/sdi-simulator/clock", new { days = 16 })).EnsureSuccessStatusCode();

        (await IssuedAsync(id, i => i.Status == IssuedInvoiceStatus.DecorrenzaTermini)).Status.ShouldBe(IssuedInvoiceStatus.DecorrenzaTermini);
        (await TimelineAsync(id)).ShouldContain("DT");
        await using var scope = platform.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InvoicingDb>();
        (await db.ReceivedInvoices.AsNoTracking().SingleAsync(i => i.Id == receivedId)).Status.ShouldBe(ReceivedInvoiceStatus.Expired);
        (await db.ExchangeEvents.AsNoTracking().AnyAsync(e => e.InvoiceId == receivedId && e.Kind == "DT")).ShouldBeTrue();
    }

    [Fact]
    public async Task An_invoice_to_an_unknown_office_gets_NS_with_its_errors_and_the_next_invoice_gets_a_new_file_name()
    {
        using var firenze = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        var refused = await IssueAsync(firenze, new { codiceUfficio = "ZZZZZZ", denominazione = "Ente sconosciuto", codiceFiscale = "80000000002", indirizzo = "Via Roma 1", cap = "50100", comune = "Firenze", descrizione = "Consulenza", imponibile = 100m });
        var id = refused.GetProperty("id").GetGuid();
        var ns = await IssuedAsync(id, i => i.Status == IssuedInvoiceStatus.Scartata);
        ns.LastError!.ShouldContain("00311");
        var seen = await firenze.GetFromJsonAsync<JsonElement>($"{Issue}/{id}");
        seen.GetProperty("cronologia").EnumerateArray().Last().GetProperty("dettaglio").GetString()!.ShouldContain("00311");

        var next = await IssueAsync(firenze, ToRegion("Consulenza, riemessa"));
        next.GetProperty("nomeFile").GetString().ShouldNotBe(refused.GetProperty("nomeFile").GetString());
    }

    [Fact]
    public async Task Incomplete_requests_are_refused_in_Italian_and_another_bodys_operator_gets_404()
    {
        using var firenze = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        var incomplete = await firenze.PostAsJsonAsync(Issue, new { codiceDestinatario = "ABC1234", descrizione = "", imponibile = -5m });
        incomplete.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var detail = (await incomplete.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
        detail.ShouldContain("denominazione");
        detail.ShouldContain("imponibile");

        using var prato = await platform.SignedInClientAsync(Personas.PratoAdmin);
        (await prato.PostAsJsonAsync(Issue, ToRegion("Tentativo"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Concurrent_file_name_allocations_never_give_the_same_name_twice()
    {
        var tasks = Enumerable.Range(0, 24).Select(async _ =>
        {
            await using var scope = platform.Services.CreateAsyncScope();
            return (await scope.ServiceProvider.GetRequiredService<IssuedFileNameAllocator>().AllocateAsync("99999999999", CancellationToken.None)).FileName;
        });
        var names = await Task.WhenAll(tasks);
        names.Distinct().Count().ShouldBe(24);
        names.ShouldAllBe(n => System.Text.RegularExpressions.Regex.IsMatch(n, "^IT99999999999_[0-9A-Z]{5}\\.xml$"));
        IssuedFileNameAllocator.Progressivo(36).ShouldBe("00010");
    }

    [Fact]
    public async Task An_operator_issues_from_the_back_office_form_and_sees_the_invoice_and_its_timeline()
    {
        using var firenze = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        const string form = "/backoffice/c_d612/fatture-emesse/nuova";
        var response = await firenze.PostFormAsync(form, form, new Dictionary<string, string>
        {
            ["CodiceUfficio"] = "UFRTOS",
            ["Descrizione"] = "Noleggio sala consiliare",
            ["Imponibile"] = "1.250,00",
            ["Aliquota"] = "22",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var detail = response.Headers.Location!.ToString();
        var id = Guid.Parse(detail[(detail.LastIndexOf('/') + 1)..]);
        await IssuedAsync(id, i => i.Status == IssuedInvoiceStatus.Consegnata);

        var page = await firenze.GetStringAsync(detail);
        page.ShouldContain("Consegnata (RC)");
        page.ShouldContain("Ricevuta di consegna (RC)");
        (await firenze.GetStringAsync("/backoffice/c_d612/fatture-emesse")).ShouldContain("IT01307110484_");

        var invalid = await firenze.PostFormAsync(form, form, new Dictionary<string, string> { ["CodiceUfficio"] = "UFRTOS", ["Descrizione"] = "", ["Imponibile"] = "abc" });
        invalid.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await invalid.Content.ReadAsStringAsync()).ShouldContain("Indica l&#x27;imponibile");

        using var prato = await platform.SignedInClientAsync(Personas.PratoAdmin);
        (await prato.GetAsync(detail)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_simulator_page_lists_the_exchanged_messages_for_the_platform_administrator_only()
    {
        using var admin = await platform.SignedInClientAsync(Personas.PlatformAdmin);
        var page = await admin.GetStringAsync("/admin/sdi-simulatore");
        page.ShouldContain("Orologio del simulatore");

        using var operatorClient = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        (await operatorClient.GetAsync("/admin/sdi-simulatore")).StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound, HttpStatusCode.Redirect);
    }
}
