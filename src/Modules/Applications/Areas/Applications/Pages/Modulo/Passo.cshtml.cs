using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PenToscana.Modules.Applications.Data;
using PenToscana.Modules.Applications.Features.FillForm;
using PenToscana.Modules.Applications.Forms;

namespace PenToscana.Modules.Applications.Areas.Applications.Pages.Modulo;

/// <summary>A field as the partial renders it.</summary>
internal sealed record FieldView(FormField Field, string Key, string? Value, string? Error, IReadOnlyList<StoredFile> Files);

/// <summary>One step of the guided form: saved as a draft on every post, validated on the server with the form's rules.</summary>
[Authorize]
[RequestFormLimits(MultipartBodyLengthLimit = 30 * 1024 * 1024)]
[RequestSizeLimit(30 * 1024 * 1024)]
internal sealed class PassoModel(DraftReader reader, SaveStepHandler save) : PageModel
{
    public DraftView View { get; private set; } = null!;

    public int Step { get; private set; }

    public int? Previous { get; private set; }

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public string? ErrorFor(string key) => Errors.FirstOrDefault(e => e.Key == key)?.Message;

    public async Task<IActionResult> OnGetAsync(Guid id, int step, CancellationToken ct)
    {
        var view = await reader.ReadAsync(id, ct);
        if (view is null || step < 0 || step >= view.Form.Steps.Count)
        {
            return NotFound();
        }

        if (!FormRules.StepVisible(view.Form.Steps[step], view.Data))
        {
            var next = SaveStepHandler.NextVisibleStep(view.Form, step, view.Data);
            return LocalRedirect(next is { } n ? $"/istanze/bozze/{id}/passo/{n}" : $"/istanze/bozze/{id}/riepilogo");
        }

        Show(view, step);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, int step, string? azione, CancellationToken ct)
    {
        var values = Request.Form.Where(kv => kv.Key is not ("__RequestVerificationToken" or "azione"))
            .ToDictionary(kv => kv.Key, kv => string.Join(FormRules.MultiSeparator, kv.Value.Where(v => !string.IsNullOrEmpty(v))), StringComparer.Ordinal);
        var files = Request.Form.Files.GroupBy(f => f.Name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var action = azione is "salva" ? null : azione;
        var outcome = await save.HandleAsync(id, step, new StepInput(values, files, action), ct);
        if (outcome is null)
        {
            return NotFound();
        }

        if (azione == "salva")
        {
            TempData["Saved"] = "Bozza salvata: la trovi nell'area personale, tra le domande in bozza.";
            return LocalRedirect("/area-personale/istanze");
        }

        if (outcome.StayOnStep && outcome.Errors.Count == 0)
        {
            return LocalRedirect($"/istanze/bozze/{id}/passo/{step}");
        }

        if (outcome.Errors.Count > 0)
        {
            Show((await reader.ReadAsync(id, ct))!, step);
            Errors = outcome.Errors;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        return LocalRedirect(outcome.NextStep is { } next ? $"/istanze/bozze/{id}/passo/{next}" : $"/istanze/bozze/{id}/riepilogo");
    }

    private void Show(DraftView view, int step)
    {
        View = view;
        Step = step;
        for (int i = step - 1; i >= 0; i--)
        {
            if (FormRules.StepVisible(view.Form.Steps[i], view.Data))
            {
                Previous = i;
                break;
            }
        }
    }
}
