using Microsoft.EntityFrameworkCore;
using PenToscana.Modules.InfoDesk.Data;
using PenToscana.Modules.InfoDesk.Domain;

namespace PenToscana.Modules.InfoDesk.Features;

/// <summary>
/// The public reports of a jurisdiction: those the body handles and those filed with it but routed to another body (a report
/// placed in Prato on a Region road). Read as two newest-first queries, each walking one index in order — the body's
/// <c>(EnteId, CreatedAt)</c> and the small partial index of reports filed elsewhere than where they are handled — merged here,
/// instead of one query with an OR that the database can only answer by collecting and sorting the whole period.
/// </summary>
internal static class JurisdictionReports
{
    /// <summary>Public, not hidden reports of the jurisdiction; further filters are applied by <paramref name="filter"/> on each side.</summary>
    public static async Task<List<T>> NewestAsync<T>(InfoDeskDb db, Guid enteId, Func<IQueryable<Report>, IQueryable<Report>> filter,
        System.Linq.Expressions.Expression<Func<Report, T>> projection, Func<T, DateTimeOffset> createdAt, int skip, int take, CancellationToken ct)
    {
        var reports = db.Reports.IgnoreQueryFilters().AsNoTracking().Where(r => r.IsPublic && r.Moderation != Moderation.Hidden);
        var handled = filter(reports.Where(r => r.EnteId == enteId));
        var filedHere = filter(reports.Where(r => r.FiledWithEnteId == enteId && r.FiledWithEnteId != r.EnteId));
        int wanted = skip + take;
        var first = await handled.OrderByDescending(r => r.CreatedAt).Take(wanted).Select(projection).ToListAsync(ct);
        var second = await filedHere.OrderByDescending(r => r.CreatedAt).Take(wanted).Select(projection).ToListAsync(ct);
        if (second.Count == 0)
        {
            return first.Skip(skip).ToList();
        }

        return first.Concat(second).OrderByDescending(createdAt).Skip(skip).Take(take).ToList();
    }
}
