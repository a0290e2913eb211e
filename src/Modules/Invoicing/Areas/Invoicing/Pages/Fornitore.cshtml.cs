using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Blobs;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Tenancy;
using PenToscana.Kernel.Users;
using PenToscana.Modules.Invoicing.Data;
using PenToscana.Modules.Invoicing.Features.Suppliers;

namespace PenToscana.Modules.Invoicing.Areas.Invoicing.Pages;

/// <summary>
/// One supplier: its data from the invoices, its IBANs with their certification, the forms to add an IBAN, certify one
/// against the signed declaration (uploaded here) or revoke a certification, and its latest invoices.
/// </summary>
[Authorize(Policy = InvoicingModule.OperatorPolicy)]
[RequestSizeLimit(ManageSupplierIbansHandler.MaxDeclarationBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = ManageSupplierIbansHandler.MaxDeclarationBytes + 64 * 1024)]
internal sealed class FornitoreModel(KernelDb kernel, ICurrentUser user, BodyScope scope, InvoicingDb db, IBlobStore blobs, ManageSupplierIbansHandler ibans)
    : InvoicingPage(kernel, user, scope)
{
    public Supplier Supplier { get; private set; } = null!;

    public IReadOnlyList<SupplierIban> Ibans { get; private set; } = [];

    public IReadOnlyList<ReceivedInvoice> Invoices { get; private set; } = [];

    [BindProperty]
    public string? Iban { get; set; }

    [BindProperty]
    public Guid IbanId { get; set; }

    [BindProperty]
    public IFormFile? Dichiarazione { get; set; }

    [BindProperty]
    public DateOnly? DataDichiarazione { get; set; }

    [BindProperty]
    public string? Motivo { get; set; }

    /// <summary>The operator confirms having checked the signer of a declaration when no legal representative is registered.</summary>
    [BindProperty]
    public bool ConfermaFirmatario { get; set; }

    [BindProperty]
    public string? LegaleRappresentante { get; set; }

    /// <summary>The IBAN whose form failed, so that the page shows the error next to it.</summary>
    public Guid? FailedIbanId { get; private set; }

    public async Task<IActionResult> OnGetAsync(string ipa, Guid id, CancellationToken ct)
        => await LoadAsync(ipa, id, ct) ? Page() : NotFound();

    /// <summary>The signed declaration kept for a certified (or revoked) IBAN.</summary>
    public async Task<IActionResult> OnGetDichiarazioneAsync(string ipa, Guid id, Guid ibanId, CancellationToken ct)
    {
        if (!await LoadAsync(ipa, id, ct) || Ibans.FirstOrDefault(i => i.Id == ibanId) is not { DeclarationSha256: { } sha } iban)
        {
            return NotFound();
        }

        var stream = await blobs.OpenReadAsync(sha, cancellationToken: ct);
        return File(stream, iban.DeclarationContentType ?? "application/octet-stream", iban.DeclarationFileName ?? "dichiarazione");
    }

    public async Task<IActionResult> OnPostAddAsync(string ipa, Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(ipa, id, ct))
        {
            return NotFound();
        }

        var (added, failure) = await ibans.AddAsync(id, Iban, ct);
        return added is not null ? Done(ipa, id, $"IBAN {added.Iban} aggiunto: resta da certificare.") : await FailAsync(ipa, id, failure!, nameof(Iban), null, ct);
    }

    public async Task<IActionResult> OnPostCertifyAsync(string ipa, Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(ipa, id, ct))
        {
            return NotFound();
        }

        DeclarationFile? file = null;
        if (Dichiarazione is { Length: > 0 and <= ManageSupplierIbansHandler.MaxDeclarationBytes })
        {
            using var buffer = new MemoryStream((int)Dichiarazione.Length);
            await Dichiarazione.CopyToAsync(buffer, ct);
            file = new DeclarationFile(Dichiarazione.FileName, Dichiarazione.ContentType, buffer.ToArray());
        }
        else if (Dichiarazione is { Length: > ManageSupplierIbansHandler.MaxDeclarationBytes })
        {
            file = new DeclarationFile(Dichiarazione.FileName, Dichiarazione.ContentType, new byte[ManageSupplierIbansHandler.MaxDeclarationBytes + 1]);
        }

        var (certified, failure) = await ibans.CertifyAsync(id, IbanId, file, DataDichiarazione, ct, ConfermaFirmatario);
        return certified is not null
            ? Done(ipa, id, $"IBAN {certified.Iban} certificato: la dichiarazione firmata è conservata.")
            : await FailAsync(ipa, id, failure!, "Dichiarazione", IbanId, ct);
    }

    /// <summary>Records (or clears) the codice fiscale of the supplier's legal representative.</summary>
    public async Task<IActionResult> OnPostLegalRepresentativeAsync(string ipa, Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(ipa, id, ct))
        {
            return NotFound();
        }

        var failure = await ibans.SetLegalRepresentativeAsync(id, LegaleRappresentante, ct);
        return failure is null
            ? Done(ipa, id, string.IsNullOrWhiteSpace(LegaleRappresentante) ? "Legale rappresentante tolto." : $"Legale rappresentante registrato: codice fiscale {LegaleRappresentante.Trim().ToUpperInvariant()}.")
            : await FailAsync(ipa, id, failure, "LegaleRappresentante", null, ct);
    }

    public async Task<IActionResult> OnPostRevokeAsync(string ipa, Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(ipa, id, ct))
        {
            return NotFound();
        }

        var (revoked, failure) = await ibans.RevokeAsync(id, IbanId, Motivo, ct);
        return revoked is not null ? Done(ipa, id, $"Certificazione dell'IBAN {revoked.Iban} revocata.") : await FailAsync(ipa, id, failure!, "Motivo", IbanId, ct);
    }

    public bool IsCertified(string? iban) => iban is not null && Ibans.Any(i => i.Iban == iban && i.Status == IbanStatus.Certified);

    public static string StatusLabel(IbanStatus status) => status switch
    {
        IbanStatus.Certified => "Certificato",
        IbanStatus.Revoked => "Certificazione revocata",
        _ => "Da certificare",
    };

    private RedirectResult Done(string ipa, Guid id, string message)
    {
        TempData["Success"] = message;
        return Redirect($"/backoffice/{ipa}/fatture/fornitori/{id}");
    }

    private async Task<IActionResult> FailAsync(string ipa, Guid id, IbanFailure failure, string fallbackField, Guid? ibanId, CancellationToken ct)
    {
        if (failure.Status == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }

        ModelState.AddModelError(failure.Field.Length > 0 ? failure.Field : fallbackField, failure.Message);
        FailedIbanId = ibanId;
        db.ChangeTracker.Clear();
        await LoadAsync(ipa, id, ct);
        Response.StatusCode = failure.Status;
        return Page();
    }

    private async Task<bool> LoadAsync(string ipa, Guid id, CancellationToken ct)
    {
        if (!await ResolveAsync(ipa, ct))
        {
            return false;
        }

        var supplier = await db.Suppliers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id && s.EnteId == Ente.Id, ct);
        if (supplier is null)
        {
            return false;
        }

        Supplier = supplier;
        Ibans = await db.SupplierIbans.AsNoTracking().Where(i => i.SupplierId == id).OrderBy(i => i.AddedAt).ThenBy(i => i.Iban).ToListAsync(ct);
        Invoices = await db.ReceivedInvoices.AsNoTracking().Where(i => i.SupplierId == id).OrderByDescending(i => i.ReceivedAt).Take(50).ToListAsync(ct);
        return true;
    }
}
