using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Tenancy;
using PenToscana.Modules.Applications.Data;
using PenToscana.Modules.Applications.Features.ManageServices;

namespace PenToscana.Modules.Applications.Areas.Applications.Pages.Backoffice.Servizi;

/// <summary>A new service's card, or an existing one's, with the fields the Modello Comuni service page and art. 35 D.Lgs 33/2013 require.</summary>
[Authorize(Policy = "operator")]
internal sealed class SchedaModel(ServiceAdminAccess access, ApplicationsDb db, KernelDb kernel, SaveServiceHandler save) : PageModel
{
    public Ente Ente { get; private set; } = null!;

    public Service? Existing { get; private set; }

    public IReadOnlyList<Office> Offices { get; private set; } = [];

    [BindProperty]
    public ServiceCardInput Card { get; set; } = new();

    [BindProperty]
    public long? CardVersion { get; set; }

    public Dictionary<string, string> Errors { get; } = [];

    public string? Error { get; private set; }

    public string? ErrorFor(string key) => Errors.GetValueOrDefault(key);

    public async Task<IActionResult> OnGetAsync(string ipa, string id, CancellationToken ct)
    {
        if (!await LoadAsync(ipa, id, ct))
        {
            return NotFound();
        }

        if (Existing is not null)
        {
            Card = ServiceCardInput.From(Existing);
            CardVersion = Existing.Version;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string ipa, string id, CancellationToken ct)
    {
        if (!await LoadAsync(ipa, id, ct))
        {
            return NotFound();
        }

        var result = await save.HandleAsync(Ente, Existing?.Id, Card, CardVersion, Errors, ct);
        if (result.IsFailure)
        {
            if (result.Error.Code == "service.not-found")
            {
                return NotFound();
            }

            Error = result.Error.Message;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        TempData["Success"] = Existing is null
            ? $"Servizio \"{Card.Title?.Trim()}\" creato con un modulo di base: ora puoi modificare il modulo."
            : $"Scheda del servizio \"{Card.Title?.Trim()}\" salvata.";
        return LocalRedirect(Existing is null ? $"/backoffice/{Ente.IpaCode}/servizi/{result.Value}/modulo" : $"/backoffice/{Ente.IpaCode}/servizi");
    }

    private async Task<bool> LoadAsync(string ipa, string id, CancellationToken ct)
    {
        if (await access.BodyAsync(ipa, ct) is not { } ente)
        {
            return false;
        }

        Ente = ente;
        if (id != "nuovo")
        {
            if (!Guid.TryParse(id, out var serviceId))
            {
                return false;
            }

            Existing = await db.Services.AsNoTracking().SingleOrDefaultAsync(s => s.Id == serviceId && s.EnteId == ente.Id, ct);
            if (Existing is null)
            {
                return false;
            }
        }

        Offices = await kernel.Offices.AsNoTracking().Where(o => o.EnteId == ente.Id).OrderBy(o => o.Name).ToListAsync(ct);
        return true;
    }
}
