using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Users;
using PenToscana.Kernel.Values;
using PenToscana.Modules.InfoDesk.Data;
using PenToscana.Modules.InfoDesk.Domain;

namespace PenToscana.Modules.InfoDesk.Features.FollowReport;

internal enum CitizenAction
{
    Comment,
    Reopen,
    Support,
}

/// <summary>
/// What the reporter (signed in, or holding the tracking code) may do: comment, or reopen a closed report within the body's
/// reopening window ("it isn't fixed"); and what anyone signed in may do: support an open report instead of filing a duplicate.
/// </summary>
internal sealed class FollowReportHandler(InfoDeskDb db, ICurrentUser user, TimeProvider time)
{
    /// <summary>The report as its reporter may see it: signed in as the reporter, or with the tracking code.</summary>
    public async Task<Report?> FindOwnAsync(Guid id, string? trackingCode, CancellationToken ct)
    {
        var report = await db.Reports.IgnoreQueryFilters().Include(r => r.Events).Include(r => r.Photos).AsSplitQuery().FirstOrDefaultAsync(r => r.Id == id, ct);
        return report is not null && IsOwner(report, trackingCode) ? report : null;
    }

    public async Task<Report?> FindByCodeAsync(string code, CancellationToken ct)
    {
        var hash = TrackingCode.Hash(code);
        return await db.Reports.IgnoreQueryFilters().Include(r => r.Events).Include(r => r.Photos).AsSplitQuery().FirstOrDefaultAsync(r => r.TrackingHash == hash, ct);
    }

    private bool IsOwner(Report report, string? trackingCode)
        => (user.TaxCode is { } cf && report.ReporterTaxCode == cf)
           || (!string.IsNullOrWhiteSpace(trackingCode) && report.TrackingHash is not null && report.TrackingHash == TrackingCode.Hash(trackingCode));

    public async Task<Result> HandleAsync(Guid id, CitizenAction action, string? text, string? trackingCode, CancellationToken ct)
    {
        var report = await db.Reports.IgnoreQueryFilters().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (report is null)
        {
            return Result.Failure(new Error("non_trovata", "Segnalazione non trovata."));
        }

        var now = time.GetUtcNow();
        text = text?.Trim();
        if (text is { Length: > 4000 })
        {
            return Result.Failure(new Error("testo_troppo_lungo", "Il testo supera i 4000 caratteri."));
        }

        ReportEvent logged;
        if (action == CitizenAction.Support)
        {
            if (user.TaxCode is not { } cf)
            {
                return Result.Failure(new Error("accesso_richiesto", "Accedere per sostenere una segnalazione."));
            }

            if (!ReportWorkflow.IsOpen(report.State) || !report.IsPublic)
            {
                return Result.Failure(new Error("non_sostenibile", "Si possono sostenere solo segnalazioni pubbliche ancora aperte."));
            }

            if (report.ReporterTaxCode == cf || await db.Observers.AnyAsync(o => o.ReportId == id && o.TaxCode == cf, ct))
            {
                return Result.Success();
            }

            db.Observers.Add(new ReportObserver { ReportId = id, TaxCode = cf, Since = now });
            report.Supporters++;
            logged = Event(report, ReportEventKind.Supported, "Un cittadino sostiene la segnalazione.", now);
        }
        else
        {
            if (!IsOwner(report, trackingCode))
            {
                return Result.Failure(new Error("non_trovata", "Segnalazione non trovata."));
            }

            if (string.IsNullOrEmpty(text))
            {
                return Result.Failure(new Error("testo_mancante", action == CitizenAction.Reopen ? "Spiegare perché il problema non è risolto." : "Scrivere il commento."));
            }

            if (action == CitizenAction.Reopen)
            {
                var settings = await db.Settings.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(s => s.EnteId == report.FiledWithEnteId, ct) ?? new DeskSettings();
                if (report.State != ReportState.Closed || report.ClosedAt is not { } closed)
                {
                    return Result.Failure(new Error("non_chiusa", "Si può riaprire solo una segnalazione chiusa."));
                }

                if (now > closed.AddDays(settings.ReopenDays))
                {
                    return Result.Failure(new Error("termine_scaduto", $"Sono passati più di {settings.ReopenDays} giorni dalla chiusura: presentare una nuova segnalazione."));
                }

                report.State = ReportState.InProgress;
                report.ClosedAt = null;
                report.ReopenCount++;
                logged = Event(report, ReportEventKind.Reopened, $"Riaperta dal cittadino: {text}", now);
            }
            else
            {
                logged = Event(report, ReportEventKind.CitizenComment, text, now);
            }
        }

        report.UpdatedAt = now;
        db.Events.Add(logged);
        await db.SaveChangesAsync(ct);
        return Result.Success();
    }

    private ReportEvent Event(Report report, ReportEventKind kind, string text, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        ReportId = report.Id,
        Kind = kind,
        Text = text,
        IsPublic = false,
        ByTaxCode = user.TaxCode,
        ByName = user.DisplayName ?? "Cittadino",
        At = now,
    };
}
