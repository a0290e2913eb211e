using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Blobs;
using PenToscana.Kernel.Calendar;
using PenToscana.Kernel.Users;
using PenToscana.Modules.Invoicing.Data;
using PenToscana.Modules.Invoicing.Engine;

namespace PenToscana.Modules.Invoicing.Features.SendOutcome;

/// <summary>The only reasons a public body may refuse an invoice (DM 132/2020, art. 2-bis DM 55/2013).</summary>
public static class RefusalReasons
{
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["OPERAZIONE"] = "Fattura riferita a un'operazione che non è stata posta in essere in favore del destinatario",
        ["CIG_CUP"] = "Omessa o errata indicazione del CIG o del CUP",
        ["REPERTORIO"] = "Omessa o errata indicazione del codice di repertorio (dispositivi medici)",
        ["AIC"] = "Omessa o errata indicazione del codice AIC e del quantitativo (farmaci)",
        ["DETERMINA"] = "Omessa o errata indicazione del numero e della data della determinazione d'impegno di spesa",
    };
}

internal sealed record SendOutcomeRequest(bool Accept, string? Reason, string? Explanation);

internal sealed record SendOutcomeResponse(Guid Id, string Status, string Esito, string? Descrizione, string MessageSha256);

/// <summary>
/// Accepts (EC01) or refuses (EC02) a received invoice within 15 days of delivery. A refusal needs one of the DM 132/2020
/// reasons and an explanation. The NotificaEsitoCommittente file is written, checked against MessaggiTypes and stored;
/// after the term (or after DT) no outcome can be given.
/// </summary>
internal sealed class SendOutcomeHandler(InvoicingDb db, IBlobStore blobs, ICurrentUser user, TimeProvider time)
{
    /// <summary>Length of Descrizione in NotificaEsitoCommittente (MessaggiTypes): the reason's text, ": ", the explanation.</summary>
    public const int MaxDescription = 255;

    public async Task<(SendOutcomeResponse? Response, int Status, string? Problem)> HandleAsync(Guid id, SendOutcomeRequest request, CancellationToken ct)
    {
        var invoice = await db.ReceivedInvoices.SingleOrDefaultAsync(i => i.Id == id, ct);
        if (invoice is null)
        {
            return (null, StatusCodes.Status404NotFound, "Fattura non trovata.");
        }

        if (invoice.Status != ReceivedInvoiceStatus.Received)
        {
            return (null, StatusCodes.Status409Conflict, invoice.Status == ReceivedInvoiceStatus.Expired
                ? "Termine decorso: SdI ha già notificato la decorrenza dei termini, l'esito non può più essere inviato."
                : "L'esito di questa fattura è già stato inviato.");
        }

        var now = time.GetUtcNow();
        if (now.ItalianDate() > invoice.OutcomeDueOn)
        {
            return (null, StatusCodes.Status409Conflict, $"Termine scaduto il {invoice.OutcomeDueOn:dd/MM/yyyy}: l'esito non può più essere inviato.");
        }

        string? description = null;
        if (!request.Accept)
        {
            if (request.Reason is null || !RefusalReasons.All.TryGetValue(request.Reason, out var reasonText))
            {
                return (null, StatusCodes.Status400BadRequest, "Il rifiuto è ammesso solo per uno dei motivi del DM 132/2020: " + string.Join(", ", RefusalReasons.All.Keys) + ".");
            }

            if (string.IsNullOrWhiteSpace(request.Explanation) || request.Explanation.Trim().Length < 10)
            {
                return (null, StatusCodes.Status400BadRequest, "Il rifiuto richiede una motivazione di almeno 10 caratteri.");
            }

            int room = MaxDescription - reasonText.Length - 2;
            if (request.Explanation.Trim().Length > room)
            {
                return (null, StatusCodes.Status400BadRequest, $"La motivazione è troppo lunga: con questo motivo può avere al massimo {room} caratteri (la notifica a SdI ne ammette {MaxDescription} in tutto).");
            }

            description = $"{reasonText}: {request.Explanation.Trim()}";
        }

        var message = SdiMessages.NotificaEsitoCommittente(
            invoice.IdentificativoSdI, invoice.Numero ?? "", invoice.DocumentDate?.Year ?? now.Year, invoice.Position, request.Accept, description,
            invoice.Id.ToString("N")[..14]);
        var errors = SdiMessages.Validate(message);
        if (errors.Count > 0)
        {
            return (null, StatusCodes.Status400BadRequest, "La notifica di esito non è conforme allo schema SdI: " + errors[0]);
        }

        var stored = await blobs.PutAsync(new MemoryStream(message, writable: false), cancellationToken: ct);
        invoice.Status = request.Accept ? ReceivedInvoiceStatus.Accepted : ReceivedInvoiceStatus.Refused;
        invoice.OutcomeAt = now;
        invoice.OutcomeReason = request.Accept ? null : request.Reason;
        invoice.OutcomeDescription = description is { Length: > 255 } ? description[..255] : description;
        invoice.OutcomeMessageSha256 = stored.Sha256;
        invoice.OutcomeBy = user.TaxCode;
        db.Publish(new TransmitOutcome.OutcomeToTransmit(invoice.Id), now, invoice.EnteId); // sent to SdI from the outbox, retried until SdI answers
        await db.SaveChangesAsync(ct);
        return (new SendOutcomeResponse(invoice.Id, invoice.Status.ToString(), request.Accept ? "EC01" : "EC02", invoice.OutcomeDescription, stored.Sha256), 200, null);
    }
}

