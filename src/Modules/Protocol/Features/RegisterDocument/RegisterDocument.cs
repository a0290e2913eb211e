using Microsoft.EntityFrameworkCore;
using PenToscana.Contracts.Protocol;
using PenToscana.Kernel.Blobs;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Tenancy;
using PenToscana.Modules.Protocol.Data;

namespace PenToscana.Modules.Protocol.Features.RegisterDocument;

/// <summary>
/// Registers a document in the protocol register of a body's AOO (DPR 445/2000 art. 53). Everything that can fail is checked
/// before the entry is queued for a number, so a refused registration never consumes one. Idempotent on the source key.
/// </summary>
internal sealed class RegisterDocumentHandler(ProtocolDb db, KernelDb kernel, IBlobStore blobs, RegistrationQueue queue, RegisterDirectory registers, TimeProvider time)
{
    public const int MaxSubjectLength = 2000;
    public const int MaxAttachments = 100;
    public const int MaxCorrespondents = 500;

    public async Task<ProtocolOutcome> HandleAsync(ProtocolRequest request, CancellationToken cancellationToken)
    {
        // A module registering from its own request usually holds the body already (read unchanged in this scope): no query then.
        var ente = kernel.ChangeTracker.Entries<Ente>().FirstOrDefault(e => e.State == EntityState.Unchanged && e.Entity.IpaCode == request.EnteIpa)?.Entity
            ?? await kernel.Enti.AsNoTracking().FirstOrDefaultAsync(e => e.IpaCode == request.EnteIpa, cancellationToken);
        if (ente is null)
        {
            return ProtocolOutcome.Failure(RegistrationErrors.UnknownBody, $"L'ente «{request.EnteIpa}» non è registrato sulla piattaforma.");
        }

        if (request.SourceKey is { Length: > 0 } key)
        {
            var existing = await db.Entries.IgnoreQueryFilters().AsNoTracking()
                .FirstOrDefaultAsync(e => e.EnteId == ente.Id && e.SourceKey == key, cancellationToken);
            if (existing is not null)
            {
                return ProtocolOutcome.Success(RegistrationQueue.ToRegistration(existing));
            }
        }

        var aoo = await registers.ResolveAooAsync(kernel, ente, request.AooCode, cancellationToken);
        if (aoo is null)
        {
            return ProtocolOutcome.Failure(RegistrationErrors.UnknownAoo, $"L'area organizzativa omogenea «{request.AooCode}» non esiste presso {ente.Name}.");
        }

        if (Validate(request) is { } invalid)
        {
            return invalid;
        }

        foreach (var document in request.Attachments.Prepend(request.Document))
        {
            if (!await blobs.ExistsAsync(document.Sha256, cancellationToken))
            {
                return ProtocolOutcome.Failure(RegistrationErrors.MissingDocument, $"Il file «{document.FileName}» non è stato caricato: nessun documento con impronta {document.Sha256}.");
            }
        }

        var register = await registers.EnsureAsync(ente, aoo, cancellationToken);
        var entry = NewEntry(request, ente, register, time.GetUtcNow());
        var registration = await queue.EnqueueAsync(entry);
        return ProtocolOutcome.Success(registration);
    }

