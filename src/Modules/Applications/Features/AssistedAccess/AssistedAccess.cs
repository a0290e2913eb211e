using System.Net.Mail;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Tenancy;
using PenToscana.Kernel.Users;
using PenToscana.Kernel.Values;
using PenToscana.Modules.Applications.Data;
using PenToscana.Modules.Applications.Features.FillForm;

namespace PenToscana.Modules.Applications.Features.AssistedAccess;

/// <summary>The body whose desk is named in the URL, when the signed-in operator works for it (platform administrators: any).</summary>
internal sealed class DeskAccess(KernelDb kernel, ICurrentUser user)
{
    public async Task<Ente?> BodyAsync(string ipa, CancellationToken ct)
    {
        var ente = await kernel.Enti.AsNoTracking().SingleOrDefaultAsync(e => e.IpaCode == ipa, ct);
        return ente is not null && (user.IsPlatformAdmin || user.OperatorBodies.Contains(ente.Id)) ? ente : null;
    }
}

/// <summary>A published service of any body, as the desk offers it.</summary>
internal sealed record DeskService(Guid Id, string EnteName, string Title);

/// <summary>The identity check at the desk and who the application is for.</summary>
internal sealed class DeskInput
{
    public Guid? ServiceId { get; set; }

    public string? TaxCode { get; set; }

    public string? GivenName { get; set; }

    public string? FamilyName { get; set; }

    public string? Email { get; set; }

    public string? DocumentType { get; set; }

    public string? DocumentNumber { get; set; }

    public bool DocumentChecked { get; set; }

    public string? Desk { get; set; }

    /// <summary>The code the citizen shows, to continue their own draft.</summary>
    public string? Code { get; set; }
}

/// <summary>
/// Accesso assistito: a desk operator of any body, after checking the citizen's identity document, starts an application of any
/// body's service for the citizen, or continues the citizen's own draft when the citizen shows the code from their draft (their
/// consent). The draft then records the operator, the desk and the document, and so does the application it becomes.
/// </summary>
internal sealed partial class AssistedAccessHandler(ApplicationsDb db, StartDraftHandler start, ICurrentUser user, TimeProvider time)
{
    public static readonly string[] DocumentTypes = ["Carta d'identità elettronica", "Carta d'identità cartacea", "Passaporto", "Patente di guida", "Permesso di soggiorno"];

