using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Tenancy;
using PenToscana.Modules.Protocol.Data;
using PenToscana.Modules.Protocol.Features.AnnulEntry;
using PenToscana.Modules.Protocol.Features.Api;
using PenToscana.Modules.Protocol.Features.ChangeEntry;
using PenToscana.Modules.Protocol.Features.Receipt;
using PenToscana.Modules.Protocol.Features.Segnatura;

namespace PenToscana.Modules.Protocol.Areas.Protocol.Pages;

/// <summary>One entry with its documents and history; annulment, reclassification and reassignment; receipt and segnatura.</summary>
[Authorize(Policy = ProtocolEndpoints.Policy)]
internal sealed class RegistrazioneModel(ProtocolAccess access, ProtocolDb db, KernelDb kernel, AnnulEntryHandler annul, ChangeEntryHandler change, SegnaturaWriter segnatura)
    : ProtocolPage(access)
{
    public ProtocolEntry Entry { get; private set; } = null!;

    public IReadOnlyList<ClassificationNode> Titolario { get; private set; } = [];

    public IReadOnlyList<Office> Offices { get; private set; } = [];

    public string AooName { get; private set; } = string.Empty;

    [BindProperty]
    public string? Motivo { get; set; }

    [BindProperty]
    public string? Provvedimento { get; set; }

    [BindProperty]
    public string? Classifica { get; set; }

    [BindProperty]
    public string? Fascicolo { get; set; }

    [BindProperty]
    public List<string> Uffici { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid entryId, CancellationToken ct)
        => await LoadAsync(entryId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetReceiptAsync(Guid entryId, CancellationToken ct)
    {
        if (!await LoadAsync(entryId, ct))
        {
            return NotFound();
        }

        return File(ReceiptPdf.Build(Entry, Actor.Ente, AooName), "application/pdf", $"ricevuta-{Entry.AooCode}-{Entry.Year}-{Entry.NumberText}.pdf");
    }

    public async Task<IActionResult> OnGetSegnaturaAsync(Guid entryId, CancellationToken ct)
    {
        if (!await LoadAsync(entryId, ct))
        {
            return NotFound();
        }

        var title = Titolario.FirstOrDefault(c => c.Code == Entry.Classification)?.Title;
        var xml = segnatura.Write(Entry, Actor.Ente, AooName, title);
        if (xml.IsFailure)
        {
            TempData["Error"] = xml.Error.Message;
            return RedirectToPage(new { entryId });
        }

        return File(System.Text.Encoding.UTF8.GetBytes(xml.Value), "application/xml", $"segnatura-{Entry.AooCode}-{Entry.Year}-{Entry.NumberText}.xml");
    }

    public async Task<IActionResult> OnPostAnnulAsync(Guid entryId, CancellationToken ct)
    {
        if (!await LoadAsync(entryId, ct))
        {
            return NotFound();
        }

        if (!Actor.MayAnnul)
        {
            return Forbid();
        }

        var result = await annul.HandleAsync(new AnnulEntryRequest(Actor.Ente.Id, Entry.Year, Entry.Number, Motivo ?? string.Empty, Provvedimento ?? string.Empty, Actor.Name)
        {
            AooCode = Entry.AooCode,
        }, ct);
        if (result.IsFailure)
        {
            ModelState.AddModelError(nameof(Motivo), result.Error!.Message);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        TempData["Success"] = "Registrazione annullata. Resta visibile nel registro con i suoi dati.";
        return Redirect($"/backoffice/protocollo/registrazioni/{entryId}");
    }

    public async Task<IActionResult> OnPostChangeAsync(Guid entryId, CancellationToken ct)
    {
        if (!await LoadAsync(entryId, ct))
        {
            return NotFound();
        }

        var result = await change.HandleAsync(new ChangeEntryRequest(Actor.Ente.Id, Entry.Year, Entry.Number, Actor.Name)
        {
            AooCode = Entry.AooCode,
            Classification = Classifica ?? string.Empty,
            DossierReference = Fascicolo ?? string.Empty,
            OfficeCodes = Uffici,
        }, ct);
        if (result.IsFailure)
        {
            ModelState.AddModelError(nameof(Classifica), result.Error!.Message);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        TempData["Success"] = "Classificazione e assegnazione aggiornate; la modifica è nella storia della registrazione.";
        return Redirect($"/backoffice/protocollo/registrazioni/{entryId}");
    }

    private async Task<bool> LoadAsync(Guid entryId, CancellationToken ct)
    {
        // The body filter hides entries of bodies the operator does not work for: they get 404 like a missing id.
        var entry = await db.Entries.AsNoTracking()
            .Include(e => e.Correspondents.OrderBy(c => c.Position))
            .Include(e => e.Documents.OrderBy(d => d.Position))
            .Include(e => e.History.OrderBy(h => h.At))
            .AsSplitQuery()
            .FirstOrDefaultAsync(e => e.Id == entryId, ct);
        if (entry is null || !await ResolveByIdAsync(entry.EnteId, ct))
        {
            return false;
        }

        Entry = entry;
        Titolario = await db.Classification.AsNoTracking().Where(c => c.EnteId == entry.EnteId).OrderBy(c => c.Code).ToListAsync(ct);
        Offices = await kernel.Offices.AsNoTracking().Where(o => o.EnteId == entry.EnteId).OrderBy(o => o.Name).ToListAsync(ct);
        AooName = await kernel.Aoos.AsNoTracking().Where(a => a.EnteId == entry.EnteId && a.Code == entry.AooCode).Select(a => a.Name).FirstOrDefaultAsync(ct) ?? entry.AooCode;
        if (Request.Method == HttpMethods.Get)
        {
            Classifica = entry.Classification;
            Fascicolo = entry.DossierReference;
            Uffici = [.. entry.Offices];
        }

        return true;
    }
}
