using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Calendar;
using PenToscana.Modules.Protocol.Data;
using PenToscana.Modules.Protocol.Features.Api;
using PenToscana.Modules.Protocol.Features.Emergency;

namespace PenToscana.Modules.Protocol.Areas.Protocol.Pages;

/// <summary>One emergency register: closing it at the restoration, importing its entries, the regular numbers they received.</summary>
[Authorize(Policy = ProtocolEndpoints.Policy)]
internal sealed class EmergenzaRegistroModel(ProtocolAccess access, ProtocolDb db, EmergencyRegisterHandler handler, TimeProvider time) : ProtocolPage(access)
{
    public EmergencyRegister Register { get; private set; } = null!;

    public IReadOnlyList<ProtocolEntry> Imported { get; private set; } = [];

    public EmergencyImportOutcome? Outcome { get; private set; }

    [BindProperty]
    public DateTime? Ripristino { get; set; }

    [BindProperty]
    public IFormFile? Registrazioni { get; set; }

    [BindProperty]
    public IFormFile? Documenti { get; set; }

    public async Task<IActionResult> OnGetAsync(string ipa, Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(ipa, id, ct))
        {
            return NotFound();
        }

        Ripristino ??= TimeZoneInfo.ConvertTime(time.GetUtcNow(), ItalianTime.Rome).DateTime;
        return Page();
    }

    /// <summary>The CSV layout to fill from the paper register, with one example line.</summary>
    public async Task<IActionResult> OnGetModelloAsync(string ipa, Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(ipa, id, ct))
        {
            return NotFound();
        }

        var example = TimeZoneInfo.ConvertTime(Register.OpenedAt, ItalianTime.Rome).ToString("dd/MM/yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var csv = string.Join(';', EmergencyRegisterHandler.Columns) + "\r\n"
            + $"1;{example};entrata;Richiesta di accesso agli atti;Mario Rossi;RSSMRA80A01D612Y;cartaceo;;;\r\n";
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv", $"registro-emergenza-{Register.Code}.csv");
    }

    public async Task<IActionResult> OnPostCloseAsync(string ipa, Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(ipa, id, ct))
        {
            return NotFound();
        }

        if (!Actor.IsAdmin)
        {
            return Forbid();
        }

        DateTimeOffset? end = Ripristino is { } local ? ItalianTime.FromItalianWallTime(local) : null;
        var result = await handler.CloseAsync(Actor.Ente, id, end, Actor.Name, ct);
        if (result.IsFailure)
        {
            ModelState.AddModelError(nameof(Ripristino), result.Error!.Message);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        TempData["Success"] = $"Registro {result.Value.Code} chiuso: ora si possono importare le registrazioni annotate.";
        return Redirect($"{Base}/emergenza/{id}");
    }

    public async Task<IActionResult> OnPostImportAsync(string ipa, Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(ipa, id, ct))
        {
            return NotFound();
        }

        if (!Actor.IsAdmin)
        {
            return Forbid();
        }

        if (Registrazioni is null || Registrazioni.Length == 0)
        {
            ModelState.AddModelError(nameof(Registrazioni), "Scegliere il file CSV delle registrazioni di emergenza.");
        }
        else if (Registrazioni.Length > EmergencyRegisterHandler.MaxCsvBytes)
        {
            ModelState.AddModelError(nameof(Registrazioni), $"Il file CSV supera i {EmergencyRegisterHandler.MaxCsvBytes / (1024 * 1024)} MB.");
        }

        if (Documenti is { Length: > EmergencyRegisterHandler.MaxZipBytes })
        {
            ModelState.AddModelError(nameof(Documenti), $"L'archivio dei documenti supera i {EmergencyRegisterHandler.MaxZipBytes / (1024 * 1024)} MB.");
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        await using var csv = Registrazioni!.OpenReadStream();
        await using var zip = Documenti is { Length: > 0 } ? Documenti.OpenReadStream() : null;
        var result = await handler.ImportAsync(Actor.Ente, id, csv, zip, Actor.Name, ct);
        if (result.IsFailure)
        {
            ModelState.AddModelError(nameof(Registrazioni), result.Error!.Message);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        Outcome = result.Value;
        if (Outcome.Refused)
        {
            ModelState.AddModelError(nameof(Registrazioni), $"Il file ha {Outcome.Problems.Count} problemi: nessuna registrazione è stata importata. Correggere il file e ricaricarlo.");
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var first = Outcome.Registered.Count > 0 ? Outcome.Registered[0].Registration : null;
        string registered = Outcome.Registered.Count switch
        {
            0 => "Nessuna nuova registrazione",
            1 => $"1 registrazione importata con il numero {first!.Number:0000000}/{first.Year}",
            _ => $"{Outcome.Registered.Count} registrazioni importate con i numeri {first!.Number:0000000}-{Outcome.Registered[^1].Registration.Number:0000000}/{first.Year}",
        };
        TempData["Success"] = registered + Outcome.AlreadyImported.Count switch
        {
            0 => ".",
            1 => "; 1 riga era già stata importata.",
            var n => $"; {n} righe erano già state importate.",
        };
        return Redirect($"{Base}/emergenza/{id}");
    }

    private async Task<bool> LoadAsync(string ipa, Guid id, CancellationToken ct)
    {
        if (!await ResolveAsync(ipa, ct))
        {
            return false;
        }

        var register = await db.EmergencyRegisters.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id && r.EnteId == Actor.Ente.Id, ct);
        if (register is null)
        {
            return false;
        }

        Register = register;
        Imported = await db.Entries.AsNoTracking().Where(e => e.EmergencyRegisterId == id).OrderBy(e => e.Number).Take(1000).ToListAsync(ct);
        return true;
    }
}
