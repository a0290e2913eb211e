using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Tenancy;
using PenToscana.Kernel.Users;
using PenToscana.Modules.InfoDesk.Data;
using PenToscana.Modules.InfoDesk.Domain;
using PenToscana.Modules.InfoDesk.Features;
using PenToscana.Modules.InfoDesk.Features.FileReport;
using PenToscana.Modules.InfoDesk.Features.Photos;

namespace PenToscana.Modules.InfoDesk.Areas.InfoDesk.Pages.Segnalazioni;

/// <summary>
/// The public form: type, category and its questions, place (map pin or address only), description, photos, contact.
/// Works without JavaScript; with it, the map and the nearby similar reports appear.
/// </summary>
[EnableRateLimiting("public-post")]
[RequestSizeLimit(60L * 1024 * 1024)]
internal sealed class NuovaModel(InfoDeskDb db, Bodies bodies, ICurrentUser user, FileReportHandler file) : PageModel
{
    public Ente Ente { get; private set; } = null!;

    public DeskSettings Settings { get; private set; } = new();

    public IReadOnlyList<ReportCategory> Categories { get; private set; } = [];

    [BindProperty]
    public ReportType Type { get; set; } = ReportType.Issue;

    [BindProperty]
    public string? Category { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public string? Latitude { get; set; }

    [BindProperty]
    public string? Longitude { get; set; }

    [BindProperty]
    public string? Address { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Phone { get; set; }

    [BindProperty]
    public ContactPreference Contact { get; set; } = ContactPreference.Email;

    [BindProperty]
    public bool Anonymous { get; set; }

    public bool SignedIn => user.IsAuthenticated && user.TaxCode is not null;

    public string? UserName => user.DisplayName;

    public async Task<IActionResult> OnGetAsync(string ipa, string? categoria, CancellationToken ct)
    {
        if (!await LoadAsync(ipa, ct))
        {
            return NotFound();
        }

        Category = categoria;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string ipa, CancellationToken ct)
    {
        if (!await LoadAsync(ipa, ct))
        {
            return NotFound();
        }

        var photos = new List<UploadedPhoto>();
        foreach (var f in Request.Form.Files.Where(f => f.Name == "Photos" && f.Length > 0))
        {
            if (f.Length > PhotoProcessor.MaxBytes)
            {
                return Fail($"La foto «{f.FileName}» supera i 10 MB.");
            }

            using var ms = new MemoryStream();
            await f.CopyToAsync(ms, ct);
            photos.Add(new UploadedPhoto(Path.GetFileName(f.FileName), ms.ToArray()));
        }

        var lat = ParseCoordinate(Latitude);
        var lon = ParseCoordinate(Longitude);
        if ((!string.IsNullOrWhiteSpace(Latitude) && lat is null) || (!string.IsNullOrWhiteSpace(Longitude) && lon is null))
        {
            return Fail("Le coordinate indicate non sono valide.");
        }

        var answers = Request.Form.Keys
            .Where(k => k.StartsWith($"q_{Category}_", StringComparison.Ordinal))
            .ToDictionary(k => k[$"q_{Category}_".Length..], k => (IReadOnlyList<string>)Request.Form[k].Select(v => v ?? "").ToList());
        var anonymous = !SignedIn && Anonymous;
        var reporter = SignedIn
            ? new Reporter(user.TaxCode, user.DisplayName, Email ?? user.Email, Phone, null, Contact)
            : new Reporter(null, Name, Email, Phone, null, Contact);
        var result = await file.HandleAsync(new FileReportRequest(ipa, Type, Category, Description, lat, lon, Address, answers, photos, reporter, anonymous, ReportChannel.Web, null), ct);
        if (result.IsFailure)
        {
            return Fail(result.Error.Message);
        }

        TempData["TrackingCode"] = result.Value.TrackingCode;
        TempData["Handling"] = result.Value.HandlingName;
        return LocalRedirect($"/enti/{ipa}/segnalazioni/{result.Value.Id}?inviata=1");
    }

    private PageResult Fail(string message)
    {
        ModelState.AddModelError(string.Empty, message);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    internal static double? ParseCoordinate(string? text)
        => double.TryParse(text?.Trim().Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;

    private async Task<bool> LoadAsync(string ipa, CancellationToken ct)
    {
        if (await bodies.ByIpaAsync(ipa, ct) is not { } ente)
        {
            return false;
        }

        Ente = ente;
        Settings = await db.Settings.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(s => s.EnteId == ente.Id, ct) ?? new DeskSettings { EnteId = ente.Id };
        Categories = await db.Categories.IgnoreQueryFilters().AsNoTracking().Include(c => c.Questions)
            .Where(c => c.EnteId == ente.Id && c.Active).OrderBy(c => c.Group).ThenBy(c => c.Name).ToListAsync(ct);
        return Categories.Count > 0;
    }
}
