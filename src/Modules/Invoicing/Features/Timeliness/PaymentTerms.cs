using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Tenancy;
using PenToscana.Modules.Invoicing.Data;

namespace PenToscana.Modules.Invoicing.Features.Timeliness;

/// <summary>
/// A body's payment term for invoices that state no DataScadenzaPagamento (D.Lgs. 231/2002, art. 4): 30 days from receipt,
/// 60 for the bodies of the national health service (commi 2 and 4). The default follows the body's kind; the body's
/// administrator may set another term (a term agreed in writing, never more than 60 days).
/// </summary>
internal sealed class PaymentTerms(InvoicingDb db, KernelDb kernel, TimeProvider time)
{
    public const int Ordinary = 30;
    public const int HealthService = 60;
    public const int Longest = 60;

    public static int DefaultFor(EnteKind kind) => kind == EnteKind.Asl ? HealthService : Ordinary;

    /// <summary>The body's term in days, and whether it is the default of its kind.</summary>
    public async Task<(int Days, bool IsDefault)> ForAsync(Guid enteId, CancellationToken ct)
    {
        var set = await db.BodySettings.IgnoreQueryFilters().AsNoTracking().Where(s => s.EnteId == enteId).Select(s => (int?)s.PaymentTermDays).SingleOrDefaultAsync(ct);
        if (set is { } days)
        {
            return (days, false);
        }

        var kind = await kernel.Enti.AsNoTracking().Where(e => e.Id == enteId).Select(e => e.Kind).SingleOrDefaultAsync(ct);
        return (DefaultFor(kind), true);
    }

    public async Task<int> DaysAsync(Guid enteId, CancellationToken ct) => (await ForAsync(enteId, ct)).Days;

    /// <summary>Sets the body's term; null when accepted, the reason in Italian otherwise.</summary>
    public async Task<string?> SetAsync(Guid enteId, int? days, string? by, CancellationToken ct)
    {
        if (days is not (>= 1 and <= Longest))
        {
            return $"Indica un termine di pagamento tra 1 e {Longest} giorni dalla ricezione (art. 4 del D.Lgs. 231/2002).";
        }

        var row = await db.BodySettings.IgnoreQueryFilters().SingleOrDefaultAsync(s => s.EnteId == enteId, ct);
        if (row is null)
        {
            row = new InvoicingBodySettings { EnteId = enteId };
            db.BodySettings.Add(row);
        }

        row.PaymentTermDays = days.Value;
        row.UpdatedAt = time.GetUtcNow();
        row.UpdatedBy = by;
        await db.SaveChangesAsync(ct);
        return null;
    }
}
