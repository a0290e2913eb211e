using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Users;

namespace PenToscana.Web.Pages.AreaPersonale;

/// <summary>The citizen's personal area: one place across all bodies. Modules add their sections here as they arrive.</summary>
public sealed class AreaPersonaleModel(ICurrentUser user, KernelDb db) : PageModel
{
    public string DisplayName => user.DisplayName ?? "";

    public string TaxCode => user.TaxCode ?? "";

    public string? Email => user.Email;

    public IReadOnlyList<(string Ente, string Role)> Roles { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var ids = user.Roles.Select(r => r.EnteId).Distinct().ToList();
        var names = await db.Enti.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        Roles = user.Roles.Select(r => (names.GetValueOrDefault(r.EnteId, "?"), r.Role)).OrderBy(r => r.Item1).ToList();
    }
}
