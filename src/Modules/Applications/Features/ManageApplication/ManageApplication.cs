using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.Contracts.Protocol;
using PenToscana.Kernel.Blobs;
using PenToscana.Kernel.Calendar;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Jobs;
using PenToscana.Kernel.Outbox;
using PenToscana.Kernel.Users;
using PenToscana.Kernel.Values;
using PenToscana.Modules.Applications.Data;
using PenToscana.Modules.Applications.Documents;
using PenToscana.Modules.Applications.Domain;
using PenToscana.Modules.Applications.Features.FillForm;
using PenToscana.Modules.Applications.Features.SubmitApplication;

namespace PenToscana.Modules.Applications.Features.ManageApplication;

/// <summary>What the back office does to an application.</summary>
internal enum OfficeAction
{
    TakeInCharge,
    Assign,
    StartReview,
    RequestIntegration,
    SendPreRejection,
    Accept,
    Reject,
    Close,
    Note,
    Message,
}

internal sealed record OfficeActionRequest(OfficeAction Action, string? Text, string? AssigneeTaxCode = null, string? AssigneeName = null);

/// <summary>A document leaving or reaching the office about an application, to be registered in the protocol.</summary>
internal sealed record ApplicationDocumentToRegister(Guid FileId, ProtocolDirection Direction, string Subject);

/// <summary>Reads applications: the applicant's own (any body), or the ones the body scope lets an operator see.</summary>
internal sealed class ApplicationReader(ApplicationsDb db, ICurrentUser user)
{
    public async Task<Submission?> MineAsync(Guid id, CancellationToken ct)
        => user.TaxCode is null ? null : await db.Submissions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id && (s.ApplicantTaxCode == user.TaxCode || s.AssistedByTaxCode == user.TaxCode), ct);

    /// <summary>An application of the body named in the URL, visible to the operator (the body filter applies).</summary>
    public Task<Submission?> OfBodyAsync(string ipa, Guid id, CancellationToken ct)
        => db.Submissions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id && s.EnteIpa == ipa, ct);
}

