using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.Contracts.Invoicing;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Kernel.Outbox;
using PenToscana.Modules.Invoicing.Data;

namespace PenToscana.IntegrationTests.Invoicing;

/// <summary>
/// Every invoice file and SdI message a body keeps is handed to preservation through an outbox event saved with it: the
/// fingerprint names the stored bytes, the invoices it concerns are listed, and a message delivered twice is handed over once.
/// </summary>
public sealed class InvoicePreservationTests(SdiPlatform platform) : IClassFixture<SdiPlatform>
{
    private const string Issue = "/api/invoicing/c_d612/fatture-emesse";
    private const string TrasmissioneTypes = "http://www.fatturapa.gov.it/sdi/ws/trasmissione/v1.0/types";

    private async Task<List<InvoiceDocumentStored>> HandedOverAsync(Guid invoiceId)
    {
        await using var scope = platform.Services.CreateAsyncScope();
        var type = typeof(InvoiceDocumentStored).FullName!;
        var messages = await scope.ServiceProvider.GetRequiredService<InvoicingDb>().Outbox.AsNoTracking()
            .Where(m => m.Type == type).OrderBy(m => m.CreatedAt).ToListAsync();
        // Documents saved together (an invoice file and its metadata) share their time: the file first.
        return [.. messages.Select(m => JsonSerializer.Deserialize<InvoiceDocumentStored>(m.Payload, JsonDefaults.Options)!)
            .Where(d => d.Invoices.Any(i => i.InvoiceId == invoiceId))
            .OrderBy(d => d.StoredAt).ThenBy(d => d.DocumentType switch { InvoiceDocumentTypes.Invoice => 0, InvoiceDocumentTypes.Metadata => 1, _ => 2 })];
    }

