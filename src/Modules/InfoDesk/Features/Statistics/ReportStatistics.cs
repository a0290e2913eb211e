using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PenToscana.Modules.InfoDesk.Data;
using PenToscana.Modules.InfoDesk.Domain;

namespace PenToscana.Modules.InfoDesk.Features.Statistics;

internal sealed record Count(string Label, int Value);

internal sealed record Durations(int Samples, double? MedianDays, double? P90Days);

internal sealed record OfficePerformance(string Office, int Received, int Open, int Overdue, double? MedianDaysToAnswer);

internal sealed record ReportStatisticsResult(
    int Total, int Open, IReadOnlyList<Count> ByChannel, IReadOnlyList<Count> ByCategory, IReadOnlyList<Count> ByMonth,
    IReadOnlyList<Count> OpenAgeing, Durations ToFirstAnswer, Durations ToClose, IReadOnlyList<OfficePerformance> Offices);

/// <summary>The back-office dashboard of one body over the last twelve months: volumes, times to answer and close, ageing, offices.</summary>
internal sealed class ReportStatisticsHandler(InfoDeskDb db, Bodies bodies, TimeProvider time)
{
    public async Task<ReportStatisticsResult> HandleAsync(Guid enteId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var since = now.AddMonths(-12);
        var rows = await db.Reports.AsNoTracking().Where(r => r.EnteId == enteId && r.CreatedAt >= since)
            .Select(r => new { r.Channel, r.CategoryName, r.CreatedAt, r.FirstAnsweredAt, r.ClosedAt, r.State, r.OfficeId, r.DueAt })
            .ToListAsync(ct);
        var offices = await bodies.OfficesOfAsync(enteId, ct);
        static bool IsOpen(ReportState s) => ReportWorkflow.IsOpen(s);
        var open = rows.Where(r => IsOpen(r.State)).ToList();
        var ageing = new[] { ("0-7 giorni", 0, 7), ("8-30 giorni", 8, 30), ("31-90 giorni", 31, 90), ("oltre 90 giorni", 91, int.MaxValue) }
            .Select(b => new Count(b.Item1, open.Count(r => (now - r.CreatedAt).TotalDays >= b.Item2 && (now - r.CreatedAt).TotalDays < b.Item3 + 1)))
            .ToList();
        return new ReportStatisticsResult(
            rows.Count,
            open.Count,
            rows.GroupBy(r => r.Channel).OrderByDescending(g => g.Count()).Select(g => new Count(Labels.Of(g.Key), g.Count())).ToList(),
            rows.GroupBy(r => r.CategoryName).OrderByDescending(g => g.Count()).Select(g => new Count(g.Key, g.Count())).ToList(),
            Enumerable.Range(0, 12).Select(i => now.AddMonths(-11 + i))
                .Select(m => new Count(m.ToString("MM/yyyy", CultureInfo.InvariantCulture), rows.Count(r => r.CreatedAt.Year == m.Year && r.CreatedAt.Month == m.Month))).ToList(),
            ageing,
            Measure(rows.Where(r => r.FirstAnsweredAt is not null).Select(r => (r.FirstAnsweredAt!.Value - r.CreatedAt).TotalDays)),
            Measure(rows.Where(r => r.ClosedAt is not null).Select(r => (r.ClosedAt!.Value - r.CreatedAt).TotalDays)),
            offices.Select(o =>
            {
                var mine = rows.Where(r => r.OfficeId == o.Id).ToList();
                return new OfficePerformance(o.Name, mine.Count, mine.Count(r => IsOpen(r.State)),
                    mine.Count(r => IsOpen(r.State) && r.FirstAnsweredAt is null && r.DueAt < now),
                    Measure(mine.Where(r => r.FirstAnsweredAt is not null).Select(r => (r.FirstAnsweredAt!.Value - r.CreatedAt).TotalDays)).MedianDays);
            }).Where(o => o.Received > 0).ToList());
    }

    internal static Durations Measure(IEnumerable<double> days)
    {
        var sorted = days.Order().ToList();
        return sorted.Count == 0
            ? new Durations(0, null, null)
            : new Durations(sorted.Count, Math.Round(Percentile(sorted, 0.5), 1), Math.Round(Percentile(sorted, 0.9), 1));
    }

    /// <summary>Nearest-rank percentile of an ascending list.</summary>
    internal static double Percentile(IReadOnlyList<double> sorted, double p)
        => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
