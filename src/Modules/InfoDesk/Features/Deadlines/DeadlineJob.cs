using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Jobs;
using PenToscana.Kernel.Mail;
using PenToscana.Modules.InfoDesk.Data;
using PenToscana.Modules.InfoDesk.Domain;

namespace PenToscana.Modules.InfoDesk.Features.Deadlines;

/// <summary>
/// Response deadlines per category: two days before a report's first-answer deadline its office is reminded; once past it,
/// the case is escalated to the office's head (the office mailbox, marked as overdue, and the body's URP) and flagged in
/// the history. Each happens once per report.
/// </summary>
internal sealed class DeadlineJob(InfoDeskDb db, Bodies bodies, TimeProvider time) : IScheduledJob
{
    public string Name => "infodesk-deadlines";

    public string Description => "Segnalazioni: promemoria prima della scadenza di risposta e segnalazione al responsabile dopo";

    public JobSchedule Schedule => JobSchedule.Every(TimeSpan.FromHours(1));

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var soon = now.AddDays(2);
        var due = await db.Reports.IgnoreQueryFilters()
            .Where(r => r.FirstAnsweredAt == null && r.State != ReportState.Closed && r.State != ReportState.Rejected
                && ((r.RemindedAt == null && r.DueAt <= soon) || (r.EscalatedAt == null && r.DueAt <= now)))
            .OrderBy(r => r.DueAt).Take(500).ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return;
        }

        var offices = await bodies.OfficesAsync(cancellationToken);
        foreach (var report in due)
        {
            var office = report.OfficeId is { } id ? offices.GetValueOrDefault(id) : null;
            var urp = offices.Values.FirstOrDefault(o => o.EnteId == report.EnteId && o.Code == "URP");
            var to = office?.Email ?? urp?.Email;
            bool escalate = report.DueAt <= now && report.EscalatedAt is null;
            var subject = escalate
                ? $"Scadenza superata: {Labels.Of(report.Type).ToLowerInvariant()} «{report.CategoryName}» senza risposta"
                : $"Promemoria: {Labels.Of(report.Type).ToLowerInvariant()} «{report.CategoryName}» in scadenza";
            var text = $"{subject}.\nRicevuta il {report.CreatedAt.ToItalianDisplayString()}, scadenza {report.DueAt.ToItalianDisplayString()}.\nIdentificativo: {report.Id}";
            if (to is not null)
            {
                db.Publish(new SendMail(to, subject, text), now, report.EnteId);
            }

            if (escalate && urp?.Email is { } head && head != to)
            {
                db.Publish(new SendMail(head, subject, text), now, report.EnteId);
            }

            if (escalate)
            {
                report.EscalatedAt = now;
                report.RemindedAt ??= now;
            }
            else
            {
                report.RemindedAt = now;
            }

            db.Events.Add(new ReportEvent
            {
                Id = Guid.CreateVersion7(now),
                ReportId = report.Id,
                Kind = escalate ? ReportEventKind.Escalated : ReportEventKind.Reminder,
                Text = escalate ? "Scadenza di risposta superata: segnalata al responsabile." : "Promemoria di scadenza inviato all'ufficio.",
                IsPublic = false,
                At = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}

internal static class DisplayExtensions
{
    public static string ToItalianDisplayString(this DateTimeOffset instant) => PenToscana.Kernel.Calendar.ItalianTime.ToItalianDisplay(instant);
}
