using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Users;
using PenToscana.Modules.Payments.Data;
using PenToscana.Modules.Payments.Features.Bodies;
using PenToscana.Modules.Payments.Features.Webhooks;

namespace PenToscana.Modules.Payments.Areas.Payments.Pages.Backoffice;

/// <summary>The body's webhooks: addresses of its own systems told of each paid position (body administrators only).</summary>
[Authorize(Policy = "operator")]
internal sealed class WebhookModel(PaymentsDb db, RegisterWebhookHandler register, ICurrentUser user) : PageModel
{
    public Body Body { get; private set; } = null!;

    public IReadOnlyList<Webhook> Hooks { get; private set; } = [];

    [BindProperty]
    public string? Address { get; set; }

    [BindProperty]
    public string? Secret { get; set; }

    public async Task<IActionResult> OnGetAsync(string ipa, CancellationToken ct)
    {
        if (await ResolveAdminAsync(ipa, ct) is not { } body)
        {
            return NotFound();
        }

        Body = body;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string ipa, CancellationToken ct)
    {
        if (await ResolveAdminAsync(ipa, ct) is not { } body)
        {
            return NotFound();
        }

        Body = body;
        var result = await register.HandleAsync(body, Address, Secret, user.TaxCode ?? "", ct);
        if (result.IsSuccess)
        {
            TempData["Success"] = $"Webhook registrato: {result.Value.Url}";
            return LocalRedirect($"/backoffice/{body.Ipa}/pagamenti/webhook");
        }

        ModelState.AddModelError(nameof(Address), result.Error.Message);
        Secret = null;
        await LoadAsync(ct);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(string ipa, Guid id, CancellationToken ct)
    {
        if (await ResolveAdminAsync(ipa, ct) is not { } body)
        {
            return NotFound();
        }

        var hook = await db.Webhooks.SingleOrDefaultAsync(w => w.Id == id && w.EnteId == body.Id, ct);
        if (hook is null)
        {
            return NotFound();
        }

        db.Webhooks.Remove(hook);
        await db.SaveChangesAsync(ct);
        TempData["Success"] = $"Webhook eliminato: {hook.Url}";
        return LocalRedirect($"/backoffice/{body.Ipa}/pagamenti/webhook");
    }

    private async Task LoadAsync(CancellationToken ct)
        => Hooks = await db.Webhooks.AsNoTracking().Where(w => w.EnteId == Body.Id)
            .Include(w => w.Deliveries.OrderByDescending(d => d.CreatedAt).Take(10))
            .OrderBy(w => w.CreatedAt).ToListAsync(ct);

    private async Task<Body?> ResolveAdminAsync(string ipa, CancellationToken ct)
        => await BodyAccess.ResolveAsync(HttpContext, ipa, ct) is { } body && (user.IsPlatformAdmin || user.HasRole(body.Id, PlatformRoles.BodyAdmin)) ? body : null;
}