/// <summary>
/// The back office's moves on an application: take in charge, assign, request integration (term suspended), pre-rejection notice
/// (term suspended, 10 days), decide with reasons (outcome document registered as outgoing protocol), close, internal notes and
/// messages. Each move is recorded on the timeline with who and when, and the applicant gets an e-mail.
/// </summary>
internal sealed class ManageApplicationHandler(ApplicationsDb db, KernelDb kernel, ICurrentUser user, IBlobStore blobs, TimeProvider time)
{
    public async Task<Result<Submission>> HandleAsync(string ipa, Guid id, OfficeActionRequest request, CancellationToken ct)
    {
        var s = await db.Submissions.SingleOrDefaultAsync(x => x.Id == id && x.EnteIpa == ipa, ct);
        if (s is null)
        {
            return new Error("application.not-found", "Istanza non trovata.");
        }

        var now = time.GetUtcNow();
        var today = time.TodayInItaly();
        var ente = await kernel.Enti.AsNoTracking().SingleAsync(e => e.Id == s.EnteId, ct);
        var calendar = ItalianTime.CalendarOf(ente);
        var actor = user.DisplayName ?? "Sistema di back office dell'ente";
        var text = request.Text?.Trim();
        string? mail = null;
        switch (request.Action)
        {
            case OfficeAction.Note:
            case OfficeAction.Message:
                if (string.IsNullOrWhiteSpace(text))
                {
                    return new Error("text.required", "Scrivi il testo.");
                }

                if (request.Action == OfficeAction.Note)
                {
                    db.Timeline.Add(Timeline.Event(s, now, "nota", text, user.TaxCode, actor, isInternal: true));
                }
                else
                {
                    db.Messages.Add(new Message { Id = Guid.CreateVersion7(now), EnteId = s.EnteId, SubmissionId = s.Id, At = now, FromOffice = true, AuthorName = $"{s.OfficeName}", Text = text });
                    db.Timeline.Add(Timeline.Event(s, now, "messaggio", "Messaggio dell'ufficio al richiedente.", user.TaxCode, actor));
                    mail = $"L'ufficio le ha scritto:\n\n{text}";
                }

                break;
            case OfficeAction.Assign:
                if (string.IsNullOrWhiteSpace(request.AssigneeName))
                {
                    return new Error("assignee.required", "Indica il funzionario a cui assegnare l'istanza.");
                }

                if (Deadlines.IsOpen(s.Status) is false)
                {
                    return new Error("application.closed", "L'istanza è già conclusa.");
                }

                s.AssignedToTaxCode = request.AssigneeTaxCode?.Trim().ToUpperInvariant();
                s.AssignedToName = request.AssigneeName.Trim();
                db.Timeline.Add(Timeline.Event(s, now, "assegnata", $"Assegnata a {s.AssignedToName}.", user.TaxCode, actor));
                break;
            default:
                var target = request.Action switch
                {
                    OfficeAction.TakeInCharge => SubmissionStatus.TakenInCharge,
                    OfficeAction.StartReview => SubmissionStatus.UnderReview,
                    OfficeAction.RequestIntegration => SubmissionStatus.IntegrationRequested,
                    OfficeAction.SendPreRejection => SubmissionStatus.PreRejectionSent,
                    OfficeAction.Accept => SubmissionStatus.Accepted,
                    OfficeAction.Reject => SubmissionStatus.Rejected,
                    _ => SubmissionStatus.Closed,
                };
                if (!Statuses.CanMove(s.Status, target))
                {
                    return new Error("status.transition", $"Non è possibile passare da \"{Statuses.Label(s.Status)}\" a \"{Statuses.Label(target)}\".");
                }

                if (target is SubmissionStatus.IntegrationRequested or SubmissionStatus.PreRejectionSent or SubmissionStatus.Accepted or SubmissionStatus.Rejected
                    && string.IsNullOrWhiteSpace(text))
                {
                    return new Error("text.required", target is SubmissionStatus.Accepted or SubmissionStatus.Rejected
                        ? "Scrivi la motivazione del provvedimento."
                        : "Scrivi il testo della comunicazione al richiedente.");
                }

                if (target is SubmissionStatus.IntegrationRequested or SubmissionStatus.PreRejectionSent)
                {
                    var kind = target == SubmissionStatus.IntegrationRequested ? SuspensionKind.Integration : SuspensionKind.PreRejection;
                    var suspended = Deadlines.Suspend(s, kind, today);
                    if (suspended.IsFailure)
                    {
                        return suspended.Error;
                    }

                    var title = kind == SuspensionKind.Integration ? "Richiesta di integrazione" : "Comunicazione dei motivi ostativi (art. 10-bis L. 241/1990)";
                    var days = kind == SuspensionKind.Integration ? Deadlines.MaxIntegrationSuspensionDays : Deadlines.PreRejectionDays;
                    var letter = Pdf.Render(s.EnteName, title,
                    [
                        new PdfRow("Destinatario", $"{s.ApplicantName} — {s.ApplicantTaxCode}"),
                        new PdfRow("Domanda", $"{s.ServiceTitle}, protocollo {s.ProtocolNumber}"),
                        new PdfParagraph(text!),
                        new PdfParagraph($"Il termine del procedimento è sospeso dal {today:dd/MM/yyyy}. Può rispondere entro {days} giorni dall'area personale."),
                        new PdfRow("Il responsabile del procedimento", actor),
                    ], $"Pratica {s.Reference}");
                    await AddOutgoingAsync(s, letter, kind == SuspensionKind.Integration ? "richiesta-integrazione" : "preavviso-rigetto", $"{title} - {s.ServiceTitle} - {s.ApplicantName}", now, ct);
                    db.Messages.Add(new Message { Id = Guid.CreateVersion7(now), EnteId = s.EnteId, SubmissionId = s.Id, At = now, FromOffice = true, AuthorName = s.OfficeName, Text = text! });
                    mail = $"{title}:\n\n{text}\n\nIl termine del procedimento è sospeso. Può rispondere entro {days} giorni dall'area personale, allegando i documenti richiesti.";
                }

                if (target is SubmissionStatus.Accepted or SubmissionStatus.Rejected)
                {
                    var accepted = target == SubmissionStatus.Accepted;
                    if (s.SuspendedFor is not null)
                    {
                        Deadlines.Resume(s, calendar, today);
                    }

                    var outcome = ApplicationDocuments.OutcomePdf(s, accepted, text!, actor, now);
                    var file = await AddOutgoingAsync(s, outcome, "esito", $"{(accepted ? "Accoglimento" : "Rigetto")} - {s.ServiceTitle} - {s.ApplicantName}", now, ct);
                    s.DecidedAt = now;
                    s.OutcomeReason = text;
                    s.OutcomeDocumentSha256 = file.Sha256;
                    mail = $"È stato adottato il provvedimento finale: la domanda è {(accepted ? "accolta" : "respinta")}.\n\nMotivazione: {text}\n\nIl provvedimento è tra i documenti della pratica. Può valutare il servizio dall'area personale.";
                }

                if (target == SubmissionStatus.TakenInCharge)
                {
                    s.TakenInChargeAt = now;
                    s.AssignedToTaxCode ??= user.TaxCode;
                    s.AssignedToName ??= user.DisplayName;
                    mail = $"La domanda è stata presa in carico da {s.OfficeName}.";
                }

                s.Status = target;
                db.Timeline.Add(Timeline.Event(s, now, target.ToString(), Statuses.Label(target) + (text is { Length: > 0 } && target is not (SubmissionStatus.IntegrationRequested or SubmissionStatus.PreRejectionSent) ? $": {text}" : "."), user.TaxCode, actor));
                mail ??= $"Nuovo stato: {Statuses.Label(target)}.";
                break;
        }

        if (mail is not null && Notifications.StatusChanged(s, mail) is { } message)
        {
            db.Publish(message, now, s.EnteId);
        }

        await db.SaveChangesAsync(ct);
        return s;
    }

