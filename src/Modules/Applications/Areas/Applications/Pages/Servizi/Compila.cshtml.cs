using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Tenancy;
using PenToscana.Kernel.Users;
using PenToscana.Modules.Applications.Data;
using PenToscana.Modules.Applications.Features.Catalogue;
using PenToscana.Modules.Applications.Features.FillForm;

namespace PenToscana.Modules.Applications.Areas.Applications.Pages.Servizi;

/// <summary>The first step of every online service: sign-in at the service's SPID level, then the privacy notice; starts (or resumes) the draft.</summary>
[Authorize]
internal sealed class CompilaModel(KernelDb kernel, CatalogueReader catalogue, StartDraftHandler start) : PageModel
{
    public Ente Ente { get; private set; } = null!;

    public Service Service { get; private set; } = null!;

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string ipa, string slug, CancellationToken ct)
        => await LoadAsync(ipa, slug, ct) ?? (IActionResult?)LevelCheck() ?? Page();

    public async Task<IActionResult> OnPostAsync(string ipa, string slug, bool privacy, CancellationToken ct)
    {
        if (await LoadAsync(ipa, slug, ct) is { } notFound)
        {
            return notFound;
        }

        if (LevelCheck() is { } refused)
        {
            return refused;
        }

        if (!privacy)
        {
            Error = "Per proseguire conferma di aver letto l'informativa sulla privacy.";
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var draft = await start.HandleAsync(Service.Id, null, resumeOpenDraft: true, ct);
        if (draft.IsFailure)
        {
            Error = draft.Error.Message;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        return LocalRedirect($"/istanze/bozze/{draft.Value}/passo/0");
    }

    private async Task<IActionResult?> LoadAsync(string ipa, string slug, CancellationToken ct)
    {
        var ente = await kernel.Enti.AsNoTracking().SingleOrDefaultAsync(e => e.IpaCode == ipa, ct);
        var service = ente is null ? null : await catalogue.FindAsync(ente.Id, slug, ct);
        if (service is null)
        {
            return NotFound();
        }

        Ente = ente!;
        Service = service;
        return null;
    }

    private LocalRedirectResult? LevelCheck()
    {
        var level = User.FindFirstValue(PlatformClaims.SpidLevel);
        var rank = level is { Length: 6 } && level.StartsWith("SpidL", StringComparison.Ordinal) && char.IsAsciiDigit(level[5]) ? level[5] - '0' : 0;
        return rank >= Service.SpidLevel ? null
            : LocalRedirect($"/accedi/livello-insufficiente?richiesto=SpidL{Service.SpidLevel}&servizio={Uri.EscapeDataString(Service.Title)}");
    }
}
