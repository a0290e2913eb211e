using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Blobs;
using PenToscana.Modules.Invoicing.Data;
using PenToscana.Modules.Invoicing.Engine;
using PenToscana.Modules.Invoicing.Features.SdiSimulator;

namespace PenToscana.Modules.Invoicing.Areas.Invoicing.Pages;

/// <summary>
/// The platform administrator's view of the SdI simulator: its clock, a transmitter's desk (send a file as an outside
/// supplier does on SdIRiceviFile, then read the notifications SdI issued for it, each downloadable as its signed XML)
/// and every message it exchanged.
/// </summary>
[Authorize(Policy = SdiSimulatorEndpoints.AdminPolicy)]
[RequestSizeLimit(InvoiceEnvelope.MaxFileBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = InvoiceEnvelope.MaxFileBytes + 64 * 1024)]
internal sealed class SdiSimulatoreModel(InvoicingDb db, IBlobStore blobs, IServiceProvider services) : PageModel
{
    /// <summary>The notifications SdI issues to a transmitter, with their Italian names.</summary>
    public static readonly IReadOnlyDictionary<string, string> TransmitterNotifications = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["RC"] = "Ricevuta di consegna",
        ["NS"] = "Notifica di scarto",
        ["MC"] = "Notifica di mancata consegna",
        ["NE"] = "Notifica di esito committente",
        ["DT"] = "Notifica di decorrenza termini",
        ["AT"] = "Attestazione di avvenuta trasmissione con impossibilità di recapito",
    };

    public DateTimeOffset Now { get; private set; }

    public IReadOnlyList<SdiSimMessage> Messages { get; private set; } = [];

    /// <summary>Notifications not delivered yet that will be sent again, the next due first.</summary>
    public IReadOnlyList<SdiSimMessage> Pending { get; private set; } = [];

    /// <summary>Files received on SdIRiceviFile, newest first, each with the notifications issued to its transmitter in order.</summary>
    public IReadOnlyList<(SdiSimFile File, IReadOnlyList<SdiSimMessage> Notifications)> Files { get; private set; } = [];

    [BindProperty]
    public int Giorni { get; set; }

    [BindProperty]
    public IFormFile? Documento { get; set; }

    public string? Error { get; private set; }

    public string? FileError { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var clock = services.GetService(typeof(SdiSimulatorClock)) as SdiSimulatorClock;
        if (clock is null)
        {
            return NotFound(); // simulator switched off
        }

        Now = await clock.NowAsync(ct);
        Messages = await db.SdiSimMessages.AsNoTracking().OrderByDescending(m => m.At).Take(300).ToListAsync(ct);
        Pending = await db.SdiSimMessages.AsNoTracking().Where(m => !m.Incoming && !m.Delivered && m.NextAttemptAt != null)
            .OrderBy(m => m.NextAttemptAt).Take(200).ToListAsync(ct);
        var files = await db.SdiSimFiles.AsNoTracking().OrderByDescending(f => f.IdentificativoSdI).Take(50).ToListAsync(ct);
        var ids = files.Select(f => f.IdentificativoSdI).ToList();
        var kinds = TransmitterNotifications.Keys.ToList();
        var notifications = await db.SdiSimMessages.AsNoTracking()
            .Where(m => ids.Contains(m.IdentificativoSdI) && m.Party == "Trasmittente" && !m.Incoming && kinds.Contains(m.Kind))
            .ToListAsync(ct);
        Files = [.. files.Select(f => (f, (IReadOnlyList<SdiSimMessage>)[.. notifications.Where(m => m.IdentificativoSdI == f.IdentificativoSdI).OrderBy(m => m.At).ThenBy(m => m.NomeFile, StringComparer.Ordinal)]))];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (services.GetService(typeof(SdiSimulatorClock)) is not SdiSimulatorClock clock || services.GetService(typeof(SdiSimulator)) is not SdiSimulator simulator)
        {
            return NotFound();
        }

        if (Giorni is < 1 or > 366)
        {
            Error = "Indica di quanti giorni, da 1 a 366, far avanzare l'orologio del simulatore.";
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return await OnGetAsync(ct);
        }

        var now = await clock.AdvanceAsync(TimeSpan.FromDays(Giorni), ct);
        int processed = await simulator.TickAsync(ct);
        TempData["Success"] = $"Orologio del simulatore avanzato di {Giorni} giorni: ora è {now:dd/MM/yyyy HH:mm} (UTC); {processed} file elaborati.";
        return RedirectToPage();
    }

    /// <summary>Sends at once every notification waiting for another delivery attempt, without waiting for its pause.</summary>
    public async Task<IActionResult> OnPostRitentaAsync(CancellationToken ct)
    {
        if (services.GetService(typeof(SdiSimulator)) is not SdiSimulator simulator)
        {
            return NotFound();
        }

        int delivered = await simulator.DeliverPendingNotificationsAsync(ct, evenIfNotDue: true);
        TempData["Success"] = delivered == 1 ? "Nuovo tentativo eseguito: 1 notifica recapitata." : $"Nuovo tentativo eseguito: {delivered} notifiche recapitate.";
        return RedirectToPage();
    }

    /// <summary>Sends a file to the simulator as an outside transmitter does on SdIRiceviFile (the same service, the same checks).</summary>
    public async Task<IActionResult> OnPostInviaAsync(CancellationToken ct)
    {
        if (services.GetService(typeof(SdiSimulator)) is not SdiSimulator simulator)
        {
            return NotFound();
        }

        string? name = Documento is null ? null : Path.GetFileName(Documento.FileName);
        if (Documento is null || Documento.Length == 0)
        {
            FileError = "Scegli il file della fattura da inviare (.xml o .xml.p7m).";
        }
        else if (Documento.Length > InvoiceEnvelope.MaxFileBytes)
        {
            FileError = "Il file supera i 5 MB ammessi da SdI per una fattura.";
        }
        else if (name is null || name.Length > 60 || !Features.ReceiveInvoice.UploadChecks.HasInvoiceExtension(name))
        {
            FileError = "Il file deve essere una fattura elettronica .xml o firmata .xml.p7m, con un nome di al massimo 60 caratteri.";
        }

        if (FileError is not null)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return await OnGetAsync(ct);
        }

        using var buffer = new MemoryStream((int)Documento!.Length);
        await Documento.CopyToAsync(buffer, ct);
        var answer = await simulator.ReceiveFileAsync(name!, buffer.ToArray(), ct);
        if (answer.Errore is { } errore)
        {
            FileError = $"SdI non ha accettato il file ({errore}).";
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return await OnGetAsync(ct);
        }

        TempData["Success"] = $"File {name} preso in carico da SdI con identificativo {answer.IdentificativoSdI}: controlli e recapito seguono, le notifiche compaiono qui sotto.";
        return RedirectToPage();
    }

    /// <summary>A notification the simulator issued, as the signed XML file it sent.</summary>
    public async Task<IActionResult> OnGetNotificaAsync(Guid id, CancellationToken ct)
    {
        if (services.GetService(typeof(SdiSimulatorClock)) is null)
        {
            return NotFound();
        }

        var message = await db.SdiSimMessages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id && !m.Incoming, ct);
        if (message is null || message.Kind is "FILE" or "MT")
        {
            return NotFound();
        }

        var stream = await blobs.OpenReadAsync(message.Sha256, cancellationToken: ct);
        return File(stream, "application/xml", message.NomeFile);
    }

    /// <summary>The file's state as SdI would tell its transmitter.</summary>
    public static string StateLabel(SdiSimFile file) => file.State switch
    {
        SdiSimFileState.Ricevuto => "Ricevuto, controlli in corso",
        SdiSimFileState.Scartato => "Scartato (NS)",
        SdiSimFileState.Consegnato => "Consegnato, in attesa di esito",
        SdiSimFileState.MancataConsegna => "Mancata consegna, recapito in ritentativo",
        SdiSimFileState.Attestato => "Trasmesso, impossibile recapitare (AT)",
        SdiSimFileState.Esitato => file.Esito == "EC02" ? "Rifiutato dal committente (EC02)" : "Accettato dal committente (EC01)",
        SdiSimFileState.DecorrenzaTermini => "Decorrenza termini (DT)",
        _ => file.State.ToString(),
    };

    /// <summary>The committente's outcome in Italian, for an NE.</summary>
    public static string OutcomeLabel(string? esito) => esito switch
    {
        "EC01" => "EC01 — fattura accettata dal committente",
        "EC02" => "EC02 — fattura rifiutata dal committente",
        _ => "esito non indicato",
    };
}