    private static ProtocolOutcome? Validate(ProtocolRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Subject))
        {
            return ProtocolOutcome.Failure(RegistrationErrors.Invalid, "L'oggetto è obbligatorio.");
        }

        if (request.Subject.Length > MaxSubjectLength)
        {
            return ProtocolOutcome.Failure(RegistrationErrors.Invalid, $"L'oggetto supera i {MaxSubjectLength} caratteri.");
        }

        if (request.Direction != ProtocolDirection.Internal && request.Correspondents.Count == 0)
        {
            return ProtocolOutcome.Failure(RegistrationErrors.Invalid, request.Direction == ProtocolDirection.Incoming
                ? "Indicare il mittente del documento."
                : "Indicare almeno un destinatario del documento.");
        }

        if (request.Correspondents.Count > MaxCorrespondents)
        {
            return ProtocolOutcome.Failure(RegistrationErrors.Invalid, $"Al massimo {MaxCorrespondents} corrispondenti per registrazione.");
        }

        foreach (var c in request.Correspondents)
        {
            if (string.IsNullOrWhiteSpace(c.Name) || c.Name.Length > 300)
            {
                return ProtocolOutcome.Failure(RegistrationErrors.Invalid, "Ogni corrispondente deve avere un nome (al massimo 300 caratteri).");
            }

            if (c.TaxCode is { } tax && (tax.Length is not (11 or 16) || !tax.All(char.IsAsciiLetterOrDigit)))
            {
                return ProtocolOutcome.Failure(RegistrationErrors.Invalid, $"Il codice fiscale o la partita IVA «{tax}» di {c.Name} non è valido.");
            }

            if ((c.IpaCode?.Length ?? 0) > 40 || (c.DigitalAddress?.Length ?? 0) > 200 || (c.PostalAddress?.Length ?? 0) > 400)
            {
                return ProtocolOutcome.Failure(RegistrationErrors.Invalid, $"I recapiti di {c.Name} sono troppo lunghi.");
            }
        }

        if (request.Attachments.Count > MaxAttachments)
        {
            return ProtocolOutcome.Failure(RegistrationErrors.Invalid, $"Al massimo {MaxAttachments} allegati per registrazione.");
        }

        foreach (var d in request.Attachments.Prepend(request.Document))
        {
            if (!BlobRef.IsWellFormedSha256(d.Sha256))
            {
                return ProtocolOutcome.Failure(RegistrationErrors.Invalid, $"L'impronta del file «{d.FileName}» non è uno SHA-256 valido.");
            }

            if (string.IsNullOrWhiteSpace(d.FileName) || d.FileName.Length > 255 || string.IsNullOrWhiteSpace(d.MediaType) || d.MediaType.Length > 100)
            {
                return ProtocolOutcome.Failure(RegistrationErrors.Invalid, "Ogni file deve avere un nome (al massimo 255 caratteri) e un tipo.");
            }
        }

        if (string.IsNullOrWhiteSpace(request.Channel) || request.Channel.Length > 20)
        {
            return ProtocolOutcome.Failure(RegistrationErrors.Invalid, "Il canale di ricezione o di spedizione è obbligatorio.");
        }

        if ((request.SourceKey?.Length ?? 0) > 200 || (request.SenderReference?.Length ?? 0) > 200 || (request.Classification?.Length ?? 0) > 40
            || (request.DossierReference?.Length ?? 0) > 100 || request.OfficeCodes.Sum(o => o.Length + 1) > 400)
        {
            return ProtocolOutcome.Failure(RegistrationErrors.Invalid, "Uno dei riferimenti (chiave, protocollo del mittente, classifica, fascicolo, uffici) è troppo lungo.");
        }

        return null;
    }

    private static ProtocolEntry NewEntry(ProtocolRequest request, Ente ente, ProtocolRegister register, DateTimeOffset now)
    {
        var id = Guid.CreateVersion7(now);
        var entry = new ProtocolEntry
        {
            Id = id,
            EnteId = ente.Id,
            RegisterId = register.Id,
            EnteIpa = ente.IpaCode,
            AooCode = register.AooCode,
            Direction = request.Direction,
            Subject = request.Subject.Trim(),
            Channel = request.Channel,
            SenderReference = string.IsNullOrWhiteSpace(request.SenderReference) ? null : request.SenderReference.Trim(),
            AttachmentCount = request.Attachments.Count,
            SourceKey = string.IsNullOrEmpty(request.SourceKey) ? null : request.SourceKey,
            RegisteredBy = request.RegisteredByTaxCode,
            Classification = string.IsNullOrWhiteSpace(request.Classification) ? null : request.Classification.Trim(),
            DossierReference = string.IsNullOrWhiteSpace(request.DossierReference) ? null : request.DossierReference.Trim(),
            OfficeCodes = request.OfficeCodes.Count == 0 ? null : string.Join(',', request.OfficeCodes.Select(o => o.Trim()).Distinct()),
        };
        int position = 0;
        foreach (var c in request.Correspondents)
        {
            entry.Correspondents.Add(new EntryCorrespondent
            {
                Id = Guid.CreateVersion7(now),
                EntryId = id,
                Position = position++,
                Name = c.Name.Trim(),
                TaxCode = c.TaxCode?.ToUpperInvariant(),
                IpaCode = c.IpaCode,
                DigitalAddress = c.DigitalAddress,
                PostalAddress = c.PostalAddress,
            });
        }

        position = 0;
        foreach (var d in request.Attachments.Prepend(request.Document))
        {
            entry.Documents.Add(new EntryDocument
            {
                Id = Guid.CreateVersion7(now),
                EntryId = id,
                Position = position++,
                FileName = d.FileName,
                MediaType = d.MediaType,
                Sha256 = d.Sha256,
                Length = d.Length,
            });
        }

        return entry;
    }
}

/// <summary>Error codes of a refused registration (the ProtocolOutcome's ErrorCode).</summary>
internal static class RegistrationErrors
{
    public const string UnknownBody = "ente-sconosciuto";
    public const string UnknownAoo = "aoo-sconosciuta";
    public const string Invalid = "dati-non-validi";
    public const string MissingDocument = "documento-mancante";
}
