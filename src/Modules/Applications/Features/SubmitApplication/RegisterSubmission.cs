using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.Contracts.Payments;
using PenToscana.Contracts.Protocol;
using PenToscana.Kernel.Calendar;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Jobs;
using PenToscana.Kernel.Mail;
using PenToscana.Kernel.Outbox;
using PenToscana.Kernel.Values;
using PenToscana.Modules.Applications.Data;
using PenToscana.Modules.Applications.Domain;

namespace PenToscana.Modules.Applications.Features.SubmitApplication;

/// <summary>
/// Registers a stored application as incoming in the body's protocol register and sends the receipt. Idempotent: the protocol
/// API deduplicates on the source key, and an application that already has its number is only completed (receipt) once.
/// Throws while the protocol register is unavailable, so that the outbox retries.
/// </summary>
internal sealed class RegisterSubmissionHandler(ApplicationsDb db, KernelDb kernel, IServiceProvider services, TimeProvider time)
{
    public static string SourceKey(Guid submissionId) => $"applications:{submissionId}:submission";

    /// <param name="frozenFiles">The application's files when the caller has just frozen them (the submission itself); otherwise
    /// they are read from the database.</param>
    /// <param name="submittedEvent">The submission's own <see cref="ApplicationSubmitted"/> outbox row, when registering inline
    /// right after it: saved as delivered with the registration (or the payment request), so that the outbox does not do it again.</param>
    public async Task HandleAsync(Guid submissionId, CancellationToken ct, IReadOnlyList<StoredFile>? frozenFiles = null, OutboxMessage? submittedEvent = null)
    {
        // Find: right after the submission in the same request the application is already tracked, with no query.
        var s = await db.Submissions.FindAsync([submissionId], ct);
        if (s is null || s.ProtocolNumber is not null)
        {
            return;
        }

        if (s.FeeCents > 0 && s.PaidAt is null)
        {
            // A service with a fee: the application proceeds once the fee is paid (FeePaidHandler registers it then).
            await RequestPaymentAsync(s, submittedEvent, ct);
            return;
        }

        var protocol = services.GetService<IProtocolApi>()
            ?? throw new InvalidOperationException("The protocol register is not available in this installation.");
        var files = frozenFiles ?? await db.Files.AsNoTracking().Where(f => f.SubmissionId == s.Id).ToListAsync(ct);
        var attachments = files.Where(f => f.SubmissionId == s.Id && f.Kind != "domanda").OrderBy(f => f.UploadedAt)
            .Select(f => new ProtocolDocument(f.FileName, f.MediaType, f.Sha256, f.Length)).ToList();
        var request = new ProtocolRequest(
            s.EnteIpa,
            ProtocolDirection.Incoming,
            $"{s.ServiceTitle} - domanda di {s.ApplicantName}",
            [new ProtocolCorrespondent(s.ApplicantName) { TaxCode = s.ApplicantTaxCode, DigitalAddress = s.ApplicantEmail }],
            new ProtocolDocument($"domanda-{s.Reference}.pdf", "application/pdf", s.PdfSha256, s.PdfLength),
            s.AssistedByTaxCode is null ? ProtocolChannels.Web : ProtocolChannels.Desk,
            SourceKey(s.Id))
        {
            Attachments = attachments,
            OfficeCodes = [s.OfficeCode],
        };
        var outcome = await protocol.RegisterAsync(request, ct);
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException($"Protocol registration refused: {outcome.ErrorCode} {outcome.ErrorMessage}");
        }

        var registration = outcome.Registration!;
        var now = time.GetUtcNow();
        var ente = await kernel.Enti.FindAsync([s.EnteId], ct) ?? throw new InvalidOperationException($"Unknown body {s.EnteId}.");
        s.ProtocolNumber = registration.Formatted;
        s.ProtocolAt = registration.RegisteredAt;
        s.ProtocolEntryId = registration.EntryId;
        s.Status = SubmissionStatus.Registered;

