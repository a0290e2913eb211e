using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PenToscana.Kernel.Audit;
using PenToscana.Kernel.Users;
using PenToscana.Modules.Identity.Data;
using PenToscana.Modules.Identity.Features.Sessions;

namespace PenToscana.Modules.Identity.Areas.Identity.Pages.AreaPersonale;

/// <summary>The user's open sessions (device, start, last activity); any of them can be ended, this one included.</summary>
[Authorize]
internal sealed class SessioniModel(MySessions sessions, ICurrentUser user, AuditLog audit) : PageModel
{
    public IReadOnlyList<UserSession> Sessions { get; private set; } = [];

    public string? CurrentId => User.FindFirst(DbTicketStore.SessionIdClaim)?.Value;

    public async Task OnGetAsync(CancellationToken ct) => Sessions = await sessions.ListAsync(ct);

    public async Task<IActionResult> OnPostEndAsync(string id, CancellationToken ct)
    {
        if (!await sessions.EndAsync(id, ct))
        {
            return NotFound();
        }

        await audit.AppendAsync(new AuditRecord(user.TaxCode!, "identity.session.ended", Details: id == CurrentId ? "sessione corrente" : "altra sessione", OnBehalfOf: user.OnBehalfOf), ct);
        if (id == CurrentId)
        {
            await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return LocalRedirect("/");
        }

        TempData["Success"] = "Sessione chiusa.";
        return LocalRedirect("/area-personale/sessioni");
    }
}
