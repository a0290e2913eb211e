using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Tenancy;
using PenToscana.Kernel.Users;
using PenToscana.Kernel.Values;
using PenToscana.Modules.Applications.Data;
using PenToscana.Modules.Applications.Forms;

namespace PenToscana.Modules.Applications.Features.ManageServices;

/// <summary>
/// The body named in a service-administration URL, when the signed-in person administers it (body administrator, or platform
/// administrator). Anyone else — an operator of another body included — is told the page does not exist.
/// </summary>
internal sealed class ServiceAdminAccess(KernelDb kernel, ICurrentUser user)
{
    public async Task<Ente?> BodyAsync(string ipa, CancellationToken ct)
    {
        var ente = await kernel.Enti.AsNoTracking().SingleOrDefaultAsync(e => e.IpaCode == ipa, ct);
        return ente is not null && user.HasRole(ente.Id, PlatformRoles.BodyAdmin) ? ente : null;
    }
}

/// <summary>The card of a service as the administrator edits it (Modello Comuni service page, D.Lgs 33/2013 art. 35).</summary>
internal sealed class ServiceCardInput
{
    public string? Title { get; set; }

    public string? Slug { get; set; }

    public string? Category { get; set; }

    public string? Summary { get; set; }

    public string? WhoMayApply { get; set; }

    public string? HowTo { get; set; }

    public string? DocumentsNeeded { get; set; }

    public string? Costs { get; set; }

    public int TermDays { get; set; } = 30;

    public bool SilentAssent { get; set; }

    public string? OfficeCode { get; set; }

    public string? ResponsibleOfficial { get; set; }

    public string? ResponsibleOfficialTaxCode { get; set; }

    public string? LegalBasis { get; set; }

    public string? Contacts { get; set; }

    public int SpidLevel { get; set; } = 2;

    public bool Published { get; set; }

    public static ServiceCardInput From(Service s) => new()
    {
        Title = s.Title, Slug = s.Slug, Category = s.Category, Summary = s.Summary, WhoMayApply = s.WhoMayApply, HowTo = s.HowTo,
        DocumentsNeeded = s.DocumentsNeeded, Costs = s.Costs, TermDays = s.TermDays, SilentAssent = s.SilentAssent, OfficeCode = s.OfficeCode,
        ResponsibleOfficial = s.ResponsibleOfficial, ResponsibleOfficialTaxCode = s.ResponsibleOfficialTaxCode, LegalBasis = s.LegalBasis,
        Contacts = s.Contacts, SpidLevel = s.SpidLevel, Published = s.Published,
    };
}

