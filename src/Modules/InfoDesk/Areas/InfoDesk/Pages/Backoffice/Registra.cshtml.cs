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
using PenToscana.Modules.InfoDesk.Features.FileReport;
using PenToscana.Modules.InfoDesk.Areas.InfoDesk.Pages.Segnalazioni;

namespace PenToscana.Modules.InfoDesk.Areas.InfoDesk.Pages.Backoffice;

/// <summary>
/// Operator intake of a report that came by phone, fax, e-mail, paper or at the desk: one form, in typing order, channel
/// first; "save and new" keeps the channel for the next call.
/// </summary>
[Authorize(Policy = OperatorAccess.Policy)]
[RequestSizeLimit(60L * 1024 * 1024)]
internal sealed class RegistraModel(InfoDeskDb db, OperatorAccess access, ICurrentUser user, FileReportHandler file) : PageModel
{
    public Ente Ente { get; private set; } = null!;

    public IReadOnlyList<ReportCategory> Categories { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public ReportChannel Channel { get; set; } = ReportChannel.Phone;

    [BindProperty]
    public ReportType Type { get; set; } = ReportType.Issue;

    [BindProperty]
    public string? Category { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? TaxCode { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Phone { get; set; }

    [BindProperty]
    public string? PostalAddress { get; set; }

    [BindProperty]
    public ContactPreference Contact { get; set; } = ContactPreference.Phone;

    [BindProperty]
    public string? Address { get; set; }

    [BindProperty]
    public string? Latitude { get; set; }

    [BindProperty]
    public string? Longitude { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    public async Task<IActionResult> OnGetAsync(string ipa, CancellationToken ct)
        => await LoadAsync(ipa, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string ipa, string? next, CancellationToken ct)
    {
        if (!await LoadAsync(ipa, ct))
        {
            return NotFound();
        }

        var photos = new List<UploadedPhoto>();
        foreach (var f in Request.Form.Files.Where(f => f.Name == "Photos" && f.Length > 0))
        {
            using var ms = new MemoryStream();
            await f.CopyToAsync(ms, ct);
            photos.Add(new UploadedPhoto(Path.GetFileName(f.FileName), ms.ToArray()));
        }

        var answers = Request.Form.Keys
            .Where(k => k.StartsWith($"q_{Category}_", StringComparison.Ordinal))
            .ToDictionary(k => k[$"q_{Category}_".Length..], k => (IReadOnlyList<string>)Request.Form[k].Select(v => v ?? "").ToList());
        bool anonymous = string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(TaxCode);
        var result = await file.HandleAsync(new FileReportRequest(
            ipa, Type, Category, Description, NuovaModel.ParseCoordinate(Latitude), NuovaModel.ParseCoordinate(Longitude), Address, answers, photos,
            new Reporter(TaxCode, Name, Email, Phone, PostalAddress, Contact), anonymous, Channel, user.TaxCode), ct);
        if (result.IsFailure)
        {
            ModelState.AddModelError(string.Empty, result.Error.Message);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        TempData["Success"] = $"Segnalazione registrata ({Labels.Of(Channel)}), gestita da {result.Value.HandlingName}"
            + (result.Value.OfficeName is null ? "." : $", ufficio {result.Value.OfficeName}.")
            + (result.Value.TrackingCode is null ? "" : $" Codice da comunicare al cittadino: {result.Value.TrackingCode}");
        return next == "nuova"
            ? Redirect($"/backoffice/{ipa}/segnalazioni/nuova?Channel={Channel}")
            : result.Value.HandlingIpa == ipa ? Redirect($"/backoffice/{ipa}/segnalazioni/{result.Value.Id}") : Redirect($"/backoffice/{ipa}/segnalazioni");
    }

    private async Task<bool> LoadAsync(string ipa, CancellationToken ct)
    {
        if (await access.BodyAsync(ipa, ct) is not { } ente)
        {
            return false;
        }

        Ente = ente;
        Categories = await db.Categories.IgnoreQueryFilters().AsNoTracking().Include(c => c.Questions)
            .Where(c => c.EnteId == ente.Id && c.Active).OrderBy(c => c.Name).ToListAsync(ct);
        return true;
    }
}
