using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PenToscana.Kernel.Tenancy;
using PenToscana.Modules.InfoDesk.Data;
using PenToscana.Modules.InfoDesk.Features;
using PenToscana.Modules.InfoDesk.Features.ManageAreas;

namespace PenToscana.Modules.InfoDesk.Areas.InfoDesk.Pages.Backoffice;

/// <summary>
/// The body's routing areas, for its administrators: the list with a map, a form to add one and, with an id, to edit, delete
/// or download it. GeoJSON is pasted or uploaded; nothing is changed when it is refused.
/// </summary>
[Authorize(Policy = OperatorAccess.Policy)]
[RequestSizeLimit(4L * 1024 * 1024)]
internal sealed class AreeModel(OperatorAccess access, ManageAreasHandler areas, Bodies bodies, TimeProvider time) : PageModel
{
    public Ente Ente { get; private set; } = null!;

    public IReadOnlyList<RoutingArea> List { get; private set; } = [];

    public IReadOnlyList<Office> Offices { get; private set; } = [];

    /// <summary>The area being edited; null on the list page.</summary>
    public RoutingArea? Editing { get; private set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public bool IsTerritory { get; set; }

    [BindProperty]
    public Guid? OfficeId { get; set; }

    [BindProperty]
    public string? GeoJson { get; set; }

    [BindProperty]
    public long? Version { get; set; }

    public async Task<IActionResult> OnGetAsync(string ipa, Guid? id, CancellationToken ct)
    {
        if (!await LoadAsync(ipa, id, ct))
        {
            return NotFound();
        }

        if (Editing is { } area)
        {
            Name = area.Name;
            IsTerritory = area.IsTerritory;
            OfficeId = area.OfficeId;
            GeoJson = area.GeoJson;
            Version = area.Version;
        }

        return Page();
    }

    /// <summary>The area as a GeoJSON Feature file.</summary>
    public async Task<IActionResult> OnGetGeoJsonAsync(string ipa, Guid? id, CancellationToken ct)
    {
        if (!await LoadAsync(ipa, id, ct) || Editing is not { } area)
        {
            return NotFound();
        }

        var fileName = string.Concat(area.Name.Select(c => char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-')).Trim('-');
        return File(System.Text.Encoding.UTF8.GetBytes(AreaGeoJson.Feature(area)), "application/geo+json", $"{(fileName.Length == 0 ? "area" : fileName)}.geojson");
    }

    public async Task<IActionResult> OnPostAsync(string ipa, Guid? id, IFormFile? file, CancellationToken ct)
    {
        if (!await LoadAsync(ipa, id, ct))
        {
            return NotFound();
        }

        if (file is { Length: > 0 })
        {
            if (file.Length > AreaGeoJson.MaxLength)
            {
                return Refuse("Il file GeoJSON supera i 2 MB: semplificare il poligono.");
            }

            using var reader = new StreamReader(file.OpenReadStream(), System.Text.Encoding.UTF8);
            GeoJson = await reader.ReadToEndAsync(ct);
        }

        if (OfficeId is { } office && Offices.All(o => o.Id != office))
        {
            return Refuse("L'ufficio scelto non è di questo ente.");
        }

        var saved = await areas.SaveAsync(new SaveAreaRequest(Ente.Id, id, Name, IsTerritory, OfficeId, GeoJson, id is null ? null : Version), time, ct);
        if (saved.IsFailure)
        {
            return Refuse(saved.Error.Message);
        }

        TempData["Success"] = id is null ? $"Area «{saved.Value.Name}» creata." : $"Area «{saved.Value.Name}» aggiornata.";
        return Redirect($"/backoffice/{ipa}/segnalazioni/aree/{saved.Value.Id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(string ipa, Guid? id, CancellationToken ct)
    {
        if (!await LoadAsync(ipa, id, ct) || Editing is null)
        {
            return NotFound();
        }

        var deleted = await areas.DeleteAsync(Ente.Id, Editing.Id, ct);
        if (deleted.IsFailure)
        {
            Name = Editing.Name;
            IsTerritory = Editing.IsTerritory;
            OfficeId = Editing.OfficeId;
            GeoJson = Editing.GeoJson;
            Version = Editing.Version;
            return Refuse(deleted.Error.Message);
        }

        TempData["Success"] = $"Area «{Editing.Name}» eliminata.";
        return Redirect($"/backoffice/{ipa}/segnalazioni/aree");
    }

    private PageResult Refuse(string message)
    {
        ModelState.AddModelError(string.Empty, message);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync(string ipa, Guid? id, CancellationToken ct)
    {
        if (await access.BodyAsync(ipa, ct) is not { } ente || !areas.CanAdminister(ente))
        {
            return false;
        }

        Ente = ente;
        if (id is { } areaId)
        {
            Editing = await areas.FindAsync(ente.Id, areaId, ct);
            if (Editing is null)
            {
                return false;
            }
        }

        List = await areas.ListAsync(ente.Id, ct);
        Offices = await bodies.OfficesOfAsync(ente.Id, ct);
        return true;
    }
}
