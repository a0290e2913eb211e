using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Kernel.Blobs;
using PenToscana.Modules.Invoicing.Data;
using PenToscana.Modules.Invoicing.Engine;
using PenToscana.Modules.Invoicing.Features.SdiSimulator;

namespace PenToscana.IntegrationTests.Invoicing;

/// <summary>
/// The platform with the SdI simulator's HTTP traffic (simulator → RicezioneFatture / TrasmissioneFatture, platform →
/// SdIRiceviFile / SdIRiceviNotifica) sent through the test server, so every hop is a real HTTP request.
/// </summary>
public class SdiPlatform : PlatformFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddHttpClient(SdiHttp.ClientName, c => c.BaseAddress = new Uri("http://localhost"))
            .ConfigurePrimaryHttpMessageHandler(() => Server.CreateHandler()));
    }

    /// <summary>Calls an SDICoop service of the platform as an outside party would.</summary>
    public async Task<XmlDocument> SoapAsync(string path, string operation, string ns, params (string Name, string Value)[] fields)
    {
        using var http = CreateClient();
        var body = new StringBuilder($"<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body><types:{operation} xmlns:types=\"{ns}\">");
        foreach (var (name, value) in fields)
        {
            body.Append($"<{name}>{value}</{name}>");
        }

        body.Append($"</types:{operation}></soapenv:Body></soapenv:Envelope>");
        using var content = new StringContent(body.ToString(), Encoding.UTF8, "text/xml");
        var response = await http.PostAsync(path, content);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        var document = new XmlDocument();
        document.LoadXml(text);
        return document;
    }

    public static string Field(XmlDocument document, string name) =>
        document.SelectSingleNode($"//*[local-name()='{name}']")?.InnerText ?? throw new InvalidOperationException($"{name} missing in {document.OuterXml}");

    /// <summary>Sends a file to the simulator's SdIRiceviFile as a transmitter does (signed, see <see cref="TransmitterSignature"/>); returns the IdentificativoSdI.</summary>
    public Task<long> SendToSdiAsync(string name, byte[] file) => SendUnsignedToSdiAsync(name, TransmitterSignature.Sign(file));

    /// <summary>Sends the file as it is, without the transmitter's signature.</summary>
    public async Task<long> SendUnsignedToSdiAsync(string name, byte[] file)
    {
        var answer = await SoapAsync(SdiSimulatorEndpoints.RiceviFilePath, "fileSdIAccoglienza", "http://www.fatturapa.gov.it/sdi/ws/trasmissione/v1.0/types",
            ("NomeFile", name), ("File", Convert.ToBase64String(file)));
        return long.Parse(Field(answer, "IdentificativoSdI"), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Waits until the simulator's file reaches a state other than Ricevuto (checks and delivery run from the outbox).</summary>
    internal async Task<SdiSimFile> ProcessedAsync(long id)
    {
        for (int i = 0; i < 200; i++)
        {
            await using var scope = Services.CreateAsyncScope();
            var file = await scope.ServiceProvider.GetRequiredService<InvoicingDb>().SdiSimFiles.AsNoTracking().SingleAsync(f => f.IdentificativoSdI == id);
            if (file.State != SdiSimFileState.Ricevuto)
            {
                return file;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"SdI file {id} not processed: {await OutboxErrorsAsync()}");
    }

    /// <summary>Errors the module's outbox recorded (for the failure message of a test).</summary>
    public async Task<string> OutboxErrorsAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var errors = await scope.ServiceProvider.GetRequiredService<InvoicingDb>().Outbox.AsNoTracking().Where(m => m.LastError != null).Select(m => m.LastError).ToListAsync();
        return string.Join(" | ", errors);
    }

    internal async Task<List<SdiSimMessage>> MessagesAsync(long id)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InvoicingDb>().SdiSimMessages.AsNoTracking().Where(m => m.IdentificativoSdI == id).OrderBy(m => m.At).ToListAsync();
    }

    public async Task<byte[]> BlobAsync(string sha256)
    {
        await using var scope = Services.CreateAsyncScope();
        await using var stream = await scope.ServiceProvider.GetRequiredService<IBlobStore>().OpenReadAsync(sha256);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>The notification of a kind: valid against MessaggiTypes and signed, or the test fails.</summary>
    public async Task<byte[]> SignedNotificationAsync(long id, string kind, string party = "Trasmittente")
    {
        var message = (await MessagesAsync(id)).LastOrDefault(m => m.Kind == kind && m.Party == party && !m.Incoming)
            ?? throw new InvalidOperationException($"No {kind} for {id}: {await OutboxErrorsAsync()}");
        var bytes = await BlobAsync(message.Sha256);
        SdiMessages.Validate(bytes).ShouldBeEmpty();
        SdiNotifications.VerifySignature(bytes).ShouldBeTrue();
        return bytes;
    }
}

/// <summary>The SdI simulator: checks, NS, delivery and RC, the recipient's outcome forwarded as NE or refused with SE, DT.</summary>
public sealed class SdiSimulatorTests(SdiPlatform platform) : IClassFixture<SdiPlatform>
{
    private const string RicezioneTypes = "http://www.fatturapa.gov.it/sdi/ws/ricezione/v1.0/types";

    [Fact]
    public async Task A_valid_invoice_is_delivered_to_the_region_over_RicezioneFatture_and_the_transmitter_gets_a_signed_RC()
    {
        long id = await platform.SendToSdiAsync("IT01234567897_SIM01.xml", InvoiceBackOfficeTests.Sample("UFRTOS", numero: "SIM-1"));

        var file = await platform.ProcessedAsync(id);
        file.State.ShouldBe(SdiSimFileState.Consegnato, file.LastError);
        await using (var scope = platform.Services.CreateAsyncScope())
        {
            var invoice = await scope.ServiceProvider.GetRequiredService<InvoicingDb>().ReceivedInvoices.AsNoTracking().SingleAsync(i => i.IdentificativoSdI == id.ToString());
            invoice.EnteIpa.ShouldBe("r_toscan");
            invoice.Numero.ShouldBe("SIM-1");
            invoice.ProtocolNumber.ShouldNotBeNull();
        }

        var rc = Encoding.UTF8.GetString(await platform.SignedNotificationAsync(id, "RC"));
        rc.ShouldContain("<Codice>UFRTOS</Codice>");
        rc.ShouldContain($"<IdentificativoSdI>{id}</IdentificativoSdI>");
        (await platform.MessagesAsync(id)).Select(m => m.Kind).ShouldBe(["FILE", "MT", "FILE", "RC"], ignoreOrder: true);
    }

    [Fact]
    public async Task An_invoice_with_wrong_totals_is_refused_with_an_NS_listing_its_errors_and_is_not_delivered()
    {
        var xml = Encoding.UTF8.GetString(InvoiceBackOfficeTests.Sample("UFRTOS", numero: "SIM-NS"))
            .Replace("<ImportoTotaleDocumento>", "<ImportoTotaleDocumento>9", StringComparison.Ordinal);
        long id = await platform.SendToSdiAsync("IT01234567897_SIM02.xml", Encoding.UTF8.GetBytes(xml));

        (await platform.ProcessedAsync(id)).State.ShouldBe(SdiSimFileState.Scartato);
        var ns = Encoding.UTF8.GetString(await platform.SignedNotificationAsync(id, "NS"));
        ns.ShouldContain("<ListaErrori>");
        ns.ShouldContain("<Codice>");
        await using var scope = platform.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<InvoicingDb>().ReceivedInvoices.AnyAsync(i => i.IdentificativoSdI == id.ToString())).ShouldBeFalse();
    }

    [Fact]
    public async Task An_unsigned_invoice_to_a_public_body_is_refused_with_NS_00102_and_is_not_delivered()
    {
        long id = await platform.SendUnsignedToSdiAsync("IT01234567897_SIM12.xml", InvoiceBackOfficeTests.Sample("UFRTOS", numero: "SIM-12"));

        (await platform.ProcessedAsync(id)).State.ShouldBe(SdiSimFileState.Scartato);
        var ns = Encoding.UTF8.GetString(await platform.SignedNotificationAsync(id, "NS"));
        ns.ShouldContain("<Codice>00102</Codice>");
        ns.ShouldContain("FPA12");
        await using var scope = platform.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<InvoicingDb>().ReceivedInvoices.AnyAsync(i => i.IdentificativoSdI == id.ToString())).ShouldBeFalse();
    }

    [Fact]
    public async Task An_unknown_office_code_gets_NS_00311_and_a_reused_file_name_gets_NS_00002()
    {
        long unknown = await platform.SendToSdiAsync("IT01234567897_SIM03.xml", InvoiceBackOfficeTests.Sample("ZZZZZZ", numero: "SIM-3"));
        (await platform.ProcessedAsync(unknown)).State.ShouldBe(SdiSimFileState.Scartato);
        Encoding.UTF8.GetString(await platform.SignedNotificationAsync(unknown, "NS")).ShouldContain("<Codice>00311</Codice>");

        long first = await platform.SendToSdiAsync("IT01234567897_SIM04.xml", InvoiceBackOfficeTests.Sample("UFRTOS", numero: "SIM-4"));
        (await platform.ProcessedAsync(first)).State.ShouldBe(SdiSimFileState.Consegnato);
        long again = await platform.SendToSdiAsync("IT01234567897_SIM04.xml", InvoiceBackOfficeTests.Sample("UFRTOS", numero: "SIM-4B"));
        (await platform.ProcessedAsync(again)).State.ShouldBe(SdiSimFileState.Scartato);
        Encoding.UTF8.GetString(await platform.SignedNotificationAsync(again, "NS")).ShouldContain("<Codice>00002</Codice>");
    }

    [Fact]
    public async Task An_empty_file_is_answered_EI01_without_an_identifier()
    {
        var answer = await platform.SoapAsync(SdiSimulatorEndpoints.RiceviFilePath, "fileSdIAccoglienza", "http://www.fatturapa.gov.it/sdi/ws/trasmissione/v1.0/types",
            ("NomeFile", "IT01234567897_SIM05.xml"), ("File", ""));
        SdiPlatform.Field(answer, "Errore").ShouldBe("EI01");
    }

    private static byte[] Outcome(long id, string numero, string esito) =>
        SdiMessages.NotificaEsitoCommittente(id.ToString(), numero, 2014, 1, esito == "EC01", esito == "EC01" ? null : "Omessa indicazione del CIG", "EC" + id);

    private Task<XmlDocument> SendOutcomeAsync(long id, byte[] message) =>
        platform.SoapAsync(SdiSimulatorEndpoints.RiceviNotificaPath, "fileSdI", RicezioneTypes,
            ("IdentificativoSdI", id.ToString()), ("NomeFile", $"IT80000000002_{id % 100000:00000}_EC_001.xml"), ("File", Convert.ToBase64String(message)));

    [Fact]
    public async Task The_recipients_outcome_is_forwarded_as_a_signed_NE_and_a_second_outcome_is_refused_with_SE()
    {
        long id = await platform.SendToSdiAsync("IT01234567897_SIM06.xml", InvoiceBackOfficeTests.Sample("UFRTOS", numero: "SIM-6"));
        (await platform.ProcessedAsync(id)).State.ShouldBe(SdiSimFileState.Consegnato);

        var accepted = await SendOutcomeAsync(id, Outcome(id, "SIM-6", "EC02"));
        SdiPlatform.Field(accepted, "Esito").ShouldBe("ES01");
        var ne = Encoding.UTF8.GetString(await platform.SignedNotificationAsync(id, "NE"));
        ne.ShouldContain("<Esito>EC02</Esito>");

        var again = await SendOutcomeAsync(id, Outcome(id, "SIM-6", "EC01"));
        SdiPlatform.Field(again, "Esito").ShouldBe("ES00");
        var se = Convert.FromBase64String(again.SelectSingleNode("//*[local-name()='ScartoEsito']/*[local-name()='File']")!.InnerText);
        SdiMessages.Validate(se).ShouldBeEmpty();
        SdiNotifications.VerifySignature(se).ShouldBeTrue();
        Encoding.UTF8.GetString(se).ShouldContain("<Scarto>EN01</Scarto>");
    }

    [Fact]
    public async Task An_outcome_for_an_unknown_invoice_or_not_following_the_schema_is_refused_with_SE()
    {
        var unknown = await SendOutcomeAsync(999999999, Outcome(999999999, "X", "EC01"));
        SdiPlatform.Field(unknown, "Esito").ShouldBe("ES00");
        Encoding.UTF8.GetString(Convert.FromBase64String(SdiPlatform.Field(unknown, "File"))).ShouldContain("<Scarto>EN01</Scarto>");

        var broken = await SendOutcomeAsync(999999998, "<types:NotificaEsitoCommittente xmlns:types=\"http://www.fatturapa.gov.it/sdi/messaggi/v1.0\"/>"u8.ToArray());
        SdiPlatform.Field(broken, "Esito").ShouldBe("ES00");
        Encoding.UTF8.GetString(Convert.FromBase64String(SdiPlatform.Field(broken, "File"))).ShouldContain("<Scarto>EN00</Scarto>");
    }

    [Fact]
    public async Task After_15_simulated_days_without_outcome_DT_reaches_the_recipient_and_the_transmitter_and_a_late_outcome_gets_SE()
    {
        long id = await platform.SendToSdiAsync("IT01234567897_SIM07.xml", InvoiceBackOfficeTests.Sample("UFRTOS", numero: "SIM-7"));
        (await platform.ProcessedAsync(id)).State.ShouldBe(SdiSimFileState.Consegnato);

        using var citizen = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        (await citizen.PostAsJsonAsync("/api/v1/admin/sdi-simulator/clock", new { days = 16 })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        using var admin = await platform.SignedInClientAsync(Personas.PlatformAdmin);
        var advanced = await admin.PostAsJsonAsync("/api/v1/admin/sdi-simulator/clock", new { days = 16 });
        advanced.StatusCode.ShouldBe(HttpStatusCode.OK, await advanced.Content.ReadAsStringAsync());

        await using (var scope = platform.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<InvoicingDb>();
            (await db.SdiSimFiles.AsNoTracking().SingleAsync(f => f.IdentificativoSdI == id)).State.ShouldBe(SdiSimFileState.DecorrenzaTermini);
            (await db.ReceivedInvoices.AsNoTracking().SingleAsync(i => i.IdentificativoSdI == id.ToString())).Status.ShouldBe(ReceivedInvoiceStatus.Expired);
        }

        await platform.SignedNotificationAsync(id, "DT", "Trasmittente");
        (await platform.MessagesAsync(id)).Single(m => m.Kind == "DT" && m.Party == "Destinatario").Delivered.ShouldBeTrue();

        var late = await SendOutcomeAsync(id, Outcome(id, "SIM-7", "EC01"));
        SdiPlatform.Field(late, "Esito").ShouldBe("ES00");

        // The recipient's back office now refuses any outcome: DT closed the exchange.
        var receivedId = await OutcomeTransmissionTests.ReceivedIdAsync(platform, id);
        using var region = await platform.SignedInClientAsync(OutcomeTransmissionTests.RegionAdmin);
        var blocked = await region.PostAsJsonAsync($"/api/v1/backoffice/invoicing/received/{receivedId}/outcome", new { accept = true });
        blocked.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await blocked.Content.ReadAsStringAsync()).ShouldContain("decorrenza dei termini");
    }
}

