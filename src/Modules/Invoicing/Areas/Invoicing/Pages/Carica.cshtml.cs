using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Tenancy;
using PenToscana.Kernel.Users;
using PenToscana.Modules.Invoicing.Engine;
using PenToscana.Modules.Invoicing.Features.ReceiveInvoice;

namespace PenToscana.Modules.Invoicing.Areas.Invoicing.Pages;

/// <summary>
/// Manual upload of an invoice file that reached the body outside the SdICoop channel (downloaded from SdI's portal, a
/// PEC forward): the same receiving as from SdI — checks, protocol, register — for this body's billing offices only.
/// </summary>
[Authorize(Policy = InvoicingModule.OperatorPolicy)]
[RequestSizeLimit(InvoiceEnvelope.MaxFileBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = InvoiceEnvelope.MaxFileBytes + 64 * 1024)]
internal sealed class CaricaModel(KernelDb kernel, ICurrentUser user, BodyScope scope, ReceiveInvoiceHandler receive) : InvoicingPage(kernel, user, scope)
{
    public const string Channel = "upload";

    [BindProperty]
    public string? IdentificativoSdI { get; set; }

    [BindProperty]
    public IFormFile? Documento { get; set; }

    public async Task<IActionResult> OnGetAsync(string ipa, CancellationToken ct)
        => await ResolveAsync(ipa, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string ipa, CancellationToken ct)
    {
        if (!await ResolveAsync(ipa, ct))
        {
            return NotFound();
        }

        var id = IdentificativoSdI?.Trim();
        if (UploadChecks.IdentificativoSdI(id) is { } idProblem)
        {
            ModelState.AddModelError(nameof(IdentificativoSdI), idProblem);
        }

        if (UploadChecks.File(Documento) is { } fileProblem)
        {
            ModelState.AddModelError(nameof(Documento), fileProblem);
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        using var buffer = new MemoryStream((int)Documento!.Length);
        await Documento.CopyToAsync(buffer, ct);
        var (response, failure) = await receive.HandleAsync(
            new ReceiveInvoiceRequest(id!, Path.GetFileName(Documento.FileName), buffer.ToArray(), Channel, Ente.Id, CurrentUser.TaxCode), ct);
        if (failure is not null)
        {
            ModelState.AddModelError(nameof(Documento), $"Fattura non ricevuta ({failure.Code}): {failure.Message}");
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var numbers = string.Join(", ", response!.RegisterNumbers);
        TempData["Success"] = $"Fattura ricevuta, protocollata con il n. {response.ProtocolNumber} e iscritta nel registro unico al n. {numbers}"
            + (response.ErrorCount > 0 ? $". La verifica ha trovato {response.ErrorCount} errori: vedili qui sotto." : ".");
        return Redirect($"{Base}/{response.InvoiceIds[0]}");
    }
}
