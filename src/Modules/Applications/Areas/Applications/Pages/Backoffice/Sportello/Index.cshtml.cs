using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Tenancy;
using PenToscana.Kernel.Users;
using PenToscana.Modules.Applications.Data;
using PenToscana.Modules.Applications.Features.AssistedAccess;

namespace PenToscana.Modules.Applications.Areas.Applications.Pages.Backoffice.Sportello;

/// <summary>
/// The desk (accesso assistito): after checking the citizen's identity document, the operator starts an application of any body's
/// service for them, or continues the citizen's own draft with the code the citizen shows.
/// </summary>
[Authorize(Policy = "operator")]
internal sealed class IndexModel(DeskAccess access, AssistedAccessHandler handler, ApplicationsDb db, KernelDb kernel, ICurrentUser user) : PageModel
{
    public Ente Ente { get; private set; } = null!;

    public IReadOnlyList<DeskService> Services { get; private set; } = [];

    public IReadOnlyList<Submission> Recent { get; private set; } = [];

    public IReadOnlyList<Draft> OpenDrafts { get; private set; } = [];

    [BindProperty]
    public DeskInput Input { get; set; } = new();

    /// <summary>Which form the errors belong to: "nuova" or "bozza".</summary>
    public string? FailedForm { get; private set; }

    public Dictionary<string, string> Errors { get; } = [];

    public string? ErrorFor(string form, string key) => FailedForm == form ? Errors.GetValueOrDefault(key) : null;

    public async Task<IActionResult> OnGetAsync(string ipa, CancellationToken ct)
    {
        if (!await LoadAsync(ipa, ct))
        {
            return NotFound();
        }

        Input.Desk = "URP";
        return Page();
    }

    public async Task<IActionResult> OnPostStartAsync(string ipa, CancellationToken ct)
    {
        if (!await LoadAsync(ipa, ct))
        {
            return NotFound();
        }

        var result = await handler.StartAsync(Ente, Input, Errors, ct);
        if (result.IsFailure)
        {
            FailedForm = "nuova";
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        return LocalRedirect($"/istanze/bozze/{result.Value}/passo/0");
    }

    public async Task<IActionResult> OnPostContinueAsync(string ipa, CancellationToken ct)
    {
        if (!await LoadAsync(ipa, ct))
        {
            return NotFound();
        }

        var result = await handler.ContinueAsync(Ente, Input, Errors, ct);
        if (result.IsFailure)
        {
            FailedForm = "bozza";
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var (draft, step) = result.Value;
        return LocalRedirect(step is { } n ? $"/istanze/bozze/{draft}/passo/{n}" : $"/istanze/bozze/{draft}/riepilogo");
    }

    private async Task<bool> LoadAsync(string ipa, CancellationToken ct)
    {
        if (await access.BodyAsync(ipa, ct) is not { } ente)
        {
            return false;
        }

        Ente = ente;
        Services = await handler.ServicesAsync(kernel, ct);

        // Applications taken at this body's desks, whatever body they are for: the desk reprints their receipts.
        Recent = await db.Submissions.IgnoreQueryFilters().AsNoTracking().Where(s => s.AssistedDeskEnteId == ente.Id)
            .OrderByDescending(s => s.SubmittedAt).Take(20).ToListAsync(ct);
        OpenDrafts = await db.Drafts.IgnoreQueryFilters().AsNoTracking().Where(d => d.AssistedByTaxCode == user.TaxCode && d.AssistedDeskEnteId == ente.Id)
            .OrderByDescending(d => d.UpdatedAt).Take(20).ToListAsync(ct);
        return true;
    }
}
