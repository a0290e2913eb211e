using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using PenToscana.Contracts.Invoicing;
using PenToscana.Kernel.Calendar;
using PenToscana.Kernel.Values;
using PenToscana.Modules.Invoicing.Data;

namespace PenToscana.Modules.Invoicing.Features.Payments;

/// <summary>A payment of a received invoice: the day it was paid, the amount in cents, the account and the mandate.</summary>
internal sealed record RecordPaymentRequest(DateOnly? PaidOn, long AmountCents, string? Iban, string? MandateReference);

internal sealed record RecordPaymentResponse(Guid PaymentId, Guid InvoiceId, long PaidCents, long TotalCents, long RemainingCents, bool FullyPaid, string Stato);

internal sealed record PaymentFailure(int Status, string Field, string Message);

/// <summary>
/// Records a payment, possibly partial, of a received invoice: not of a refused one, not in the future, not more than what
/// is left to pay. When the payments cover the total the invoice becomes <see cref="ReceivedInvoiceStatus.Paid"/>; every
/// payment publishes <see cref="ReceivedInvoicePaid"/> in the same transaction.
/// </summary>
internal sealed class RecordPaymentHandler(InvoicingDb db, TimeProvider time)
{
    private static readonly System.Globalization.CultureInfo Italian = System.Globalization.CultureInfo.GetCultureInfo("it-IT");

    public async Task<(RecordPaymentResponse? Response, PaymentFailure? Failure)> HandleAsync(Guid invoiceId, RecordPaymentRequest request, string actor, string channel, CancellationToken ct)
    {
        var invoice = await db.ReceivedInvoices.SingleOrDefaultAsync(i => i.Id == invoiceId, ct);
        if (invoice is null)
        {
            return (null, new PaymentFailure(StatusCodes.Status404NotFound, "", "Fattura non trovata."));
        }

        if (invoice.Status == ReceivedInvoiceStatus.Refused)
        {
            return (null, new PaymentFailure(StatusCodes.Status409Conflict, "", "La fattura è stata rifiutata (EC02): non si registrano pagamenti."));
        }

        long remaining = invoice.TotalCents - invoice.PaidCents;
        if (remaining <= 0)
        {
            return (null, new PaymentFailure(StatusCodes.Status409Conflict, "", "La fattura è già interamente pagata."));
        }

        var now = time.GetUtcNow();
        if (request.PaidOn is not { } paidOn)
        {
            return (null, new PaymentFailure(StatusCodes.Status422UnprocessableEntity, "DataPagamento", "Indica la data del pagamento."));
        }

        if (paidOn > now.ItalianDate())
        {
            return (null, new PaymentFailure(StatusCodes.Status422UnprocessableEntity, "DataPagamento", "La data del pagamento non può essere futura."));
        }

        if (invoice.DocumentDate is { } issued && paidOn < issued)
        {
            return (null, new PaymentFailure(StatusCodes.Status422UnprocessableEntity, "DataPagamento", $"La data del pagamento non può precedere la data della fattura ({issued:dd/MM/yyyy})."));
        }

        if (request.AmountCents <= 0)
        {
            return (null, new PaymentFailure(StatusCodes.Status422UnprocessableEntity, "Importo", "L'importo pagato deve essere maggiore di zero."));
        }

        if (request.AmountCents > remaining)
        {
            return (null, new PaymentFailure(StatusCodes.Status422UnprocessableEntity, "Importo",
                string.Create(Italian, $"L'importo supera il residuo da pagare ({remaining / 100m:N2} € su {invoice.TotalCents / 100m:N2} €).")));
        }

        string? iban = null;
        if (!string.IsNullOrWhiteSpace(request.Iban))
        {
            var parsed = Iban.Create(request.Iban);
            if (parsed.IsFailure)
            {
                return (null, new PaymentFailure(StatusCodes.Status422UnprocessableEntity, "Iban", parsed.Error.Message));
            }

            iban = parsed.Value.Value;
        }

        string? mandate = request.MandateReference?.Trim();
        if (mandate is { Length: > 60 })
        {
            return (null, new PaymentFailure(StatusCodes.Status422UnprocessableEntity, "Mandato", "Il riferimento del mandato ha al massimo 60 caratteri."));
        }

        var payment = new InvoicePayment
        {
            Id = Guid.CreateVersion7(),
            EnteId = invoice.EnteId,
            ReceivedInvoiceId = invoice.Id,
            PaidOn = paidOn,
            AmountCents = request.AmountCents,
            Iban = iban ?? invoice.PaymentIban,
            MandateReference = string.IsNullOrEmpty(mandate) ? null : mandate,
            RecordedAt = now,
            RecordedBy = actor.Length > 40 ? actor[..40] : actor,
            Channel = channel,
        };
        db.Payments.Add(payment);
        invoice.PaidCents += request.AmountCents;
        invoice.LastPaidOn = invoice.LastPaidOn is { } last && last > paidOn ? last : paidOn;
        bool full = invoice.PaidCents >= invoice.TotalCents;
        if (full)
        {
            invoice.Status = ReceivedInvoiceStatus.Paid;
        }

        db.Publish(new ReceivedInvoicePaid(invoice.EnteIpa, invoice.Id, invoice.IdentificativoSdI, invoice.Numero, invoice.SupplierName, invoice.SupplierVatId,
            request.AmountCents, invoice.PaidCents, invoice.TotalCents, paidOn, payment.MandateReference, full), now, invoice.EnteId);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return (null, new PaymentFailure(StatusCodes.Status409Conflict, "", "Un altro pagamento di questa fattura è stato registrato nello stesso momento: ricarica la pagina e verifica il residuo."));
        }

