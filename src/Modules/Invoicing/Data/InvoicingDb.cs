using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Tenancy;

namespace PenToscana.Modules.Invoicing.Data;

/// <summary>
/// A billing office of a body as known to SdI: the 6-character Codice Univoco Ufficio published in IPA routes FPA12
/// invoices to it. Kept here, keyed by the kernel office, so the kernel's office table does not change.
/// The PA rules (layer 3 of the validation) are configured per office.
/// </summary>
internal sealed class BillingOffice : IEnteScoped
{
    public Guid Id { get; set; }

    public Guid EnteId { get; set; }

    public required string EnteIpa { get; set; }

    public Guid OfficeId { get; set; }

    public required string OfficeCode { get; set; }

    public required string OfficeName { get; set; }

    public required string CodiceUfficio { get; set; }

    public bool RequireCig { get; set; }

    public bool RequireCup { get; set; }

    public bool RequireOrderNumber { get; set; }

    public bool SplitPayment { get; set; }
}

/// <summary>An invoice received from SdI (one body of a file; a lotto gives several), with its state in the EC workflow.</summary>
internal sealed class ReceivedInvoice : IEnteScoped, IVersioned
{
    public Guid Id { get; set; }

    public Guid EnteId { get; set; }

    public required string EnteIpa { get; set; }

    public Guid BillingOfficeId { get; set; }

    public required string IdentificativoSdI { get; set; }

    public required string FileName { get; set; }

    public required string FileSha256 { get; set; }

    public long FileLength { get; set; }

    public int Position { get; set; }

    public required string Channel { get; set; }

    public string? TipoDocumento { get; set; }

    public string? Numero { get; set; }

    public DateOnly? DocumentDate { get; set; }

    public required string SupplierName { get; set; }

    public string? SupplierVatId { get; set; }

    public string? SupplierTaxCode { get; set; }

    public long TotalCents { get; set; }

    public string? Currency { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>Last day to send EC01/EC02: 15 days from delivery (after that SdI sends DT).</summary>
    public DateOnly OutcomeDueOn { get; set; }

    public ReceivedInvoiceStatus Status { get; set; }

    public string? ProtocolNumber { get; set; }

    public Guid? ProtocolEntryId { get; set; }

    public string? Cig { get; set; }

    public string? Cup { get; set; }

    /// <summary>Validation findings as JSON [{code, message, path, severity}].</summary>
    public required string Findings { get; set; }

    public int ErrorCount { get; set; }

    public DateTimeOffset? OutcomeAt { get; set; }

    /// <summary>DM 132/2020 reason code of a refusal (see <c>RefusalReasons</c>).</summary>
    public string? OutcomeReason { get; set; }

    public string? OutcomeDescription { get; set; }

    /// <summary>The NotificaEsitoCommittente file in the blob store.</summary>
    public string? OutcomeMessageSha256 { get; set; }

    public string? OutcomeBy { get; set; }

    /// <summary>Codice fiscale of the operator who uploaded the file by hand (null when SdI delivered it).</summary>
    public string? ReceivedBy { get; set; }

    /// <summary>When the office was reminded, 10 days after delivery, that the outcome is still missing.</summary>
    public DateTimeOffset? FirstReminderAt { get; set; }

    /// <summary>When the office was reminded, 13 days after delivery, that the term is about to end.</summary>
    public DateTimeOffset? SecondReminderAt { get; set; }

    // Suppliers and payments: the supplier, the IBAN of DatiPagamento, what has been paid so far.
    public Guid? SupplierId { get; set; }

    public string? PaymentIban { get; set; }

    public long PaidCents { get; set; }

    public DateOnly? LastPaidOn { get; set; }

    public long Version { get; set; }
}

internal enum ReceivedInvoiceStatus
{
    Received,
    Accepted,
    Refused,
    Expired,
    Paid,
}

/// <summary>
/// Registro unico delle fatture (art. 42 DL 66/2014): one numbered row per received invoice, within 10 days. Append-only:
/// the row is written once with the fields the law lists; later events (payment, refusal) are recorded elsewhere.
/// </summary>
internal sealed class InvoiceRegisterEntry : IEnteScoped
{
    public Guid Id { get; set; }

    public Guid EnteId { get; set; }

    public int Year { get; set; }

    public long Number { get; set; }

    public Guid ReceivedInvoiceId { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }

    public string? ProtocolNumber { get; set; }

    public string? InvoiceNumber { get; set; }

    public DateOnly? InvoiceDate { get; set; }

    public required string SupplierName { get; set; }

    public string? SupplierTaxId { get; set; }

    public string? Subject { get; set; }

    public long TotalCents { get; set; }

    public DateOnly? DueDate { get; set; }

    public string? Cig { get; set; }

    public string? Cup { get; set; }
}

internal sealed class InvoicingDb(DbContextOptions<InvoicingDb> options, BodyScope bodyScope) : ModuleDb(options, bodyScope)
{
    public const string Prefix = "invoicing_";