/// <summary>Creates or updates a service card; every error names its field, in Italian. A new service starts unpublished with a one-step form.</summary>
internal sealed partial class SaveServiceHandler(ApplicationsDb db, KernelDb kernel, ICurrentUser user, TimeProvider time)
{
    public async Task<Result<Guid>> HandleAsync(Ente ente, Guid? serviceId, ServiceCardInput input, long? expectedVersion, Dictionary<string, string> errors, CancellationToken ct)
    {
        Service? service = null;
        if (serviceId is { } id)
        {
            service = await db.Services.SingleOrDefaultAsync(s => s.Id == id && s.EnteId == ente.Id, ct);
            if (service is null)
            {
                return new Error("service.not-found", "Servizio non trovato.");
            }
        }

        string Required(string key, string? value, string label, int max)
        {
            var v = value?.Trim() ?? "";
            if (v.Length == 0)
            {
                errors[key] = $"Compila il campo \"{label}\".";
            }
            else if (v.Length > max)
            {
                errors[key] = $"Il campo \"{label}\" può contenere al massimo {max} caratteri.";
            }

            return v;
        }

        var title = Required(nameof(input.Title), input.Title, "Titolo", 200);
        var slug = (input.Slug ?? "").Trim().ToLowerInvariant();
        if (slug.Length == 0)
        {
            slug = Slugify(title);
        }

        if (!SlugPattern().IsMatch(slug))
        {
            errors[nameof(input.Slug)] = "L'indirizzo breve usa solo lettere minuscole, cifre e trattini (ad esempio \"iscrizione-mensa\"), fino a 100 caratteri.";
        }
        else if (await db.Services.AnyAsync(s => s.EnteId == ente.Id && s.Slug == slug && s.Id != (serviceId ?? Guid.Empty), ct))
        {
            errors[nameof(input.Slug)] = $"L'indirizzo breve \"{slug}\" è già usato da un altro servizio dell'ente.";
        }

        var category = Required(nameof(input.Category), input.Category, "Categoria", 100);
        var summary = Required(nameof(input.Summary), input.Summary, "Cos'è", 4000);
        var who = Required(nameof(input.WhoMayApply), input.WhoMayApply, "A chi è rivolto", 4000);
        var how = Required(nameof(input.HowTo), input.HowTo, "Come fare", 4000);
        var documents = Required(nameof(input.DocumentsNeeded), input.DocumentsNeeded, "Cosa serve", 4000);
        var costs = Required(nameof(input.Costs), input.Costs, "Costi", 2000);
        var official = Required(nameof(input.ResponsibleOfficial), input.ResponsibleOfficial, "Responsabile del procedimento", 200);
        var legal = Required(nameof(input.LegalBasis), input.LegalBasis, "Riferimenti normativi", 2000);
        var contacts = Required(nameof(input.Contacts), input.Contacts, "Contatti", 2000);
        if (input.TermDays is < 1 or > 730)
        {
            errors[nameof(input.TermDays)] = "Il termine del procedimento va indicato in giorni, da 1 a 730 (in mancanza di altre norme sono 30, art. 2 L. 241/1990).";
        }

        if (input.SpidLevel is < 1 or > 3)
        {
            errors[nameof(input.SpidLevel)] = "Il livello SPID richiesto è 1, 2 o 3.";
        }

        string? officialTaxCode = null;
        if (!string.IsNullOrWhiteSpace(input.ResponsibleOfficialTaxCode))
        {
            var tc = TaxCode.Create(input.ResponsibleOfficialTaxCode);
            if (tc.IsFailure)
            {
                errors[nameof(input.ResponsibleOfficialTaxCode)] = "Codice fiscale del responsabile: " + tc.Error.Message;
            }
            else
            {
                officialTaxCode = tc.Value.Value;
            }
        }

        var office = await kernel.Offices.AsNoTracking().SingleOrDefaultAsync(o => o.EnteId == ente.Id && o.Code == input.OfficeCode, ct);
        if (office is null)
        {
            errors[nameof(input.OfficeCode)] = "Scegli l'ufficio responsabile tra gli uffici dell'ente.";
        }

        if (errors.Count > 0)
        {
            return new Error("service.invalid", "Il servizio non è stato salvato: correggi i campi indicati.");
        }

        var now = time.GetUtcNow();
        if (service is null)
        {
            service = new Service
            {
                Id = Guid.CreateVersion7(now), EnteId = ente.Id, Slug = slug, Title = title, Category = category, Summary = summary, WhoMayApply = who,
                HowTo = how, DocumentsNeeded = documents, Costs = costs, OfficeCode = office!.Code, OfficeName = office.Name, ResponsibleOfficial = official,
                LegalBasis = legal, Contacts = contacts, CreatedAt = now,
            };
            db.Services.Add(service);

            // Every service has a form from the start: a generic one the administrator then edits and publishes anew.
            var json = StarterForm(title).ToJson();
            db.FormVersions.Add(new FormVersion
            {
                Id = Guid.CreateVersion7(now), EnteId = ente.Id, ServiceId = service.Id, Number = 1, Json = json, Sha256 = FormEditor.Sha256(json),
                CreatedAt = now, PublishedAt = now, CreatedBy = user.DisplayName ?? user.TaxCode ?? "amministratore",
            });
        }
        else
        {
            if (expectedVersion is { } v && v != service.Version)
            {
                return new Error("service.concurrency", "Il servizio è stato modificato da un'altra persona nel frattempo: ricarica la pagina e ripeti le modifiche.");
            }

            service.Slug = slug;
            service.Title = title;
            service.Category = category;
            service.Summary = summary;
            service.WhoMayApply = who;
            service.HowTo = how;
            service.DocumentsNeeded = documents;
            service.Costs = costs;
            service.OfficeCode = office!.Code;
            service.OfficeName = office.Name;
            service.ResponsibleOfficial = official;
            service.LegalBasis = legal;
            service.Contacts = contacts;
        }

        service.TermDays = input.TermDays;
        service.SilentAssent = input.SilentAssent;
        service.ResponsibleOfficialTaxCode = officialTaxCode;
        service.SpidLevel = input.SpidLevel;
        service.Published = input.Published;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Error("service.concurrency", "Il servizio è stato modificato da un'altra persona nel frattempo: ricarica la pagina e ripeti le modifiche.");
        }