        // L. 241/1990 art. 18-bis: the term runs from the day the application was received, whatever the protocol's delay;
        // for a service with a fee, from the day the application became complete with the payment.
        Deadlines.Start(s, ItalianTime.CalendarOf(ente), (s.PaidAt ?? s.SubmittedAt).ItalianDate());
        db.Timeline.Add(Timeline.Event(s, now, "protocollata", $"Protocollata con n. {registration.Formatted} del {registration.RegisteredAt.ToItalianDisplay()}.", null, "Sistema"));
        if (s.ApplicantEmail is not null)
        {
            db.Publish(Notifications.Receipt(s), now, s.EnteId);
            s.ReceiptSentAt = now;
        }

        submittedEvent?.MarkHandledInline(now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The same registration completed concurrently (inline and from the outbox): the first one stands.
        }
    }

    public static string FeeSourceKey(Guid submissionId) => $"applications:{submissionId}:fee";

    /// <summary>
    /// Creates the pagoPA debt position for the fee (idempotent on its source key) and leaves the application "in attesa di
    /// pagamento" with the notice to pay. Throws while Payments refuses or is unavailable, so that the outbox retries.
    /// </summary>
    private async Task RequestPaymentAsync(Submission s, OutboxMessage? submittedEvent, CancellationToken ct)
    {
        if (s.PaymentIupd is not null)
        {
            return;
        }

        var payments = services.GetService<IPaymentsApi>()
            ?? throw new InvalidOperationException("Payments are not available in this installation.");
        var now = time.GetUtcNow();
        var outcome = await payments.CreatePositionAsync(new DebtPositionRequest(
            s.EnteIpa, s.ApplicantTaxCode, s.ApplicantName, Truncate($"{s.ServiceTitle} - pratica {s.Reference}", 140), s.FeeCents,
            now.ItalianDate().AddDays(FeeDueDays), FeeSourceKey(s.Id)), ct);
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException($"Debt position refused: {outcome.ErrorCode} {outcome.ErrorMessage}");
        }

        var position = outcome.Position!;
        var notice = position.Notices.Count > 0 ? position.Notices[0] : null;
        s.PaymentIupd = position.Iupd;
        s.PaymentNoticeNumber = notice?.NoticeNumber;
        s.Status = SubmissionStatus.AwaitingPayment;
        var amount = Money.FromCents(s.FeeCents);
        db.Timeline.Add(Timeline.Event(s, now, "in-attesa-di-pagamento",
            $"In attesa del pagamento di {amount} con pagoPA (avviso n. {notice?.NoticeNumber ?? position.Iupd}): la domanda prosegue appena il pagamento è registrato.", null, "Sistema"));
        if (Notifications.StatusChanged(s, $"Per completare la domanda paghi {amount} con pagoPA entro il {now.ItalianDate().AddDays(FeeDueDays):dd/MM/yyyy}: trova l'avviso n. {notice?.NoticeNumber} nell'area personale, sezione Pagamenti (/area-personale/pagamenti). La domanda sarà protocollata appena il pagamento è registrato.") is { } mail)
        {
            db.Publish(mail, now, s.EnteId);
        }

        submittedEvent?.MarkHandledInline(now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Requested concurrently (inline and from the outbox): the position is the same (same source key), the first save stands.
        }
    }

    /// <summary>Days the applicant has to pay the fee.</summary>
    public const int FeeDueDays = 30;

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}

/// <summary>
/// The fee of an application was paid (Payments' <see cref="DebtPositionPaid"/>, whatever the channel): the payment goes on the
/// timeline and the application proceeds to its protocol registration and receipt.
/// </summary>
internal sealed class FeePaidHandler(ApplicationsDb db, RegisterSubmissionHandler register, TimeProvider time) : IIntegrationEventHandler<DebtPositionPaid>
{
    public async Task HandleAsync(DebtPositionPaid integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        if (integrationEvent.SourceKey is not { } key || !key.StartsWith("applications:", StringComparison.Ordinal) || !key.EndsWith(":fee", StringComparison.Ordinal)
            || !Guid.TryParse(key["applications:".Length..^":fee".Length], out var submissionId))
        {
            return;
        }

        var s = await db.Submissions.SingleOrDefaultAsync(x => x.Id == submissionId && x.EnteIpa == integrationEvent.EnteIpa, cancellationToken);
        if (s is null)
        {
            return;
        }

        if (s.PaidAt is null)
        {
            s.PaidAt = integrationEvent.PaidAt;
            if (s.Status == SubmissionStatus.AwaitingPayment)
            {
                s.Status = SubmissionStatus.Submitted;
            }

            db.Timeline.Add(Timeline.Event(s, time.GetUtcNow(), "pagata",
                $"Pagamento di {Money.FromCents(integrationEvent.AmountCents)} ricevuto il {integrationEvent.PaidAt.ToItalianDisplay()} (pagoPA, posizione {integrationEvent.Iupd}).", null, "pagoPA"));
            await db.SaveChangesAsync(cancellationToken);
        }

        db.ChangeTracker.Clear();
        await register.HandleAsync(s.Id, cancellationToken);
    }
}

