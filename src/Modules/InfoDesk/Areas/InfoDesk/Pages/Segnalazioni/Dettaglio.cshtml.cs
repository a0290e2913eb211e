using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Tenancy;
using PenToscana.Modules.InfoDesk.Data;
using PenToscana.Modules.InfoDesk.Domain;
using PenToscana.Modules.InfoDesk.Features;
using PenToscana.Modules.InfoDesk.Features.FollowReport;

namespace PenToscana.Modules.InfoDesk.Areas.InfoDesk.Pages.Segnalazioni;

/// <summary>
/// A report as the public sees it (no personal data; text and photos only once approved), and as its reporter sees it
/// (signed in, or with the tracking code): with their comments, and the forms to comment and to reopen.
/// </summary>
[EnableRateLimiting("public-post")]
internal sealed class DettaglioModel(InfoDeskDb db, Bodies bodies, FollowReportHandler follow, TimeProvider time) : PageModel
{
    public Report Report { get; private set; } = null!;

    public Ente Handling { get; private set; } = null!;

    public string Ipa { get; private set; } = "";

    public bool IsOwner { get; private set; }

    public bool CanReopen { get; private set; }

    public string? Code { get; private set; }

    public IEnumerable<ReportEvent> VisibleEvents => Report.Events
        .Where(e => IsOwner ? e.Kind is not (ReportEventKind.InternalNote or ReportEventKind.Moderated) : e.IsPublic)
        .OrderBy(e => e.At);

    public bool ShowText => IsOwner || Report.Moderation == Moderation.Approved;

    public async Task<IActionResult> OnGetAsync(string ipa, Guid id, string? codice, CancellationToken ct)
        => await LoadAsync(ipa, id, codice, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string ipa, Guid id, string action, string? text, string? codice, CancellationToken ct)
    {
        var what = action switch
        {
            "riapri" => CitizenAction.Reopen,
            "sostieni" => CitizenAction.Support,
            _ => CitizenAction.Comment,
        };
        var result = await follow.HandleAsync(id, what, text, codice, ct);
        if (!await LoadAsync(ipa, id, codice, ct))
        {
            return NotFound();
        }

        if (result.IsFailure)
        {
            ModelState.AddModelError(string.Empty, result.Error.Message);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        TempData["Success"] = what switch
        {
            CitizenAction.Reopen => "Segnalazione riaperta: l'ufficio la riprenderà in carico.",
            CitizenAction.Support => "Grazie: ora segui questa segnalazione.",
            _ => "Commento inviato.",
        };
        return Redirect($"/enti/{ipa}/segnalazioni/{id}" + (string.IsNullOrEmpty(codice) ? "" : $"?codice={Uri.EscapeDataString(codice)}"));
    }

    private async Task<bool> LoadAsync(string ipa, Guid id, string? codice, CancellationToken ct)
    {
        var filedWith = await bodies.ByIpaAsync(ipa, ct);
        if (filedWith is null)
        {
            return false;
        }

        var own = await follow.FindOwnAsync(id, codice, ct);
        var report = own ?? await db.Reports.IgnoreQueryFilters().Include(r => r.Events).Include(r => r.Photos).AsSplitQuery()
            .FirstOrDefaultAsync(r => r.Id == id && r.IsPublic && r.Moderation != Moderation.Hidden, ct);
        if (report is null || (report.FiledWithEnteId != filedWith.Id && report.EnteId != filedWith.Id))
        {
            return false;
        }

        Report = report;
        IsOwner = own is not null;
        Code = IsOwner ? codice : null;
        Ipa = ipa;
        Handling = await bodies.ByIdAsync(report.EnteId, ct) ?? filedWith;
        var settings = await db.Settings.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(s => s.EnteId == report.FiledWithEnteId, ct) ?? new DeskSettings();
        CanReopen = IsOwner && report.State == ReportState.Closed && report.ClosedAt is { } closed && time.GetUtcNow() <= closed.AddDays(settings.ReopenDays);
        return true;
    }
}
