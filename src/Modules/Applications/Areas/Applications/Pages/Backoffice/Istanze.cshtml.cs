using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Calendar;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Tenancy;
using PenToscana.Modules.Applications.Data;
using PenToscana.Modules.Applications.Domain;

namespace PenToscana.Modules.Applications.Areas.Applications.Pages.Backoffice;

/// <summary>The body's queue: filters by office, service and status; overdue first, then by deadline; 25 a page.</summary>
[Authorize(Policy = "operator")]
internal sealed class IstanzeModel(KernelDb kernel, ApplicationsDb db, TimeProvider time) : PageModel
{
    public Ente Ente { get; private set; } = null!;

    public IReadOnlyList<Office> Offices { get; private set; } = [];

    public IReadOnlyList<Service> Services { get; private set; } = [];

    public IReadOnlyList<Submission> Items { get; private set; } = [];

    public int Total { get; private set; }

    public DateOnly Today { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Ufficio { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Servizio { get; set; }

    [BindProperty(SupportsGet = true)]
    public SubmissionStatus? Stato { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Pagina { get; set; } = 1;

    public async Task<IActionResult> OnGetAsync(string ipa, CancellationToken ct)
    {
        // The body filter hides other bodies: an operator of another body gets 404 here too.
        var ente = await kernel.Enti.AsNoTracking().SingleOrDefaultAsync(e => e.IpaCode == ipa, ct);
        if (ente is null || !await kernel.Offices.AnyAsync(o => o.EnteId == ente.Id, ct))
        {
            return NotFound();
        }

        Ente = ente;
        Today = time.TodayInItaly();
        Offices = await kernel.Offices.AsNoTracking().Where(o => o.EnteId == ente.Id).OrderBy(o => o.Name).ToListAsync(ct);
        Services = await db.Services.AsNoTracking().Where(s => s.EnteId == ente.Id).OrderBy(s => s.Title).ToListAsync(ct);
        var query = db.Submissions.AsNoTracking().Where(s => s.EnteId == ente.Id);
        if (!string.IsNullOrEmpty(Ufficio))
        {
            query = query.Where(s => s.OfficeCode == Ufficio);
        }

        if (Servizio is { } service)
        {
            query = query.Where(s => s.ServiceId == service);
        }

        query = Stato is { } status ? query.Where(s => s.Status == status)
            : query.Where(s => s.Status == SubmissionStatus.Submitted || s.Status == SubmissionStatus.Registered || s.Status == SubmissionStatus.TakenInCharge
                || s.Status == SubmissionStatus.UnderReview || s.Status == SubmissionStatus.IntegrationRequested || s.Status == SubmissionStatus.PreRejectionSent);
        Total = await query.CountAsync(ct);
        Pagina = Math.Max(1, Pagina);

        // Deadline order puts the overdue (earliest deadlines) first; suspended ones, without a running deadline, last.
        Items = await query.OrderBy(s => s.SuspendedFor != null).ThenBy(s => s.TermDeadline == null).ThenBy(s => s.TermDeadline).ThenBy(s => s.SubmittedAt)
            .Skip((Pagina - 1) * 25).Take(25).ToListAsync(ct);
        return Page();
    }
}
