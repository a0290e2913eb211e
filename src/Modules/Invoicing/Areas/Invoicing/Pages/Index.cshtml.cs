using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using PenToscana.Kernel.Calendar;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Tenancy;
using PenToscana.Kernel.Users;
using PenToscana.Modules.Invoicing.Features.BrowseRegister;

namespace PenToscana.Modules.Invoicing.Areas.Invoicing.Pages;

/// <summary>The received invoices of a body as the registro unico fatture: filters, paging, the 15-day countdown, CSV export.</summary>
[Authorize(Policy = InvoicingModule.OperatorPolicy)]
internal sealed class IndexModel(KernelDb kernel, ICurrentUser user, BodyScope scope, BrowseRegisterHandler browse, TimeProvider time) : RegisterFilterPage(kernel, user, scope)
{
    [BindProperty(SupportsGet = true)]
    public int Pagina { get; set; } = 1;

    public BrowseRegisterResponse Result { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string ipa, CancellationToken ct)
    {
        if (!await ResolveAsync(ipa, ct))
        {
            return NotFound();
        }

        Result = await browse.HandleAsync(Search(Pagina, 25), ct);
        return Page();
    }

    /// <summary>The register rows matching the filters, all of them, as CSV.</summary>
    public async Task<IActionResult> OnGetCsvAsync(string ipa, CancellationToken ct)
    {
        if (!await ResolveAsync(ipa, ct))
        {
            return NotFound();
        }

        var all = await browse.HandleAsync(Search(1, 0), ct);
        var name = $"registro-fatture-{Ente.IpaCode}-{time.TodayInItaly():yyyyMMdd}.csv";
        return File(RegisterCsv.Write(all.Rows, StatusLabel), "text/csv; charset=utf-8", name);
    }

    private BrowseRegisterRequest Search(int page, int size) => new(Ente.Id)
    {
        Status = Stato,
        Supplier = Fornitore,
        From = Dal,
        To = Al,
        Page = page,
        PageSize = size,
    };

    public string Link(string path, int? page = null, string? handler = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["handler"] = handler,
            ["stato"] = Stato,
            ["fornitore"] = Fornitore,
            ["dal"] = Dal?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["al"] = Al?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["pagina"] = page?.ToString(CultureInfo.InvariantCulture),
        };
        return QueryHelpers.AddQueryString(path, query.Where(q => !string.IsNullOrEmpty(q.Value)));
    }

    public static string Countdown(RegisterRow row) => row.DaysLeft switch
    {
        null => "",
        < 0 => "Termine scaduto",
        0 => "Scade oggi",
        1 => "1 giorno",
        { } d => $"{d} giorni",
    };
}
