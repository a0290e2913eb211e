using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PenToscana.Kernel.Calendar;
using PenToscana.Modules.Applications.Features.FillForm;
using PenToscana.Modules.Applications.Features.SubmitApplication;
using PenToscana.Modules.Applications.Forms;

namespace PenToscana.Modules.Applications.Areas.Applications.Pages.Modulo;

/// <summary>The one-page textual summary before the final submit (Modello Comuni C.SE.1.4).</summary>
[Authorize]
[RequestFormLimits(MultipartBodyLengthLimit = 12 * 1024 * 1024)]
[RequestSizeLimit(12 * 1024 * 1024)]
internal sealed class RiepilogoModel(DraftReader reader, SubmitApplicationHandler submit, TimeProvider time, Data.ApplicationsDb db, Kernel.Data.KernelDb kernel) : PageModel
{
    public DraftView View { get; private set; } = null!;

    public Dictionary<string, string> Data { get; private set; } = [];

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public string? Message { get; private set; }

    /// <summary>What the applicant will pay with pagoPA once the application is sent (the service's fee and the form's payable values).</summary>
    public long FeeCents => FormRules.FeeCents(View.Form, View.Service.FeeCents, Data);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var view = await reader.ReadAsync(id, ct);
        if (view is null)
        {
            return await AlreadySubmittedAsync(id, ct) ?? NotFound();
        }

        View = view;
        Data = FormRules.Clean(view.Form, view.Data);
        Errors = FormRules.ValidateAll(view.Form, Data, time.TodayInItaly());
        Message = Errors.Count > 0 ? "mancano o sono errati alcuni dati. Usa \"Modifica\" per correggerli." : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, IFormFile? firmata, CancellationToken ct)
    {
        var outcome = await submit.HandleAsync(id, firmata, ct);
        if (outcome.Succeeded)
        {
            return await DeskReceiptAsync(outcome.SubmissionId!.Value, ct) ?? LocalRedirect($"/area-personale/istanze/{outcome.SubmissionId}?inviata=1");
        }

        var view = await reader.ReadAsync(id, ct);
        if (view is null)
        {
            return NotFound();
        }

        View = view;
        Data = FormRules.Clean(view.Form, view.Data);
        Errors = outcome.Errors;
        Message = outcome.Error?.Message;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<IActionResult?> AlreadySubmittedAsync(Guid draftId, CancellationToken ct)
    {
        var me = User.FindFirst(Kernel.Users.PlatformClaims.TaxCode)!.Value;
        var submitted = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(
            db.Submissions.Where(s => s.DraftId == draftId && (s.ApplicantTaxCode == me || s.AssistedByTaxCode == me)).Select(s => (Guid?)s.Id), ct);
        return submitted is { } sid ? await DeskReceiptAsync(sid, ct) ?? LocalRedirect($"/area-personale/istanze/{sid}") : null;
    }

    /// <summary>An application taken at a desk goes to the desk's receipt page, to print it for the citizen.</summary>
    private async Task<IActionResult?> DeskReceiptAsync(Guid submissionId, CancellationToken ct)
    {
        var me = User.FindFirst(Kernel.Users.PlatformClaims.TaxCode)!.Value;
        if (await db.Submissions.FindAsync([submissionId], ct) is { } found && found.AssistedByTaxCode is null)
        {
            // Sent by the applicants themselves (found without a query when it was submitted in this request).
            return null;
        }

        var desk = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(
            db.Submissions.Where(s => s.Id == submissionId && s.AssistedByTaxCode == me && s.ApplicantTaxCode != me).Select(s => s.AssistedDeskEnteId), ct);
        if (desk is not { } deskId)
        {
            return null;
        }

        var ipa = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(kernel.Enti.Where(e => e.Id == deskId).Select(e => e.IpaCode), ct);
        return LocalRedirect($"/backoffice/{ipa}/sportello/ricevute/{submissionId}");
    }
}
