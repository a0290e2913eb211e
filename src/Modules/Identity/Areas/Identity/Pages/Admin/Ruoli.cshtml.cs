using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Tenancy;
using PenToscana.Kernel.Users;
using PenToscana.Modules.Identity.Data;
using PenToscana.Modules.Identity.Features.ManageRoles;

namespace PenToscana.Modules.Identity.Areas.Identity.Pages.Admin;

/// <summary>
/// The roles one body grants. Operators of the body see them, its administrators grant and revoke them; for anyone
/// else the body does not exist (404).
/// </summary>
[Authorize(Policy = IdentityModule.OperatorPolicy)]
internal sealed class RuoliModel(IdentityDb db, KernelDb kernel, ICurrentUser user, GrantRoleHandler grant, RevokeRoleHandler revoke) : PageModel
{
    public Ente Ente { get; private set; } = null!;

    public IReadOnlyList<GrantRow> Grants { get; private set; } = [];

    public IReadOnlyList<Office> Offices { get; private set; } = [];

    public bool CanAdminister { get; private set; }

    [BindProperty]
    public string? TaxCode { get; set; }

    [BindProperty]
    public string? Role { get; set; }

    [BindProperty]
    public Guid? OfficeId { get; set; }

    public sealed record GrantRow(Guid Id, string TaxCode, string? Name, string Role, string? Office, DateTimeOffset GrantedAt, string GrantedBy);

    public async Task<IActionResult> OnGetAsync(Guid enteId, CancellationToken ct)
        => await LoadAsync(enteId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostGrantAsync(Guid enteId, CancellationToken ct)
    {
        if (!await LoadAsync(enteId, ct))
        {
            return NotFound();
        }

        if (!CanAdminister)
        {
            return Forbid();
        }

        var result = await grant.HandleAsync(new GrantRoleRequest(enteId, TaxCode, Role, OfficeId), ct);
        if (result.IsFailure)
        {
            ModelState.AddModelError(result.Error!.Code, result.Error.Message);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        TempData["Success"] = "Ruolo assegnato. Vale dal prossimo accesso della persona.";
        return Redirect($"/admin/identity/enti/{enteId}/ruoli");
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid enteId, Guid grantId, CancellationToken ct)
    {
        if (!await LoadAsync(enteId, ct))
        {
            return NotFound();
        }

        if (!CanAdminister)
        {
            return Forbid();
        }

        if (!await revoke.HandleAsync(enteId, grantId, ct))
        {
            return NotFound();
        }

        TempData["Success"] = "Ruolo revocato.";
        return Redirect($"/admin/identity/enti/{enteId}/ruoli");
    }

    private async Task<bool> LoadAsync(Guid enteId, CancellationToken ct)
    {
        if (!user.IsPlatformAdmin && !user.OperatorBodies.Contains(enteId))
        {
            return false;
        }

        var ente = await kernel.Enti.AsNoTracking().SingleOrDefaultAsync(e => e.Id == enteId, ct);
        if (ente is null)
        {
            return false;
        }

        Ente = ente;
        CanAdminister = user.HasRole(enteId, PlatformRoles.BodyAdmin);
        Offices = await kernel.Offices.AsNoTracking().Where(o => o.EnteId == enteId).OrderBy(o => o.Name).ToListAsync(ct);
        var grants = await db.RoleGrants.AsNoTracking().Where(g => g.EnteId == enteId).ToListAsync(ct);
        var codes = grants.Select(g => g.PersonTaxCode).Distinct().ToList();
        var names = await db.People.AsNoTracking().Where(p => codes.Contains(p.TaxCode)).ToDictionaryAsync(p => p.TaxCode, p => p.DisplayName, ct);
        var offices = Offices.ToDictionary(o => o.Id, o => o.Name);
        Grants = grants
            .Select(g => new GrantRow(g.Id, g.PersonTaxCode, names.GetValueOrDefault(g.PersonTaxCode), g.Role,
                g.OfficeId is { } o ? offices.GetValueOrDefault(o) : null, g.GrantedAt, g.GrantedBy))
            .OrderBy(g => g.Name ?? g.TaxCode).ThenBy(g => g.Role)
            .ToList();
        return true;
    }
}
