using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PenToscana.Modules.Payments.Domain;
using PenToscana.Modules.Payments.Features.PayCart;

namespace PenToscana.Modules.Payments.Areas.Payments.Pages.AreaPersonale;

/// <summary>The citizen's payments: open positions of every body, the cart, pay a notice by its number, receipts.</summary>
[Authorize]
internal sealed class PagamentiModel(CitizenPositions positions, PayCartHandler payCart) : PageModel
{
    public IReadOnlyList<CitizenPosition> Positions { get; private set; } = [];

    [BindProperty]
    public List<string> Selected { get; set; } = [];

    [BindProperty]
    public string? NoticeNumber { get; set; }

    [BindProperty]
    public string? BodyTaxCode { get; set; }

    public IEnumerable<CitizenPosition> Open => Positions.Where(p => p.Position.IsPayable);

    public IEnumerable<CitizenPosition> Closed => Positions.Where(p => !p.Position.IsPayable);

    /// <summary>A notice to put in the cart already (e.g. from an application waiting for its fee: "Paga ora").</summary>
    [BindProperty(SupportsGet = true, Name = "avviso")]
    public string? Preselected { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Positions = await positions.ListAsync(ct);

    public async Task<IActionResult> OnPostCartAsync(CancellationToken ct)
    {
        var notices = Selected.Select(s => s.Split(':')).Where(p => p.Length == 2).Select(p => new CartNotice(p[0], p[1])).ToList();
        return await PayAsync(notices, ct);
    }

    public async Task<IActionResult> OnPostNoticeAsync(CancellationToken ct)
    {
        if (!Domain.NoticeNumber.TryParse(NoticeNumber, out var notice, out var error))
        {
            ModelState.AddModelError(nameof(NoticeNumber), error!);
            return await ShowAgainAsync(ct);
        }

        if (BodyTaxCode is null || BodyTaxCode.Trim().Length != 11 || !BodyTaxCode.Trim().All(char.IsAsciiDigit))
        {
            ModelState.AddModelError(nameof(BodyTaxCode), "Il codice fiscale dell'ente creditore ha 11 cifre.");
            return await ShowAgainAsync(ct);
        }

        return await PayAsync([new CartNotice(BodyTaxCode.Trim(), notice.Value)], ct);
    }

    /// <summary>Pays the notice whose pagoPA QR code is in the uploaded photo or scan.</summary>
    public async Task<IActionResult> OnPostQrAsync(IFormFile? qrImage, CancellationToken ct)
    {
        if (qrImage is null || qrImage.Length == 0)
        {
            ModelState.AddModelError("QrImage", "Scegli la foto o la scansione del codice QR dell'avviso.");
            return await ShowAgainAsync(ct);
        }

        if (qrImage.Length > NoticeQrReader.MaxBytes)
        {
            ModelState.AddModelError("QrImage", "L'immagine supera gli 8 MB: caricane una più piccola.");
            return await ShowAgainAsync(ct);
        }

        using var buffer = new MemoryStream((int)qrImage.Length);
        await qrImage.CopyToAsync(buffer, ct);
        var scanned = NoticeQrReader.Read(buffer.ToArray());
        if (scanned.IsFailure)
        {
            ModelState.AddModelError("QrImage", scanned.Error.Message);
            return await ShowAgainAsync(ct);
        }

        return await PayAsync([new CartNotice(scanned.Value.BodyTaxCode, scanned.Value.NoticeNumber)], ct);
    }

    private async Task<IActionResult> PayAsync(IReadOnlyList<CartNotice> notices, CancellationToken ct)
    {
        var result = await payCart.HandleAsync(notices, $"{Request.Scheme}://{Request.Host}", ct);
        if (result.IsFailure)
        {
            ModelState.AddModelError(string.Empty, result.Error.Message);
            return await ShowAgainAsync(ct);
        }

        return Redirect(result.Value);
    }

    private async Task<IActionResult> ShowAgainAsync(CancellationToken ct)
    {
        Positions = await positions.ListAsync(ct);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
