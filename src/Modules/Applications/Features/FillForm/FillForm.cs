using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Blobs;
using PenToscana.Kernel.Calendar;
using PenToscana.Kernel.Users;
using PenToscana.Kernel.Values;
using PenToscana.Modules.Applications.Data;
using PenToscana.Modules.Applications.Forms;

namespace PenToscana.Modules.Applications.Features.FillForm;

/// <summary>A draft with its form, ready to show or to save a step.</summary>
internal sealed record DraftView(Draft Draft, Service Service, FormDefinition Form, Dictionary<string, string> Data, IReadOnlyList<StoredFile> Files);

/// <summary>Who fills the form: the applicant, or a desk operator on the applicant's behalf (accesso assistito).</summary>
internal sealed record Assistance(string CitizenTaxCode, string CitizenName, string? CitizenEmail, string Desk, string IdDocument, Guid? DeskEnteId = null);

internal static class DraftData
{
    public static Dictionary<string, string> Read(string json)
        => JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];

    public static string Write(IReadOnlyDictionary<string, string> data)
        => JsonSerializer.Serialize(new SortedDictionary<string, string>(data.ToDictionary(), StringComparer.Ordinal));
}

/// <summary>
/// Starts a draft on the newest published version of a service's form, prefilled from the identity. On the web pages the
/// person's open draft for the service is resumed instead (<c>resumeOpenDraft</c>); each API submission starts its own, so
/// two submissions made at once never share, or mix, their data.
/// </summary>
internal sealed class StartDraftHandler(ApplicationsDb db, ICurrentUser user, TimeProvider time)
{
    public async Task<Result<Guid>> HandleAsync(Guid serviceId, Assistance? assisted, bool resumeOpenDraft, CancellationToken ct)
    {
        if (!user.IsAuthenticated || user.TaxCode is null)
        {
            return new Error("auth.required", "Per compilare la domanda devi accedere con la tua identità digitale.");
        }

        // A desk serves the services of every body (accesso assistito): published cards and forms are public, so the desk
        // reads them past the back office's body filter.
        var services = assisted is null ? db.Services.AsNoTracking() : db.Services.IgnoreQueryFilters().AsNoTracking();
        var versions = assisted is null ? db.FormVersions.AsNoTracking() : db.FormVersions.IgnoreQueryFilters().AsNoTracking();
        var service = await services.SingleOrDefaultAsync(s => s.Id == serviceId && s.Published, ct);
        if (service is null)
        {
            return new Error("service.not-found", "Servizio non trovato.");
        }

        var version = await versions.Where(f => f.ServiceId == service.Id && f.PublishedAt != null)
            .OrderByDescending(f => f.Number).FirstOrDefaultAsync(ct);
        if (version is null)
        {
            return new Error("form.missing", "Il servizio non ha ancora un modulo pubblicato.");
        }

        var owner = assisted?.CitizenTaxCode ?? user.TaxCode;
        if (assisted is null && resumeOpenDraft)
        {
            // Resume rather than multiply: one open draft per person and service.
            var existing = await db.Drafts.Where(d => d.ServiceId == service.Id && d.OwnerTaxCode == owner && d.AssistedByTaxCode == null)
                .OrderByDescending(d => d.UpdatedAt).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(ct);
            if (existing is { } id)
            {
                return id;
            }
        }

        var now = time.GetUtcNow();
        var form = FormDefinition.Parse(version.Json);
        var name = assisted?.CitizenName ?? user.DisplayName ?? owner;
        var email = assisted is null ? user.Email : assisted.CitizenEmail;
        var data = Prefill(form, owner, name, email, assisted is null ? user.OnBehalfOf : null, time.TodayInItaly());
        var draft = new Draft
        {
            Id = Guid.CreateVersion7(now),
            EnteId = service.EnteId,
            ServiceId = service.Id,
            FormVersionId = version.Id,
            OwnerTaxCode = owner,
            OwnerName = name,
            OwnerEmail = email,
            OnBehalfOf = assisted is null ? user.OnBehalfOf : null,
            DataJson = DraftData.Write(data),
            CreatedAt = now,
            UpdatedAt = now,
            AssistedByTaxCode = assisted is null ? null : user.TaxCode,
            AssistedByName = assisted is null ? null : user.DisplayName,
            AssistedDesk = assisted?.Desk,
            AssistedIdDocument = assisted?.IdDocument,
            AssistedDeskEnteId = assisted?.DeskEnteId,
        };
        db.Drafts.Add(draft);
        await db.SaveChangesAsync(ct);
        return draft.Id;
    }

