using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PenToscana.Modules.Payments.Data;
using PenToscana.Modules.Payments.Domain;
using PenToscana.Modules.Payments.Features.Bodies;

namespace PenToscana.Modules.Payments.Areas.Payments.Pages.Backoffice;

/// <summary>One import job of the body in the path: progress bar while it runs, then the error report and the notices ZIP.</summary>
[Authorize(Policy = "operator")]
internal sealed class ImportazioneModel(PaymentsDb db) : PageModel
{
    public ImportJob Job { get; private set; } = null!;

    public Body Body { get; private set; } = null!;

    public int Percent => Job.Status == ImportStatus.Completed ? 100 : Job.TotalBytes is > 0 ? (int)Math.Min(99, Job.BytesRead * 100 / Job.TotalBytes.Value) : 0;

    public bool Running => Job.Status is ImportStatus.Queued or ImportStatus.Running;

    public async Task<IActionResult> OnGetAsync(string ipa, Guid id, CancellationToken ct)
    {
        // Another body's job is not found, the same as an id that does not exist: ids do not leak.
        if (await BodyAccess.ResolveAsync(HttpContext, ipa, ct) is not { } body
            || await db.ImportJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id && j.EnteId == body.Id, ct) is not { } job)
        {
            return NotFound();
        }

        Job = job;
        Body = body;
        return Page();
    }
}
