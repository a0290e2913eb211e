using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PenToscana.Kernel.Blobs;
using PenToscana.Kernel.Calendar;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Values;
using PenToscana.Modules.Applications.Data;
using PenToscana.Modules.Applications.Documents;
using PenToscana.Modules.Applications.Features.FillForm;
using PenToscana.Modules.Applications.Forms;

namespace PenToscana.Modules.Applications.Features.SubmitApplication;

/// <summary>Written to the outbox in the same transaction that stores the application: its protocol registration follows.</summary>
internal sealed record ApplicationSubmitted(Guid SubmissionId);

internal sealed record SubmitOutcome(Guid? SubmissionId, IReadOnlyList<FieldError> Errors, Error? Error)
{
    public bool Succeeded => SubmissionId is not null;
}

/// <summary>
/// Freezes a draft into an application in one transaction: the cleaned data, the form version, the files with their SHA-256,
/// the PDF of the application, the first timeline event and the <see cref="ApplicationSubmitted"/> event. Protocol registration
/// is attempted at once and otherwise happens from the outbox; the application waits "in protocollazione" meanwhile.
/// Submitting the same draft twice (double click, replay, retry after a timeout) returns the application created first.
/// </summary>
internal sealed partial class SubmitApplicationHandler(
    ApplicationsDb db, KernelDb kernel, DraftReader reader, IBlobStore blobs, RegisterSubmissionHandler register, TimeProvider time,
    ILogger<SubmitApplicationHandler> logger)
{
    public async Task<SubmitOutcome> HandleAsync(Guid draftId, IFormFile? signedCopy, CancellationToken ct)
    {
        // The draft is deleted in the transaction that stores its application: while it exists, nothing was submitted from it.
        var view = await reader.ReadAsync(draftId, ct);
        if (view is null)
        {
            return await ExistingAsync(draftId, ct) is { } already
                ? new SubmitOutcome(already, [], null)
                : new SubmitOutcome(null, [], new Error("draft.not-found", "Bozza non trovata: potrebbe essere già stata inviata."));
        }

        var (draft, service, form, raw, draftFiles) = view;
        var data = FormRules.Clean(form, raw);
        var errors = FormRules.ValidateAll(form, data, time.TodayInItaly());
        var referenced = data.Values.Select(v => Guid.TryParse(v, out var id) ? id : Guid.Empty).ToHashSet();
        var files = draftFiles.Where(f => referenced.Contains(f.Id)).ToList();
        foreach (var field in form.AllFields().Where(f => f.Type == FieldTypes.File))
        {
            // A file id that is not one of this draft's uploads is a tampered value.
            foreach (var (key, value) in data.Where(kv => kv.Key == field.Key || kv.Key.EndsWith("]." + field.Key, StringComparison.Ordinal)))
            {
                if (!Guid.TryParse(value, out var id) || files.All(f => f.Id != id))
                {
                    errors.Add(new FieldError(key, field.Label, "Il documento allegato non è valido: caricalo di nuovo."));
                }
            }
        }

        if (errors.Count > 0)
        {
            return new SubmitOutcome(null, errors, new Error("form.invalid", "La domanda contiene errori: correggili prima di inviarla."));
        }

        var now = time.GetUtcNow();
        var ente = await kernel.Enti.FindAsync([draft.EnteId], ct) ?? throw new InvalidOperationException($"Unknown body {draft.EnteId}.");
        string? signedSha = null;
        if (signedCopy is { Length: > 0 })
        {
            var stored = await SaveStepHandler.StoreUploadAsync(blobs, signedCopy, [".p7m", ".pdf"], SaveStepHandler.DefaultMaxFileKb, ct);
            if (stored.IsFailure)
            {
                return new SubmitOutcome(null, [new FieldError("firmata", "Copia firmata", stored.Error.Message)], stored.Error);
            }

            var (blob, mediaType, fileName) = stored.Value;
            signedSha = blob.Sha256;
            var signedFile = new StoredFile
            {
                Id = Guid.CreateVersion7(now), EnteId = draft.EnteId, DraftId = draft.Id, OwnerTaxCode = draft.OwnerTaxCode, Kind = "firmata",
                FileName = fileName, MediaType = mediaType, Sha256 = blob.Sha256, Length = blob.Length, UploadedAt = now,
            };
            db.Files.Add(signedFile);
            files.Add(signedFile);
        }

        var dataJson = DraftData.Write(data);
        var submission = new Submission
        {
            Id = Guid.CreateVersion7(now),
            EnteId = draft.EnteId,
            EnteIpa = ente.IpaCode,
            EnteName = ente.Name,
            ServiceId = service.Id,
            ServiceTitle = service.Title,
            FormVersionId = draft.FormVersionId,
            DraftId = draft.Id,
            Reference = NewReference(),
            ApplicantTaxCode = draft.OwnerTaxCode,
            ApplicantName = draft.OwnerName,
            ApplicantEmail = draft.OwnerEmail,
            OnBehalfOf = draft.OnBehalfOf,
            DataJson = dataJson,
            DataSha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(dataJson))),
            PdfSha256 = "",
            SignedAttachmentSha256 = signedSha,
            Status = SubmissionStatus.Submitted,
            SubmittedAt = now,
            OfficeCode = service.OfficeCode,
            OfficeName = service.OfficeName,
            ResponsibleOfficial = service.ResponsibleOfficial,
            TermDays = service.TermDays,
            SilentAssent = service.SilentAssent,
            FeeCents = FormRules.FeeCents(form, service.FeeCents, data),
            AssistedByTaxCode = draft.AssistedByTaxCode,
            AssistedByName = draft.AssistedByName,
            AssistedDesk = draft.AssistedDesk,
            AssistedIdDocument = draft.AssistedIdDocument,
            AssistedDeskEnteId = draft.AssistedDeskEnteId,
        };

        // The PDF goes to the blob store before the transaction: a crash in between leaves only an unreferenced blob.
        var pdf = ApplicationDocuments.ApplicationPdf(submission, form, data, files);
        var pdfBlob = await blobs.PutAsync(new MemoryStream(pdf), cancellationToken: ct);
        submission.PdfSha256 = pdfBlob.Sha256;
        submission.PdfLength = pdfBlob.Length;

        db.Submissions.Add(submission);
        foreach (var file in files)
        {
            if (db.Entry(file).State == EntityState.Detached)
            {
                db.Attach(file);
            }

            file.SubmissionId = submission.Id;
        }

        db.Files.Add(new StoredFile
        {
            Id = Guid.CreateVersion7(now), EnteId = draft.EnteId, SubmissionId = submission.Id, OwnerTaxCode = draft.OwnerTaxCode, Kind = "domanda",
            FileName = $"domanda-{submission.Reference}.pdf", MediaType = FileSignature.Pdf, Sha256 = pdfBlob.Sha256, Length = pdfBlob.Length, UploadedAt = now,
        });
        db.Timeline.Add(Timeline.Event(submission, now, "inviata",
            draft.AssistedByName is null ? "Domanda inviata online." : $"Domanda inviata allo sportello {draft.AssistedDesk} dall'operatore {draft.AssistedByName}, documento d'identità verificato: {draft.AssistedIdDocument}.",
            draft.AssistedByTaxCode ?? draft.OwnerTaxCode, draft.AssistedByName ?? draft.OwnerName));
        db.Drafts.Remove(draft);
        var submitted = db.Publish(new ApplicationSubmitted(submission.Id), now, submission.EnteId);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent submit of the same draft won the race (unique draft id, or the draft already deleted).
            db.ChangeTracker.Clear();
            if (await ExistingAsync(draftId, ct) is { } winner)
            {
                return new SubmitOutcome(winner, [], null);
            }

            throw;
        }

        try
        {
            // The attachments are the files just frozen with the application: the registration need not read them again.
            await register.HandleAsync(submission.Id, ct, files, submitted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Stored and in the outbox: the registration is retried from there.
            LogRegistrationDeferred(logger, ex, submission.Id);
        }

        return new SubmitOutcome(submission.Id, [], null);
    }

    private Task<Guid?> ExistingAsync(Guid draftId, CancellationToken ct)
        => db.Submissions.AsNoTracking().Where(s => s.DraftId == draftId).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct);

    private static string NewReference()
    {
        const string alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
        Span<char> code = stackalloc char[8];
        for (int i = 0; i < code.Length; i++)
        {
            code[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        }

        return "AP-" + new string(code);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Protocol registration of application {SubmissionId} deferred to the outbox")]
    private static partial void LogRegistrationDeferred(ILogger logger, Exception ex, Guid submissionId);
}

internal static class Timeline
{
    public static TimelineEvent Event(Submission s, DateTimeOffset at, string kind, string text, string? actorTaxCode, string actorName, bool isInternal = false)
        => new()
        {
            Id = Guid.CreateVersion7(at),
            EnteId = s.EnteId,
            SubmissionId = s.Id,
            At = at,
            Kind = kind,
            Text = text,
            ActorTaxCode = actorTaxCode,
            ActorName = actorName,
            Internal = isInternal,
        };
}