    /// <summary>Once only (Modello Comuni C.SE.1.5): identity data come from the sign-in, not from the applicant's typing.</summary>
    internal static Dictionary<string, string> Prefill(FormDefinition form, string taxCode, string name, string? email, string? company, DateOnly today)
    {
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        var space = name.IndexOf(' ', StringComparison.Ordinal);
        foreach (var field in form.Steps.SelectMany(s => s.Fields).Where(f => f.Prefill is not null))
        {
            string? value = field.Prefill switch
            {
                "taxCode" => taxCode,
                "fullName" => name,
                "givenName" => space > 0 ? name[..space] : name,
                "familyName" => space > 0 ? name[(space + 1)..] : "",
                "email" => email,
                "birthDate" => TaxCode.TryParse(taxCode, out var tc) ? tc.BirthDate(today)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
                "company" => company,
                _ => null,
            };
            if (!string.IsNullOrEmpty(value))
            {
                data[field.Key] = value;
            }
        }

        return data;
    }
}

/// <summary>Reads a draft the current user may fill: their own, or one they started at the desk for a citizen.</summary>
internal sealed class DraftReader(ApplicationsDb db, ICurrentUser user, PublishedForms forms)
{
    public async Task<DraftView?> ReadAsync(Guid draftId, CancellationToken ct)
    {
        // One round trip for the draft, its service and its files: every step and the submission start here. All three are
        // tracked (the draft is saved or removed by the caller; the service and the files are only read).
        var row = await (
            from d in db.Drafts
            where d.Id == draftId
            join s in db.Services on d.ServiceId equals s.Id
            select new { Draft = d, Service = s, Files = db.Files.Where(f => f.DraftId == d.Id).ToList() })
            .FirstOrDefaultAsync(ct);
        var draft = row?.Draft;
        if (draft is null || user.TaxCode is null || !(draft.AssistedByTaxCode is null ? draft.OwnerTaxCode == user.TaxCode : draft.AssistedByTaxCode == user.TaxCode))
        {
            return null;
        }

        var form = await forms.GetAsync(db.FormVersions.AsNoTracking(), draft.FormVersionId, ct);
        return new DraftView(draft, row!.Service, form, DraftData.Read(draft.DataJson), row.Files);
    }
}

/// <summary>What the applicant posted for one step: field values and any uploaded files, by key.</summary>
internal sealed record StepInput(IReadOnlyDictionary<string, string> Values, IReadOnlyDictionary<string, IFormFile> Files, string? Action);

internal sealed record StepOutcome(bool Saved, IReadOnlyList<FieldError> Errors, int? NextStep, bool StayOnStep);

/// <summary>
/// Saves one step of a draft (autosave: the values are kept even when they have errors) and validates it with the same rules
/// the submission runs. Only keys of this step are taken; read-only identity values and computed values cannot be overwritten.
/// </summary>
internal sealed class SaveStepHandler(ApplicationsDb db, DraftReader reader, IBlobStore blobs, TimeProvider time)
{
    public const int DefaultMaxFileKb = 10 * 1024;

