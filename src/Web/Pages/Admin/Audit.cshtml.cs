using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Audit;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Users;
using PenToscana.Kernel.Calendar;

namespace PenToscana.Web.Pages.Admin;

/// <summary>The audit log: platform administrators see and verify all of it; body operators see their bodies' entries.</summary>
public sealed class AuditModel(KernelDb db, AuditLog audit, ICurrentUser user) : PageModel
{
    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public AuditVerification? Verification { get; private set; }

    public bool CanVerify => user.IsPlatformAdmin;

    public string Local(DateTimeOffset at) => at.ToItalianDisplay();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken ct)
    {
        if (!CanVerify)
        {
            return Forbid();
        }

        Verification = await audit.VerifyAsync(ct: ct);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (!user.IsPlatformAdmin)
        {
            var mine = user.OperatorBodies.ToList();
            query = query.Where(e => e.EnteId != null && mine.Contains(e.EnteId.Value));
        }

        Entries = await query.OrderByDescending(e => e.Sequence).Take(200).ToListAsync(ct);
    }
}
