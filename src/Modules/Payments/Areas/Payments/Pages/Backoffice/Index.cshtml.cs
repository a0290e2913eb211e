using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PenToscana.Modules.Payments.Data;
using PenToscana.Modules.Payments.Domain;
using PenToscana.Modules.Payments.Features.Bodies;
using PenToscana.Modules.Payments.Features.CancelPosition;
using PenToscana.Modules.Payments.Features.CreatePosition;

namespace PenToscana.Modules.Payments.Areas.Payments.Pages.Backoffice;

/// <summary>The body's debt positions: search, create a single-payment position, cancel.</summary>
[Authorize(Policy = "operator")]
internal sealed class IndexModel(PaymentsDb db, CreatePositionHandler create, CancelPositionHandler cancel) : PageModel
{
    public Body Body { get; private set; } = null!;

    public IReadOnlyList<DebtPosition> Positions { get; private set; } = [];

    public IReadOnlyList<PaymentService> Services { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty]
    public string? DebtorTaxCode { get; set; }

    [BindProperty]
    public string? DebtorName { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public decimal? Amount { get; set; }

    [BindProperty]
    public DateOnly? DueDate { get; set; }

    [BindProperty]
    public string? ServiceCode { get; set; }

    public async Task<IActionResult> OnGetAsync(string ipa, CancellationToken ct)
    {
        if (await BodyAccess.ResolveAsync(HttpContext, ipa, ct) is not { } body)
        {
            return NotFound();
        }

        Body = body;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(string ipa, CancellationToken ct)
    {
        if (await BodyAccess.ResolveAsync(HttpContext, ipa, ct) is not { } body)
        {
            return NotFound();
        }

        Body = body;
        ModelState.Clear();
        if (Amount is null || DueDate is null)
        {
            ModelState.AddModelError(nameof(Amount), "Indica l'importo e la scadenza.");
        }
        else
        {
            var result = await create.HandleAsync(body, new CreatePositionRequest(new DebtorInput(DebtorTaxCode, DebtorName), Description,
                (long)Math.Round(Amount.Value * 100m), DueDate, ServiceCode: string.IsNullOrEmpty(ServiceCode) ? null : ServiceCode), ct);
            if (result.IsSuccess)
            {
                TempData["Success"] = $"Posizione {result.Value.Iupd} creata e pubblicata.";
                return LocalRedirect($"/backoffice/{body.Ipa}/pagamenti/posizioni/{result.Value.Id}");
            }

            ModelState.AddModelError(string.Empty, result.Error.Message);
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCancelAsync(string ipa, string iupd, CancellationToken ct)
    {
        if (await BodyAccess.ResolveAsync(HttpContext, ipa, ct) is not { } body)
        {
            return NotFound();
        }

        var result = await cancel.HandleAsync(body, iupd, ct);
        if (result is null)
        {
            return NotFound();
        }

        TempData[result.IsSuccess ? "Success" : "Error"] = result.IsSuccess ? $"Posizione {iupd} annullata." : result.Error!.Message;
        return LocalRedirect($"/backoffice/{body.Ipa}/pagamenti");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var query = db.Positions.AsNoTracking().Where(p => p.EnteId == Body.Id);
        if (!string.IsNullOrWhiteSpace(Q))
        {
            string q = Q.Trim().ToUpperInvariant();
            query = query.Where(p => p.DebtorTaxCode == q || p.Iupd == Q.Trim() || p.Options.Any(o => o.Instalments.Any(i => i.NoticeNumber == q)));
        }

        Positions = await query.OrderByDescending(p => p.CreatedAt).Take(50).Include(p => p.Options).ThenInclude(o => o.Instalments).AsSplitQuery().ToListAsync(ct);
        Services = await db.Services.AsNoTracking().Where(s => s.EnteId == Body.Id).OrderBy(s => s.Name).ToListAsync(ct);
    }
}
