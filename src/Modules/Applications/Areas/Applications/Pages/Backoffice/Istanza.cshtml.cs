using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Calendar;
using PenToscana.Modules.Applications.Data;
using PenToscana.Modules.Applications.Features.FillForm;
using PenToscana.Modules.Applications.Features.ManageApplication;
using PenToscana.Modules.Applications.Forms;

namespace PenToscana.Modules.Applications.Areas.Applications.Pages.Backoffice;

/// <summary>One application in the back office: its data and documents, the term, the timeline with internal notes, and the office's moves.</summary>
[Authorize(Policy = "operator")]
internal sealed class IstanzaModel(ApplicationsDb db, ApplicationReader reader, ManageApplicationHandler manage, TimeProvider time) : PageModel
{
    public Submission Submission { get; private set; } = null!;

    public FormDefinition Form { get; private set; } = null!;

    public Dictionary<string, string> Data { get; private set; } = [];

    public IReadOnlyList<StoredFile> Files { get; private set; } = [];

    public IReadOnlyList<TimelineEvent> Timeline { get; private set; } = [];

    public IReadOnlyList<Message> Messages { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string ipa, Guid id, CancellationToken ct)
        => await LoadAsync(ipa, id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostActAsync(string ipa, Guid id, string? azione, string? testo, string? assegnatarioNome, string? assegnatarioCf, CancellationToken ct)
    {
        if (!Enum.TryParse<OfficeAction>(azione, out var action))
        {
            return BadRequest();
        }

        var result = await manage.HandleAsync(ipa, id, new OfficeActionRequest(action, testo, assegnatarioCf, assegnatarioNome), ct);
        if (result.IsFailure)
        {
            if (result.Error.Code == "application.not-found")
            {
                return NotFound();
            }

            await LoadAsync(ipa, id, ct);
            Error = result.Error.Message;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        TempData["Success"] = "Operazione registrata.";
        return LocalRedirect($"/backoffice/{ipa}/istanze/{id}");
    }

    private async Task<bool> LoadAsync(string ipa, Guid id, CancellationToken ct)
    {
        var s = await reader.OfBodyAsync(ipa, id, ct);
        if (s is null)
        {
            return false;
        }

        Submission = s;
        Today = time.TodayInItaly();
        var version = await db.FormVersions.AsNoTracking().SingleAsync(f => f.Id == s.FormVersionId, ct);
        Form = FormDefinition.Parse(version.Json);
        Data = DraftData.Read(s.DataJson);
        Files = await db.Files.AsNoTracking().Where(f => f.SubmissionId == id).OrderBy(f => f.UploadedAt).ToListAsync(ct);
        Timeline = await db.Timeline.AsNoTracking().Where(t => t.SubmissionId == id).OrderBy(t => t.At).ToListAsync(ct);
        Messages = await db.Messages.AsNoTracking().Where(m => m.SubmissionId == id).OrderBy(m => m.At).ToListAsync(ct);
        return true;
    }
}
