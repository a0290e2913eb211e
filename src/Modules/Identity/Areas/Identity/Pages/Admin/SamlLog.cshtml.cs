using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PenToscana.Modules.Identity.Data;
using PenToscana.Modules.Identity.Features.Saml;
using PenToscana.Kernel.Calendar;

namespace PenToscana.Modules.Identity.Areas.Identity.Pages.Admin;

/// <summary>The SPID transaction register (24 months), for platform administrators: search by codice fiscale or message ID, read the XML.</summary>
[Authorize(Policy = IdentityModule.PlatformAdminPolicy)]
internal sealed class SamlLogModel(IdentityDb db, IdpRegistry registry) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Cerca { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Voce { get; set; }

    public IReadOnlyList<SamlMessageLog> Entries { get; private set; } = [];

    public SamlMessageLog? Selected { get; private set; }

    public string Local(DateTimeOffset at) => at.ToItalianDisplay();

    public DateTimeOffset? MetadataReadAt => registry.LoadedAt;

    /// <summary>Re-reads the IdP metadata now (e.g. after AgID announced a key rollover); a failing source keeps its last good copy.</summary>
    public async Task<IActionResult> OnPostRefreshAsync(CancellationToken ct)
    {
        await registry.RefreshAsync(ct);
        TempData["Success"] = "Metadati dei gestori dell'identità riletti.";
        return RedirectToPage();
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (Voce is Guid id)
        {
            Selected = await db.SamlMessageLogs.AsNoTracking().SingleOrDefaultAsync(l => l.Id == id, ct);
        }

        var query = db.SamlMessageLogs.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Cerca))
        {
            var term = Cerca.Trim();
            var upper = term.ToUpperInvariant();
            query = query.Where(l => l.TaxCode == upper || l.MessageId == term || l.InResponseTo == term || l.AssertionId == term);
        }

        Entries = await query.OrderByDescending(l => l.At).Take(200).ToListAsync(ct);
    }
}
