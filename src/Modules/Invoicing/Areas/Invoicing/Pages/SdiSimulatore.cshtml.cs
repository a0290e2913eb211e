using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PenToscana.Modules.Invoicing.Data;
using PenToscana.Modules.Invoicing.Features.SdiSimulator;

namespace PenToscana.Modules.Invoicing.Areas.Invoicing.Pages;

/// <summary>The platform administrator's view of the SdI simulator: its clock and the messages it exchanged.</summary>
[Authorize(Policy = SdiSimulatorEndpoints.AdminPolicy)]
internal sealed class SdiSimulatoreModel(InvoicingDb db, IServiceProvider services) : PageModel
{
    public DateTimeOffset Now { get; private set; }

    public IReadOnlyList<SdiSimMessage> Messages { get; private set; } = [];

    [BindProperty]
    public int Giorni { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var clock = services.GetService(typeof(SdiSimulatorClock)) as SdiSimulatorClock;
        if (clock is null)
        {
            return NotFound(); // simulator switched off
        }

        Now = await clock.NowAsync(ct);
        Messages = await db.SdiSimMessages.AsNoTracking().OrderByDescending(m => m.At).Take(300).ToListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (services.GetService(typeof(SdiSimulatorClock)) is not SdiSimulatorClock clock || services.GetService(typeof(SdiSimulator)) is not SdiSimulator simulator)
        {
            return NotFound();
        }

        if (Giorni is < 1 or > 366)
        {
            Error = "Indica di quanti giorni, da 1 a 366, far avanzare l'orologio del simulatore.";
            Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status422UnprocessableEntity;
            return await OnGetAsync(ct);
        }

        var now = await clock.AdvanceAsync(TimeSpan.FromDays(Giorni), ct);
        int processed = await simulator.TickAsync(ct);
        TempData["Success"] = $"Orologio del simulatore avanzato di {Giorni} giorni: ora è {now:dd/MM/yyyy HH:mm} (UTC); {processed} file elaborati.";
        return RedirectToPage();
    }
}