    private async Task<T> WaitAsync<T>(Func<InvoicingDb, Task<T?>> read, Func<T, bool> until, string what)
    {
        for (int i = 0; i < 200; i++)
        {
            await using var scope = platform.Services.CreateAsyncScope();
            if (await read(scope.ServiceProvider.GetRequiredService<InvoicingDb>()) is { } value && until(value))
            {
                return value;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{what}: {await platform.OutboxErrorsAsync()}");
    }

    private Task<IssuedInvoice> IssuedAsync(Guid id, IssuedInvoiceStatus status)
        => WaitAsync(db => db.IssuedInvoices.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id), i => i.Status == status, $"issued invoice {id} never {status}");

    private async Task<Guid> IssueAsync(object request)
    {
        using var firenze = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        var response = await firenze.PostAsJsonAsync(Issue, request);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static object ToRegion(string description) => new { codiceUfficio = "UFRTOS", descrizione = description, imponibile = 800.00m, aliquotaIva = 22m, cig = "ZAB1234567" };

    /// <summary>The stored bytes behind a handed-over document: present, and exactly those its fingerprint and length name.</summary>
    private async Task<string> StoredTextAsync(InvoiceDocumentStored document)
    {
        var bytes = await platform.BlobAsync(document.File.Sha256);
        Convert.ToHexStringLower(SHA256.HashData(bytes)).ShouldBe(document.File.Sha256);
        bytes.LongLength.ShouldBe(document.File.Length);
        return Encoding.UTF8.GetString(bytes);
    }

    [Fact]
    public async Task An_invoice_issued_by_a_Comune_and_accepted_by_the_Region_hands_every_file_and_notification_to_preservation_once_on_each_side()
    {
        var id = await IssueAsync(ToRegion("Manutenzione degli impianti, conservazione"));
        var delivered = await IssuedAsync(id, IssuedInvoiceStatus.Consegnata);
        var receivedId = await OutcomeTransmissionTests.ReceivedIdAsync(platform, long.Parse(delivered.IdentificativoSdI!));
        using (var region = await platform.SignedInClientAsync(OutcomeTransmissionTests.RegionAdmin))
        {
            (await region.PostAsJsonAsync($"/api/v1/backoffice/invoicing/received/{receivedId}/outcome", new { accept = true })).EnsureSuccessStatusCode();
        }

        await IssuedAsync(id, IssuedInvoiceStatus.Accettata);
        (await OutcomeTransmissionTests.ExchangeEventAsync(platform, receivedId)).Kind.ShouldBe("EC-SENT");

        // The issuer (Comune di Firenze, fatturazione attiva): the signed invoice, SdI's delivery receipt and the outcome.
        var issued = await HandedOverAsync(id);
        issued.Select(d => d.DocumentType).ShouldBe([InvoiceDocumentTypes.Invoice, InvoiceDocumentTypes.DeliveryReceipt, InvoiceDocumentTypes.Outcome]);
        issued.ShouldAllBe(d => d.EnteIpa == "c_d612" && d.Flow == InvoiceFlows.Issued);
        var issuedFile = issued[0];
        issuedFile.File.FileName.ShouldBe(delivered.FileName);
        issuedFile.File.Sha256.ShouldBe(delivered.FileSha256);
        issuedFile.File.MediaType.ShouldBe("application/xml");
        issuedFile.ProtocolNumber.ShouldBe(delivered.ProtocolNumber);
        var reference = issuedFile.Invoices.ShouldHaveSingleItem();
        reference.Number.ShouldBe(delivered.Numero);
        reference.Date.ShouldBe(delivered.DocumentDate);
        reference.CounterpartyName.ShouldBe(delivered.CustomerName);
        reference.TotalCents.ShouldBe(97600);
        (await StoredTextAsync(issuedFile)).ShouldContain("<Descrizione>Manutenzione degli impianti, conservazione</Descrizione>");
        (await StoredTextAsync(issued[1])).ShouldContain("RicevutaConsegna");
        issued[1].IdentificativoSdI.ShouldBe(delivered.IdentificativoSdI);
        (await StoredTextAsync(issued[2])).ShouldContain("EC01");

        // The recipient (Regione Toscana, fatturazione passiva): the invoice file with SdI's metadata file, and the outcome it sent.
        Guid regionInvoice;
        await using (var scope = platform.Services.CreateAsyncScope())
        {
            var received = await scope.ServiceProvider.GetRequiredService<InvoicingDb>().ReceivedInvoices.AsNoTracking().SingleAsync(i => i.Id == receivedId);
            regionInvoice = received.Id;
            var passive = await HandedOverAsync(receivedId);
            passive.Select(d => d.DocumentType).ShouldBe([InvoiceDocumentTypes.Invoice, InvoiceDocumentTypes.Metadata, InvoiceDocumentTypes.RecipientOutcome]);
            passive.ShouldAllBe(d => d.EnteIpa == "r_toscan" && d.Flow == InvoiceFlows.Received && d.IdentificativoSdI == received.IdentificativoSdI);
            passive[0].File.Sha256.ShouldBe(received.FileSha256);
            passive[0].ProtocolNumber.ShouldBe(received.ProtocolNumber);
            passive[0].Invoices.ShouldHaveSingleItem().CounterpartyTaxId.ShouldBe(received.SupplierVatId);
            (await StoredTextAsync(passive[1])).ShouldContain($"<IdentificativoSdI>{received.IdentificativoSdI}</IdentificativoSdI>");
            passive[1].File.FileName.ShouldEndWith("_MT_001.xml");
            var outcome = await StoredTextAsync(passive[2]);
            outcome.ShouldContain("NotificaEsitoCommittente");
            outcome.ShouldContain("<Esito>EC01</Esito>");
        }

        // SdI delivers the same RC once more (an answer lost on the way): acknowledged, and not handed over twice.
        long sdiId = long.Parse(delivered.IdentificativoSdI!);
        var rc = (await platform.MessagesAsync(sdiId)).Single(m => m.Kind == "RC" && m.Party == "Trasmittente" && !m.Incoming);
        await platform.SoapAsync("/sdi/TrasmissioneFatture", "ricevutaConsegna", TrasmissioneTypes,
            ("IdentificativoSdI", delivered.IdentificativoSdI!), ("NomeFile", rc.NomeFile), ("File", Convert.ToBase64String(await platform.BlobAsync(rc.Sha256))));
        (await HandedOverAsync(id)).Count(d => d.DocumentType == InvoiceDocumentTypes.DeliveryReceipt).ShouldBe(1);
        (await HandedOverAsync(regionInvoice)).Count(d => d.DocumentType == InvoiceDocumentTypes.Invoice).ShouldBe(1);
    }

    [Fact]
    public async Task The_files_exchanged_with_SdI_are_listed_on_the_invoice_page_and_downloaded_by_its_own_body_only()
    {
        var id = await IssueAsync(ToRegion("Pulizia degli uffici, file scaricabili"));
        var delivered = await IssuedAsync(id, IssuedInvoiceStatus.Consegnata);
        var receivedId = await OutcomeTransmissionTests.ReceivedIdAsync(platform, long.Parse(delivered.IdentificativoSdI!));

        static (string Url, string Name) Link(string html, string kind)
        {
            var match = Regex.Matches(html, "<a href=\"([^\"]+handler=messaggio&amp;evento=[0-9a-f-]{36})\" download>([^<]+)</a>")
                .Single(m => m.Groups[2].Value.Contains(kind, StringComparison.Ordinal));
            return (WebUtility.HtmlDecode(match.Groups[1].Value), match.Groups[2].Value);
        }

        // The Region (recipient): SdI's metadata file, under the name SdI gave it, with the delivery's identifier.
        using var region = await platform.SignedInClientAsync(OutcomeTransmissionTests.RegionAdmin);
        var page = await region.GetStringAsync($"/backoffice/r_toscan/fatture/{receivedId}");
        page.ShouldContain("File scambiati con SdI");
        var metadata = Link(page, "_MT_");
        metadata.Name.ShouldEndWith("_MT_001.xml");
        using (var response = await region.GetAsync(metadata.Url))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/xml");
            response.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe(metadata.Name);
            (await response.Content.ReadAsStringAsync()).ShouldContain($"<IdentificativoSdI>{delivered.IdentificativoSdI}</IdentificativoSdI>");
        }

        // The Comune (issuer): SdI's delivery receipt on the issued invoice's page.
        using var firenze = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        var receipt = Link(await firenze.GetStringAsync($"/backoffice/c_d612/fatture-emesse/{id}"), "_RC_");
        (await firenze.GetStringAsync(receipt.Url)).ShouldContain("RicevutaConsegna");

        // Another body's file: not through the Region's page, nor under one of the Comune's own invoices.
        (await firenze.GetAsync(metadata.Url)).StatusCode.ShouldBeOneOf(HttpStatusCode.NotFound, HttpStatusCode.Forbidden);
        string eventId = metadata.Url[(metadata.Url.LastIndexOf('=') + 1)..];
        (await firenze.GetAsync($"/backoffice/c_d612/fatture-emesse/{id}?handler=messaggio&evento={eventId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await region.GetAsync($"/backoffice/r_toscan/fatture/{receivedId}?handler=messaggio&evento={Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_file_SdI_refuses_is_handed_over_with_its_NS_and_an_unanswered_one_with_the_DT_on_both_sides()
    {
        var refused = await IssueAsync(new { codiceUfficio = "ZZZZZZ", denominazione = "Ente sconosciuto", codiceFiscale = "80000000002", indirizzo = "Via Roma 1", cap = "50100", comune = "Firenze", descrizione = "Consulenza", imponibile = 100m });
        await IssuedAsync(refused, IssuedInvoiceStatus.Scartata);
        var ns = await HandedOverAsync(refused);
        ns.Select(d => d.DocumentType).ShouldBe([InvoiceDocumentTypes.Invoice, InvoiceDocumentTypes.Rejection]);
        (await StoredTextAsync(ns[1])).ShouldContain("00311");

        var id = await IssueAsync(ToRegion("Fornitura di toner, senza risposta"));
        var delivered = await IssuedAsync(id, IssuedInvoiceStatus.Consegnata);
        var receivedId = await OutcomeTransmissionTests.ReceivedIdAsync(platform, long.Parse(delivered.IdentificativoSdI!));
        using var admin = await platform.SignedInClientAsync(Personas.PlatformAdmin);
        (await admin.PostAsJsonAsync("/api/v1/admin/sdi-simulator/clock", new { days = 16 })).EnsureSuccessStatusCode();
        await IssuedAsync(id, IssuedInvoiceStatus.DecorrenzaTermini);
        await WaitAsync(db => db.ReceivedInvoices.AsNoTracking().SingleOrDefaultAsync(i => i.Id == receivedId), i => i.Status == ReceivedInvoiceStatus.Expired, "no DT for the recipient");

        (await HandedOverAsync(id)).Select(d => d.DocumentType).ShouldBe([InvoiceDocumentTypes.Invoice, InvoiceDocumentTypes.DeliveryReceipt, InvoiceDocumentTypes.TermsElapsed]);
        var passive = await HandedOverAsync(receivedId);
        passive.Select(d => d.DocumentType).ShouldBe([InvoiceDocumentTypes.Invoice, InvoiceDocumentTypes.Metadata, InvoiceDocumentTypes.TermsElapsed]);
        (await StoredTextAsync(passive[2])).ShouldContain("NotificaDecorrenzaTermini");
        passive[2].File.FileName.ShouldContain("_DT_");
    }

    [Fact]
    public async Task A_delivery_whose_metadata_file_is_not_readable_is_refused_and_nothing_is_received_or_handed_over()
    {
        var invoice = Convert.ToBase64String(InvoiceBackOfficeTests.Sample("UFRTOS", numero: "MT-BAD"));
        using var http = platform.CreateClient();
        async Task<string> DeliverAsync(string metadata)
        {
            using var content = new StringContent(
                $"""<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:types="http://www.fatturapa.gov.it/sdi/ws/ricezione/v1.0/types"><soapenv:Body><types:fileSdIConMetadati><IdentificativoSdI>777000111</IdentificativoSdI><NomeFile>IT01234567897_MTBAD.xml</NomeFile><File>{invoice}</File><NomeFileMetadati>IT01234567897_MTBAD_MT_001.xml</NomeFileMetadati><Metadati>{metadata}</Metadati></types:fileSdIConMetadati></soapenv:Body></soapenv:Envelope>""",
                Encoding.UTF8, "text/xml");
            var response = await http.PostAsync("/sdi/RicezioneFatture", content);
            response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
            return await response.Content.ReadAsStringAsync();
        }

        (await DeliverAsync("non-base64!")).ShouldContain("Metadati non è in Base64");
        (await DeliverAsync(Convert.ToBase64String("<MetadatiInvioFile><IdentificativoSdI>"u8.ToArray()))).ShouldContain("non è un XML leggibile");

        await using var scope = platform.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InvoicingDb>();
        (await db.ReceivedInvoices.AsNoTracking().AnyAsync(i => i.IdentificativoSdI == "777000111")).ShouldBeFalse();
        var type = typeof(InvoiceDocumentStored).FullName!;
        (await db.Outbox.AsNoTracking().Where(m => m.Type == type).Select(m => m.Payload).ToListAsync()).ShouldNotContain(p => p.Contains("777000111"));
    }
}
