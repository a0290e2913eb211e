using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Calendar;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Tenancy;
using PenToscana.Modules.Protocol.Data;
using PenToscana.Modules.Protocol.Features.Api;
using PenToscana.Modules.Protocol.Features.Emergency;

namespace PenToscana.Modules.Protocol.Areas.Protocol.Pages;

/// <summary>The body's emergency registers (DPR 445/2000 art. 63): the list, and opening a new one (administrators).</summary>
[Authorize(Policy = ProtocolEndpoints.Policy)]
internal sealed class EmergenzaModel(ProtocolAccess access, ProtocolDb db, KernelDb kernel, EmergencyRegisterHandler handler, TimeProvider time) : ProtocolPage(access)
{
    public IReadOnlyList<EmergencyRegister> Registers { get; private set; } = [];

    public IReadOnlyList<Aoo> Aoos { get; private set; } = [];

    [BindProperty]
    public string? Aoo { get; set; }

    [BindProperty]
    public string? Causa { get; set; }

    [BindProperty]
    public DateTime? Inizio { get; set; }

    public async Task<IActionResult> OnGetAsync(string ipa, CancellationToken ct)
    {
        if (!await LoadAsync(ipa, ct))
        {
            return NotFound();
        }

        Inizio ??= TimeZoneInfo.ConvertTime(time.GetUtcNow(), ItalianTime.Rome).DateTime;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string ipa, CancellationToken ct)
    {
        if (!await LoadAsync(ipa, ct))
        {
            return NotFound();
        }

        if (!Actor.IsAdmin)
        {
            return Forbid();
        }

        DateTimeOffset? start = Inizio is { } local ? ItalianTime.FromItalianWallTime(local) : null;
        if (start is null)
        {
            ModelState.AddModelError(nameof(Inizio), "Indicare data e ora di inizio dell'interruzione.");
        }
        else
        {
            var result = await handler.OpenAsync(Actor.Ente, Aoo, Causa, start, Actor.Name, ct);
            if (result.IsSuccess)
            {
                TempData["Success"] = $"Registro di emergenza {result.Value.Code} aperto. Annotare le registrazioni numerandole da 1; al ripristino chiuderlo e importarle.";
                return Redirect($"{Base}/emergenza/{result.Value.Id}");
            }

            ModelState.AddModelError(result.Error!.Code == "causa" ? nameof(Causa) : result.Error.Code == "inizio" ? nameof(Inizio) : string.Empty, result.Error.Message);
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<bool> LoadAsync(string ipa, CancellationToken ct)
    {
        if (!await ResolveAsync(ipa, ct))
        {
            return false;
        }

        Registers = await db.EmergencyRegisters.AsNoTracking().Where(r => r.EnteId == Actor.Ente.Id).OrderByDescending(r => r.OpenedAt).ToListAsync(ct);
        Aoos = await kernel.Aoos.IgnoreQueryFilters().AsNoTracking().Where(a => a.EnteId == Actor.Ente.Id).OrderBy(a => a.Id).ToListAsync(ct);
        return true;
    }
}
