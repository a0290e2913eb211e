using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.Contracts.Invoicing;
using PenToscana.Contracts.Protocol;
using PenToscana.Kernel.Security;
using PenToscana.Modules.Invoicing.Data;
using PenToscana.Modules.Invoicing.Features.Preservation;

namespace PenToscana.Modules.Invoicing.Features.ReceiveInvoice;

/// <summary>
/// The SDICoop RicezioneFatture service (RicezioneFatture_v1.0.wsdl, SOAP 1.1 document/literal) that SdI calls to deliver
/// invoices (RiceviFatture → Esito ER01) and the expiry of the 15-day term (NotificaDecorrenzaTermini). Base64 content is
/// accepted inline; the transport (mutual TLS with the SdI certificate) is the deployment's concern.
/// </summary>
internal static class RicezioneFattureEndpoint
{
    public const string Path = "/sdi/RicezioneFatture";
    public const string TypesNamespace = "http://www.fatturapa.gov.it/sdi/ws/ricezione/v1.0/types";
    private const string SoapNamespace = "http://schemas.xmlsoap.org/soap/envelope/";
    private const int MaxEnvelopeBytes = 8 * 1024 * 1024;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost(Path, HandleAsync)
            .WithName("RicezioneFatture")
            .WithTags("SdI")
            .WithSummary("Servizio SDICoop RicezioneFatture: consegna di fatture e notifiche di decorrenza termini da SdI")
            .Accepts<string>("text/xml")
            .AllowAnonymous()
            .DisableAntiforgery()
            .ExcludeFromDescription();
    }

    private static async Task<IResult> HandleAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength is > MaxEnvelopeBytes)
        {
            return Fault("Messaggio troppo grande.");
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        string? operation = null;
        using (var buffer = new MemoryStream())
        {
            await request.Body.CopyToAsync(buffer, ct);
            if (buffer.Length > MaxEnvelopeBytes)
            {
                return Fault("Messaggio troppo grande.");
            }

            buffer.Position = 0;
            var settings = SafeXml.ReaderSettings();
            settings.IgnoreWhitespace = true;
            try
            {
                using var reader = XmlReader.Create(buffer, settings);
                reader.MoveToContent();
                while (!reader.EOF)
                {
                    if (reader.NodeType == XmlNodeType.Element && operation is not null
                        && reader.LocalName is "IdentificativoSdI" or "NomeFile" or "File" or "NomeFileMetadati" or "Metadati")
                    {
                        string field = reader.LocalName;
                        fields[field] = reader.ReadElementContentAsString(); // leaves the reader on the next node
                        continue;
                    }

                    if (reader.NodeType == XmlNodeType.Element && reader.NamespaceURI == TypesNamespace)
                    {
                        operation = reader.LocalName;
                    }

                    reader.Read();
                }
            }
            catch (XmlException)
            {
                return Fault("Messaggio SOAP non leggibile.");
            }
        }

        if (!fields.TryGetValue("IdentificativoSdI", out var id) || !fields.TryGetValue("NomeFile", out var name) || !fields.TryGetValue("File", out var file))
        {
            return Fault("Mancano IdentificativoSdI, NomeFile o File.");
        }

        byte[] content;
        try
        {
            content = Convert.FromBase64String(file);
        }
        catch (FormatException)
        {
            return Fault("Il contenuto di File non è in Base64.");
        }

        var services = request.HttpContext.RequestServices;
        switch (operation)
        {
            case "fileSdIConMetadati":
                byte[]? metadata = null;
                if (fields.TryGetValue("Metadati", out var metadataText) && metadataText.Length > 0)
                {
                    try
                    {
                        metadata = Convert.FromBase64String(metadataText);
                    }
                    catch (FormatException)
                    {
                        return Fault("Il contenuto di Metadati non è in Base64.");
                    }

                    if (!IsWellFormed(metadata))
                    {
                        return Fault("Il file dei metadati (Metadati) non è un XML leggibile.");
                    }
                }

                var handler = services.GetRequiredService<ReceiveInvoiceHandler>();
                var (_, failure) = await handler.HandleAsync(new ReceiveInvoiceRequest(id, name, content, ProtocolChannels.Sdi,
                    MetadataFileName: fields.GetValueOrDefault("NomeFileMetadati"), Metadata: metadata), ct);
                return failure is not null
                    ? Fault($"{failure.Code}: {failure.Message}")
                    : Soap($"<types:rispostaRiceviFatture xmlns:types=\"{TypesNamespace}\"><Esito>ER01</Esito></types:rispostaRiceviFatture>");
            case "notificaDecorrenzaTermini":
                var db = services.GetRequiredService<InvoicingDb>();
                var invoices = await db.ReceivedInvoices.Where(i => i.IdentificativoSdI == id).ToListAsync(ct);
                if (invoices.Count == 0)
                {
                    return Fault($"Notifica di decorrenza termini per una fattura sconosciuta (IdentificativoSdI {id}).");
                }

                string sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
                string? messageId = MessageIdOf(content);
                var invoiceIds = invoices.Select(i => i.Id).ToList();
                if (await db.ExchangeEvents.AnyAsync(e => invoiceIds.Contains(e.InvoiceId) && e.Kind == "DT"
                        && ((messageId != null && e.MessageId == messageId) || e.MessageSha256 == sha256), ct))
                {
                    // The same DT delivered again (SdI retries when it got no answer): acknowledged, applied once.
                    return Soap("");
                }

                var at = services.GetRequiredService<TimeProvider>().GetUtcNow();
                var stored = await services.GetRequiredService<PenToscana.Kernel.Blobs.IBlobStore>().PutAsync(new MemoryStream(content, writable: false), cancellationToken: ct);
                foreach (var invoice in invoices)
                {
                    if (invoice.Status == ReceivedInvoiceStatus.Received)
                    {
                        invoice.Status = ReceivedInvoiceStatus.Expired;
                    }

                    var dt = Features.TransmitOutcome.TransmitOutcomeHandler.Event(invoice, "DT",
                        "Notifica di decorrenza termini (DT) ricevuta da SdI: l'esito non può più essere inviato", null, stored.Sha256, name, at);
                    dt.MessageId = messageId;
                    db.ExchangeEvents.Add(dt);
                }

                PreservationHandover.Received(db, invoices, InvoiceDocumentTypes.TermsElapsed, new InvoiceFile(name, PreservationHandover.Xml, stored.Sha256, stored.Length), at);

                await db.SaveChangesAsync(ct);
                return Soap("");
            default:
                return Fault("Operazione non supportata.");
        }
    }

    private static bool IsWellFormed(byte[] xml)
    {
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(xml), SafeXml.ReaderSettings());
            while (reader.Read())
            {
            }

            return true;
        }
        catch (XmlException)
        {
            return false;
        }
    }

    /// <summary>The MessageId of an SdI notification, or null when it has none or cannot be read.</summary>
    private static string? MessageIdOf(byte[] notification)
    {
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(notification), SafeXml.ReaderSettings());
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "MessageId" && reader.Depth == 1)
                {
                    return reader.ReadElementContentAsString() is { Length: > 0 and <= 50 } id ? id : null;
                }
            }
        }
        catch (XmlException)
        {
            return null;
        }

        return null;
    }

    private static IResult Soap(string body) =>
        Results.Text($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope xmlns:soapenv=\"{SoapNamespace}\"><soapenv:Body>{body}</soapenv:Body></soapenv:Envelope>",
            "text/xml; charset=utf-8", Encoding.UTF8);

    private static IResult Fault(string message) =>
        Results.Text($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope xmlns:soapenv=\"{SoapNamespace}\"><soapenv:Body><soapenv:Fault><faultcode>soapenv:Client</faultcode><faultstring xml:lang=\"it\">{System.Security.SecurityElement.Escape(message)}</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>",
            "text/xml; charset=utf-8", Encoding.UTF8, StatusCodes.Status500InternalServerError);
}
