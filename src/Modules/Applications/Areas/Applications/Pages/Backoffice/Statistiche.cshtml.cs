using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Calendar;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Tenancy;
using PenToscana.Modules.Applications.Data;
using PenToscana.Modules.Applications.Domain;

namespace PenToscana.Modules.Applications.Areas.Applications.Pages.Backoffice;

/// <summary>
/// The body's figures on its applications: per service and status, time to decision (average and 90th percentile), overdue
/// ones, ratings, and submissions per month over the last twelve months.
/// </summary>
[Authorize(Policy = "operator")]
internal sealed class StatisticheModel(KernelDb kernel, ApplicationsDb db, TimeProvider time) : PageModel
{
    public Ente Ente { get; private set; } = null!;

    public IReadOnlyList<ServiceFigures> Services { get; private set; } = [];

    public IReadOnlyList<(string Label, int Count)> ByStatus { get; private set; } = [];

    public IReadOnlyList<(string Label, int Submitted, int Decided)> ByMonth { get; private set; } = [];

    public int Total { get; private set; }

    public int Overdue { get; private set; }

    public double? AverageDays { get; private set; }

    public double? P90Days { get; private set; }

    public async Task<IActionResult> OnGetAsync(string ipa, CancellationToken ct)
    {
        var ente = await kernel.Enti.AsNoTracking().SingleOrDefaultAsync(e => e.IpaCode == ipa, ct);
        if (ente is null || !await kernel.Offices.AnyAsync(o => o.EnteId == ente.Id, ct))
        {
            return NotFound();
        }

        Ente = ente;
        var today = time.TodayInItaly();

        // The few columns the figures need; a body has thousands of applications a year, not millions.
        var rows = await db.Submissions.AsNoTracking().Where(s => s.EnteId == ente.Id)
            .Select(s => new Row(s.ServiceId, s.ServiceTitle, s.Status, s.SubmittedAt, s.DecidedAt, s.TermDeadline, s.SuspendedFor))
            .ToListAsync(ct);
        var ratings = await db.Ratings.AsNoTracking().Where(r => r.EnteId == ente.Id).Select(r => new { r.ServiceId, r.Stars }).ToListAsync(ct);

        Total = rows.Count;
        Overdue = rows.Count(r => IsOverdue(r, today));
        var decisionDays = rows.Where(r => r.DecidedAt is not null).Select(DaysToDecision).ToList();
        AverageDays = decisionDays.Count == 0 ? null : decisionDays.Average();
        P90Days = Percentile(decisionDays, 0.9);

        Services = rows.GroupBy(r => (r.ServiceId, r.ServiceTitle)).OrderBy(g => g.Key.ServiceTitle, StringComparer.CurrentCulture).Select(g =>
        {
            var days = g.Where(r => r.DecidedAt is not null).Select(DaysToDecision).ToList();
            var stars = ratings.Where(x => x.ServiceId == g.Key.ServiceId).Select(x => x.Stars).ToList();
            return new ServiceFigures(
                g.Key.ServiceTitle,
                g.Count(),
                g.Count(r => Deadlines.IsOpen(r.Status) || r.Status == SubmissionStatus.Submitted),
                g.Count(r => r.Status is SubmissionStatus.Accepted or SubmissionStatus.AcceptedBySilentAssent),
                g.Count(r => r.Status == SubmissionStatus.Rejected),
                g.Count(r => IsOverdue(r, today)),
                days.Count == 0 ? null : days.Average(),
                Percentile(days, 0.9),
                stars.Count == 0 ? null : stars.Average(),
                stars.Count);
        }).ToList();

        ByStatus = Enum.GetValues<SubmissionStatus>().Select(s => (Statuses.Label(s), rows.Count(r => r.Status == s))).Where(x => x.Item2 > 0).ToList();

        var firstMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-11);
        ByMonth = Enumerable.Range(0, 12).Select(i =>
        {
            var month = firstMonth.AddMonths(i);
            var label = month.ToString("MMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("it-IT"));
            return (label,
                rows.Count(r => InMonth(r.SubmittedAt.ItalianDate(), month)),
                rows.Count(r => r.DecidedAt is { } d && InMonth(d.ItalianDate(), month)));
        }).ToList();
        return Page();
    }

    private static bool InMonth(DateOnly day, DateOnly month) => day.Year == month.Year && day.Month == month.Month;

    private static bool IsOverdue(Row r, DateOnly today)
        => Deadlines.IsOpen(r.Status) && r.SuspendedFor is null && r.TermDeadline is { } deadline && today > deadline;

    private static double DaysToDecision(Row r) => (r.DecidedAt!.Value - r.SubmittedAt).TotalDays;

    /// <summary>Nearest-rank percentile; null without samples.</summary>
    internal static double? Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        int rank = (int)Math.Ceiling(p * values.Count);
        return values[Math.Clamp(rank - 1, 0, values.Count - 1)];
    }

    private sealed record Row(
        Guid ServiceId, string ServiceTitle, SubmissionStatus Status, DateTimeOffset SubmittedAt, DateTimeOffset? DecidedAt, DateOnly? TermDeadline,
        SuspensionKind? SuspendedFor);

    public sealed record ServiceFigures(
        string Service, int Received, int Open, int Accepted, int Rejected, int Overdue, double? AverageDays, double? P90Days, double? AverageStars, int Ratings);
}
