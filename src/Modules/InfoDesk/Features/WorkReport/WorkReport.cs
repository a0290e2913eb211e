using Microsoft.EntityFrameworkCore;
using PenToscana.Contracts.Protocol;
using PenToscana.Kernel.Users;
using PenToscana.Kernel.Values;
using PenToscana.Modules.InfoDesk.Data;
using PenToscana.Modules.InfoDesk.Domain;
using PenToscana.Modules.InfoDesk.Features.Protocol;

namespace PenToscana.Modules.InfoDesk.Features.WorkReport;

/// <summary>One operator action on a report. <see cref="Text"/> is the note, answer or reason; <see cref="State"/> the target state.</summary>
internal sealed record WorkReportRequest(Guid ReportId, WorkAction Action, string? Text = null, ReportState? State = null, Guid? OfficeId = null, bool CloseAfterAnswer = false, long? ExpectedVersion = null);

internal enum WorkAction
{
    Assign,
    ChangeState,
    InternalNote,
    OfficialAnswer,
    Approve,
    Hide,
    MakePublic,
    MakePrivate,
}

/// <summary>
/// The office's work on a report: assign, move through the states (reject only with a reason), keep internal notes apart
/// from official answers (which are public, may leave the report open, and are registered as outgoing protocol), moderate.
/// The body filter makes a report of another body invisible here, so such a request is "not found".
/// </summary>
internal sealed class WorkReportHandler(InfoDeskDb db, Bodies bodies, ICurrentUser user, TimeProvider time)
{
    public async Task<Result<Report>> HandleAsync(WorkReportRequest request, CancellationToken ct)
    {
        var report = await db.Reports.Include(r => r.Photos).FirstOrDefaultAsync(r => r.Id == request.ReportId, ct);
        if (report is null)
        {
            return new Error("non_trovata", "Segnalazione non trovata.");
        }

        if (request.ExpectedVersion is { } version && version != report.Version)
        {
            return new Error("modificata", "La segnalazione è stata modificata da un altro operatore: ricaricare la pagina.");
        }

        var now = time.GetUtcNow();
        var text = request.Text?.Trim();
        ReportEvent? logged = null;
        switch (request.Action)
        {
            case WorkAction.Assign:
                var offices = await bodies.OfficesOfAsync(report.EnteId, ct);
                var office = offices.FirstOrDefault(o => o.Id == request.OfficeId);
                if (office is null)
                {
                    return new Error("ufficio_sconosciuto", "Scegliere un ufficio dell'ente.");
                }

                if (!ReportWorkflow.IsOpen(report.State))
                {
                    return new Error("chiusa", "La segnalazione è chiusa: riaprirla prima di assegnarla.");
                }

                report.OfficeId = office.Id;
                if (report.State == ReportState.Received)
                {
                    report.State = ReportState.Assigned;
                }

                logged = Event(report, ReportEventKind.Assigned, $"Assegnata a {office.Name}.", true, now);
                break;
            case WorkAction.ChangeState:
                if (request.State is not { } to || !ReportWorkflow.CanMove(report.State, to))
                {
                    return new Error("stato_non_ammesso", $"Da «{Labels.Of(report.State)}» non si può passare allo stato richiesto.");
                }

                if (to == ReportState.Rejected && string.IsNullOrEmpty(text))
                {
                    return new Error("motivo_mancante", "Indicare il motivo per cui la segnalazione è respinta.");
                }

                report.State = to;
                report.StateReason = text;
                if (to is ReportState.Closed or ReportState.Rejected)
                {
                    report.ClosedAt = now;
                }

                logged = Event(report, ReportEventKind.StateChanged, $"Stato: {Labels.Of(to)}." + (string.IsNullOrEmpty(text) ? "" : $" {text}"), true, now);
                break;
            case WorkAction.InternalNote:
                if (string.IsNullOrEmpty(text))
                {
                    return new Error("testo_mancante", "Scrivere il testo della nota.");
                }

                logged = Event(report, ReportEventKind.InternalNote, text, false, now);
                break;
            case WorkAction.OfficialAnswer:
                if (string.IsNullOrEmpty(text))
                {
                    return new Error("testo_mancante", "Scrivere il testo della risposta.");
                }

                if (report.State is ReportState.Closed or ReportState.Rejected)
                {
                    return new Error("chiusa", "La segnalazione è chiusa: riaprirla prima di rispondere.");
                }

                logged = Event(report, ReportEventKind.OfficialAnswer, text, true, now);
                report.FirstAnsweredAt ??= now;
                report.State = request.CloseAfterAnswer ? ReportState.Closed : ReportState.Answered;
                if (request.CloseAfterAnswer)
                {
                    report.ClosedAt = now;
                }

                db.Publish(new ReportProtocolRequested(report.Id, ProtocolDirection.Outgoing, logged.Id), now, report.EnteId);
                if (report.ReporterEmail is { } email && report.ContactPreference == ContactPreference.Email)
                {
                    db.Publish(new PenToscana.Kernel.Mail.SendMail(email, $"Risposta alla sua segnalazione: {report.CategoryName}", text, ToName: report.ReporterName), now, report.EnteId);
                }
                break;
            case WorkAction.Approve or WorkAction.Hide:
                report.Moderation = request.Action == WorkAction.Approve ? Moderation.Approved : Moderation.Hidden;
                foreach (var photo in report.Photos)
                {
                    photo.Approved = report.Moderation == Moderation.Approved;
                }

                logged = Event(report, ReportEventKind.Moderated, request.Action == WorkAction.Approve ? "Testo e foto approvati per la pubblicazione." : "Testo e foto nascosti al pubblico.", false, now);
                break;
            case WorkAction.MakePublic or WorkAction.MakePrivate:
                report.IsPublic = request.Action == WorkAction.MakePublic;
                logged = Event(report, ReportEventKind.Moderated, report.IsPublic ? "Resa pubblica." : "Resa riservata.", false, now);
                break;
            default:
                return new Error("azione_sconosciuta", "Azione sconosciuta.");
        }

        report.UpdatedAt = now;
        db.Events.Add(logged);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Error("modificata", "La segnalazione è stata modificata da un altro operatore: ricaricare la pagina.");
        }

        return report;
    }

    private ReportEvent Event(Report report, ReportEventKind kind, string text, bool isPublic, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        ReportId = report.Id,
        Kind = kind,
        Text = text,
        IsPublic = isPublic,
        ByTaxCode = user.TaxCode,
        ByName = user.DisplayName,
        At = now,
    };
}