    public async Task<StepOutcome?> HandleAsync(Guid draftId, int stepIndex, StepInput input, CancellationToken ct)
    {
        var view = await reader.ReadAsync(draftId, ct);
        if (view is null || stepIndex < 0 || stepIndex >= view.Form.Steps.Count)
        {
            return null;
        }

        var (draft, _, form, data, _) = view;
        var step = form.Steps[stepIndex];
        var errors = new List<FieldError>();
        var now = time.GetUtcNow();
        foreach (var field in step.Fields)
        {
            if (field.Type == FieldTypes.Group)
            {
                MergeGroup(field, input, data);
                foreach (var child in (field.Fields ?? []).Where(c => c.Type == FieldTypes.File))
                {
                    for (int i = 0; i < FormRules.ItemCount(field, data); i++)
                    {
                        await TakeFileAsync(draft, child, FormRules.ItemKey(field.Key, i, child.Key), input, data, errors, now, ct);
                    }
                }

                continue;
            }

            if (field.ReadOnly || field.Type == FieldTypes.Computed)
            {
                continue;
            }

            if (field.Type == FieldTypes.File)
            {
                await TakeFileAsync(draft, field, field.Key, input, data, errors, now, ct);
                continue;
            }

            Put(data, field.Key, input.Values.GetValueOrDefault(field.Key));
        }

        var groupAction = ApplyGroupAction(step, input.Action, data);
        draft.DataJson = DraftData.Write(data);
        draft.UpdatedAt = now;
        if (!groupAction)
        {
            errors.AddRange(FormRules.ValidateStep(form, stepIndex, data, time.TodayInItaly()).Where(e => errors.All(x => x.Key != e.Key)));
        }

        var bit = 1 << stepIndex;
        draft.CompletedSteps = errors.Count == 0 && !groupAction ? draft.CompletedSteps | bit : draft.CompletedSteps & ~bit;
        int? next = null;
        if (errors.Count == 0 && !groupAction)
        {
            next = NextVisibleStep(form, stepIndex, data);
            draft.CurrentStep = next ?? form.Steps.Count;
        }

        await db.SaveChangesAsync(ct);
        return new StepOutcome(true, errors, next, groupAction || errors.Count > 0);
    }

    internal static int? NextVisibleStep(FormDefinition form, int from, IReadOnlyDictionary<string, string> data)
    {
        for (int i = from + 1; i < form.Steps.Count; i++)
        {
            if (FormRules.StepVisible(form.Steps[i], data))
            {
                return i;
            }
        }

        return null;
    }

