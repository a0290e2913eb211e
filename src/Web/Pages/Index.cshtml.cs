using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Tenancy;

namespace PenToscana.Web.Pages;

public sealed class IndexModel(KernelDb db) : PageModel
{
    public IReadOnlyList<Ente> Enti { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
        => Enti = await db.Enti.AsNoTracking().OrderBy(e => e.Kind).ThenBy(e => e.Name).ToListAsync(ct);
}
