using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
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
/// Who signed a .p7m declaration, from the signing certificate: the name, the codice fiscale (the subject's serialNumber,
/// "TINIT-" followed by the code in qualified Italian certificates), the issuer, the validity and the declared signing time.
/// </summary>
internal sealed record DeclarationSigner(string Name, string? TaxCode, string Issuer, DateTimeOffset ValidFrom, DateTimeOffset ValidTo, DateTimeOffset? SignedAt)
{
    public string Describe() => $"{Name}" + (TaxCode is null ? " (codice fiscale non presente nel certificato)" : $" (codice fiscale {TaxCode})")
        + $", certificato emesso da {Issuer}, valido dal {ValidFrom.UtcDateTime:dd/MM/yyyy} al {ValidTo.UtcDateTime:dd/MM/yyyy}";
}

/// <summary>The outcome of the checks on a declaration file: its kind, or the problem in Italian; the signer of a .p7m.</summary>
internal sealed record DeclarationCheck(string? Kind, string? Problem, DeclarationSigner? Signer);

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

    /// <summary>
    /// Certifies an IBAN against the supplier's declaration. A .p7m's signer must be the supplier's legal representative when
    /// one is known; otherwise the operator must confirm (<paramref name="signerAcknowledged"/>) having checked who signed.
    /// </summary>
    public async Task<(SupplierIban? Iban, IbanFailure? Failure)> CertifyAsync(
        Guid supplierId, Guid ibanId, DeclarationFile? file, DateOnly? declarationDate, CancellationToken ct, bool signerAcknowledged = false)
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

        var (kind, problem, signer) = CheckDeclaration(file, time.GetUtcNow());
        if (problem is not null)
        {
            return (null, new IbanFailure(StatusCodes.Status422UnprocessableEntity, "Dichiarazione", problem));
        }

        bool uncheckedSigner = false;
        if (signer is not null)
        {
            var representative = await db.Suppliers.AsNoTracking().Where(s => s.Id == supplierId).Select(s => s.LegalRepresentativeTaxCode).SingleOrDefaultAsync(ct);
            if (representative is not null)
            {
                if (!string.Equals(signer.TaxCode, representative, StringComparison.OrdinalIgnoreCase))
                {
                    return (null, new IbanFailure(StatusCodes.Status422UnprocessableEntity, "Dichiarazione",
                        $"La dichiarazione è firmata da {signer.Describe()}: non è il legale rappresentante del fornitore (codice fiscale {representative}). Chiedi al fornitore una dichiarazione firmata dal legale rappresentante, o correggi il suo codice fiscale nei dati del fornitore."));
                }
            }
            else if (!signerAcknowledged)
            {
                return (null, new IbanFailure(StatusCodes.Status422UnprocessableEntity, "ConfermaFirmatario",
                    $"Il legale rappresentante del fornitore non è registrato, quindi il firmatario non può essere verificato. La dichiarazione è firmata da {signer.Describe()}. Verifica che il firmatario possa impegnare il fornitore e conferma per certificare l'IBAN."));
            }
            else
            {
                uncheckedSigner = true;
            }
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
        iban.SignerName = signer?.Name is { Length: > 200 } n ? n[..200] : signer?.Name;
        iban.SignerTaxCode = signer?.TaxCode;
        iban.SignerIssuer = signer?.Issuer is { Length: > 300 } issuer ? issuer[..300] : signer?.Issuer;
        iban.SignerCertificateFrom = signer?.ValidFrom;
        iban.SignerCertificateTo = signer?.ValidTo;
        iban.SignedAt = signer?.SignedAt;
        iban.SignerUncheckedAcknowledged = uncheckedSigner;
        iban.RevokedAt = null;
        iban.RevokedBy = null;
        iban.RevocationReason = null;
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditRecord(user.TaxCode ?? "sconosciuto", "invoicing.iban.certified", iban.EnteId, $"supplier-iban:{iban.Id}",
            $"IBAN {iban.Iban} del fornitore {supplierId}; dichiarazione del {date:dd/MM/yyyy}, file {iban.DeclarationFileName} ({kind}, sha256 {stored.Sha256})"
            + (signer is null ? "" : $", firmata da {signer.Describe()}")
            + (uncheckedSigner ? "; firmatario non verificabile (legale rappresentante non registrato), confermato dall'operatore" : "")), ct);
        return (iban, null);
    }

    /// <summary>Records the codice fiscale of the supplier's legal representative (empty clears it); audited.</summary>
    public async Task<IbanFailure?> SetLegalRepresentativeAsync(Guid supplierId, string? taxCode, CancellationToken ct)
    {
        var supplier = await db.Suppliers.SingleOrDefaultAsync(s => s.Id == supplierId, ct);
        if (supplier is null)
        {
            return new IbanFailure(StatusCodes.Status404NotFound, "", "Fornitore non trovato.");
        }

        string? value = null;
        if (!string.IsNullOrWhiteSpace(taxCode))
        {
            value = taxCode.Trim().ToUpperInvariant();
            var parsed = TaxCode.Create(value);
            if (value.Length != 16 || parsed.IsFailure)
            {
                return new IbanFailure(StatusCodes.Status422UnprocessableEntity, "LegaleRappresentante",
                    $"«{taxCode.Trim()}» non è un codice fiscale di persona fisica valido" + (parsed.IsFailure ? $": {parsed.Error.Message}" : "."));
            }
        }

        supplier.LegalRepresentativeTaxCode = value;
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditRecord(user.TaxCode ?? "sconosciuto", "invoicing.supplier.legal-representative", supplier.EnteId, $"supplier:{supplier.Id}",
            value is null ? "Legale rappresentante tolto" : $"Legale rappresentante: codice fiscale {value}"), ct);
        return null;
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
    /// A PDF (by its signature, not its name) or a CAdES envelope (.p7m, DER or Base64) whose signature verifies and whose
    /// signing certificate was valid when it signed (the signing time it declares, otherwise <paramref name="now"/>).
    /// Returns the kind, the problem in Italian, and for a .p7m its signer.
    /// </summary>
    internal static DeclarationCheck CheckDeclaration(DeclarationFile? file, DateTimeOffset? now = null)
    {
        if (file is null || file.Content.Length == 0)
        {
            return new(null, "Allega la dichiarazione firmata del fornitore (PDF o file firmato .p7m).", null);
        }

        if (file.Content.Length > MaxDeclarationBytes)
        {
            return new(null, $"La dichiarazione supera la dimensione massima di {MaxDeclarationBytes / 1024 / 1024} MB.", null);
        }

        string extension = Path.GetExtension(file.FileName).ToLowerInvariant();
        if (extension == ".pdf")
        {
            return FileSignature.Detect(file.Content.AsSpan(0, Math.Min(file.Content.Length, FileSignature.HeaderLength))) == FileSignature.Pdf
                ? new(FileSignature.Pdf, null, null)
                : new(null, "Il file ha estensione .pdf ma non è un PDF.", null);
        }

        if (extension != ".p7m")
        {
            return new(null, "Formato non ammesso: la dichiarazione deve essere un PDF o un file firmato digitalmente .p7m.", null);
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
                return new(null, "Il file .p7m non è una busta CAdES leggibile.", null);
            }
        }

        SignerInfo info;
        try
        {
            var cms = new SignedCms();
            cms.Decode(der);
            if (cms.SignerInfos.Count == 0)
            {
                return new(null, "Il file .p7m non contiene firme.", null);
            }

            cms.CheckSignature(verifySignatureOnly: true);
            info = cms.SignerInfos[0];
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return new(null, "La firma del file .p7m non è valida: il contenuto non corrisponde alla firma o la busta è danneggiata.", null);
        }

        if (info.Certificate is not { } certificate)
        {
            return new(null, "Il file .p7m non contiene il certificato del firmatario.", null);
        }

        var signer = SignerOf(certificate, SigningTimeOf(info));
        var at = signer.SignedAt ?? now ?? DateTimeOffset.UtcNow;
        if (at < signer.ValidFrom || at > signer.ValidTo)
        {
            return new(null, $"Il certificato del firmatario non era valido al momento della firma ({at.UtcDateTime:dd/MM/yyyy HH:mm} UTC): "
                + $"{signer.Describe()}. Una firma con un certificato scaduto o non ancora valido non ha valore: chiedi al fornitore una nuova dichiarazione.", signer);
        }

        return new("application/pkcs7-mime", null, signer);
    }

    /// <summary>The signer as its certificate names it.</summary>
    internal static DeclarationSigner SignerOf(X509Certificate2 certificate, DateTimeOffset? signedAt)
    {
        string? Attribute(string oid) => certificate.SubjectName.EnumerateRelativeDistinguishedNames()
            .Where(r => r.GetSingleElementType().Value == oid).Select(r => r.GetSingleElementValue()).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
        string? given = Attribute("2.5.4.42");
        string? surname = Attribute("2.5.4.4");
        string name = Attribute("2.5.4.3") ?? (given is not null && surname is not null ? $"{given} {surname}" : certificate.Subject);
        string issuer = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: true) is { Length: > 0 } cn ? cn : certificate.Issuer;
        return new DeclarationSigner(name.Trim(), TaxCodeOf(Attribute("2.5.4.5")), issuer,
            new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero), new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero), signedAt);
    }

    /// <summary>
    /// The codice fiscale in a certificate's serialNumber: "TINIT-RSSMRA80A01D612Y" (ETSI EN 319 412-1, the form of Italian
    /// qualified certificates), or the older "IT:RSSMRA80A01D612Y"; null when it holds no valid personal codice fiscale.
    /// </summary>
    internal static string? TaxCodeOf(string? serialNumber)
    {
        if (serialNumber is null)
        {
            return null;
        }

        string value = serialNumber.Trim().ToUpperInvariant();
        foreach (var prefix in new[] { "TINIT-", "TIN:IT-", "IT:", "IT-" })
        {
            if (value.StartsWith(prefix, StringComparison.Ordinal))
            {
                value = value[prefix.Length..];
                break;
            }
        }

        return value.Length == 16 && TaxCode.Create(value).IsSuccess ? value : null;
    }

    private static DateTimeOffset? SigningTimeOf(SignerInfo info)
    {
        foreach (var attribute in info.SignedAttributes)
        {
            if (attribute.Oid.Value == "1.2.840.113549.1.9.5" && attribute.Values.Count > 0)
            {
                var time = new Pkcs9SigningTime(attribute.Values[0].RawData).SigningTime;
                return new DateTimeOffset(DateTime.SpecifyKind(time.ToUniversalTime(), DateTimeKind.Utc));
            }
        }

        return null;
    }
}
