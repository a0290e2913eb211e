using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Tenancy;

namespace PenToscana.Modules.Invoicing.Data;

/// <summary>
/// A supplier of a body as known from the invoices it sent (CedentePrestatore): created at the first invoice, its name and
/// seat updated by each later one. Keyed per body by <see cref="Key"/>: the VAT identifier with country (IT01234567897) or,
/// without one, the codice fiscale.
/// </summary>
internal sealed class Supplier : IEnteScoped, IVersioned
{
    public Guid Id { get; set; }

    public Guid EnteId { get; set; }

    public required string Key { get; set; }

    public required string Name { get; set; }

    public string? VatId { get; set; }

    public string? TaxCode { get; set; }

    public string? Address { get; set; }

    /// <summary>
    /// Codice fiscale of the supplier's legal representative, when an operator knows it: the signer of an IBAN declaration
    /// must then be this person.
    /// </summary>
    public string? LegalRepresentativeTaxCode { get; set; }

    public DateTimeOffset FirstSeenAt { get; set; }

    public DateTimeOffset LastInvoiceAt { get; set; }

    public int InvoiceCount { get; set; }

    public long Version { get; set; }
}

internal enum IbanStatus
{
    /// <summary>Known (from an invoice or typed by an operator) but not backed by a checked declaration.</summary>
    Uncertified,
    Certified,
    Revoked,
}

/// <summary>
/// A bank account of a supplier. It becomes <see cref="IbanStatus.Certified"/> only when an operator has checked the
/// supplier's signed declaration of the dedicated account (L. 136/2010), stored in the blob store.
/// </summary>
internal sealed class SupplierIban : IEnteScoped, IVersioned
{
    public Guid Id { get; set; }

    public Guid EnteId { get; set; }

    public Guid SupplierId { get; set; }

    public required string Iban { get; set; }

    /// <summary>"fattura" (read from DatiPagamento) or "operatore".</summary>
    public required string Source { get; set; }

    public DateTimeOffset AddedAt { get; set; }

    public string? AddedBy { get; set; }

    public IbanStatus Status { get; set; }

    public DateTimeOffset? CertifiedAt { get; set; }

    public string? CertifiedBy { get; set; }

    public string? DeclarationSha256 { get; set; }

    public string? DeclarationFileName { get; set; }

    public string? DeclarationContentType { get; set; }

    public DateOnly? DeclarationDate { get; set; }

    /// <summary>The signer of a .p7m declaration, from its certificate: the name (CN, or given name and surname).</summary>
    public string? SignerName { get; set; }

    /// <summary>The signer's codice fiscale, from the certificate subject's serialNumber (TINIT-…).</summary>
    public string? SignerTaxCode { get; set; }

    public string? SignerIssuer { get; set; }

    public DateTimeOffset? SignerCertificateFrom { get; set; }

    public DateTimeOffset? SignerCertificateTo { get; set; }

    /// <summary>The signing time the signature declares (CAdES signing-time attribute).</summary>
    public DateTimeOffset? SignedAt { get; set; }

    /// <summary>
    /// The operator certified although the signer could not be checked against a legal representative (none known for
    /// the supplier), having read the warning.
    /// </summary>
    public bool SignerUncheckedAcknowledged { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public string? RevokedBy { get; set; }

    public string? RevocationReason { get; set; }

    public long Version { get; set; }
}

/// <summary>A payment (possibly partial) of a received invoice, recorded by an operator or through the API.</summary>
internal sealed class InvoicePayment : IEnteScoped
{
    public Guid Id { get; set; }

    public Guid EnteId { get; set; }

    public Guid ReceivedInvoiceId { get; set; }

    public DateOnly PaidOn { get; set; }

    public long AmountCents { get; set; }

    public string? Iban { get; set; }