    private static void Put(Dictionary<string, string> data, string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            data.Remove(key);
        }
        else
        {
            data[key] = value.Trim();
        }
    }

    private static void MergeGroup(FormField group, StepInput input, Dictionary<string, string> data)
    {
        var count = FormRules.ItemCount(group, data);
        for (int i = 0; i < count; i++)
        {
            foreach (var child in (group.Fields ?? []).Where(c => c.Type is not (FieldTypes.File or FieldTypes.Computed)))
            {
                var key = FormRules.ItemKey(group.Key, i, child.Key);
                Put(data, key, input.Values.GetValueOrDefault(key));
            }
        }

        data[group.Key] = count.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>"add:group" appends an item; "remove:group:i" removes item i and moves the later ones up.</summary>
    private static bool ApplyGroupAction(FormStep step, string? action, Dictionary<string, string> data)
    {
        if (action is null)
        {
            return false;
        }

        var parts = action.Split(':');
        var group = step.Fields.FirstOrDefault(f => f.Type == FieldTypes.Group && parts.Length >= 2 && f.Key == parts[1]);
        if (group is null)
        {
            return false;
        }

        var count = FormRules.ItemCount(group, data);
        if (parts[0] == "add" && count < (group.MaxItems ?? 20))
        {
            data[group.Key] = (count + 1).ToString(CultureInfo.InvariantCulture);
            return true;
        }

        if (parts[0] == "remove" && parts.Length == 3 && int.TryParse(parts[2], CultureInfo.InvariantCulture, out var index) && index >= 0 && index < count)
        {
            var children = (group.Fields ?? []).Select(c => c.Key).ToList();
            for (int i = index; i < count; i++)
            {
                foreach (var child in children)
                {
                    Put(data, FormRules.ItemKey(group.Key, i, child), i + 1 < count ? data.GetValueOrDefault(FormRules.ItemKey(group.Key, i + 1, child)) : null);
                }
            }

            data[group.Key] = (count - 1).ToString(CultureInfo.InvariantCulture);
            return true;
        }

        return parts[0] is "add" or "remove";
    }

    private async Task TakeFileAsync(Draft draft, FormField field, string key, StepInput input, Dictionary<string, string> data, List<FieldError> errors, DateTimeOffset now, CancellationToken ct)
    {
        if (input.Values.GetValueOrDefault(key + "__remove") == "1")
        {
            data.Remove(key);
        }

        if (!input.Files.TryGetValue(key, out var upload) || upload.Length == 0)
        {
            return;
        }

        var stored = await StoreUploadAsync(blobs, upload, field.Accept, field.MaxSizeKb ?? DefaultMaxFileKb, ct);
        if (stored.IsFailure)
        {
            errors.Add(new(key, field.Label, stored.Error.Message));
            return;
        }

        var (blob, mediaType, fileName) = stored.Value;
        var file = new StoredFile
        {
            Id = Guid.CreateVersion7(now),
            EnteId = draft.EnteId,
            DraftId = draft.Id,
            OwnerTaxCode = draft.OwnerTaxCode,
            Kind = "allegato",
            FieldKey = key,
            FileName = fileName,
            MediaType = mediaType,
            Sha256 = blob.Sha256,
            Length = blob.Length,
            UploadedAt = now,
        };
        db.Files.Add(file);
        data[key] = file.Id.ToString();
    }

    /// <summary>
    /// Checks an upload's name, size and content (the first bytes must match the extension) and stores it. Signed files (.p7m,
    /// CAdES) are accepted when their content is DER.
    /// </summary>
    internal static async Task<Result<(BlobRef Blob, string MediaType, string FileName)>> StoreUploadAsync(
        IBlobStore blobs, IFormFile upload, IReadOnlyList<string>? accept, int maxSizeKb, CancellationToken ct)
    {
        var fileName = Path.GetFileName(upload.FileName.Replace('\\', '/'));
        if (fileName.Length is 0 or > 200)
        {
            return new Error("file.name", "Il nome del file non è valido.");
        }

        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var allowed = accept is { Count: > 0 } ? accept : [".pdf", ".p7m", ".jpg", ".jpeg", ".png"];
        if (!allowed.Contains(extension, StringComparer.OrdinalIgnoreCase))
        {
            return new Error("file.type", $"Tipo di file non ammesso: carica un file {string.Join(", ", allowed)}.");
        }

        if (upload.Length > maxSizeKb * 1024L)
        {
            return new Error("file.size", $"Il file è troppo grande: al massimo {(maxSizeKb >= 1024 ? $"{maxSizeKb / 1024} MB" : $"{maxSizeKb} KB")}.");
        }

        await using var buffer = new MemoryStream();
        await upload.CopyToAsync(buffer, ct);
        buffer.Position = 0;
        var header = buffer.GetBuffer().AsSpan(0, (int)Math.Min(buffer.Length, FileSignature.HeaderLength));
        var detected = FileSignature.Detect(header);
        string? mediaType = extension switch
        {
            ".pdf" when detected == FileSignature.Pdf => FileSignature.Pdf,
            ".png" when detected == FileSignature.Png => FileSignature.Png,
            ".jpg" or ".jpeg" when detected == FileSignature.Jpeg => FileSignature.Jpeg,
            ".p7m" when header.Length > 0 && header[0] == 0x30 => "application/pkcs7-mime",
            _ => null,
        };
        if (mediaType is null)
        {
            return new Error("file.content", "Il contenuto del file non corrisponde alla sua estensione: il file potrebbe essere danneggiato.");
        }

        var blob = await blobs.PutAsync(buffer, cancellationToken: ct);
        return (blob, mediaType, fileName);
    }
}
