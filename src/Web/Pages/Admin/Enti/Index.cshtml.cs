using Microsoft.AspNetCore.Mvc.RazorPages;
using PenToscana.Kernel.Tenancy;
using PenToscana.Kernel.Users;

namespace PenToscana.Web.Pages.Admin.Enti;

public sealed class EntiListModel(AdminBodies bodies, ICurrentUser user) : PageModel
{
    public IReadOnlyList<Ente> Enti { get; private set; } = [];

    public bool CanCreate => user.IsPlatformAdmin;

    public async Task OnGetAsync(CancellationToken ct) => Enti = await bodies.VisibleAsync(ct);
}
