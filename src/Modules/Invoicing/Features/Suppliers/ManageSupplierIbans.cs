using System.Security.Cryptography.Pkcs;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Audit;
using PenToscana.Kernel.Blobs;
using PenToscana.Kernel.Users;
using PenToscana.Kernel.Values;
using PenToscana.Modules.Invoicing.Data;

namespace PenToscana.Modules.Invoicing.Features.Suppliers;

/// <summary>The supplier's signed declaration of its dedicated account (L. 136/2010): a PDF or a CAdES .p7m.</summary>
internal sealed record DeclarationFile(string FileName, string? ContentType, byte[] Content);

internal sealed record IbanFailure(int Status, string Field, string Message);

/// <summary>
/// The IBANs of a supplier: an operator adds one, certifies one after checking the supplier's signed declaration (the file is
/// size- and type-checked, a .p7m must carry a valid CAdES signature, and it is kept in the blob store), or revokes a
/// certification. Certification and revocation are written to the audit log.
/// </summary>
internal sealed class ManageSupplierIbansHandler(InvoicingDb db, IBlobStore blobs, AuditLog audit, ICurrentUser user, TimeProvider time)
{
    /// <summary>Largest accepted declaration file.</summary>
    public const int MaxDeclarationBytes = 5 * 1024 * 1024;

    public async Task<(SupplierIban? Iban, IbanFailure? Failure)> AddAsync(Guid supplierId, string? text, CancellationToken ct)
    {
        var supplier = await db.Suppliers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == supplierId, ct);
        if (supplier is null)
        {
            return (null, new IbanFailure(StatusCodes.Status404NotFound, "", "Fornitore non trovato."));
        }

        var parsed = Iban.Create(text);
        if (parsed.IsFailure)
        {
            return (null, new IbanFailure(StatusCodes.Status422UnprocessableEntity, "Iban", parsed.Error.Message));
        }

        if (await db.SupplierIbans.AnyAsync(i => i.SupplierId == supplierId && i.Iban == parsed.Value.Value, ct))
        {
            return (null, new IbanFailure(StatusCodes.Status409Conflict, "Iban", $"L'IBAN {parsed.Value.ToPrintable()} è già tra i conti del fornitore."));
        }

