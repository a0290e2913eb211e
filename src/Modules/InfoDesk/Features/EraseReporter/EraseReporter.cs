using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Audit;
using PenToscana.Kernel.Users;
using PenToscana.Kernel.Values;
using PenToscana.Modules.InfoDesk.Data;
using PenToscana.Modules.InfoDesk.Domain;

namespace PenToscana.Modules.InfoDesk.Features.EraseReporter;

internal sealed record EraseReporterRequest(Guid EnteId, Guid ReportId, string? Reason);

/// <summary>
/// Erasure on the reporter's request (GDPR art. 17): a body administrator anonymises the report's personal data: the
/// reporter's identity and contacts, the description and the citizen's own comments (free text may name people), the photos'
/// approval and the tracking code. What statistics need stays: type, category, channel, body, office, place, states and dates.
/// The erasure is written to the audit log with the administrator and the reason; it cannot be repeated or undone.
/// </summary>
internal sealed class EraseReporterHandler(InfoDeskDb db, ICurrentUser user, AuditLog audit, TimeProvider time)
{
    public const string ErasedText = "[testo rimosso su richiesta dell'interessato]";

    public async Task<Result> HandleAsync(EraseReporterRequest request, CancellationToken ct)
    {
        if (!user.IsPlatformAdmin && !user.HasRole(request.EnteId, PlatformRoles.BodyAdmin))
        {
            return Result.Failure(new Error("infodesk.erase.forbidden", "Solo un amministratore dell'ente può cancellare i dati personali di una segnalazione."));
        }

        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return Result.Failure(new Error("infodesk.erase.reason", "Indicare il riferimento della richiesta dell'interessato (ad esempio il protocollo della domanda)."));
        }

        // The outbox may be writing the protocol number on the same report: on a version conflict, read it again.
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await EraseAsync(request, request.Reason.Trim(), ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<Result> EraseAsync(EraseReporterRequest request, string reason, CancellationToken ct)
    {
        var report = await db.Reports.IgnoreQueryFilters().Include(r => r.Events).Include(r => r.Photos).AsSplitQuery()
            .FirstOrDefaultAsync(r => r.Id == request.ReportId && r.EnteId == request.EnteId, ct);
        if (report is null)
        {
            return Result.Failure(new Error("infodesk.erase.notfound", "Segnalazione non trovata."));
        }

        if (report.AnonymisedAt is not null)
        {
            return Result.Failure(new Error("infodesk.erase.done", "I dati personali di questa segnalazione sono già stati cancellati."));
        }

        var now = time.GetUtcNow();
        report.ReporterTaxCode = null;
        report.ReporterName = null;
        report.ReporterEmail = null;
        report.ReporterPhone = null;
        report.ReporterAddress = null;
        report.ContactPreference = ContactPreference.None;
        report.TrackingHash = null;
        report.Description = ErasedText;
        report.Answers = null;
        report.AnonymisedAt = now;
        report.UpdatedAt = now;
        foreach (var e in report.Events.Where(e => e.Kind is ReportEventKind.CitizenComment or ReportEventKind.Reopened or ReportEventKind.Supported))
        {
            e.Text = ErasedText;
            e.ByTaxCode = null;
            e.ByName = null;
        }

        foreach (var p in report.Photos)
        {
            p.Approved = false;
        }

        db.Observers.RemoveRange(await db.Observers.IgnoreQueryFilters().Where(o => o.ReportId == report.Id).ToListAsync(ct));
        db.Events.Add(new ReportEvent
        {
            Id = Guid.CreateVersion7(now), ReportId = report.Id, Kind = ReportEventKind.InternalNote, IsPublic = false, At = now,
            Text = "Dati personali del segnalante cancellati su sua richiesta.", ByTaxCode = user.TaxCode, ByName = user.DisplayName,
        });
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditRecord(user.TaxCode ?? "?", "infodesk.report.anonymised", report.EnteId, report.Id.ToString(), reason), ct);
        return Result.Success();
    }
}
