using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Audit;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Tenancy;
using PenToscana.Kernel.Users;
using PenToscana.Web.Pages.Admin.Enti;

namespace PenToscana.Web.Pages.Admin.Uffici;

/// <summary>One office. The body filter hides offices of bodies the operator does not work for: they are 404.</summary>
public sealed class UfficioModel(KernelDb db, AdminBodies bodies, AuditLog audit, ICurrentUser user) : PageModel
{
    public Office Office { get; private set; } = null!;

    public string EnteName { get; private set; } = "";

    public OfficeInput Input { get; set; } = new();

    public long Version { get; set; }

    public bool CanAdminister { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        Input = new OfficeInput { Code = Office.Code, Name = Office.Name, Email = Office.Email };
        Version = Office.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, [Bind(Prefix = "Input")] OfficeInput input, long version, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (!CanAdminister)
        {
            return Forbid();
        }

        Input = input;
        Version = version;
        string code = input.Code?.Trim() ?? "";
        if (ModelState.IsValid && await db.Offices.AnyAsync(o => o.EnteId == Office.EnteId && o.Id != id && o.Code == code, ct))
        {
            ModelState.AddModelError("Input.Code", "Esiste già un altro ufficio con questo codice.");
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var tracked = await db.Offices.SingleAsync(o => o.Id == id, ct);
        db.Entry(tracked).Property(o => o.Version).OriginalValue = version;
        tracked.Code = code;
        tracked.Name = input.Name.Trim();
        tracked.Email = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", "Un altro utente ha modificato l'ufficio nel frattempo: ricarica la pagina e ripeti la modifica.");
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        await audit.AppendAsync(new AuditRecord(user.TaxCode ?? "?", "kernel.office.updated", tracked.EnteId, code), ct);
        TempData["Success"] = "Ufficio salvato.";
        return Redirect($"/admin/uffici/{id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var office = await db.Offices.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, ct);
        if (office is null)
        {
            return false;
        }

        var ente = await bodies.FindVisibleAsync(office.EnteId, tracked: false, ct);
        if (ente is null)
        {
            return false;
        }

        Office = office;
        EnteName = ente.Name;
        CanAdminister = bodies.CanAdminister(office.EnteId);
        return true;
    }
}
