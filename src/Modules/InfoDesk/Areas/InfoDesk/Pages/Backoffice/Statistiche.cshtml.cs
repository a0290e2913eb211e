using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PenToscana.Kernel.Tenancy;
using PenToscana.Modules.InfoDesk.Features;
using PenToscana.Modules.InfoDesk.Features.Statistics;

namespace PenToscana.Modules.InfoDesk.Areas.InfoDesk.Pages.Backoffice;

[Authorize(Policy = OperatorAccess.Policy)]
internal sealed class StatisticheModel(OperatorAccess access, ReportStatisticsHandler statistics) : PageModel
{
    public Ente Ente { get; private set; } = null!;

    public ReportStatisticsResult Stats { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string ipa, CancellationToken ct)
    {
        if (await access.BodyAsync(ipa, ct) is not { } ente)
        {
            return NotFound();
        }

        Ente = ente;
        Stats = await statistics.HandleAsync(ente.Id, ct);
        return Page();
    }
}
