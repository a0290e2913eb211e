using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Tenancy;
using PenToscana.Modules.Applications.Data;
using PenToscana.Modules.Applications.Features.AssistedAccess;

namespace PenToscana.Modules.Applications.Areas.Applications.Pages.Backoffice.Sportello;

/// <summary>The receipt of an application taken at one of the body's desks, to print and hand to the citizen.</summary>
[Authorize(Policy = "operator")]
internal sealed class RicevutaModel(DeskAccess access, ApplicationsDb db) : PageModel
{
    public Ente Ente { get; private set; } = null!;

    public Submission Submission { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string ipa, Guid id, CancellationToken ct)
    {
        if (await access.BodyAsync(ipa, ct) is not { } ente || await DeskReceipts.FindAsync(db, ente, id, ct) is not { } s)
        {
            return NotFound();
        }

        Ente = ente;
        Submission = s;
        return Page();
    }
}

internal static class DeskReceipts
{
    /// <summary>
    /// An application taken at a desk of <paramref name="desk"/>. It may be for another body, so the back office's body filter
    /// is lifted for this one lookup, which is bound to the desk's body instead.
    /// </summary>
    public static Task<Submission?> FindAsync(ApplicationsDb db, Ente desk, Guid id, CancellationToken ct)
        => db.Submissions.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id && s.AssistedDeskEnteId == desk.Id, ct);
}