    private async Task<StoredFile> AddOutgoingAsync(Submission s, byte[] pdf, string kind, string subject, DateTimeOffset now, CancellationToken ct)
    {
        var blob = await blobs.PutAsync(new MemoryStream(pdf), cancellationToken: ct);
        var file = new StoredFile
        {
            Id = Guid.CreateVersion7(now), EnteId = s.EnteId, SubmissionId = s.Id, OwnerTaxCode = s.ApplicantTaxCode, Kind = kind,
            FileName = $"{kind}-{s.Reference}-{now.ItalianDate():yyyyMMdd}.pdf", MediaType = FileSignature.Pdf, Sha256 = blob.Sha256, Length = blob.Length, UploadedAt = now,
        };
        db.Files.Add(file);
        db.Publish(new ApplicationDocumentToRegister(file.Id, ProtocolDirection.Outgoing, subject), now, s.EnteId);
        return file;
    }
}

/// <summary>What the applicant does after submitting: answer an integration request or a pre-rejection notice, write, rate, withdraw, ask the delay indemnity.</summary>
internal sealed class CitizenActionsHandler(ApplicationsDb db, KernelDb kernel, ICurrentUser user, IBlobStore blobs, TimeProvider time)
{
    public async Task<Result> AnswerAsync(Guid id, string? text, IReadOnlyList<IFormFile> files, CancellationToken ct)
    {
        var s = await MineAsync(id, ct);
        if (s is null)
        {
            return new Error("application.not-found", "Istanza non trovata.");
        }

        if (s.Status is not (SubmissionStatus.IntegrationRequested or SubmissionStatus.PreRejectionSent))
        {
            return new Error("answer.not-expected", "L'ufficio non ha chiesto integrazioni o osservazioni su questa istanza.");
        }

        if (string.IsNullOrWhiteSpace(text) && files.Count == 0)
        {
            return new Error("answer.empty", "Scrivi una risposta o allega almeno un documento.");
        }

        var now = time.GetUtcNow();
        var kind = s.Status == SubmissionStatus.IntegrationRequested ? "integrazione" : "osservazioni";
        foreach (var upload in files.Where(f => f.Length > 0))
        {
            var stored = await SaveStepHandler.StoreUploadAsync(blobs, upload, null, SaveStepHandler.DefaultMaxFileKb, ct);
            if (stored.IsFailure)
            {
                return stored.Error;
            }

            var (blob, mediaType, fileName) = stored.Value;
            var file = new StoredFile
            {
                Id = Guid.CreateVersion7(now), EnteId = s.EnteId, SubmissionId = s.Id, OwnerTaxCode = s.ApplicantTaxCode, Kind = kind,
                FileName = fileName, MediaType = mediaType, Sha256 = blob.Sha256, Length = blob.Length, UploadedAt = now,
            };
            db.Files.Add(file);
            db.Publish(new ApplicationDocumentToRegister(file.Id, ProtocolDirection.Incoming, $"{(kind == "integrazione" ? "Integrazione" : "Osservazioni")} - {s.ServiceTitle} - {s.ApplicantName}"), now, s.EnteId);
        }

        if (!string.IsNullOrWhiteSpace(text))
        {
            db.Messages.Add(new Message { Id = Guid.CreateVersion7(now), EnteId = s.EnteId, SubmissionId = s.Id, At = now, FromOffice = false, AuthorName = s.ApplicantName, Text = text.Trim() });
        }

        var ente = await kernel.Enti.AsNoTracking().SingleAsync(e => e.Id == s.EnteId, ct);
        Deadlines.Resume(s, ItalianTime.CalendarOf(ente), time.TodayInItaly());
        s.Status = SubmissionStatus.UnderReview;
        db.Timeline.Add(Timeline.Event(s, now, kind, kind == "integrazione"
            ? $"Integrazione inviata dal richiedente; il termine riprende e scade il {ApplicationDocuments.Date(s.TermDeadline)}."
            : $"Osservazioni inviate dal richiedente; il termine riprende e scade il {ApplicationDocuments.Date(s.TermDeadline)}.", user.TaxCode, user.DisplayName ?? s.ApplicantName));
        await db.SaveChangesAsync(ct);
        return Result.Success();
    }