    public override string TablePrefix => Prefix;

    public override string ModuleName => "Invoicing";

    public DbSet<BillingOffice> BillingOffices => Set<BillingOffice>();

    public DbSet<ReceivedInvoice> ReceivedInvoices => Set<ReceivedInvoice>();

    public DbSet<InvoiceRegisterEntry> Register => Set<InvoiceRegisterEntry>();

    // Suppliers and payments.
    public DbSet<Supplier> Suppliers => Set<Supplier>();

    public DbSet<SupplierIban> SupplierIbans => Set<SupplierIban>();

    public DbSet<InvoicePayment> Payments => Set<InvoicePayment>();

    public DbSet<InvoiceSuspension> Suspensions => Set<InvoiceSuspension>();

    public DbSet<InvoicingBodySettings> BodySettings => Set<InvoicingBodySettings>();

    // SdI exchange (simulator state and exchange timelines): see SdiExchangeData.cs.
    public DbSet<SdiSimFile> SdiSimFiles => Set<SdiSimFile>();

    public DbSet<SdiSimMessage> SdiSimMessages => Set<SdiSimMessage>();

    public DbSet<SdiSimClock> SdiSimClock => Set<SdiSimClock>();

    public DbSet<InvoiceExchangeEvent> ExchangeEvents => Set<InvoiceExchangeEvent>();

    public DbSet<IssuedInvoice> IssuedInvoices => Set<IssuedInvoice>();

    public DbSet<IssuedFileName> IssuedFileNames => Set<IssuedFileName>();

    protected override void ConfigureModule(ModelBuilder modelBuilder)
    {
        SuppliersAndPaymentsModel.Configure(modelBuilder);
        SdiExchangeModel.Configure(modelBuilder);
        modelBuilder.Entity<BillingOffice>(e =>
        {
            e.ToTable("billing_office");
            e.HasIndex(x => x.CodiceUfficio).IsUnique();
            e.HasIndex(x => x.OfficeId).IsUnique();
            e.Property(x => x.CodiceUfficio).HasMaxLength(6);
            e.Property(x => x.EnteIpa).HasMaxLength(40);
            e.Property(x => x.OfficeCode).HasMaxLength(40);
            e.Property(x => x.OfficeName).HasMaxLength(200);
        });
        modelBuilder.Entity<ReceivedInvoice>(e =>
        {
            e.ToTable("received_invoice");
            e.HasIndex(x => new { x.EnteId, x.IdentificativoSdI, x.Position }).IsUnique();
            e.HasIndex(x => new { x.EnteId, x.Status, x.OutcomeDueOn });
            e.Property(x => x.EnteIpa).HasMaxLength(40);
            e.Property(x => x.IdentificativoSdI).HasMaxLength(20);
            e.Property(x => x.FileName).HasMaxLength(60);
            e.Property(x => x.FileSha256).HasMaxLength(64);
            e.Property(x => x.Channel).HasMaxLength(20);
            e.Property(x => x.TipoDocumento).HasMaxLength(4);
            e.Property(x => x.Numero).HasMaxLength(20);
            e.Property(x => x.SupplierName).HasMaxLength(200);
            e.Property(x => x.SupplierVatId).HasMaxLength(30);
            e.Property(x => x.SupplierTaxCode).HasMaxLength(16);
            e.Property(x => x.Currency).HasMaxLength(3);
            e.Property(x => x.ProtocolNumber).HasMaxLength(60);
            e.Property(x => x.Cig).HasMaxLength(15);
            e.Property(x => x.Cup).HasMaxLength(15);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(12);
            e.Property(x => x.OutcomeReason).HasMaxLength(20);
            e.Property(x => x.OutcomeDescription).HasMaxLength(255);
            e.Property(x => x.OutcomeMessageSha256).HasMaxLength(64);
            e.Property(x => x.OutcomeBy).HasMaxLength(16);
            e.Property(x => x.ReceivedBy).HasMaxLength(16);
            e.HasIndex(x => new { x.Status, x.ReceivedAt });
            e.HasIndex(x => x.SupplierId);
            e.Property(x => x.PaymentIban).HasMaxLength(34);
        });
        modelBuilder.Entity<InvoiceRegisterEntry>(e =>
        {
            e.ToTable("register_entry");
            e.HasIndex(x => new { x.EnteId, x.Year, x.Number }).IsUnique();
            e.HasIndex(x => x.ReceivedInvoiceId).IsUnique();
            e.Property(x => x.ProtocolNumber).HasMaxLength(60);
            e.Property(x => x.InvoiceNumber).HasMaxLength(20);
            e.Property(x => x.SupplierName).HasMaxLength(200);
            e.Property(x => x.SupplierTaxId).HasMaxLength(30);
            e.Property(x => x.Subject).HasMaxLength(200);
            e.Property(x => x.Cig).HasMaxLength(15);
            e.Property(x => x.Cup).HasMaxLength(15);
        });
    }
}