        var iban = new SupplierIban
        {
            Id = Guid.CreateVersion7(),
            EnteId = supplier.EnteId,
            SupplierId = supplierId,
            Iban = parsed.Value.Value,
            Source = "operatore",
            AddedAt = time.GetUtcNow(),
            AddedBy = user.TaxCode,
            Status = IbanStatus.Uncertified,
        };
        db.SupplierIbans.Add(iban);
        await db.SaveChangesAsync(ct);
        return (iban, null);
    }

    public async Task<(SupplierIban? Iban, IbanFailure? Failure)> CertifyAsync(Guid supplierId, Guid ibanId, DeclarationFile? file, DateOnly? declarationDate, CancellationToken ct)
    {
        var iban = await db.SupplierIbans.SingleOrDefaultAsync(i => i.Id == ibanId && i.SupplierId == supplierId, ct);
        if (iban is null)
        {
            return (null, new IbanFailure(StatusCodes.Status404NotFound, "", "IBAN non trovato tra i conti del fornitore."));
        }

        if (iban.Status == IbanStatus.Certified)
        {
            return (null, new IbanFailure(StatusCodes.Status409Conflict, "", "L'IBAN è già certificato."));
        }

        if (!Iban.IsValid(iban.Iban))
        {
            return (null, new IbanFailure(StatusCodes.Status422UnprocessableEntity, "", $"L'IBAN {iban.Iban} non è valido e non può essere certificato: {Iban.Create(iban.Iban).Error!.Message}"));
        }

        var today = time.GetUtcNow().UtcDateTime;
        if (declarationDate is not { } date)
        {
            return (null, new IbanFailure(StatusCodes.Status422UnprocessableEntity, "DataDichiarazione", "Indica la data della dichiarazione del fornitore."));
        }

        if (date > DateOnly.FromDateTime(today).AddDays(1))
        {
            return (null, new IbanFailure(StatusCodes.Status422UnprocessableEntity, "DataDichiarazione", "La data della dichiarazione non può essere futura."));
        }

        var (kind, problem, signer) = CheckDeclaration(file);
        if (problem is not null)
        {
            return (null, new IbanFailure(StatusCodes.Status422UnprocessableEntity, "Dichiarazione", problem));
        }

        var stored = await blobs.PutAsync(new MemoryStream(file!.Content, writable: false), cancellationToken: ct);
        var now = time.GetUtcNow();
        iban.Status = IbanStatus.Certified;
        iban.CertifiedAt = now;
        iban.CertifiedBy = user.TaxCode;
        iban.DeclarationSha256 = stored.Sha256;
        iban.DeclarationFileName = Path.GetFileName(file.FileName) is { Length: > 200 } longName ? longName[^200..] : Path.GetFileName(file.FileName);
        iban.DeclarationContentType = kind;
        iban.DeclarationDate = date;
        iban.RevokedAt = null;
        iban.RevokedBy = null;
        iban.RevocationReason = null;
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditRecord(user.TaxCode ?? "sconosciuto", "invoicing.iban.certified", iban.EnteId, $"supplier-iban:{iban.Id}",
            $"IBAN {iban.Iban} del fornitore {supplierId}; dichiarazione del {date:dd/MM/yyyy}, file {iban.DeclarationFileName} ({kind}, sha256 {stored.Sha256})"
            + (signer is null ? "" : $", firmata da {signer}")), ct);
        return (iban, null);
    }

    public async Task<(SupplierIban? Iban, IbanFailure? Failure)> RevokeAsync(Guid supplierId, Guid ibanId, string? reason, CancellationToken ct)
    {
        var iban = await db.SupplierIbans.SingleOrDefaultAsync(i => i.Id == ibanId && i.SupplierId == supplierId, ct);
        if (iban is null)
        {
            return (null, new IbanFailure(StatusCodes.Status404NotFound, "", "IBAN non trovato tra i conti del fornitore."));
        }

        if (iban.Status != IbanStatus.Certified)
        {
            return (null, new IbanFailure(StatusCodes.Status409Conflict, "", "Si può revocare solo un IBAN certificato."));
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length < 5)
        {
            return (null, new IbanFailure(StatusCodes.Status422UnprocessableEntity, "Motivo", "Scrivi il motivo della revoca (almeno 5 caratteri)."));
        }

        iban.Status = IbanStatus.Revoked;
        iban.RevokedAt = time.GetUtcNow();
        iban.RevokedBy = user.TaxCode;
        iban.RevocationReason = reason.Trim() is { Length: > 300 } r ? r[..300] : reason.Trim();
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditRecord(user.TaxCode ?? "sconosciuto", "invoicing.iban.revoked", iban.EnteId, $"supplier-iban:{iban.Id}",
            $"IBAN {iban.Iban} del fornitore {supplierId}: {iban.RevocationReason}"), ct);
        return (iban, null);
    }

    /// <summary>
    /// A PDF (by its signature, not its name) or a CAdES envelope (.p7m, DER or Base64) whose signature verifies. Returns the
    /// kind, the problem in Italian, and for a .p7m the signer's subject.
    /// </summary>
    internal static (string? Kind, string? Problem, string? Signer) CheckDeclaration(DeclarationFile? file)
    {
        if (file is null || file.Content.Length == 0)
        {
            return (null, "Allega la dichiarazione firmata del fornitore (PDF o file firmato .p7m).", null);
        }

        if (file.Content.Length > MaxDeclarationBytes)
        {
            return (null, $"La dichiarazione supera la dimensione massima di {MaxDeclarationBytes / 1024 / 1024} MB.", null);
        }

        string extension = Path.GetExtension(file.FileName).ToLowerInvariant();
        if (extension == ".pdf")
        {
            return FileSignature.Detect(file.Content.AsSpan(0, Math.Min(file.Content.Length, FileSignature.HeaderLength))) == FileSignature.Pdf
                ? (FileSignature.Pdf, null, null)
                : (null, "Il file ha estensione .pdf ma non è un PDF.", null);
        }

        if (extension != ".p7m")
        {
            return (null, "Formato non ammesso: la dichiarazione deve essere un PDF o un file firmato digitalmente .p7m.", null);
        }

        var der = file.Content;
        if (der[0] != 0x30)
        {
            try
            {
                der = Convert.FromBase64String(System.Text.Encoding.ASCII.GetString(file.Content));
            }
            catch (FormatException)
            {
                return (null, "Il file .p7m non è una busta CAdES leggibile.", null);
            }
        }

        try
        {
            var cms = new SignedCms();
            cms.Decode(der);
            if (cms.SignerInfos.Count == 0)
            {
                return (null, "Il file .p7m non contiene firme.", null);
            }

            cms.CheckSignature(verifySignatureOnly: true);
            return ("application/pkcs7-mime", null, cms.SignerInfos[0].Certificate?.Subject);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return (null, "La firma del file .p7m non è valida: il contenuto non corrisponde alla firma o la busta è danneggiata.", null);
        }
    }
}
