using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using PenToscana.Contracts.Invoicing;
using PenToscana.Kernel.Blobs;
using PenToscana.Kernel.Outbox;
using PenToscana.Kernel.Security;
using PenToscana.Modules.Invoicing.Data;
using PenToscana.Modules.Invoicing.Features.Preservation;
using PenToscana.Modules.Invoicing.Features.SdiSimulator;

namespace PenToscana.Modules.Invoicing.Features.TransmitOutcome;

/// <summary>Outbox event: the NotificaEsitoCommittente of a received invoice is to be sent to SdI.</summary>
internal sealed record OutcomeToTransmit(Guid ReceivedInvoiceId);

/// <summary>
/// The SdIRiceviNotifica client: sends the recipient's outcome to SdI (the simulator in the embedded mode). ES01 records
/// "inviata"; ES00 records SdI's ScartoEsitoCommittente (SE) on the invoice's timeline. When SdI cannot be reached the
/// handler fails and the outbox retries with back-off, so an outcome given by the office is never lost.
/// </summary>
internal sealed class TransmitOutcomeHandler(
    InvoicingDb db, IBlobStore blobs, IHttpClientFactory httpFactory, IConfiguration configuration, IServer server, TimeProvider time)
    : IIntegrationEventHandler<OutcomeToTransmit>
{
    public const string DefaultPath = "/sdi-simulator/SdIRiceviNotifica";

    public async Task HandleAsync(OutcomeToTransmit integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var invoice = await db.ReceivedInvoices.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(i => i.Id == integrationEvent.ReceivedInvoiceId, ct);
        if (invoice?.OutcomeMessageSha256 is null)
        {
            return;
        }

        bool done = await db.ExchangeEvents.IgnoreQueryFilters().AnyAsync(e => e.InvoiceId == invoice.Id && (e.Kind == "EC-SENT" || e.Kind == "SE"), ct);
        if (done)
        {
            return; // already answered by SdI: a redelivery of the event sends nothing twice
        }

        byte[] message;
        await using (var stream = await blobs.OpenReadAsync(invoice.OutcomeMessageSha256, cancellationToken: ct))
        using (var buffer = new MemoryStream())
        {
            await stream.CopyToAsync(buffer, ct);
            message = buffer.ToArray();
        }

        string esito = invoice.Status == ReceivedInvoiceStatus.Refused ? "EC02" : "EC01";
        int dot = invoice.FileName.IndexOf('.', StringComparison.Ordinal);
        string name = $"{(dot > 0 ? invoice.FileName[..dot] : invoice.FileName)}_EC_{invoice.Position.ToString("000", CultureInfo.InvariantCulture)}.xml";
        using var http = SdiHttp.Create(httpFactory, configuration, server);
        var answer = await Soap.CallAsync(http, configuration["Invoicing:Sdi:RiceviNotificaUrl"] ?? DefaultPath, "http://www.fatturapa.it/SdIRicezioneNotifiche/NotificaEsito",
            Soap.Operation(Soap.RicezioneTypes, "fileSdI",
                ("IdentificativoSdI", invoice.IdentificativoSdI),
                ("NomeFile", name),
                ("File", Convert.ToBase64String(message))), ct);

        string? outcome = answer["Esito"];
        if (outcome is not ("ES01" or "ES00"))
        {
            // ES02: service unavailable — fail (nothing recorded, nothing handed over) so that the outbox tries again later.
            throw new SdiUnreachableException($"SdI non ha accettato la notifica di esito (risposta {outcome ?? "assente"}): nuovo tentativo più tardi.");
        }

        // SdI took the outcome, accepting (ES01) or rejecting (ES00) it: either way the EC file sent goes to preservation.
        var now = time.GetUtcNow();
        PreservationHandover.Received(db, [invoice], InvoiceDocumentTypes.RecipientOutcome, new InvoiceFile(name, PreservationHandover.Xml, invoice.OutcomeMessageSha256, message.Length), now);
        if (outcome == "ES01")
        {
            db.ExchangeEvents.Add(Event(invoice, "EC-SENT", $"Notifica di esito {esito} inviata a SdI e accettata (ES01)", null, invoice.OutcomeMessageSha256, name, now));
        }
        else
        {
            string? seName = answer["ScartoEsito.NomeFile"];
            string? seSha = null;
            string? note = null;
            if (answer["ScartoEsito.File"] is { Length: > 0 } se)
            {
                var bytes = Convert.FromBase64String(se);
                seSha = (await blobs.PutAsync(new MemoryStream(bytes, writable: false), cancellationToken: ct)).Sha256;
                note = ReadNote(bytes);
                seName = seName is { Length: > 0 } ? seName : $"{(dot > 0 ? invoice.FileName[..dot] : invoice.FileName)}_SE_{invoice.Position.ToString("000", CultureInfo.InvariantCulture)}.xml";
                PreservationHandover.Received(db, [invoice], InvoiceDocumentTypes.OutcomeRejection, new InvoiceFile(seName, PreservationHandover.Xml, seSha, bytes.Length), now);
            }

            db.ExchangeEvents.Add(Event(invoice, "SE", $"SdI ha scartato la notifica di esito {esito} (scarto esito committente)", note, seSha, seName, now));
        }

        await db.SaveChangesAsync(ct);
    }

    private static string? ReadNote(byte[] scarto)
    {
        try
        {
            var document = SafeXml.LoadXmlDocument(scarto);
            string? code = document.SelectSingleNode("//*[local-name()='Scarto']")?.InnerText;
            string? note = document.SelectSingleNode("//*[local-name()='Note']")?.InnerText;
            return string.Join(" — ", new[] { code, note }.Where(s => !string.IsNullOrEmpty(s)));
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }

    internal static InvoiceExchangeEvent Event(ReceivedInvoice invoice, string kind, string label, string? detail, string? sha, string? name, DateTimeOffset at) => new()
    {
        Id = Guid.NewGuid(),
        EnteId = invoice.EnteId,
        InvoiceId = invoice.Id,
        Kind = kind,
        Label = label,
        Detail = detail is { Length: > 4000 } ? detail[..4000] : detail,
        MessageSha256 = sha,
        MessageName = name is { Length: > 80 } ? name[..80] : name,
        At = at,
    };
}