internal sealed class ApplicationSubmittedHandler(RegisterSubmissionHandler register) : IIntegrationEventHandler<ApplicationSubmitted>
{
    public Task HandleAsync(ApplicationSubmitted integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken)
        => register.HandleAsync(integrationEvent.SubmissionId, cancellationToken);
}

/// <summary>
/// Retries protocol registration of applications still "in protocollazione" after the outbox gave up (a long outage): nothing
/// submitted stays without a number once the register is back.
/// </summary>
internal sealed class ProtocolRetryJob(ApplicationsDb db, RegisterSubmissionHandler register, TimeProvider time) : IScheduledJob
{
    public string Name => "applications-protocol-retry";

    public string Description => "Protocolla le istanze rimaste in protocollazione";

    public JobSchedule Schedule => JobSchedule.Every(TimeSpan.FromMinutes(5));

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow().AddMinutes(-2);
        var waiting = await db.Submissions.AsNoTracking().Where(s => s.Status == SubmissionStatus.Submitted && s.SubmittedAt < before)
            .OrderBy(s => s.SubmittedAt).Select(s => s.Id).Take(200).ToListAsync(cancellationToken);
        foreach (var id in waiting)
        {
            await register.HandleAsync(id, cancellationToken);
            db.ChangeTracker.Clear();
        }
    }
}

/// <summary>The e-mails to the applicant: the receipt, and one on every change of status.</summary>
internal static class Notifications
{
    public static SendMail Receipt(Submission s)
    {
        var text = $"""
            Gentile {s.ApplicantName},

            {s.EnteName} ha ricevuto la sua domanda "{s.ServiceTitle}".

            Protocollo: n. {s.ProtocolNumber} del {s.ProtocolAt?.ToItalianDisplay()}
            Codice pratica: {s.Reference}
            Presentata il: {s.SubmittedAt.ToItalianDisplay()}
            Termine del procedimento: {s.TermDays} giorni, entro il {Documents.ApplicationDocuments.Date(s.TermDeadline)}
            Silenzio assenso: {(s.SilentAssent ? "sì, se entro il termine non riceve una decisione la domanda si intende accolta" : "no")}
            Ufficio responsabile: {s.OfficeName}
            Responsabile del procedimento: {s.ResponsibleOfficial}

            Può seguire la pratica nell'area personale, sezione "Le mie istanze" (/area-personale/istanze/{s.Id}), dove trova anche la ricevuta in PDF.

            Questa ricevuta è rilasciata ai sensi dell'art. 18-bis della L. 241/1990.
            """;
        return new SendMail(s.ApplicantEmail!, $"Ricevuta: {s.ServiceTitle} - protocollo {s.ProtocolNumber}", text, ToName: s.ApplicantName);
    }

    public static SendMail? StatusChanged(Submission s, string what)
    {
        if (s.ApplicantEmail is null)
        {
            return null;
        }

        var text = $"""
            Gentile {s.ApplicantName},

            la sua domanda "{s.ServiceTitle}" (protocollo {s.ProtocolNumber ?? "in corso"}, pratica {s.Reference}) presso {s.EnteName} ha un aggiornamento:

            {what}

            Stato attuale: {Statuses.Label(s.Status)}.
            Trova i dettagli e i documenti nell'area personale (/area-personale/istanze/{s.Id}).
            """;
        return new SendMail(s.ApplicantEmail, $"Aggiornamento della domanda {s.Reference}: {Statuses.Label(s.Status)}", text, ToName: s.ApplicantName);
    }
}
