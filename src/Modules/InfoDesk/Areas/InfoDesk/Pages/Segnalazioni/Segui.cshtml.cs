using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using PenToscana.Modules.InfoDesk.Features;
using PenToscana.Modules.InfoDesk.Features.FollowReport;

namespace PenToscana.Modules.InfoDesk.Areas.InfoDesk.Pages.Segnalazioni;

/// <summary>An anonymous reporter types the tracking code and reaches their report.</summary>
[EnableRateLimiting("public-post")]
internal sealed class SeguiModel(FollowReportHandler follow, Bodies bodies) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var report = string.IsNullOrWhiteSpace(Code) ? null : await follow.FindByCodeAsync(Code, ct);
        if (report is null)
        {
            ModelState.AddModelError(string.Empty, "Nessuna segnalazione con questo codice: controllare di averlo scritto per intero.");
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var ente = await bodies.ByIdAsync(report.FiledWithEnteId, ct);
        return Redirect($"/enti/{ente!.IpaCode}/segnalazioni/{report.Id}?codice={Uri.EscapeDataString(Code!.Trim())}");
    }
}
