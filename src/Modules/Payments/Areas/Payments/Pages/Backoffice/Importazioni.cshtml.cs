using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Users;
using PenToscana.Modules.Payments.Data;
using PenToscana.Modules.Payments.Domain;
using PenToscana.Modules.Payments.Features.Bodies;
using PenToscana.Modules.Payments.Features.ImportPositions;

namespace PenToscana.Modules.Payments.Areas.Payments.Pages.Backoffice;

/// <summary>Bulk import of positions: upload a CSV or JSON file, follow the jobs.</summary>
[Authorize(Policy = "operator")]
[RequestSizeLimit(StartImportHandler.MaxBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = StartImportHandler.MaxBytes)]
internal sealed class ImportazioniModel(PaymentsDb db, StartImportHandler start, ICurrentUser user) : PageModel
{
    public Body Body { get; private set; } = null!;

    public IReadOnlyList<ImportJob> Jobs { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string ipa, CancellationToken ct)
    {
        if (await BodyAccess.ResolveAsync(HttpContext, ipa, ct) is not { } body)
        {
            return NotFound();
        }

        Body = body;
        Jobs = await db.ImportJobs.AsNoTracking().Where(j => j.EnteId == body.Id).OrderByDescending(j => j.CreatedAt).Take(20).ToListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string ipa, IFormFile? file, CancellationToken ct)
    {
        if (await BodyAccess.ResolveAsync(HttpContext, ipa, ct) is not { } body)
        {
            return NotFound();
        }

        Body = body;
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", "Scegli il file da importare.");
        }
        else
        {
            await using var stream = file.OpenReadStream();
            var result = await start.HandleAsync(body, file.FileName, stream, user.TaxCode ?? "api", ct);
            if (result.IsSuccess)
            {
                return LocalRedirect($"/backoffice/{body.Ipa}/pagamenti/importazioni/{result.Value.Id}");
            }

            ModelState.AddModelError("file", result.Error.Message);
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        Jobs = await db.ImportJobs.AsNoTracking().Where(j => j.EnteId == body.Id).OrderByDescending(j => j.CreatedAt).Take(20).ToListAsync(ct);
        return Page();
    }
}
