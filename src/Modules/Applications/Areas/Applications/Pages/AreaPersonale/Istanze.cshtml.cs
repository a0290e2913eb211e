using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Calendar;
using PenToscana.Kernel.Users;
using PenToscana.Modules.Applications.Data;
using PenToscana.Modules.Applications.Forms;

namespace PenToscana.Modules.Applications.Areas.Applications.Pages.AreaPersonale;

/// <summary>The applicant's applications across every body, and their drafts.</summary>
[Authorize]
internal sealed class IstanzeModel(ApplicationsDb db, ICurrentUser user, TimeProvider time, Features.AssistedAccess.DeskCodeHandler deskCode) : PageModel
{
    public DateTimeOffset Now { get; private set; }

    public IReadOnlyList<Submission> Submissions { get; private set; } = [];

    public IReadOnlyList<(Draft Draft, string Title)> Drafts { get; private set; } = [];

    public Dictionary<Guid, int> StepCounts { get; } = [];

    public DateOnly Today { get; private set; }

    /// <summary>The citizen lets a desk continue this draft: a code valid for 30 minutes, shown on this page.</summary>
    public async Task<IActionResult> OnPostDeskCodeAsync(Guid bozza, CancellationToken ct)
    {
        if (await deskCode.HandleAsync(bozza, ct) is null)
        {
            return NotFound();
        }

        return LocalRedirect($"/area-personale/istanze#bozza-{bozza}");
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = time.TodayInItaly();
        Now = time.GetUtcNow();
        Submissions = await db.Submissions.AsNoTracking().Where(s => s.ApplicantTaxCode == user.TaxCode).OrderByDescending(s => s.SubmittedAt).ToListAsync(ct);
        var drafts = await db.Drafts.AsNoTracking().Where(d => d.OwnerTaxCode == user.TaxCode || d.AssistedByTaxCode == user.TaxCode).OrderByDescending(d => d.UpdatedAt).ToListAsync(ct);
        var services = await db.Services.AsNoTracking().Where(s => drafts.Select(d => d.ServiceId).Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Title, ct);
        var versionIds = drafts.Select(d => d.FormVersionId).Distinct().ToList();
        var versions = await db.FormVersions.AsNoTracking().Where(f => versionIds.Contains(f.Id)).ToDictionaryAsync(f => f.Id, f => FormDefinition.Parse(f.Json).Steps.Count, ct);
        foreach (var d in drafts)
        {
            StepCounts[d.Id] = versions[d.FormVersionId];
        }

        Drafts = drafts.Select(d => (d, services.GetValueOrDefault(d.ServiceId) ?? "Servizio")).ToList();
    }
}
