using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Audit;
using PenToscana.Kernel.Blobs;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Security;
using PenToscana.Kernel.Tenancy;
using PenToscana.Kernel.Users;

namespace PenToscana.Web.Pages.Admin.Enti;

/// <summary>One body's administration: its data, AOOs and offices. Operators of other bodies get 404.</summary>
public sealed class EnteAdminModel(KernelDb db, AdminBodies bodies, AuditLog audit, ICurrentUser user, IBlobStore blobs, TimeProvider time, BodySeals seals) : PageModel
{
    /// <summary>The body's electronic seal, shown to its administrators.</summary>
    public BodySeal? Seal { get; private set; }

    public Ente Current { get; private set; } = null!;

    public EnteInput Ente { get; set; } = new();

    public long Version { get; set; }

    public AooInput NewAoo { get; set; } = new();

    public OfficeInput NewOffice { get; set; } = new();

    public IReadOnlyList<Aoo> Aoos { get; private set; } = [];

    public IReadOnlyList<Office> Offices { get; private set; } = [];

    public bool CanAdminister { get; private set; }

    /// <summary>Which form was posted, to show its errors next to it.</summary>
    public string? Form { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Ente = EnteInput.From(Current);
        Version = Current.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, [Bind(Prefix = "Ente")] EnteInput ente, long version, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (!CanAdminister)
        {
            return Forbid();
        }

        Form = "ente";
        Ente = ente;
        Version = version;
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var tracked = await db.Enti.SingleAsync(e => e.Id == id, ct);
        db.Entry(tracked).Property(e => e.Version).OriginalValue = version;
        ente.ApplyTo(tracked);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", "Un altro utente ha modificato i dati dell'ente nel frattempo: ricarica la pagina e ripeti la modifica.");
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        await audit.AppendAsync(new AuditRecord(user.TaxCode ?? "?", "kernel.ente.updated", id, tracked.Name), ct);
        TempData["Success"] = "Dati dell'ente salvati.";
        return Redirect($"/admin/enti/{id}");
    }

    public async Task<IActionResult> OnPostAooAsync(Guid id, [Bind(Prefix = "NewAoo")] AooInput newAoo, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (!CanAdminister)
        {
            return Forbid();
        }

        Form = "aoo";
        NewAoo = newAoo;
        Ente = EnteInput.From(Current);
        Version = Current.Version;
        string code = newAoo.Code?.Trim() ?? "";
        if (ModelState.IsValid && Aoos.Any(a => string.Equals(a.Code, code, StringComparison.OrdinalIgnoreCase)))
        {
            ModelState.AddModelError("NewAoo.Code", "Esiste già una AOO con questo codice.");
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        db.Aoos.Add(new Aoo { Id = Guid.CreateVersion7(time.GetUtcNow()), EnteId = id, Code = code, Name = newAoo.Name.Trim() });
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditRecord(user.TaxCode ?? "?", "kernel.aoo.created", id, code), ct);
        TempData["Success"] = $"AOO {code} aggiunta.";
        return Redirect($"/admin/enti/{id}");
    }

    public async Task<IActionResult> OnPostOfficeAsync(Guid id, [Bind(Prefix = "NewOffice")] OfficeInput newOffice, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (!CanAdminister)
        {
            return Forbid();
        }

        Form = "office";
        NewOffice = newOffice;
        Ente = EnteInput.From(Current);
        Version = Current.Version;
        string code = newOffice.Code?.Trim() ?? "";
        if (ModelState.IsValid && Offices.Any(o => string.Equals(o.Code, code, StringComparison.OrdinalIgnoreCase)))
        {
            ModelState.AddModelError("NewOffice.Code", "Esiste già un ufficio con questo codice.");
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        db.Offices.Add(new Office
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            EnteId = id,
            AooId = Aoos.Count > 0 ? Aoos[0].Id : null,
            Code = code,
            Name = newOffice.Name.Trim(),
            Email = string.IsNullOrWhiteSpace(newOffice.Email) ? null : newOffice.Email.Trim(),
        });
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditRecord(user.TaxCode ?? "?", "kernel.office.created", id, code), ct);
        TempData["Success"] = $"Ufficio {code} aggiunto.";
        return Redirect($"/admin/enti/{id}");
    }

    public async Task<IActionResult> OnPostLogoAsync(Guid id, IFormFile? logo, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (!CanAdminister)
        {
            return Forbid();
        }

        Form = "logo";
        Ente = EnteInput.From(Current);
        Version = Current.Version;
        string? contentType = null;
        using var buffer = new MemoryStream();
        if (logo is null || logo.Length == 0)
        {
            ModelState.AddModelError("logo", "Scegli il file del logo da caricare.");
        }
        else if (logo.Length > MaxLogoBytes)
        {
            ModelState.AddModelError("logo", $"Il file è di {logo.Length / 1024} KB: il logo può essere al massimo di {MaxLogoBytes / 1024} KB.");
        }
        else
        {
            await logo.CopyToAsync(buffer, ct);
            buffer.Position = 0;
            contentType = await FileSignature.DetectAsync(buffer, ct);
            if (contentType is not (FileSignature.Png or FileSignature.Jpeg or FileSignature.WebP))
            {
                ModelState.AddModelError("logo", "Il file non è un'immagine PNG, JPEG o WebP.");
            }
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var stored = await blobs.PutAsync(buffer, cancellationToken: ct);
        var tracked = await db.Enti.SingleAsync(e => e.Id == id, ct);
        tracked.LogoSha256 = stored.Sha256;
        tracked.LogoContentType = contentType;
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditRecord(user.TaxCode ?? "?", "kernel.ente.logo", id, stored.Sha256), ct);
        TempData["Success"] = "Logo aggiornato.";
        return Redirect($"/admin/enti/{id}");
    }

    private const long MaxLogoBytes = 512 * 1024;

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var ente = await bodies.FindVisibleAsync(id, tracked: false, ct);
        if (ente is null)
        {
            return false;
        }

        Current = ente;
        CanAdminister = bodies.CanAdminister(id);
        Seal = CanAdminister ? seals.For(ente.IpaCode, ente.Name) : null;
        Aoos = await db.Aoos.AsNoTracking().Where(a => a.EnteId == id).OrderBy(a => a.Code).ToListAsync(ct);
        Offices = await db.Offices.AsNoTracking().Where(o => o.EnteId == id).OrderBy(o => o.Name).ToListAsync(ct);
        return true;
    }
}
