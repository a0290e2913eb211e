using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PenToscana.Kernel.Calendar;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Tenancy;
using PenToscana.Kernel.Users;
using PenToscana.Modules.Invoicing.Features.Pcc;

namespace PenToscana.Modules.Invoicing.Areas.Invoicing.Pages;

/// <summary>The PCC export: choose a date range, preview the operations, download the CSV.</summary>
[Authorize(Policy = InvoicingModule.OperatorPolicy)]
internal sealed class PccModel(KernelDb kernel, ICurrentUser user, BodyScope scope, PccExportHandler export, TimeProvider time) : InvoicingPage(kernel, user, scope)
{
    /// <summary>Longest range of one export.</summary>
    public const int MaxDays = 366;

    [BindProperty(SupportsGet = true)]
    public DateOnly? Dal { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? Al { get; set; }

    public IReadOnlyList<PccOperation>? Operations { get; private set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string ipa, CancellationToken ct)
    {
        if (!await ResolveAsync(ipa, ct))
        {
            return NotFound();
        }

        if (Dal is null && Al is null)
        {
            var today = time.TodayInItaly();
            Dal = new DateOnly(today.Year, today.Month, 1);
            Al = today;
            return Page();
        }

        if (Validate() is { } problem)
        {
            Problem = problem;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        Operations = await export.HandleAsync(Ente.Id, Dal!.Value, Al!.Value, ct);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(string ipa, CancellationToken ct)
    {
        if (!await ResolveAsync(ipa, ct))
        {
            return NotFound();
        }

        if (Validate() is { } problem)
        {
            Problem = problem;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var operations = await export.HandleAsync(Ente.Id, Dal!.Value, Al!.Value, ct);
        return File(PccCsv.Write(operations), "text/csv; charset=utf-8", $"pcc-{Ente.IpaCode}-{Dal:yyyyMMdd}-{Al:yyyyMMdd}.csv");
    }

    private string? Validate()
    {
        if (Dal is not { } from || Al is not { } to)
        {
            return "Indica la data di inizio e quella di fine del periodo.";
        }

        if (to < from)
        {
            return "La data di fine non può precedere quella di inizio.";
        }

        return to.DayNumber - from.DayNumber >= MaxDays ? $"Il periodo può essere al massimo di {MaxDays} giorni." : null;
    }

    public static string OperationLabel(string code) => code switch
    {
        "CS" => "Comunicazione scadenza",
        "CO" => "Contabilizzazione",
        "CP" => "Pagamento",
        _ => code,
    };
}
