using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Users;
using PenToscana.Modules.Identity.Data;
using PenToscana.Modules.Identity.Features.Delegations;

namespace PenToscana.Modules.Identity.Areas.Identity.Pages.AreaPersonale;

/// <summary>The delegations a citizen has given: create one, see them all (active, expired, revoked), revoke.</summary>
[Authorize]
internal sealed class DelegheModel(IdentityDb db, ICurrentUser user, DelegateAccessHandler create, RevokeDelegationHandler revoke, TimeProvider time) : PageModel
{
    public IReadOnlyList<Delegation> Given { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    [BindProperty]
    public string? DelegateTaxCode { get; set; }

    [BindProperty]
    public bool AllServices { get; set; } = true;

    [BindProperty]
    public string? Services { get; set; }

    [BindProperty]
    public DateOnly? ExpiresOn { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        // A date the browser could not parse must not look like "no date": the handler's message covers both.
        ModelState.Remove(nameof(ExpiresOn));
        var result = await create.HandleAsync(new DelegateAccessRequest(DelegateTaxCode, AllServices, Services, ExpiresOn), ct);
        if (result.IsFailure)
        {
            ModelState.AddModelError(result.Error!.Code, result.Error.Message);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            await LoadAsync(ct);
            return Page();
        }

        TempData["Success"] = "Delega conferita.";
        return LocalRedirect("/area-personale/deleghe");
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken ct)
    {
        if (!await revoke.HandleAsync(id, ct))
        {
            return NotFound();
        }

        TempData["Success"] = "Delega revocata.";
        return LocalRedirect("/area-personale/deleghe");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Now = time.GetUtcNow();
        Given = await db.Delegations.AsNoTracking().Where(d => d.DelegatorTaxCode == user.TaxCode).OrderByDescending(d => d.CreatedAt).ToListAsync(ct);
        var codes = Given.Select(d => d.DelegateTaxCode).Distinct().ToList();
        DelegateNames = await db.People.AsNoTracking().Where(p => codes.Contains(p.TaxCode)).ToDictionaryAsync(p => p.TaxCode, p => p.DisplayName, ct);
    }

    public IReadOnlyDictionary<string, string> DelegateNames { get; private set; } = new Dictionary<string, string>();
}
