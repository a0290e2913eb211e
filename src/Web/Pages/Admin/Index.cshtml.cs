using Microsoft.AspNetCore.Mvc.RazorPages;
using PenToscana.Kernel.Users;

namespace PenToscana.Web.Pages.Admin;

public sealed class AdminIndexModel(ICurrentUser user, AdminBodies bodies) : PageModel
{
    public bool IsPlatformAdmin => user.IsPlatformAdmin;

    public int EntiCount { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => EntiCount = (await bodies.VisibleAsync(ct)).Count;
}