    /// <summary>The mandato di pagamento (or OPI) number.</summary>
    public string? MandateReference { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public required string RecordedBy { get; set; }

    public required string Channel { get; set; }
}

/// <summary>
/// A period in which the debt is suspended (contenzioso, awaiting a credit note…): it stops the payment-time clock and is
/// sent to PCC as a contabilizzazione in state "sospeso". <see cref="To"/> is null while the suspension lasts.
/// </summary>
internal sealed class InvoiceSuspension : IEnteScoped
{
    public Guid Id { get; set; }

    public Guid EnteId { get; set; }

    public Guid ReceivedInvoiceId { get; set; }

    public required string Reason { get; set; }

    public DateOnly From { get; set; }

    public DateOnly? To { get; set; }

    public string? Note { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public required string RecordedBy { get; set; }
}

/// <summary>
/// A body's own settings of the invoice back office. Without a row the defaults apply: the payment term follows the kind
/// of body (see <see cref="Features.Timeliness.PaymentTerms"/>).
/// </summary>
internal sealed class InvoicingBodySettings : IEnteScoped
{
    public Guid EnteId { get; set; }

    /// <summary>Days from receipt within which invoices without DataScadenzaPagamento are due (D.Lgs. 231/2002, art. 4).</summary>
    public int PaymentTermDays { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }
}

internal static class SuppliersAndPaymentsModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Supplier>(e =>
        {
            e.ToTable("supplier");
            e.HasIndex(x => new { x.EnteId, x.Key }).IsUnique();
            e.HasIndex(x => new { x.EnteId, x.Name });
            e.Property(x => x.Key).HasMaxLength(30);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.VatId).HasMaxLength(30);
            e.Property(x => x.TaxCode).HasMaxLength(16);
            e.Property(x => x.Address).HasMaxLength(300);
            e.Property(x => x.LegalRepresentativeTaxCode).HasMaxLength(16);
        });
        modelBuilder.Entity<SupplierIban>(e =>
        {
            e.ToTable("supplier_iban");
            e.HasIndex(x => new { x.SupplierId, x.Iban }).IsUnique();
            e.HasIndex(x => x.EnteId);
            e.Property(x => x.Iban).HasMaxLength(34);
            e.Property(x => x.Source).HasMaxLength(12);
            e.Property(x => x.AddedBy).HasMaxLength(16);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(12);
            e.Property(x => x.CertifiedBy).HasMaxLength(16);
            e.Property(x => x.DeclarationSha256).HasMaxLength(64);
            e.Property(x => x.DeclarationFileName).HasMaxLength(200);
            e.Property(x => x.DeclarationContentType).HasMaxLength(60);
            e.Property(x => x.RevokedBy).HasMaxLength(16);
            e.Property(x => x.RevocationReason).HasMaxLength(300);
            e.Property(x => x.SignerName).HasMaxLength(200);
            e.Property(x => x.SignerTaxCode).HasMaxLength(16);
            e.Property(x => x.SignerIssuer).HasMaxLength(300);
        });
        modelBuilder.Entity<InvoicingBodySettings>(e =>
        {
            e.ToTable("body_settings");
            e.HasKey(x => x.EnteId);
            e.Property(x => x.EnteId).ValueGeneratedNever();
            e.Property(x => x.UpdatedBy).HasMaxLength(16);
        });
        modelBuilder.Entity<InvoicePayment>(e =>
        {
            e.ToTable("invoice_payment");
            e.HasIndex(x => x.ReceivedInvoiceId);
            e.HasIndex(x => new { x.EnteId, x.PaidOn });
            e.Property(x => x.Iban).HasMaxLength(34);
            e.Property(x => x.MandateReference).HasMaxLength(60);
            e.Property(x => x.RecordedBy).HasMaxLength(40);
            e.Property(x => x.Channel).HasMaxLength(10);
        });
        modelBuilder.Entity<InvoiceSuspension>(e =>
        {
            e.ToTable("invoice_suspension");
            e.HasIndex(x => x.ReceivedInvoiceId);
            e.Property(x => x.Reason).HasMaxLength(20);
            e.Property(x => x.Note).HasMaxLength(300);
            e.Property(x => x.RecordedBy).HasMaxLength(40);
        });
    }
}
