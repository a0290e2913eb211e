using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using PenToscana.Contracts.Protocol;
using PenToscana.Kernel.Blobs;
using PenToscana.Kernel.Calendar;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Tenancy;
using PenToscana.Modules.Protocol.Data;
using PenToscana.Modules.Protocol.Features.Api;
using PenToscana.Modules.Protocol.Features.RegisterDocument;
using PenToscana.Modules.Protocol.Features.Segnatura;

namespace PenToscana.Modules.Protocol.Areas.Protocol.Pages;

/// <summary>Registers an incoming, outgoing or internal document; an incoming segnatura XML can pre-fill the form.</summary>
[Authorize(Policy = ProtocolEndpoints.Policy)]
[RequestFormLimits(MultipartBodyLengthLimit = 210L * 1024 * 1024)]
[RequestSizeLimit(210L * 1024 * 1024)]
internal sealed class NuovaModel(ProtocolAccess access, ProtocolDb db, KernelDb kernel, IBlobStore blobs, RegisterDocumentHandler handler, IConfiguration configuration)
    : ProtocolPage(access)
{
    [BindProperty]
    public string? Direzione { get; set; } = "incoming";

    [BindProperty]
    public string? Oggetto { get; set; }

    [BindProperty]
    public string? Nome { get; set; }

    [BindProperty]
    public string? CodiceFiscale { get; set; }

    [BindProperty]
    public string? CodiceIpa { get; set; }

    [BindProperty]
    public string? IndirizzoDigitale { get; set; }

    [BindProperty]
    public string? AltriDestinatari { get; set; }

    [BindProperty]
    public string? Canale { get; set; } = ProtocolChannels.Pec;

    [BindProperty]
    public string? ProtocolloMittente { get; set; }

    [BindProperty]
    public string? Classifica { get; set; }

    [BindProperty]
    public List<string> Uffici { get; set; } = [];

    [BindProperty]
    public IFormFile? Documento { get; set; }

    [BindProperty]
    public List<IFormFile> Allegati { get; set; } = [];

    [BindProperty]
    public IFormFile? Segnatura { get; set; }

    public IReadOnlyList<ClassificationNode> Titolario { get; private set; } = [];

    public IReadOnlyList<Office> Offices { get; private set; } = [];

    public IReadOnlyList<string> SegnaturaFiles { get; private set; } = [];

    public static readonly (string Value, string Label)[] Channels =
    [
        (ProtocolChannels.Pec, "PEC"), (ProtocolChannels.Email, "Posta elettronica"), (ProtocolChannels.Paper, "Cartaceo"),
        (ProtocolChannels.Desk, "Sportello"), (ProtocolChannels.Web, "Web"), (ProtocolChannels.Api, "API"),
    ];

    public async Task<IActionResult> OnGetAsync(string ipa, CancellationToken ct)
        => await LoadAsync(ipa, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSegnaturaAsync(string ipa, CancellationToken ct)
    {
        if (!await LoadAsync(ipa, ct))
        {
            return NotFound();
        }

        if (Segnatura is null || Segnatura.Length == 0 || Segnatura.Length > SegnaturaReader.MaxBytes)
        {
            ModelState.AddModelError(nameof(Segnatura), "Scegliere il file XML della segnatura (al massimo 1 MB).");
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        await using var stream = Segnatura.OpenReadStream();
        var read = SegnaturaReader.Read(stream);
        if (read.IsFailure)
        {
            ModelState.AddModelError(nameof(Segnatura), read.Error!.Message);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var draft = read.Value;
        ModelState.Clear();
        Direzione = "incoming";
        Oggetto = draft.Subject;
        Nome = draft.Sender.Name;
        CodiceFiscale = draft.Sender.TaxCode;
        CodiceIpa = draft.Sender.IpaCode;
        IndirizzoDigitale = draft.Sender.DigitalAddress;
        ProtocolloMittente = draft.SenderReference;
        Canale = ProtocolChannels.Pec;
        SegnaturaFiles = draft.Files.Select(f => $"{(f.Role == "document" ? "Documento principale" : "Allegato")}: {f.FileName} (SHA-256 {f.Sha256})").ToList();
        TempData.Remove("Success");
        ViewData["SegnaturaWarnings"] = draft.SchemaWarnings;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string ipa, CancellationToken ct)
    {
        if (!await LoadAsync(ipa, ct))
        {
            return NotFound();
        }

        ProtocolDirection direction = Direzione switch
        {
            "outgoing" => ProtocolDirection.Outgoing,
            "internal" => ProtocolDirection.Internal,
            _ => ProtocolDirection.Incoming,
        };
        if (Documento is null || Documento.Length == 0)
        {
            ModelState.AddModelError(nameof(Documento), "Scegliere il documento principale da protocollare.");
        }

        long maxFile = configuration.GetValue("Protocol:MaxFileBytes", 50L * 1024 * 1024);
        var files = new List<IFormFile>();
        if (Documento is not null)
        {
            files.Add(Documento);
        }

        files.AddRange(Allegati.Where(a => a.Length > 0));
        foreach (var f in files.Where(f => f.Length > maxFile))
        {
            ModelState.AddModelError(f == Documento ? nameof(Documento) : nameof(Allegati), $"Il file «{f.FileName}» supera la dimensione massima di {maxFile / (1024 * 1024)} MB.");
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var stored = new List<ProtocolDocument>();
        foreach (var file in files)
        {
            await using var stream = file.OpenReadStream();
            var type = await DocumentTypes.DetectAsync(stream, file.FileName, ct);
            if (type is null)
            {
                ModelState.AddModelError(file == Documento ? nameof(Documento) : nameof(Allegati), $"Il file «{file.FileName}» non è di un tipo ammesso (PDF, XML, firmato .p7m, PNG, JPEG, WebP, testo).");
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                return Page();
            }

            stream.Position = 0;
            var blob = await blobs.PutAsync(stream, cancellationToken: ct);
            stored.Add(new ProtocolDocument(Path.GetFileName(file.FileName), type, blob.Sha256, blob.Length));
        }

        var correspondents = new List<ProtocolCorrespondent>();
        if (!string.IsNullOrWhiteSpace(Nome))
        {
            correspondents.Add(new ProtocolCorrespondent(Nome.Trim())
            {
                TaxCode = string.IsNullOrWhiteSpace(CodiceFiscale) ? null : CodiceFiscale.Trim().ToUpperInvariant(),
                IpaCode = string.IsNullOrWhiteSpace(CodiceIpa) ? null : CodiceIpa.Trim(),
                DigitalAddress = string.IsNullOrWhiteSpace(IndirizzoDigitale) ? null : IndirizzoDigitale.Trim(),
            });
        }

        foreach (var line in (AltriDestinatari ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(';', StringSplitOptions.TrimEntries);
            correspondents.Add(new ProtocolCorrespondent(parts[0]) { TaxCode = parts.Length > 1 && parts[1].Length > 0 ? parts[1].ToUpperInvariant() : null });
        }

        var outcome = await handler.HandleAsync(new ProtocolRequest(ipa, direction, Oggetto ?? string.Empty, correspondents, stored[0], Canale ?? string.Empty, string.Empty)
        {
            Attachments = stored.Skip(1).ToList(),
            SenderReference = ProtocolloMittente,
            Classification = Classifica,
            OfficeCodes = Uffici,
            RegisteredByTaxCode = Actor.Name,
        }, ct);
        if (!outcome.Succeeded)
        {
            ModelState.AddModelError(string.Empty, outcome.ErrorMessage!);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var r = outcome.Registration!;
        TempData["Success"] = $"Documento protocollato con il numero {r.NumberText}/{r.Year} del {r.RegisteredAt.ToItalianDisplay()}.";
        return Redirect($"/backoffice/protocollo/registrazioni/{r.EntryId}");
    }

    private async Task<bool> LoadAsync(string ipa, CancellationToken ct)
    {
        if (!await ResolveAsync(ipa, ct))
        {
            return false;
        }

        Titolario = await db.Classification.AsNoTracking().Where(c => c.EnteId == Actor.Ente.Id && c.Active).OrderBy(c => c.Code).ToListAsync(ct);
        Offices = await kernel.Offices.AsNoTracking().Where(o => o.EnteId == Actor.Ente.Id).OrderBy(o => o.Name).ToListAsync(ct);
        return true;
    }
}