        return service.Id;
    }

    internal static FormDefinition StarterForm(string title) => new()
    {
        Title = title,
        Steps =
        [
            new FormStep
            {
                Key = "richiedente",
                Title = "Richiedente",
                Fields =
                [
                    new FormField { Key = "nome", Label = "Nome e cognome", Type = FieldTypes.Text, Required = true, ReadOnly = true, Prefill = "fullName" },
                    new FormField { Key = "codiceFiscale", Label = "Codice fiscale", Type = FieldTypes.TaxCode, Required = true, ReadOnly = true, Prefill = "taxCode" },
                    new FormField { Key = "email", Label = "E-mail", Type = FieldTypes.Email, Required = true, Prefill = "email" },
                ],
            },
            new FormStep
            {
                Key = "richiesta",
                Title = "Richiesta",
                Fields = [new FormField { Key = "testo", Label = "Descrizione della richiesta", Type = FieldTypes.LongText, Required = true, MaxLength = 4000 }],
            },
        ],
    };

    private static string Slugify(string title)
    {
        var sb = new StringBuilder();
        foreach (var c in title.ToLowerInvariant().Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                sb.Append(c);
            }
            else if ((char.IsWhiteSpace(c) || c is '-' or '\'' or '_') && sb.Length > 0 && sb[^1] != '-')
            {
                sb.Append('-');
            }
        }

        var slug = sb.ToString().Trim('-');
        return slug.Length > 100 ? slug[..100].TrimEnd('-') : slug;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();
}

/// <summary>What a version of a form is used by.</summary>
internal sealed record FormVersionRow(FormVersion Version, int Drafts, int Applications);

/// <summary>
/// Edits a service's form. The administrator works on a working copy (an unpublished version); publishing stamps it, and from
/// then on it never changes: the next edit makes a new version. Drafts and applications keep the version they were started on.
/// </summary>
internal sealed class FormEditor(ApplicationsDb db, ICurrentUser user, TimeProvider time)
{
    public static string Sha256(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));

    public Task<Service?> ServiceAsync(Ente ente, Guid serviceId, CancellationToken ct)
        => db.Services.AsNoTracking().SingleOrDefaultAsync(s => s.Id == serviceId && s.EnteId == ente.Id, ct);

    public async Task<List<FormVersionRow>> VersionsAsync(Guid serviceId, CancellationToken ct)
    {
        var versions = await db.FormVersions.AsNoTracking().Where(f => f.ServiceId == serviceId).OrderByDescending(f => f.Number).ToListAsync(ct);
        var drafts = await db.Drafts.AsNoTracking().Where(d => d.ServiceId == serviceId).GroupBy(d => d.FormVersionId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var applications = await db.Submissions.AsNoTracking().Where(s => s.ServiceId == serviceId).GroupBy(s => s.FormVersionId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return versions.Select(v => new FormVersionRow(v, drafts.GetValueOrDefault(v.Id), applications.GetValueOrDefault(v.Id))).ToList();
    }

    /// <summary>Saves the working copy (valid definitions only) or publishes it as a new version.</summary>
    public async Task<Result<FormVersion>> HandleAsync(Service service, string? json, bool publish, List<string> errors, CancellationToken ct)
    {
        var (form, problems) = DefinitionValidator.Validate(json ?? "");
        errors.AddRange(problems);
        if (form is null)
        {
            return new Error("form.invalid", "La definizione del modulo contiene errori: non è stata salvata.");
        }

        // Stored in the engine's own canonical shape, so that equal definitions have equal fingerprints.
        var canonical = form.ToJson();
        var sha = Sha256(canonical);
        var now = time.GetUtcNow();
        var latest = await db.FormVersions.Where(f => f.ServiceId == service.Id).OrderByDescending(f => f.Number).FirstOrDefaultAsync(ct);
        var published = await db.FormVersions.AsNoTracking().Where(f => f.ServiceId == service.Id && f.PublishedAt != null)
            .OrderByDescending(f => f.Number).FirstOrDefaultAsync(ct);
        if (publish && published?.Sha256 == sha && latest?.PublishedAt is not null)
        {
            errors.Add($"La definizione è identica alla versione {published.Number} già pubblicata: non c'è nulla da pubblicare.");
            return new Error("form.unchanged", errors[^1]);
        }

        FormVersion version;
        if (latest is { PublishedAt: null })
        {
            // The working copy may change until it is published.
            version = latest;
            version.Json = canonical;
            version.Sha256 = sha;
            version.CreatedAt = now;
            version.CreatedBy = user.DisplayName ?? user.TaxCode ?? "amministratore";
        }
        else
        {
            version = new FormVersion
            {
                Id = Guid.CreateVersion7(now), EnteId = service.EnteId, ServiceId = service.Id, Number = (latest?.Number ?? 0) + 1, Json = canonical, Sha256 = sha,
                CreatedAt = now, CreatedBy = user.DisplayName ?? user.TaxCode ?? "amministratore",
            };
            db.FormVersions.Add(version);
        }

        if (publish)
        {
            version.PublishedAt = now;
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two administrators saving at once: the unique (service, number) index lets one through.
            errors.Add("Un'altra persona ha salvato il modulo nello stesso momento: ricarica la pagina e riprova.");
            return new Error("form.concurrency", errors[^1]);
        }

        return version;
    }
}
