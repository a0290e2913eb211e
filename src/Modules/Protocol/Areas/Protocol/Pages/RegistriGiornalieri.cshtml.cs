using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Blobs;
using PenToscana.Modules.Protocol.Data;
using PenToscana.Modules.Protocol.Features.Api;

namespace PenToscana.Modules.Protocol.Areas.Protocol.Pages;

/// <summary>The daily registers produced for the body's AOOs, newest first, with their files and fingerprints.</summary>
[Authorize(Policy = ProtocolEndpoints.Policy)]
internal sealed class RegistriGiornalieriModel(ProtocolAccess access, ProtocolDb db, IBlobStore blobs) : ProtocolPage(access)
{
    public const int PageSize = 31;

    public IReadOnlyList<DailyRegister> Registers { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public int Pagina { get; set; } = 1;

    public int Total { get; private set; }

    public async Task<IActionResult> OnGetAsync(string ipa, CancellationToken ct)
    {
        if (!await ResolveAsync(ipa, ct))
        {
            return NotFound();
        }

        var query = db.DailyRegisters.AsNoTracking().Where(d => d.EnteId == Actor.Ente.Id);
        Total = await query.CountAsync(ct);
        Pagina = Math.Max(1, Pagina);
        Registers = await query.OrderByDescending(d => d.Day).ThenBy(d => d.AooCode).Skip((Pagina - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnGetFileAsync(string ipa, Guid dailyId, string format, CancellationToken ct)
    {
        if (!await ResolveAsync(ipa, ct))
        {
            return NotFound();
        }

        var daily = await db.DailyRegisters.AsNoTracking().FirstOrDefaultAsync(d => d.Id == dailyId && d.EnteId == Actor.Ente.Id, ct);
        (string? sha, string type) = format switch
        {
            "pdf" => (daily?.PdfSha256, "application/pdf"),
            "xml" => (daily?.XmlSha256, "application/xml"),
            "csv" => (daily?.CsvSha256, "text/csv"),
            _ => ((string?)null, string.Empty),
        };
        if (daily is null || sha is null)
        {
            return NotFound();
        }

        return File(await blobs.OpenReadAsync(sha, cancellationToken: ct), type, $"registro-giornaliero-{daily.AooCode}-{daily.Day:yyyy-MM-dd}.{format}");
    }
}