internal sealed record ReceivedInvoiceDto(
    Guid Id, string EnteIpa, string IdentificativoSdI, string FileName, int Position, string? TipoDocumento, string? Numero, DateOnly? Data,
    string Fornitore, string? PartitaIva, decimal Totale, string Stato, DateOnly TermineEsito, int GiorniRimanenti, string? Protocollo,
    string? Cig, string? Cup, string? MotivoRifiuto, string? DescrizioneEsito);

internal sealed record BillingOfficeDto(Guid Id, string EnteIpa, string CodiceUfficio, string Ufficio, bool RichiedeCig, bool RichiedeCup, bool RichiedeNumeroOrdine, bool ScissionePagamenti);

internal static class ReceivedInvoiceEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/backoffice/invoicing").WithTags("Fatturazione elettronica").RequireAuthorization(InvoicingModule.OperatorPolicy);
        group.MapGet("/received/{id:guid}", async (Guid id, InvoicingDb db, TimeProvider time, CancellationToken ct) =>
        {
            var i = await db.ReceivedInvoices.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
            if (i is null)
            {
                return Results.Problem(detail: "Fattura non trovata.", statusCode: 404);
            }

            int days = i.OutcomeDueOn.DayNumber - time.GetUtcNow().ItalianDate().DayNumber;
            return Results.Ok(new ReceivedInvoiceDto(i.Id, i.EnteIpa, i.IdentificativoSdI, i.FileName, i.Position, i.TipoDocumento, i.Numero, i.DocumentDate,
                i.SupplierName, i.SupplierVatId, i.TotalCents / 100m, i.Status.ToString(), i.OutcomeDueOn, i.Status == ReceivedInvoiceStatus.Received ? Math.Max(days, 0) : 0,
                i.ProtocolNumber, i.Cig, i.Cup, i.OutcomeReason, i.OutcomeDescription));
        })
        .WithName("GetReceivedInvoice").WithSummary("Una fattura ricevuta, con lo stato e il conto alla rovescia dei 15 giorni per l'esito")
        .Produces<ReceivedInvoiceDto>().ProducesProblem(404);

        group.MapPost("/received/{id:guid}/outcome", async (Guid id, SendOutcomeRequest request, SendOutcomeHandler handler, CancellationToken ct) =>
        {
            var (response, status, problem) = await handler.HandleAsync(id, request, ct);
            return response is not null ? Results.Ok(response) : Results.Problem(detail: problem, statusCode: status);
        })
        .WithName("SendInvoiceOutcome")
        .WithSummary("Accetta (EC01) o rifiuta (EC02) una fattura ricevuta")
        .WithDescription("Rifiuto ammesso solo per i motivi del DM 132/2020 (reason: " + string.Join(", ", RefusalReasons.All.Keys) + ") con una motivazione; entro 15 giorni dalla consegna.")
        .Produces<SendOutcomeResponse>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(409);

        group.MapGet("/billing-offices/{id:guid}", async (Guid id, InvoicingDb db, CancellationToken ct) =>
        {
            var o = await db.BillingOffices.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
            return o is null
                ? Results.Problem(detail: "Ufficio di fatturazione non trovato.", statusCode: 404)
                : Results.Ok(new BillingOfficeDto(o.Id, o.EnteIpa, o.CodiceUfficio, o.OfficeName, o.RequireCig, o.RequireCup, o.RequireOrderNumber, o.SplitPayment));
        })
        .WithName("GetBillingOffice").WithSummary("Un ufficio di fatturazione (Codice Univoco Ufficio) e le regole di verifica dell'ente")
        .Produces<BillingOfficeDto>().ProducesProblem(404);
    }
}
