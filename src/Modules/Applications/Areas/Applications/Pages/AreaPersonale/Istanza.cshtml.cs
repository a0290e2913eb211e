using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Calendar;
using PenToscana.Modules.Applications.Data;
using PenToscana.Modules.Applications.Features.ManageApplication;

namespace PenToscana.Modules.Applications.Areas.Applications.Pages.AreaPersonale;

/// <summary>One application in the personal area: the receipt data, the term, the timeline, documents, messages and what the applicant can do.</summary>
[Authorize]
[RequestFormLimits(MultipartBodyLengthLimit = 50 * 1024 * 1024)]
[RequestSizeLimit(50 * 1024 * 1024)]
internal sealed class IstanzaModel(ApplicationsDb db, ApplicationReader reader, CitizenActionsHandler actions, TimeProvider time) : PageModel
{
    public Submission Submission { get; private set; } = null!;

    public IReadOnlyList<TimelineEvent> Timeline { get; private set; } = [];

    public IReadOnlyList<StoredFile> Files { get; private set; } = [];

    public IReadOnlyList<Message> Messages { get; private set; } = [];

    public bool Rated { get; private set; }

    public bool JustSubmitted { get; private set; }

    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, int? inviata, CancellationToken ct)
    {
        var s = await reader.MineAsync(id, ct);
        if (s is null)
        {
            return NotFound();
        }

        Submission = s;
        JustSubmitted = inviata == 1;
        Today = time.TodayInItaly();
        Timeline = await db.Timeline.AsNoTracking().Where(t => t.SubmissionId == id && !t.Internal).OrderBy(t => t.At).ToListAsync(ct);
        Files = await db.Files.AsNoTracking().Where(f => f.SubmissionId == id).OrderBy(f => f.UploadedAt).ToListAsync(ct);
        Messages = await db.Messages.AsNoTracking().Where(m => m.SubmissionId == id).OrderBy(m => m.At).ToListAsync(ct);
        Rated = await db.Ratings.AnyAsync(r => r.SubmissionId == id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAnswerAsync(Guid id, string? risposta, List<IFormFile>? documenti, CancellationToken ct)
        => Done(id, await actions.AnswerAsync(id, risposta, documenti ?? [], ct), "Risposta inviata: il termine del procedimento riprende a decorrere.");

    public async Task<IActionResult> OnPostRateAsync(Guid id, int stelle, string? commento, CancellationToken ct)
        => Done(id, await actions.RateAsync(id, stelle, commento, ct), "Grazie per la tua valutazione.");

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken ct)
        => Done(id, await actions.WithdrawAsync(id, ct), "Domanda ritirata.");

    public async Task<IActionResult> OnPostIndemnityAsync(Guid id, CancellationToken ct)
    {
        var result = await actions.RequestIndemnityAsync(id, ct);
        return Done(id, result.IsSuccess ? Kernel.Values.Result.Success() : Kernel.Values.Result.Failure(result.Error), result.IsSuccess ? $"Richiesta di indennizzo registrata: {result.Value}." : "");
    }

    private IActionResult Done(Guid id, Kernel.Values.Result result, string success)
    {
        if (result.IsFailure && result.Error.Code == "application.not-found")
        {
            return NotFound();
        }

        TempData[result.IsSuccess ? "Success" : "Error"] = result.IsSuccess ? success : result.Error.Message;
        return LocalRedirect($"/area-personale/istanze/{id}");
    }
}
