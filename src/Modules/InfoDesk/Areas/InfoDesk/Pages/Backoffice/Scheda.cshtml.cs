using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Tenancy;
using PenToscana.Kernel.Users;
using PenToscana.Modules.InfoDesk.Data;
using PenToscana.Modules.InfoDesk.Domain;
using PenToscana.Modules.InfoDesk.Features;
using PenToscana.Modules.InfoDesk.Features.EraseReporter;
using PenToscana.Modules.InfoDesk.Features.WorkReport;

namespace PenToscana.Modules.InfoDesk.Areas.InfoDesk.Pages.Backoffice;

/// <summary>One report in the back office: the reporter's data, the whole history with internal notes, and the actions.</summary>
[Authorize(Policy = OperatorAccess.Policy)]
internal sealed class SchedaModel(InfoDeskDb db, OperatorAccess access, Bodies bodies, WorkReportHandler work, EraseReporterHandler erase, ICurrentUser user) : PageModel
{
    public Ente Ente { get; private set; } = null!;

    public Report Report { get; private set; } = null!;

    public IReadOnlyList<Office> Offices { get; private set; } = [];

    public IReadOnlyList<AnswerTemplate> Templates { get; private set; } = [];

    public string? FiledWithName { get; private set; }

    /// <summary>Body administrators may erase the reporter's personal data on request.</summary>
    public bool CanErase => Report.AnonymisedAt is null && (user.IsPlatformAdmin || user.HasRole(Ente.Id, PlatformRoles.BodyAdmin));

    public async Task<IActionResult> OnGetAsync(string ipa, Guid id, CancellationToken ct)
        => await LoadAsync(ipa, id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string ipa, Guid id, string action, string? text, ReportState? state, Guid? office, bool close, long? version, CancellationToken ct)
    {
        if (!await LoadAsync(ipa, id, ct))
        {
            return NotFound();
        }

        if (action == "anonimizza")
        {
            var erased = await erase.HandleAsync(new EraseReporterRequest(Ente.Id, id, text), ct);
            if (erased.IsFailure)
            {
                ModelState.AddModelError(string.Empty, erased.Error.Message);
                Response.StatusCode = erased.Error.Code == "infodesk.erase.forbidden" ? StatusCodes.Status403Forbidden : StatusCodes.Status422UnprocessableEntity;
                return Page();
            }

            TempData["Success"] = "Dati personali del segnalante cancellati; la segnalazione resta nelle statistiche.";
            return Redirect($"/backoffice/{ipa}/segnalazioni/{id}");
        }

        WorkAction? what = action switch
        {
            "assegna" => WorkAction.Assign,
            "stato" => WorkAction.ChangeState,
            "nota" => WorkAction.InternalNote,
            "risposta" => WorkAction.OfficialAnswer,
            "approva" => WorkAction.Approve,
            "nascondi" => WorkAction.Hide,
            "pubblica" => WorkAction.MakePublic,
            "riservata" => WorkAction.MakePrivate,
            _ => null,
        };
        if (what is null)
        {
            return BadRequest();
        }

        var result = await work.HandleAsync(new WorkReportRequest(id, what.Value, text, state, office, close, version), ct);
        if (result.IsFailure)
        {
            ModelState.AddModelError(string.Empty, result.Error.Message);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            await LoadAsync(ipa, id, ct);
            return Page();
        }

        TempData["Success"] = what switch
        {
            WorkAction.OfficialAnswer => "Risposta inviata; sarà protocollata in partenza.",
            WorkAction.InternalNote => "Nota interna aggiunta.",
            _ => "Segnalazione aggiornata.",
        };
        return Redirect($"/backoffice/{ipa}/segnalazioni/{id}");
    }

    private async Task<bool> LoadAsync(string ipa, Guid id, CancellationToken ct)
    {
        if (await access.BodyAsync(ipa, ct) is not { } ente)
        {
            return false;
        }

        var report = await db.Reports.AsNoTracking().Include(r => r.Events).Include(r => r.Photos).AsSplitQuery()
            .FirstOrDefaultAsync(r => r.Id == id && r.EnteId == ente.Id, ct);
        if (report is null)
        {
            return false;
        }

        Ente = ente;
        Report = report;
        Offices = await bodies.OfficesOfAsync(ente.Id, ct);
        Templates = await db.Templates.AsNoTracking().Where(t => t.EnteId == ente.Id).OrderBy(t => t.Title).ToListAsync(ct);
        FiledWithName = report.FiledWithEnteId == ente.Id ? null : (await bodies.ByIdAsync(report.FiledWithEnteId, ct))?.Name;
        return true;
    }
}
