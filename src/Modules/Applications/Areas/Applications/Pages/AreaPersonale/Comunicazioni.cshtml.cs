using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PenToscana.Modules.Applications.Features.Communications;

namespace PenToscana.Modules.Applications.Areas.Applications.Pages.AreaPersonale;

/// <summary>Every outgoing protocolled communication of any body addressed to the signed-in person, with read marks.</summary>
[Authorize]
internal sealed class ComunicazioniModel(CommunicationsReader reader) : PageModel
{
    public IReadOnlyList<Communication> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Items = await reader.ListAsync(ct);

    public async Task<IActionResult> OnPostReadAsync(Guid entryId, CancellationToken ct)
    {
        if (await reader.MineAsync(entryId, ct) is null)
        {
            return NotFound();
        }

        await reader.MarkReadAsync(entryId, ct);
        return RedirectToPage();
    }
}
