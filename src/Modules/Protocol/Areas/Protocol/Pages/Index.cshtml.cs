using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PenToscana.Contracts.Protocol;
using PenToscana.Modules.Protocol.Data;
using PenToscana.Modules.Protocol.Features.Api;
using PenToscana.Modules.Protocol.Features.SearchEntries;

namespace PenToscana.Modules.Protocol.Areas.Protocol.Pages;

/// <summary>The register of a body: search by number, year, dates, subject, correspondent, office, classification, with paging.</summary>
[Authorize(Policy = ProtocolEndpoints.Policy)]
internal sealed class IndexModel(ProtocolAccess access, SearchEntriesHandler search, ProtocolDb db) : ProtocolPage(access)
{
    [BindProperty(SupportsGet = true)]
    public int? Anno { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Numero { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? Dal { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? Al { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Oggetto { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Corrispondente { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Ufficio { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Classifica { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Pagina { get; set; } = 1;

    public SearchEntriesResponse Result { get; private set; } = null!;

    public IReadOnlyList<ClassificationNode> Titolario { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string ipa, CancellationToken ct)
    {
        if (!await ResolveAsync(ipa, ct))
        {
            return NotFound();
        }

        Titolario = await db.Classification.AsNoTracking().Where(c => c.EnteId == Actor.Ente.Id).OrderBy(c => c.Code).ToListAsync(ct);
        Result = await search.HandleAsync(new SearchEntriesRequest(Actor.Ente.Id)
        {
            Year = Anno,
            Number = Numero,
            From = Dal,
            To = Al,
            Text = Oggetto,
            Correspondent = Corrispondente,
            Office = Ufficio,
            Classification = Classifica,
            Page = Pagina,
        }, ct);
        return Page();
    }

    public string PageUrl(int page)
    {
        var query = new Dictionary<string, string?>
        {
            ["anno"] = Anno?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["numero"] = Numero?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["dal"] = Dal?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["al"] = Al?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["oggetto"] = Oggetto,
            ["corrispondente"] = Corrispondente,
            ["ufficio"] = Ufficio,
            ["classifica"] = Classifica,
            ["pagina"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(Base, query.Where(q => !string.IsNullOrEmpty(q.Value)));
    }

    public static string DirectionLabel(ProtocolDirection d) => Features.Receipt.ReceiptPdf.DirectionLabel(d);
}
