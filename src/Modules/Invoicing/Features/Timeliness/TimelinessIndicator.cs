using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Calendar;
using PenToscana.Modules.Invoicing.Data;

namespace PenToscana.Modules.Invoicing.Features.Timeliness;

/// <summary>A suspension of the debt, <see cref="To"/> null while open; both days included.</summary>
internal readonly record struct SuspendedPeriod(DateOnly From, DateOnly? To);

/// <summary>One payment with what the indicator needs: when the invoice arrived, when it was due, when and how much was paid.</summary>
internal sealed record TimelinessPayment(DateOnly ReceivedOn, DateOnly DueOn, DateOnly PaidOn, long AmountCents, IReadOnlyList<SuspendedPeriod> Suspensions)
{
    /// <summary>
    /// Days of suspension that stopped the clock before the payment: the suspended days between receipt and the day before
    /// the payment (overlapping periods counted once).
    /// </summary>
    public int SuspendedDays
    {
        get
        {
            var last = PaidOn.AddDays(-1);
            var days = new HashSet<int>();
            foreach (var s in Suspensions)
            {
                int from = Math.Max(s.From.DayNumber, ReceivedOn.DayNumber);
                int to = Math.Min((s.To ?? last).DayNumber, last.DayNumber);
                for (int d = from; d <= to; d++)
                {
                    days.Add(d);
                }
            }

            return days.Count;
        }
    }

    /// <summary>Days between the due date and the payment, less the suspended days; negative when paid early.</summary>
    public int DaysLate => PaidOn.DayNumber - DueOn.DayNumber - SuspendedDays;
}

/// <summary>The indicator of a period: Σ(days late × amount) / Σ amount, with the figures it is made of.</summary>
internal sealed record TimelinessResult(string Period, DateOnly From, DateOnly To, int Payments, long AmountCents, decimal WeightedDays)
{
    /// <summary>Null when nothing was paid in the period (the indicator is not defined).</summary>
    public decimal? Indicator => AmountCents == 0 ? null : decimal.Round(WeightedDays / AmountCents, 2, MidpointRounding.AwayFromZero);
}

/// <summary>
/// Indicatore di tempestività dei pagamenti (DPCM 22 settembre 2014, art. 9): the mean of the days between each invoice's
/// due date and its payment, weighted by the amount paid; suspended periods (contenzioso, contestazione, attesa di nota di
/// credito…) do not count. The due date is DataScadenzaPagamento of the invoice, otherwise the body's payment term from
/// receipt: 30 days, 60 for health-service bodies (D.Lgs. 231/2002, art. 4; see <see cref="PaymentTerms"/>). A payment
/// belongs to the period of its date.
/// </summary>
internal static class TimelinessIndicator
{
    /// <summary>The due date: the one the invoice states, otherwise the body's term in days from receipt.</summary>
    public static DateOnly DueOn(DateOnly receivedOn, DateOnly? statedDueDate, int termDays) => statedDueDate ?? receivedOn.AddDays(termDays);

    public static TimelinessResult Compute(string period, DateOnly from, DateOnly to, IEnumerable<TimelinessPayment> payments)
    {
        int count = 0;
        long amount = 0;
        decimal weighted = 0;
        foreach (var p in payments.Where(p => p.PaidOn >= from && p.PaidOn <= to))
        {
            count++;
            amount += p.AmountCents;
            weighted += (decimal)p.DaysLate * p.AmountCents;
        }

        return new TimelinessResult(period, from, to, count, amount, weighted);
    }

    /// <summary>The four quarters and the whole year.</summary>
    public static IReadOnlyList<TimelinessResult> ForYear(int year, IReadOnlyList<TimelinessPayment> payments)
    {
        var results = new List<TimelinessResult>();
        for (int q = 0; q < 4; q++)
        {
            var start = new DateOnly(year, q * 3 + 1, 1);
            results.Add(Compute($"{q + 1}° trimestre", start, start.AddMonths(3).AddDays(-1), payments));
        }

        results.Add(Compute($"Anno {year}", new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), payments));
        return results;
    }
}

/// <summary>Reads a body's payments of a year with their invoices' due dates and suspensions, and computes the indicator.</summary>
internal sealed class TimelinessHandler(InvoicingDb db, PaymentTerms terms)
{
    public async Task<IReadOnlyList<TimelinessResult>> HandleAsync(Guid enteId, int year, CancellationToken ct)
    {
        int termDays = await terms.DaysAsync(enteId, ct);
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var rows = await (
            from p in db.Payments.AsNoTracking()
            join i in db.ReceivedInvoices.AsNoTracking() on p.ReceivedInvoiceId equals i.Id
            join r in db.Register.AsNoTracking() on i.Id equals r.ReceivedInvoiceId
            where p.EnteId == enteId && p.PaidOn >= first && p.PaidOn <= last
            select new { p.ReceivedInvoiceId, p.PaidOn, p.AmountCents, i.ReceivedAt, r.DueDate }).ToListAsync(ct);
        var ids = rows.Select(r => r.ReceivedInvoiceId).Distinct().ToList();
        var suspensions = (await db.Suspensions.AsNoTracking().Where(s => ids.Contains(s.ReceivedInvoiceId)).ToListAsync(ct))
            .ToLookup(s => s.ReceivedInvoiceId, s => new SuspendedPeriod(s.From, s.To));
        var payments = rows.Select(r =>
        {
            var received = r.ReceivedAt.ItalianDate();
            return new TimelinessPayment(received, TimelinessIndicator.DueOn(received, r.DueDate, termDays), r.PaidOn, r.AmountCents, [.. suspensions[r.ReceivedInvoiceId]]);
        }).ToList();
        return TimelinessIndicator.ForYear(year, payments);
    }
}
