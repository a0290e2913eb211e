using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PenToscana.Kernel.Calendar;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Tenancy;
using PenToscana.Kernel.Users;
using PenToscana.Modules.Invoicing.Features.Timeliness;

namespace PenToscana.Modules.Invoicing.Areas.Invoicing.Pages;

/// <summary>The payment-timeliness indicator of a year, per quarter and for the whole year, as a chart and as a table.</summary>
[Authorize(Policy = InvoicingModule.OperatorPolicy)]
internal sealed class TempestivitaModel(KernelDb kernel, ICurrentUser user, BodyScope scope, TimelinessHandler timeliness, PaymentTerms terms, TimeProvider time)
    : InvoicingPage(kernel, user, scope)
{
    /// <summary>The body's payment term for invoices without DataScadenzaPagamento.</summary>
    public int TermDays { get; private set; }

    public bool TermIsDefault { get; private set; }

    /// <summary>Only the body's administrator changes the term.</summary>
    public bool CanEditTerm { get; private set; }

    [BindProperty]
    public int? Termine { get; set; }

    public string? TermError { get; private set; }

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

        await LoadAsync(ct);
        return Page();
    }

    /// <summary>The body's administrator sets the payment term (days from receipt) for invoices that state no due date.</summary>
    public async Task<IActionResult> OnPostTermineAsync(string ipa, CancellationToken ct)
    {
        if (!await ResolveAsync(ipa, ct))
        {
            return NotFound();
        }

        if (!CurrentUser.HasRole(Ente.Id, PlatformRoles.BodyAdmin))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        TermError = await terms.SetAsync(Ente.Id, Termine, CurrentUser.TaxCode, ct);
        if (TermError is not null)
        {
            await LoadAsync(ct);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        TempData["Success"] = $"Termine di pagamento impostato a {Termine} giorni dalla ricezione.";
        return Redirect($"{Base}/tempestivita");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        int current = time.TodayInItaly().Year;
        Year = Anno is { } y && y >= 2014 && y <= current ? y : current;
        Results = await timeliness.HandleAsync(Ente.Id, Year, ct);
        (TermDays, TermIsDefault) = await terms.ForAsync(Ente.Id, ct);
        CanEditTerm = CurrentUser.HasRole(Ente.Id, PlatformRoles.BodyAdmin);
    }

    public IEnumerable<int> Years => Enumerable.Range(Math.Max(2014, time.TodayInItaly().Year - 5), Math.Min(6, time.TodayInItaly().Year - 2013)).Reverse();

    public static string Days(decimal? value) => value is { } v ? v.ToString("0.00", Italian) : "—";

    private static readonly CultureInfo Italian = CultureInfo.GetCultureInfo("it-IT");
}
