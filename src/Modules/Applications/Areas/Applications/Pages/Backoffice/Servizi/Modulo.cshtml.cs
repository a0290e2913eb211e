using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PenToscana.Kernel.Tenancy;
using PenToscana.Modules.Applications.Data;
using PenToscana.Modules.Applications.Features.ManageServices;
using PenToscana.Modules.Applications.Forms;

namespace PenToscana.Modules.Applications.Areas.Applications.Pages.Backoffice.Servizi;

/// <summary>What the preview shows: the form as the citizen will see it, or why the definition is not valid.</summary>
internal sealed record FormPreview(FormDefinition? Form, IReadOnlyList<string> Errors);

/// <summary>
/// The form editor: the definition as JSON in an accessible text area, checked by the definition validator, previewed with the
/// citizen's own field partial (on request, and live while typing when scripts run), saved as a working copy or published as a
/// new version.
/// </summary>
[Authorize(Policy = "operator")]
internal sealed class ModuloModel(ServiceAdminAccess access, FormEditor editor) : PageModel
{
    public Ente Ente { get; private set; } = null!;

    public Service Service { get; private set; } = null!;

    public IReadOnlyList<FormVersionRow> Versions { get; private set; } = [];

    [BindProperty]
    public string? Definizione { get; set; }

    public FormPreview? Preview { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string ipa, Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(ipa, id, ct))
        {
            return NotFound();
        }

        var latest = Versions.Count > 0 ? Versions[0].Version : null;
        Definizione = latest?.Json ?? SaveServiceHandler.StarterForm(Service.Title).ToJson();
        Preview = PreviewOf(Definizione);
        return Page();
    }

    /// <summary>The preview alone when the page's script asks for it; the whole page otherwise ("Anteprima" without scripts).</summary>
    public async Task<IActionResult> OnPostPreviewAsync(string ipa, Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(ipa, id, ct))
        {
            return NotFound();
        }

        Preview = PreviewOf(Definizione);
        return Request.Headers["X-Anteprima"] == "1" ? Partial("_Anteprima", Preview) : Page();
    }

    public Task<IActionResult> OnPostSaveAsync(string ipa, Guid id, CancellationToken ct) => StoreAsync(ipa, id, publish: false, ct);

    public Task<IActionResult> OnPostPublishAsync(string ipa, Guid id, CancellationToken ct) => StoreAsync(ipa, id, publish: true, ct);

    private async Task<IActionResult> StoreAsync(string ipa, Guid id, bool publish, CancellationToken ct)
    {
        if (!await LoadAsync(ipa, id, ct))
        {
            return NotFound();
        }

        var errors = new List<string>();
        var result = await editor.HandleAsync(Service, Definizione, publish, errors, ct);
        if (result.IsFailure)
        {
            Error = result.Error.Message;
            Preview = new FormPreview(null, errors);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        TempData["Success"] = publish
            ? $"Versione {result.Value.Number} del modulo pubblicata: le nuove domande la usano; bozze e domande già presentate mantengono la loro versione."
            : $"Modifiche salvate nella versione {result.Value.Number}, non ancora pubblicata.";
        return LocalRedirect($"/backoffice/{Ente.IpaCode}/servizi/{Service.Id}/modulo");
    }

    private static FormPreview PreviewOf(string? json)
    {
        var (form, errors) = DefinitionValidator.Validate(json ?? "");
        return new FormPreview(form, errors);
    }

    private async Task<bool> LoadAsync(string ipa, Guid id, CancellationToken ct)
    {
        if (await access.BodyAsync(ipa, ct) is not { } ente || await editor.ServiceAsync(ente, id, ct) is not { } service)
        {
            return false;
        }

        Ente = ente;
        Service = service;
        Versions = await editor.VersionsAsync(service.Id, ct);
        return true;
    }
}