        return (new RecordPaymentResponse(payment.Id, invoice.Id, invoice.PaidCents, invoice.TotalCents, invoice.TotalCents - invoice.PaidCents, full, invoice.Status.ToString()), null);
    }
}

internal sealed record RecordSuspensionRequest(string? Reason, DateOnly? From, DateOnly? To, string? Note);

/// <summary>
/// Suspends the debt of an invoice for a period (or ends an open suspension): the days suspended do not count in the
/// payment-time indicator and go to PCC as "sospeso" with their reason. Periods of one invoice do not overlap.
/// </summary>
internal sealed class RecordSuspensionHandler(InvoicingDb db, TimeProvider time)
{
    /// <summary>The reasons of a suspension, keyed by their code in the PCC template.</summary>
    public static readonly IReadOnlyDictionary<string, string> Reasons = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["CONT"] = "Contenzioso",
        ["CONTEST"] = "Contestazione",
        ["ATTNC"] = "In attesa di nota di credito",
        ["ADEGNORM"] = "Verifica di adempimenti normativi (DURC, art. 48-bis)",
        ["ATTESECOLL"] = "In attesa dell'esito del collaudo o della verifica di conformità",
    };

    public async Task<(InvoiceSuspension? Suspension, PaymentFailure? Failure)> HandleAsync(Guid invoiceId, RecordSuspensionRequest request, string actor, CancellationToken ct)
    {
        var invoice = await db.ReceivedInvoices.AsNoTracking().SingleOrDefaultAsync(i => i.Id == invoiceId, ct);
        if (invoice is null)
        {
            return (null, new PaymentFailure(StatusCodes.Status404NotFound, "", "Fattura non trovata."));
        }

        if (request.Reason is null || !Reasons.ContainsKey(request.Reason))
        {
            return (null, new PaymentFailure(StatusCodes.Status422UnprocessableEntity, "Causale", "Scegli la causale della sospensione."));
        }

        if (request.From is not { } from)
        {
            return (null, new PaymentFailure(StatusCodes.Status422UnprocessableEntity, "Dal", "Indica da quando il pagamento è sospeso."));
        }

        var today = time.GetUtcNow().ItalianDate();
        if (from > today)
        {
            return (null, new PaymentFailure(StatusCodes.Status422UnprocessableEntity, "Dal", "La sospensione non può iniziare in una data futura."));
        }

        if (from < invoice.ReceivedAt.ItalianDate())
        {
            return (null, new PaymentFailure(StatusCodes.Status422UnprocessableEntity, "Dal", $"La sospensione non può iniziare prima della ricezione della fattura ({invoice.ReceivedAt.ItalianDate():dd/MM/yyyy})."));
        }

        if (request.To is { } to && to < from)
        {
            return (null, new PaymentFailure(StatusCodes.Status422UnprocessableEntity, "Al", "La fine della sospensione non può precedere l'inizio."));
        }

        var existing = await db.Suspensions.Where(s => s.ReceivedInvoiceId == invoiceId).ToListAsync(ct);
        var end = request.To ?? DateOnly.MaxValue;
        if (existing.FirstOrDefault(s => s.From <= end && from <= (s.To ?? DateOnly.MaxValue)) is { } clash)
        {
            return (null, new PaymentFailure(StatusCodes.Status409Conflict, "Dal",
                $"Il periodo si sovrappone alla sospensione dal {clash.From:dd/MM/yyyy}" + (clash.To is { } t ? $" al {t:dd/MM/yyyy}." : " ancora aperta: chiudila prima.")));
        }

        var suspension = new InvoiceSuspension
        {
            Id = Guid.CreateVersion7(),
            EnteId = invoice.EnteId,
            ReceivedInvoiceId = invoiceId,
            Reason = request.Reason,
            From = from,
            To = request.To,
            Note = request.Note?.Trim() is { Length: > 0 } note ? (note.Length > 300 ? note[..300] : note) : null,
            RecordedAt = time.GetUtcNow(),
            RecordedBy = actor.Length > 40 ? actor[..40] : actor,
        };
        db.Suspensions.Add(suspension);
        await db.SaveChangesAsync(ct);
        return (suspension, null);
    }

    /// <summary>Closes an open suspension on <paramref name="to"/>.</summary>
    public async Task<PaymentFailure?> EndAsync(Guid invoiceId, Guid suspensionId, DateOnly? to, CancellationToken ct)
    {
        var suspension = await db.Suspensions.SingleOrDefaultAsync(s => s.Id == suspensionId && s.ReceivedInvoiceId == invoiceId, ct);
        if (suspension is null)
        {
            return new PaymentFailure(StatusCodes.Status404NotFound, "", "Sospensione non trovata.");
        }

        if (suspension.To is not null)
        {
            return new PaymentFailure(StatusCodes.Status409Conflict, "", "La sospensione è già chiusa.");
        }

        if (to is not { } end || end < suspension.From || end > time.GetUtcNow().ItalianDate())
        {
            return new PaymentFailure(StatusCodes.Status422UnprocessableEntity, "Fine", "Indica la fine della sospensione: non prima dell'inizio e non futura.");
        }

        suspension.To = end;
        await db.SaveChangesAsync(ct);
        return null;
    }
}
