using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using PenToscana.Kernel.Calendar;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Tenancy;
using PenToscana.Kernel.Users;
using PenToscana.Modules.Invoicing.Features.Timeliness;

namespace PenToscana.Modules.Invoicing.Areas.Invoicing.Pages;

/// <summary>The payment-timeliness indicator of a year, per quarter and for the whole year, as a chart and as a table.</summary>
[Authorize(Policy = InvoicingModule.OperatorPolicy)]
internal sealed class TempestivitaModel(KernelDb kernel, ICurrentUser user, BodyScope scope, TimelinessHandler timeliness, TimeProvider time)
    : InvoicingPage(kernel, user, scope)
{
    [BindProperty(SupportsGet = true)]
    public int? Anno { get; set; }

    public int Year { get; private set; }

    public IReadOnlyList<TimelinessResult> Results { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string ipa, CancellationToken ct)
    {
        if (!await ResolveAsync(ipa, ct))
        {
            return NotFound();
        }

        int current = time.TodayInItaly().Year;
        Year = Anno is { } y && y >= 2014 && y <= current ? y : current;
        Results = await timeliness.HandleAsync(Ente.Id, Year, ct);
        return Page();
    }

    public IEnumerable<int> Years => Enumerable.Range(Math.Max(2014, time.TodayInItaly().Year - 5), Math.Min(6, time.TodayInItaly().Year - 2013)).Reverse();

    public static string Days(decimal? value) => value is { } v ? v.ToString("0.00", Italian) : "—";

    private static readonly CultureInfo Italian = CultureInfo.GetCultureInfo("it-IT");
}
