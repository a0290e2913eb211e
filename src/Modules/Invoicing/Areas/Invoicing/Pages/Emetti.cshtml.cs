using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Tenancy;
using PenToscana.Kernel.Users;
using PenToscana.Modules.Invoicing.Features.IssueInvoice;

namespace PenToscana.Modules.Invoicing.Areas.Invoicing.Pages;

/// <summary>The form to issue an invoice; the same handler as <c>POST /api/invoicing/{ipa}/fatture-emesse</c>.</summary>
[Authorize(Policy = InvoicingModule.OperatorPolicy)]
internal sealed class EmettiModel(KernelDb kernel, ICurrentUser user, BodyScope scope, IssueInvoiceHandler issue) : InvoicingPage(kernel, user, scope)
{
    [BindProperty] public string? CodiceUfficio { get; set; }
    [BindProperty] public string? CodiceDestinatario { get; set; }
    [BindProperty] public string? PecDestinatario { get; set; }
    [BindProperty] public string? Denominazione { get; set; }
    [BindProperty] public string? PartitaIva { get; set; }
    [BindProperty] public string? CodiceFiscale { get; set; }
    [BindProperty] public string? Indirizzo { get; set; }
    [BindProperty] public string? Cap { get; set; }
    [BindProperty] public string? Comune { get; set; }
    [BindProperty] public string? Provincia { get; set; }
    [BindProperty] public string? Descrizione { get; set; }
    [BindProperty] public string? Imponibile { get; set; }
    [BindProperty] public string? Aliquota { get; set; } = "22";
    [BindProperty] public string? Cig { get; set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string ipa, CancellationToken ct)
        => await ResolveAsync(ipa, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string ipa, CancellationToken ct)
    {
        if (!await ResolveAsync(ipa, ct))
        {
            return NotFound();
        }

        var italian = CultureInfo.GetCultureInfo("it-IT");
        if (!decimal.TryParse(Imponibile?.Replace(" ", "", StringComparison.Ordinal), NumberStyles.Number, italian, out var amount))
        {
            Errors = ["Indica l'imponibile in euro, per esempio 1.250,00."];
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        decimal rate = decimal.TryParse(Aliquota, NumberStyles.Number, CultureInfo.InvariantCulture, out var r) ? r : 22m;
        var (invoice, errors) = await issue.HandleAsync(Ente.Id, new IssueInvoiceRequest(
            Blank(CodiceUfficio), Blank(CodiceDestinatario), Blank(PecDestinatario), Blank(Denominazione), Blank(PartitaIva), Blank(CodiceFiscale),
            Blank(Indirizzo), Blank(Cap), Blank(Comune), Blank(Provincia), Blank(Descrizione), amount, rate, Blank(Cig)), CurrentUser.TaxCode, ct);
        if (invoice is null)
        {
            Errors = errors;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        TempData["Success"] = $"Fattura n. {invoice.Numero} emessa (file {invoice.FileName}) e in trasmissione a SdI.";
        return Redirect($"/backoffice/{Ente.IpaCode}/fatture-emesse/{invoice.Id}");
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