    public async Task<Result> RateAsync(Guid id, int stars, string? comment, CancellationToken ct)
    {
        var s = await MineAsync(id, ct);
        if (s is null)
        {
            return new Error("application.not-found", "Istanza non trovata.");
        }

        if (!Statuses.IsDecided(s.Status))
        {
            return new Error("rating.too-early", "Potrai valutare il servizio dopo la decisione sulla domanda.");
        }

        if (stars is < 1 or > 5)
        {
            return new Error("rating.stars", "Scegli da 1 a 5 stelle.");
        }

        if (await db.Ratings.AnyAsync(r => r.SubmissionId == s.Id, ct))
        {
            return new Error("rating.done", "Hai già valutato questo servizio per questa domanda.");
        }

        var trimmed = comment?.Trim();
        db.Ratings.Add(new Rating
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()), EnteId = s.EnteId, ServiceId = s.ServiceId, SubmissionId = s.Id, Stars = stars,
            Comment = string.IsNullOrEmpty(trimmed) ? null : trimmed[..Math.Min(trimmed.Length, 1000)], At = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(ct);
        return Result.Success();
    }

    public async Task<Result> WithdrawAsync(Guid id, CancellationToken ct)
    {
        var s = await MineAsync(id, ct);
        if (s is null)
        {
            return new Error("application.not-found", "Istanza non trovata.");
        }

        if (!Deadlines.IsOpen(s.Status))
        {
            return new Error("withdraw.closed", "L'istanza è già conclusa o non ancora protocollata: non può essere ritirata.");
        }

        var now = time.GetUtcNow();
        s.Status = SubmissionStatus.Withdrawn;
        s.SuspendedFor = null;
        s.SuspendedOn = null;
        db.Timeline.Add(Timeline.Event(s, now, "ritirata", "Domanda ritirata dal richiedente.", user.TaxCode, user.DisplayName ?? s.ApplicantName));
        await db.SaveChangesAsync(ct);
        return Result.Success();
    }

    public async Task<Result<Money>> RequestIndemnityAsync(Guid id, CancellationToken ct)
    {
        var s = await MineAsync(id, ct);
        if (s is null)
        {
            return new Error("application.not-found", "Istanza non trovata.");
        }

        var owed = Deadlines.Indemnity(s, time.TodayInItaly());
        if (owed.IsZero)
        {
            return new Error("indemnity.none", s.SilentAssent
                ? "Per i procedimenti con silenzio assenso l'indennizzo da ritardo non è dovuto."
                : "Il termine non è scaduto: l'indennizzo da ritardo non è dovuto.");
        }

        if (s.IndemnityRequestedAt is null)
        {
            var now = time.GetUtcNow();
            s.IndemnityRequestedAt = now;
            db.Timeline.Add(Timeline.Event(s, now, "indennizzo", $"Richiesto l'indennizzo da ritardo (d.l. 69/2013 art. 28): {owed} calcolati a oggi.", user.TaxCode, user.DisplayName ?? s.ApplicantName));
            await db.SaveChangesAsync(ct);
        }

        return owed;
    }

    private Task<Submission?> MineAsync(Guid id, CancellationToken ct)
        => user.TaxCode is null ? Task.FromResult<Submission?>(null) : db.Submissions.SingleOrDefaultAsync(s => s.Id == id && s.ApplicantTaxCode == user.TaxCode, ct);
}

