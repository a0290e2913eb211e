using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.Contracts.Protocol;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Modules.Invoicing.Data;

namespace PenToscana.IntegrationTests.Invoicing;

/// <summary>Invoices delivered by SdI through the RicezioneFatture SOAP service (per RicezioneFatture_v1.0.wsdl).</summary>
public sealed class ReceiveInvoiceTests(PlatformFactory platform) : IClassFixture<PlatformFactory>
{
    private const string Types = "http://www.fatturapa.gov.it/sdi/ws/ricezione/v1.0/types";

    /// <summary>An official sample addressed to the Region's billing office, with check-digit-correct identifiers.</summary>
    private static byte[] InvoiceFor(string sample, string codiceUfficio) =>
        Encoding.UTF8.GetBytes(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Invoicing", "Samples", sample))
            .Replace("01234567890", "01234567897", StringComparison.Ordinal)
            .Replace("09876543210", "80000000002", StringComparison.Ordinal)
            .Replace("<CodiceDestinatario>AAAAAA</CodiceDestinatario>", $"<CodiceDestinatario>{codiceUfficio}</CodiceDestinatario>", StringComparison.Ordinal));

    private static string Envelope(string operation, string id, string name, byte[] file, bool metadata = true) =>
        $"""
        <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:types="{Types}">
          <soapenv:Body>
            <types:{operation}>
              <IdentificativoSdI>{id}</IdentificativoSdI>
              <NomeFile>{name}</NomeFile>
              <File>{Convert.ToBase64String(file)}</File>
              {(metadata ? $"<NomeFileMetadati>{name.Replace(".xml", "_MT_001.xml", StringComparison.Ordinal)}</NomeFileMetadati><Metadati>{Convert.ToBase64String("<x/>"u8.ToArray())}</Metadati>" : "")}
            </types:{operation}>
          </soapenv:Body>
        </soapenv:Envelope>
        """;

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(string envelope, string action = "http://www.fatturapa.it/RicezioneFatture/RiceviFattureSdI")
    {
        using var http = platform.CreateClient();
        using var content = new StringContent(envelope, Encoding.UTF8, "text/xml");
        content.Headers.Add("SOAPAction", action);
        var response = await http.PostAsync("/sdi/RicezioneFatture", content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_invoice_delivered_by_SdI_is_routed_by_office_code_protocolled_and_entered_in_the_register()
    {
        var (status, body) = await PostAsync(Envelope("fileSdIConMetadati", "100000001", "IT01234567897_00001.xml", InvoiceFor("IT01234567890_FPA01.xml", "UFRTOS")));

        status.ShouldBe(HttpStatusCode.OK, body);
        body.ShouldContain("<Esito>ER01</Esito>");
        await using var scope = platform.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InvoicingDb>();
        var invoice = await db.ReceivedInvoices.SingleAsync(i => i.IdentificativoSdI == "100000001");
        invoice.EnteIpa.ShouldBe("r_toscan");
        invoice.Numero.ShouldBe("123");
        invoice.SupplierName.ShouldBe("ALPHA SRL");
        invoice.TotalCents.ShouldBe(610);
        invoice.Status.ShouldBe(ReceivedInvoiceStatus.Received);
        (invoice.OutcomeDueOn.DayNumber - DateOnly.FromDateTime(invoice.ReceivedAt.UtcDateTime).DayNumber).ShouldBeInRange(15, 16);
        invoice.ProtocolNumber.ShouldNotBeNull();
        var entry = await db.Register.SingleAsync(r => r.ReceivedInvoiceId == invoice.Id);
        entry.Number.ShouldBeGreaterThan(0);
        entry.Cig.ShouldBe("456def");
        entry.ProtocolNumber.ShouldBe(invoice.ProtocolNumber);

        var protocol = scope.ServiceProvider.GetRequiredService<IProtocolApi>();
        var registered = await protocol.FindAsync("r_toscan", entry.RegisteredAt.Year, long.Parse(invoice.ProtocolNumber!.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture));
        registered.ShouldNotBeNull();
        registered.Direction.ShouldBe(ProtocolDirection.Incoming);
        registered.Document.FileName.ShouldBe("IT01234567897_00001.xml");
        registered.Subject.ShouldContain("ALPHA SRL");
    }

    [Fact]
    public async Task A_lotto_gives_one_register_entry_per_invoice_and_a_repeated_delivery_changes_nothing()
    {
        var envelope = Envelope("fileSdIConMetadati", "100000002", "IT01234567897_00002.xml", InvoiceFor("IT01234567890_FPA03.xml", "UFRTOS"));
        (await PostAsync(envelope)).Body.ShouldContain("ER01");
        (await PostAsync(envelope)).Body.ShouldContain("ER01");

        await using var scope = platform.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InvoicingDb>();
        var invoices = await db.ReceivedInvoices.Where(i => i.IdentificativoSdI == "100000002").OrderBy(i => i.Position).ToListAsync();
        invoices.Select(i => i.Position).ShouldBe([1, 2]);
        invoices.Select(i => i.ProtocolNumber).Distinct().Count().ShouldBe(1);
        var ids = invoices.Select(i => i.Id).ToList();
        var numbers = await db.Register.Where(r => ids.Contains(r.ReceivedInvoiceId)).Select(r => r.Number).OrderBy(n => n).ToListAsync();
        numbers.Count.ShouldBe(2);
        (numbers[1] - numbers[0]).ShouldBe(1);
    }

    [Fact]
    public async Task An_unknown_office_code_is_refused_with_a_fault_and_nothing_is_stored()
    {
        var (status, body) = await PostAsync(Envelope("fileSdIConMetadati", "100000003", "IT01234567897_00003.xml", InvoiceFor("IT01234567890_FPA01.xml", "ZZZZZZ")));
        status.ShouldBe(HttpStatusCode.InternalServerError);
        body.ShouldContain("soapenv:Fault");
        body.ShouldContain("ZZZZZZ");
        await using var scope = platform.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<InvoicingDb>().ReceivedInvoices.AnyAsync(i => i.IdentificativoSdI == "100000003")).ShouldBeFalse();
    }

    [Fact]
    public async Task A_file_that_is_not_an_invoice_is_refused_with_its_reason()
    {
        var (status, body) = await PostAsync(Envelope("fileSdIConMetadati", "100000004", "IT01234567897_00004.xml", "<!DOCTYPE x []><x/>"u8.ToArray()));
        status.ShouldBe(HttpStatusCode.InternalServerError);
        body.ShouldContain("00200");
    }

    [Fact]
    public async Task The_expiry_notice_closes_the_invoice_and_one_for_an_unknown_invoice_is_refused()
    {
        (await PostAsync(Envelope("fileSdIConMetadati", "100000005", "IT01234567897_00005.xml", InvoiceFor("IT01234567890_FPA02.xml", "UFCFI1")))).Body.ShouldContain("ER01");
        var dt = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Invoicing", "Samples", "IT01234567890_FPA01.xml"));
        var (status, _) = await PostAsync(Envelope("notificaDecorrenzaTermini", "100000005", "IT01234567897_00005_DT_001.xml", dt, metadata: false),
            "http://www.fatturapa.it/RicezioneFatture/NotificaDecorrenzaTermini");
        status.ShouldBe(HttpStatusCode.OK);
        await using var scope = platform.Services.CreateAsyncScope();
        var invoice = await scope.ServiceProvider.GetRequiredService<InvoicingDb>().ReceivedInvoices.SingleAsync(i => i.IdentificativoSdI == "100000005");
        invoice.Status.ShouldBe(ReceivedInvoiceStatus.Expired);
        invoice.EnteIpa.ShouldBe("c_d612");

        var (unknown, body) = await PostAsync(Envelope("notificaDecorrenzaTermini", "999999999", "IT01234567897_00009_DT_001.xml", dt, metadata: false));
        unknown.ShouldBe(HttpStatusCode.InternalServerError);
        body.ShouldContain("sconosciuta");
    }
}
