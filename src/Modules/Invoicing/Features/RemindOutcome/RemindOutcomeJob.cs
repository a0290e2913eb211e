using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Calendar;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Jobs;
using PenToscana.Kernel.Mail;
using PenToscana.Modules.Invoicing.Data;

namespace PenToscana.Modules.Invoicing.Features.RemindOutcome;

/// <summary>
/// Reminds the billing office of invoices still without outcome: 10 days after delivery and again 13 days after (two days
/// before SdI's decorrenza termini). Each reminder is sent once per invoice; the mail goes through the module's outbox in
/// the same transaction that marks it sent. When the job first sees an invoice already past day 13 only the second,
/// more urgent reminder goes out.
/// </summary>
internal sealed class RemindOutcomeJob(InvoicingDb db, KernelDb kernel, TimeProvider time) : IScheduledJob
{
    public const int FirstReminderDay = 10;

    public const int SecondReminderDay = 13;

    public string Name => "invoicing-outcome-reminders";

    public string Description => "Fatture ricevute: promemoria all'ufficio a 10 e 13 giorni dalla consegna se l'esito non è stato inviato";

    public JobSchedule Schedule => JobSchedule.Every(TimeSpan.FromHours(1));

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = now.ItalianDate();

        // Delivered on Italian day D: day 10 is D+10. A delivery on day D happened before the start of day D+1, so the
        // invoices due are those received before the start of (today - 10 + 1).
        var firstBefore = ItalianTime.FromItalianWallTime(today.AddDays(1 - FirstReminderDay).ToDateTime(TimeOnly.MinValue));
        var secondBefore = ItalianTime.FromItalianWallTime(today.AddDays(1 - SecondReminderDay).ToDateTime(TimeOnly.MinValue));
        var due = await db.ReceivedInvoices.IgnoreQueryFilters()
            .Where(i => i.Status == ReceivedInvoiceStatus.Received && i.OutcomeDueOn >= today
                && ((i.FirstReminderAt == null && i.SecondReminderAt == null && i.ReceivedAt < firstBefore)
                    || (i.SecondReminderAt == null && i.ReceivedAt < secondBefore)))
            .OrderBy(i => i.ReceivedAt).Take(500).ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return;
        }

        var officeIds = due.Select(i => i.BillingOfficeId).Distinct().ToList();
        var billing = await db.BillingOffices.IgnoreQueryFilters().AsNoTracking().Where(o => officeIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        var kernelOfficeIds = billing.Values.Select(o => o.OfficeId).ToList();
        var mailboxes = await kernel.Offices.IgnoreQueryFilters().AsNoTracking().Where(o => kernelOfficeIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Email, cancellationToken);
        var enteIds = due.Select(i => i.EnteId).Distinct().ToList();
        var pecs = await kernel.Enti.AsNoTracking().Where(e => enteIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Pec, cancellationToken);

        foreach (var invoice in due)
        {
            bool second = invoice.ReceivedAt < secondBefore;
            var office = billing.GetValueOrDefault(invoice.BillingOfficeId);
            var to = (office is null ? null : mailboxes.GetValueOrDefault(office.OfficeId)) ?? pecs.GetValueOrDefault(invoice.EnteId);
            int left = invoice.OutcomeDueOn.DayNumber - today.DayNumber;
            var subject = second
                ? $"Urgente: fattura n. {invoice.Numero} di {invoice.SupplierName} senza esito, il termine scade il {invoice.OutcomeDueOn:dd/MM/yyyy}"
                : $"Promemoria: fattura n. {invoice.Numero} di {invoice.SupplierName} in attesa di esito";
            var text =
                $"""
                {subject}.

                La fattura n. {invoice.Numero} del {invoice.DocumentDate:dd/MM/yyyy} di {invoice.SupplierName} ({invoice.SupplierVatId}), {(invoice.TotalCents / 100m).ToString("N2", Italian)} euro,
                è stata ricevuta il {invoice.ReceivedAt.ToItalianDisplay()} (identificativo SdI {invoice.IdentificativoSdI}, protocollo {invoice.ProtocolNumber}).
                Non è ancora stata accettata né rifiutata: {(left == 0 ? "il termine scade oggi" : $"restano {left} giorni")} (entro il {invoice.OutcomeDueOn:dd/MM/yyyy}).
                Dopo il termine SdI notifica la decorrenza dei termini e la fattura non può più essere rifiutata.

                Apri la fattura: /backoffice/{invoice.EnteIpa}/fatture/{invoice.Id}
                """;
            if (to is not null)
            {
                db.Publish(new SendMail(to, subject, text, ToName: office?.OfficeName), now, invoice.EnteId);
            }

            if (second)
            {
                invoice.SecondReminderAt = now;
            }
            else
            {
                invoice.FirstReminderAt = now;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static readonly System.Globalization.CultureInfo Italian = System.Globalization.CultureInfo.GetCultureInfo("it-IT");
}
