using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Blobs;
using PenToscana.Kernel.Tenancy;
using PenToscana.Kernel.Users;
using PenToscana.Modules.InfoDesk.Data;
using PenToscana.Modules.InfoDesk.Domain;
using PenToscana.Modules.InfoDesk.Features;
using PenToscana.Modules.InfoDesk.Features.ExportReports;

namespace PenToscana.Modules.InfoDesk.Areas.InfoDesk.Pages.Backoffice;

/// <summary>
/// Exports of the report list: started from the list with its filters, prepared in the background; this page shows the
/// progress (polling the small JSON status) and offers the file when ready. Only the body's own exports are reachable.
/// </summary>
[Authorize(Policy = OperatorAccess.Policy)]
internal sealed class EsportazioniModel(InfoDeskDb db, OperatorAccess access, ICurrentUser user, StartExportHandler start, IBlobStore blobs, Bodies bodies) : PageModel
{
    public Ente Ente { get; private set; } = null!;

    public ReportExport? Export { get; private set; }

    public string FilterText { get; private set; } = "";

    public IReadOnlyList<ReportExport> Recent { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string ipa, Guid? id, CancellationToken ct)
    {
        if (!await LoadAsync(ipa, id, ct))
        {
            return NotFound();
        }

        if (Export is { } export)
        {
            var offices = (await bodies.OfficesOfAsync(Ente.Id, ct)).ToDictionary(o => o.Id, o => o.Name);
            FilterText = System.Text.Json.JsonSerializer.Deserialize<ReportFilter>(export.Filters)!.Describe(offices);
        }
        else
        {
            Recent = await db.Exports.IgnoreQueryFilters().AsNoTracking().Where(e => e.EnteId == Ente.Id)
                .OrderByDescending(e => e.CreatedAt).Take(20).ToListAsync(ct);
        }

        return Page();
    }

    /// <summary>The progress, for the page's script: status, rows written of the total, and the file's address when ready.</summary>
    public async Task<IActionResult> OnGetStatoAsync(string ipa, Guid? id, CancellationToken ct)
    {
        if (!await LoadAsync(ipa, id, ct) || Export is not { } e)
        {
            return NotFound();
        }

        return new JsonResult(new
        {
            status = e.Status.ToString().ToLowerInvariant(),
            total = e.Total,
            done = e.Done,
            percent = Percent(e),
            message = StatusText(e),
            download = e.Status == ExportStatus.Completed ? $"/backoffice/{Ente.IpaCode}/segnalazioni/esportazioni/{e.Id}?handler=File" : null,
        });
    }

    public async Task<IActionResult> OnGetFileAsync(string ipa, Guid? id, CancellationToken ct)
    {
        if (!await LoadAsync(ipa, id, ct) || Export is not { Status: ExportStatus.Completed, BlobSha256: { } sha } e)
        {
            return NotFound();
        }

        var stream = await blobs.OpenReadAsync(sha, cancellationToken: ct);
        return File(stream, ExportRunner.ContentType(e), ExportRunner.FileName(e, Ente.IpaCode));
    }

    public async Task<IActionResult> OnPostAsync(string ipa, string? formato, [FromForm(Name = "stato")] ReportState? state, [FromForm(Name = "aperte")] bool onlyOpen,
        [FromForm(Name = "categoria")] string? category, [FromForm(Name = "canale")] ReportChannel? channel, [FromForm(Name = "ufficio")] Guid? office,
        [FromForm(Name = "q")] string? text, CancellationToken ct)
    {
        if (!await LoadAsync(ipa, null, ct))
        {
            return NotFound();
        }

        var started = await start.HandleAsync(new StartExportRequest(Ente.Id, formato, new ReportFilter(state, onlyOpen, category, channel, office, text), user.TaxCode), ct);
        if (started.IsFailure)
        {
            ModelState.AddModelError(string.Empty, started.Error.Message);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            Recent = await db.Exports.IgnoreQueryFilters().AsNoTracking().Where(e => e.EnteId == Ente.Id).OrderByDescending(e => e.CreatedAt).Take(20).ToListAsync(ct);
            return Page();
        }

        return Redirect($"/backoffice/{ipa}/segnalazioni/esportazioni/{started.Value.Id}");
    }

    public static int Percent(ReportExport e) => e.Status == ExportStatus.Completed ? 100 : e.Total == 0 ? 0 : (int)Math.Min(99, e.Done * 100L / e.Total);

    public static string StatusText(ReportExport e) => e.Status switch
    {
        ExportStatus.Queued => "In coda: l'esportazione partirà a breve.",
        ExportStatus.Running => $"In preparazione: {e.Done} di {e.Total} segnalazioni scritte.",
        ExportStatus.Completed => $"Pronta: {e.Total} segnalazioni.",
        _ => e.Error ?? "Esportazione non riuscita.",
    };

    private async Task<bool> LoadAsync(string ipa, Guid? id, CancellationToken ct)
    {
        if (await access.BodyAsync(ipa, ct) is not { } ente)
        {
            return false;
        }

        Ente = ente;
        if (id is { } exportId)
        {
            Export = await db.Exports.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(e => e.Id == exportId && e.EnteId == ente.Id, ct);
            return Export is not null;
        }

        return true;
    }
}