    /// <summary>Published services of every body with a published form: the desk serves them all.</summary>
    public async Task<List<DeskService>> ServicesAsync(KernelDb kernel, CancellationToken ct)
    {
        var withForm = db.FormVersions.IgnoreQueryFilters().Where(f => f.PublishedAt != null).Select(f => f.ServiceId);
        var services = await db.Services.IgnoreQueryFilters().AsNoTracking().Where(s => s.Published && withForm.Contains(s.Id))
            .Select(s => new { s.Id, s.EnteId, s.Title }).ToListAsync(ct);
        var bodies = await kernel.Enti.AsNoTracking().ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        return services.Select(s => new DeskService(s.Id, bodies.GetValueOrDefault(s.EnteId) ?? "", s.Title))
            .OrderBy(s => s.EnteName, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("it-IT"), false))
            .ThenBy(s => s.Title, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("it-IT"), false)).ToList();
    }

    public async Task<Result<Guid>> StartAsync(Ente desk, DeskInput input, Dictionary<string, string> errors, CancellationToken ct)
    {
        var identity = CheckIdentity(input, errors, requireName: true);
        if (input.ServiceId is null)
        {
            errors[nameof(input.ServiceId)] = "Scegli il servizio per cui presentare la domanda.";
        }

        string? email = null;
        if (!string.IsNullOrWhiteSpace(input.Email))
        {
            email = input.Email.Trim();
            if (email.Length > 200 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || !email.Contains('.', StringComparison.Ordinal))
            {
                errors[nameof(input.Email)] = "Indica un indirizzo e-mail valido, ad esempio nome@example.it, oppure lascia vuoto il campo.";
            }
        }

        if (errors.Count > 0 || identity is null)
        {
            return new Error("desk.invalid", "Controlla i dati indicati.");
        }

        var name = $"{input.GivenName!.Trim()} {input.FamilyName!.Trim()}";
        var started = await start.HandleAsync(input.ServiceId!.Value,
            new Assistance(identity.Value.TaxCode, name, email, DeskName(desk, identity.Value.Desk), identity.Value.Document, desk.Id), resumeOpenDraft: false, ct);
        if (started.IsFailure)
        {
            errors[nameof(input.ServiceId)] = started.Error.Message;
        }

        return started;
    }

    /// <summary>Takes over the citizen's own draft when the code they show matches, has not expired and was not used.</summary>
    public async Task<Result<(Guid DraftId, int? Step)>> ContinueAsync(Ente desk, DeskInput input, Dictionary<string, string> errors, CancellationToken ct)
    {
        var identity = CheckIdentity(input, errors, requireName: false);
        var code = (input.Code ?? "").Trim().ToUpperInvariant();
        if (code.Length == 0)
        {
            errors[nameof(input.Code)] = "Indica il codice che il cittadino vede nella sua bozza.";
        }

        if (errors.Count > 0 || identity is null)
        {
            return new Error("desk.invalid", "Controlla i dati indicati.");
        }

        var now = time.GetUtcNow();

        // The citizen's draft may be of any body: the match on their codice fiscale and the code they chose to show is the consent.
        var draft = await db.Drafts.IgnoreQueryFilters().SingleOrDefaultAsync(
            d => d.OwnerTaxCode == identity.Value.TaxCode && d.DeskCode == code && d.AssistedByTaxCode == null, ct);
        if (draft is null || draft.DeskCodeExpiresAt is not { } expires || expires < now)
        {
            errors[nameof(input.Code)] = "Codice non valido o scaduto: chiedi al cittadino di generarne uno nuovo dalla sua bozza nell'area personale.";
            return new Error("desk.code", errors[nameof(input.Code)]);
        }

        draft.AssistedByTaxCode = user.TaxCode;
        draft.AssistedByName = user.DisplayName;
        draft.AssistedDesk = DeskName(desk, identity.Value.Desk);
        draft.AssistedIdDocument = identity.Value.Document;
        draft.AssistedDeskEnteId = desk.Id;
        draft.DeskCode = null;
        draft.DeskCodeExpiresAt = null;
        draft.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        var version = await db.FormVersions.IgnoreQueryFilters().AsNoTracking().SingleAsync(f => f.Id == draft.FormVersionId, ct);
        var steps = Forms.FormDefinition.Parse(version.Json).Steps.Count;

        // A step number past the last one means the draft is complete: the desk goes to the summary (null).
        return (draft.Id, draft.CurrentStep >= steps ? null : draft.CurrentStep);
    }

    /// <summary>The desk qualified with its body, since the application may be for another body.</summary>
    private static string DeskName(Ente desk, string name)
    {
        var full = $"{name} ({desk.Name})";
        return full.Length > 200 ? full[..200] : full;
    }

    private (string TaxCode, string Desk, string Document)? CheckIdentity(DeskInput input, Dictionary<string, string> errors, bool requireName)
    {
        string? taxCode = null;
        var parsed = TaxCode.Create(input.TaxCode);
        if (parsed.IsFailure)
        {
            errors[nameof(input.TaxCode)] = "Codice fiscale: " + parsed.Error.Message;
        }
        else if (!parsed.Value.IsPerson)
        {
            errors[nameof(input.TaxCode)] = "Indica il codice fiscale della persona (16 caratteri): l'accesso assistito è per le persone fisiche.";
        }
        else
        {
            taxCode = parsed.Value.Value;
        }

        if (requireName)
        {
            if (string.IsNullOrWhiteSpace(input.GivenName) || input.GivenName.Trim().Length > 100)
            {
                errors[nameof(input.GivenName)] = "Indica il nome del cittadino, come sul documento.";
            }

            if (string.IsNullOrWhiteSpace(input.FamilyName) || input.FamilyName.Trim().Length > 100)
            {
                errors[nameof(input.FamilyName)] = "Indica il cognome del cittadino, come sul documento.";
            }
        }

        if (!DocumentTypes.Contains(input.DocumentType))
        {
            errors[nameof(input.DocumentType)] = "Scegli il tipo di documento d'identità esibito.";
        }

        var number = DocumentNumberCleanup().Replace(input.DocumentNumber ?? "", "").ToUpperInvariant();
        if (!DocumentNumberPattern().IsMatch(number))
        {
            errors[nameof(input.DocumentNumber)] = "Indica il numero del documento: da 5 a 20 lettere e cifre, ad esempio CA12345AB.";
        }

        if (!input.DocumentChecked)
        {
            errors[nameof(input.DocumentChecked)] = "Conferma di aver verificato il documento d'identità del cittadino: senza questa verifica non si può procedere.";
        }

        var desk = input.Desk?.Trim() ?? "";
        if (desk.Length is 0 or > 120)
        {
            errors[nameof(input.Desk)] = "Indica lo sportello (ad esempio: URP, Palazzo Vecchio).";
        }

        return errors.Count > 0 || taxCode is null ? null : (taxCode, desk, $"{input.DocumentType} n. {number}");
    }

    [GeneratedRegex("[\\s.\\-/]")]
    private static partial Regex DocumentNumberCleanup();

    [GeneratedRegex("^[A-Z0-9]{5,20}$")]
    private static partial Regex DocumentNumberPattern();
}

/// <summary>The citizen lets a desk continue their draft: a short code, shown in their personal area, valid for 30 minutes and once.</summary>
internal sealed class DeskCodeHandler(ApplicationsDb db, ICurrentUser user, TimeProvider time)
{
    public static readonly TimeSpan Validity = TimeSpan.FromMinutes(30);

    public async Task<Draft?> HandleAsync(Guid draftId, CancellationToken ct)
    {
        var draft = await db.Drafts.SingleOrDefaultAsync(d => d.Id == draftId && d.OwnerTaxCode == user.TaxCode && d.AssistedByTaxCode == null, ct);
        if (draft is null)
        {
            return null;
        }

        const string alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
        Span<char> code = stackalloc char[6];
        for (int i = 0; i < code.Length; i++)
        {
            code[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        }

        draft.DeskCode = new string(code);
        draft.DeskCodeExpiresAt = time.GetUtcNow() + Validity;
        await db.SaveChangesAsync(ct);
        return draft;
    }
}
