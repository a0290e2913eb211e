using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Tenancy;
using PenToscana.Modules.InfoDesk.Data;
using PenToscana.Modules.InfoDesk.Domain;
using PenToscana.Modules.InfoDesk.Features;

namespace PenToscana.Modules.InfoDesk.Areas.InfoDesk.Pages.Backoffice;

/// <summary>The office's queue: reports the body handles, with filters; overdue ones first among the open.</summary>
[Authorize(Policy = OperatorAccess.Policy)]
internal sealed class CodaModel(InfoDeskDb db, OperatorAccess access, Bodies bodies, TimeProvider time, Features.ManageAreas.ManageAreasHandler areas) : PageModel
{
    public bool CanAdminister { get; private set; }

    public Ente Ente { get; private set; } = null!;

    public IReadOnlyList<Report> Reports { get; private set; } = [];

    public IReadOnlyList<ReportCategory> Categories { get; private set; } = [];

    public IReadOnlyList<Office> Offices { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    [BindProperty(SupportsGet = true, Name = "stato")]
    public ReportState? State { get; set; }

    [BindProperty(SupportsGet = true, Name = "aperte")]
    public bool OnlyOpen { get; set; }

    [BindProperty(SupportsGet = true, Name = "categoria")]
    public string? Category { get; set; }

    [BindProperty(SupportsGet = true, Name = "canale")]
    public ReportChannel? Channel { get; set; }

    [BindProperty(SupportsGet = true, Name = "ufficio")]
    public Guid? Office { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Text { get; set; }

    public Features.ExportReports.ReportFilter Filter => new(State, OnlyOpen, Category, Channel, Office, Text);

    public async Task<IActionResult> OnGetAsync(string ipa, CancellationToken ct)
    {
        if (await access.BodyAsync(ipa, ct) is not { } ente)
        {
            return NotFound();
        }

        Ente = ente;
        CanAdminister = areas.CanAdminister(ente);
        Now = time.GetUtcNow();
        Categories = await db.Categories.AsNoTracking().Where(c => c.EnteId == ente.Id).OrderBy(c => c.Name).ToListAsync(ct);
        Offices = await bodies.OfficesOfAsync(ente.Id, ct);
        var query = Filter.Apply(db.Reports.AsNoTracking(), ente.Id);
        Reports = await query.OrderByDescending(r => r.CreatedAt).Take(200).ToListAsync(ct);
        return Page();
    }
}