/// <summary>A recipient that cannot be reached: MC at once, AT when the retry period is over.</summary>
public sealed class UnreachableRecipientPlatform : SdiPlatform
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Jobs:Enabled"] = "false",
        ["Invoicing:SdiSimulator:RecipientUrl"] = "/sdi/servizio-spento",
    };
}

public sealed class SdiSimulatorDeliveryFailureTests(UnreachableRecipientPlatform platform) : IClassFixture<UnreachableRecipientPlatform>
{
    [Fact]
    public async Task An_undeliverable_invoice_gets_MC_and_after_the_retry_period_a_signed_AT()
    {
        long id = await platform.SendToSdiAsync("IT01234567897_SIM11.xml", InvoiceBackOfficeTests.Sample("UFRTOS", numero: "SIM-11"));
        (await platform.ProcessedAsync(id)).State.ShouldBe(SdiSimFileState.MancataConsegna);
        await platform.SignedNotificationAsync(id, "MC");

        using var admin = await platform.SignedInClientAsync(Personas.PlatformAdmin);
        (await admin.PostAsJsonAsync("/api/v1/admin/sdi-simulator/clock", new { days = 5 })).EnsureSuccessStatusCode();
        (await platform.MessagesAsync(id)).ShouldNotContain(m => m.Kind == "AT");

        (await admin.PostAsJsonAsync("/api/v1/admin/sdi-simulator/clock", new { days = 6 })).EnsureSuccessStatusCode();
        var at = Encoding.UTF8.GetString(await platform.SignedNotificationAsync(id, "AT"));
        at.ShouldContain("<HashFileOriginale>");
        await using var scope = platform.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<InvoicingDb>().SdiSimFiles.AsNoTracking().SingleAsync(f => f.IdentificativoSdI == id)).State.ShouldBe(SdiSimFileState.Attestato);
    }
}