/// <summary>Registers an application's later documents (requests, answers, outcomes) in the protocol, from the outbox.</summary>
internal sealed class RegisterDocumentHandler(ApplicationsDb db, IServiceProvider services) : IIntegrationEventHandler<ApplicationDocumentToRegister>
{
    public async Task HandleAsync(ApplicationDocumentToRegister integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        var file = await db.Files.SingleOrDefaultAsync(f => f.Id == integrationEvent.FileId, cancellationToken);
        if (file?.SubmissionId is not { } submissionId || file.ProtocolNumber is not null)
        {
            return;
        }

        var s = await db.Submissions.SingleAsync(x => x.Id == submissionId, cancellationToken);
        var protocol = services.GetService<IProtocolApi>() ?? throw new InvalidOperationException("The protocol register is not available in this installation.");
        var outcome = await protocol.RegisterAsync(new ProtocolRequest(
            s.EnteIpa, integrationEvent.Direction, integrationEvent.Subject,
            [new ProtocolCorrespondent(s.ApplicantName) { TaxCode = s.ApplicantTaxCode, DigitalAddress = s.ApplicantEmail }],
            new ProtocolDocument(file.FileName, file.MediaType, file.Sha256, file.Length),
            ProtocolChannels.Web, $"applications:{s.Id}:file:{file.Id}")
        {
            OfficeCodes = [s.OfficeCode],
            DossierReference = s.ProtocolNumber,
        }, cancellationToken);
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException($"Protocol registration refused: {outcome.ErrorCode} {outcome.ErrorMessage}");
        }

        file.ProtocolNumber = outcome.Registration!.Formatted;
        if (file.Kind == "esito")
        {
            s.OutcomeProtocolNumber = file.ProtocolNumber;
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>
/// The daily run of the terms: suspensions whose window lapsed let the term run again (art. 2 c. 7: at most 30 days; art. 10-bis:
/// 10 days), and applications of silent-assent services whose term ended without a decision are accepted (art. 20).
/// </summary>
internal sealed class TermsJob(ApplicationsDb db, KernelDb kernel, TimeProvider time) : IScheduledJob
{
    public string Name => "applications-terms";

    public string Description => "Termini delle istanze: fine delle sospensioni e silenzio assenso";

    public JobSchedule Schedule => JobSchedule.Every(TimeSpan.FromHours(1));

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var today = time.TodayInItaly();
        var now = time.GetUtcNow();
        var calendars = (await kernel.Enti.AsNoTracking().ToListAsync(cancellationToken)).ToDictionary(e => e.Id, ItalianTime.CalendarOf);
        var suspended = await db.Submissions.Where(s => s.SuspendedFor != null).ToListAsync(cancellationToken);
        foreach (var s in suspended.Where(s => Deadlines.LapsedOn(s.SuspendedFor!.Value, s.SuspendedOn!.Value) < today))
        {
            var kind = s.SuspendedFor!.Value;
            Deadlines.Resume(s, calendars[s.EnteId], null);
            s.Status = SubmissionStatus.UnderReview;
            db.Timeline.Add(Timeline.Event(s, now, "termine-ripreso", kind == SuspensionKind.Integration
                ? $"Trascorsi 30 giorni senza integrazione: il termine riprende e scade il {ApplicationDocuments.Date(s.TermDeadline)}."
                : $"Trascorsi 10 giorni dal preavviso di rigetto: il termine riprende e scade il {ApplicationDocuments.Date(s.TermDeadline)}.", null, "Sistema"));
        }

        var candidates = await db.Submissions.Where(s => s.SilentAssent && s.SuspendedFor == null && s.TermDeadline != null
            && (s.Status == SubmissionStatus.Registered || s.Status == SubmissionStatus.TakenInCharge || s.Status == SubmissionStatus.UnderReview))
            .ToListAsync(cancellationToken);
        foreach (var s in candidates.Where(s => Deadlines.IsOverdue(s, today)))
        {
            s.Status = SubmissionStatus.AcceptedBySilentAssent;
            s.DecidedAt = now;
            db.Timeline.Add(Timeline.Event(s, now, "silenzio-assenso",
                $"Il termine è scaduto il {ApplicationDocuments.Date(s.TermDeadline)} senza una decisione: la domanda è accolta per silenzio assenso (L. 241/1990 art. 20).", null, "Sistema"));
            if (Notifications.StatusChanged(s, "Il termine è scaduto senza una decisione: la domanda è accolta per silenzio assenso. Può scaricare l'attestazione dall'area personale.") is { } mail)
            {
                db.Publish(mail, now, s.EnteId);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
