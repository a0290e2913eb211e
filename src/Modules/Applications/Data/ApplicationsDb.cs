using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Tenancy;

namespace PenToscana.Modules.Applications.Data;

/// <summary>
/// A body's online service and its card, with the data D.Lgs 33/2013 art. 35 asks every body to publish per procedure
/// and the sections of the Modello Comuni service page (C.SI.1.3).
/// </summary>
internal sealed class Service : IEnteScoped, IVersioned
{
    public Guid Id { get; set; }

    public Guid EnteId { get; set; }

    public required string Slug { get; set; }

    public required string Title { get; set; }

    public required string Category { get; set; }

    /// <summary>Cos'è: a short description.</summary>
    public required string Summary { get; set; }

    /// <summary>A chi è rivolto.</summary>
    public required string WhoMayApply { get; set; }

    /// <summary>Come fare.</summary>
    public required string HowTo { get; set; }

    /// <summary>Cosa serve.</summary>
    public required string DocumentsNeeded { get; set; }

    /// <summary>Costi, in words; the fee itself, when any, is <see cref="FeeCents"/> plus the payable computed values of the form.</summary>
    public required string Costs { get; set; }

    /// <summary>A fixed fee due with every application (cents), paid through pagoPA before the application proceeds; 0 when free.</summary>
    public long FeeCents { get; set; }

    /// <summary>Days within which the body must decide (L. 241/1990 art. 2: 30 when no other term is set).</summary>
    public int TermDays { get; set; } = 30;

    /// <summary>Silenzio assenso (L. 241/1990 art. 20): when the term ends without a decision, the application is accepted.</summary>
    public bool SilentAssent { get; set; }

    public required string OfficeCode { get; set; }

    public required string OfficeName { get; set; }

    public required string ResponsibleOfficial { get; set; }

    public string? ResponsibleOfficialTaxCode { get; set; }

    public required string LegalBasis { get; set; }

    public required string Contacts { get; set; }

    /// <summary>Minimum SPID level to fill the form online (1, 2 or 3).</summary>
    public int SpidLevel { get; set; } = 2;

    public bool Published { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    public long Version { get; set; }
}

/// <summary>One version of a service's form. A published version never changes: editing makes a new version.</summary>
internal sealed class FormVersion : IEnteScoped
{
    public Guid Id { get; set; }

    public Guid EnteId { get; set; }

    public Guid ServiceId { get; set; }

    public int Number { get; set; }

    public required string Json { get; set; }

    /// <summary>SHA-256 of <see cref="Json"/>: what the frozen application points to.</summary>
    public required string Sha256 { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    public required string CreatedBy { get; set; }
}

/// <summary>An application being filled in: saved at every step, resumable from the personal area.</summary>
internal sealed class Draft : IEnteScoped, IVersioned
{
    public Guid Id { get; set; }

    public Guid EnteId { get; set; }

    public Guid ServiceId { get; set; }

    public Guid FormVersionId { get; set; }

    /// <summary>The applicant (the person the application is for).</summary>
    public required string OwnerTaxCode { get; set; }

    public required string OwnerName { get; set; }

    public string? OwnerEmail { get; set; }

    /// <summary>A company or principal the applicant acts for.</summary>
    public string? OnBehalfOf { get; set; }

    public required string DataJson { get; set; }

    public int CurrentStep { get; set; }

    /// <summary>Steps the applicant has completed (validated), as a bit set.</summary>
    public int CompletedSteps { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Accesso assistito: the desk operator filling in for the citizen, and the document they checked.</summary>
    public string? AssistedByTaxCode { get; set; }

    public string? AssistedByName { get; set; }

    public string? AssistedDesk { get; set; }

    public string? AssistedIdDocument { get; set; }

    /// <summary>The body whose desk took the application (it may differ from the body the application is for).</summary>
    public Guid? AssistedDeskEnteId { get; set; }

    /// <summary>
    /// A short code the applicant shows at a desk to let an operator continue this draft for them (their consent); it expires
    /// <see cref="DeskCodeExpiresAt"/> and is cleared once used.
    /// </summary>
    public string? DeskCode { get; set; }

    public DateTimeOffset? DeskCodeExpiresAt { get; set; }

    public long Version { get; set; }
}

/// <summary>A submitted application: its data frozen with the form version and the fingerprints of its files.</summary>
internal sealed class Submission : IEnteScoped, IVersioned
{
    public Guid Id { get; set; }

    public Guid EnteId { get; set; }

    public required string EnteIpa { get; set; }

    public required string EnteName { get; set; }

    public Guid ServiceId { get; set; }

    public required string ServiceTitle { get; set; }

    public Guid FormVersionId { get; set; }

    /// <summary>The draft this came from: unique, so a double submit of the same draft yields one application.</summary>
    public Guid DraftId { get; set; }

    /// <summary>Short code the applicant can quote, e.g. "AP-3F9K2QXM".</summary>
    public required string Reference { get; set; }

    public required string ApplicantTaxCode { get; set; }

    public required string ApplicantName { get; set; }

    public string? ApplicantEmail { get; set; }

    public string? OnBehalfOf { get; set; }

    public required string DataJson { get; set; }

    public required string DataSha256 { get; set; }

    /// <summary>The PDF of the application (primary protocol document).</summary>
    public required string PdfSha256 { get; set; }

    public long PdfLength { get; set; }

    public string? SignedAttachmentSha256 { get; set; }

    public SubmissionStatus Status { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }

    public string? ProtocolNumber { get; set; }

    public DateTimeOffset? ProtocolAt { get; set; }

    public Guid? ProtocolEntryId { get; set; }

    public DateTimeOffset? ReceiptSentAt { get; set; }

    /// <summary>The fee due with the application (cents): the service's fixed fee plus the payable computed values; 0 when free.</summary>
    public long FeeCents { get; set; }

    /// <summary>The pagoPA debt position created for the fee (IUPD) and its notice number.</summary>
    public string? PaymentIupd { get; set; }

    public string? PaymentNoticeNumber { get; set; }

    public DateTimeOffset? PaidAt { get; set; }

    public required string OfficeCode { get; set; }

    public required string OfficeName { get; set; }

    public required string ResponsibleOfficial { get; set; }

    public string? AssignedToTaxCode { get; set; }

    public string? AssignedToName { get; set; }

    public DateTimeOffset? TakenInChargeAt { get; set; }

    // The term (L. 241/1990 art. 2): runs from the protocol date (art. 18-bis).
    public int TermDays { get; set; }

    public bool SilentAssent { get; set; }

    public DateOnly? TermStart { get; set; }

    public DateOnly? TermNominalEnd { get; set; }

    public DateOnly? TermDeadline { get; set; }

    public SuspensionKind? SuspendedFor { get; set; }

    public DateOnly? SuspendedOn { get; set; }

    public bool IntegrationSuspensionUsed { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string? OutcomeReason { get; set; }

    public string? OutcomeDocumentSha256 { get; set; }

    public string? OutcomeProtocolNumber { get; set; }

    public DateTimeOffset? IndemnityRequestedAt { get; set; }

    public string? AssistedByTaxCode { get; set; }

    public string? AssistedByName { get; set; }

    public string? AssistedDesk { get; set; }

    public string? AssistedIdDocument { get; set; }

    /// <summary>The body whose desk took the application: its operators may reprint the receipt.</summary>
    public Guid? AssistedDeskEnteId { get; set; }

    public long Version { get; set; }
}

internal enum SubmissionStatus
{
    /// <summary>Received, waiting for its protocol number ("in protocollazione").</summary>
    Submitted = 0,
    Registered = 1,
    TakenInCharge = 2,
    UnderReview = 3,
    IntegrationRequested = 4,
    PreRejectionSent = 5,
    Accepted = 6,
    AcceptedBySilentAssent = 7,
    Rejected = 8,
    Closed = 9,
    Withdrawn = 10,

    /// <summary>Stored, waiting for the fee to be paid through pagoPA; registration follows the payment.</summary>
    AwaitingPayment = 11,
}

internal enum SuspensionKind
{
    /// <summary>L. 241/1990 art. 2 c. 7: once, at most 30 days.</summary>
    Integration = 0,

    /// <summary>L. 241/1990 art. 10-bis: 10 days for observations.</summary>
    PreRejection = 1,
}

/// <summary>A file of a draft or of an application, stored in the blob store under its SHA-256.</summary>
internal sealed class StoredFile : IEnteScoped
{
    public Guid Id { get; set; }

    public Guid EnteId { get; set; }

    public Guid? DraftId { get; set; }

    public Guid? SubmissionId { get; set; }

    public required string OwnerTaxCode { get; set; }

    public required string Kind { get; set; }

    public string? FieldKey { get; set; }

    public required string FileName { get; set; }

    public required string MediaType { get; set; }

    public required string Sha256 { get; set; }

    public long Length { get; set; }

    public string? ProtocolNumber { get; set; }

    public DateTimeOffset UploadedAt { get; set; }
}

/// <summary>One step of an application's history, with who and when; internal notes are not shown to the applicant.</summary>
internal sealed class TimelineEvent : IEnteScoped
{
    public Guid Id { get; set; }

    public Guid EnteId { get; set; }

    public Guid SubmissionId { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Kind { get; set; }

    public required string Text { get; set; }

    public string? ActorTaxCode { get; set; }

    public required string ActorName { get; set; }

    public bool Internal { get; set; }
}

/// <summary>A message between the office and the applicant about one application.</summary>
internal sealed class Message : IEnteScoped
{
    public Guid Id { get; set; }

    public Guid EnteId { get; set; }

    public Guid SubmissionId { get; set; }

    public DateTimeOffset At { get; set; }

    public bool FromOffice { get; set; }

    public required string AuthorName { get; set; }

    public required string Text { get; set; }

    public string? ProtocolNumber { get; set; }
}

/// <summary>The applicant's rating of the service after the decision (Modello Comuni C.SE.1.7).</summary>
internal sealed class Rating : IEnteScoped
{
    public Guid Id { get; set; }

    public Guid EnteId { get; set; }

    public Guid ServiceId { get; set; }

    public Guid SubmissionId { get; set; }

    public int Stars { get; set; }

    public string? Comment { get; set; }

    public DateTimeOffset At { get; set; }
}

/// <summary>A communication of the personal area (an outgoing protocol entry) the recipient has opened.</summary>
internal sealed class CommunicationRead
{
    public Guid Id { get; set; }

    public required string TaxCode { get; set; }

    public Guid ProtocolEntryId { get; set; }

    public DateTimeOffset ReadAt { get; set; }
}

internal sealed class ApplicationsDb(DbContextOptions<ApplicationsDb> options, BodyScope bodyScope) : ModuleDb(options, bodyScope)
{
    public override string TablePrefix => "applications_";

    public override string ModuleName => "Applications";

    public DbSet<Service> Services => Set<Service>();

    public DbSet<FormVersion> FormVersions => Set<FormVersion>();

    public DbSet<Draft> Drafts => Set<Draft>();

    public DbSet<Submission> Submissions => Set<Submission>();

    public DbSet<StoredFile> Files => Set<StoredFile>();

    public DbSet<TimelineEvent> Timeline => Set<TimelineEvent>();

    public DbSet<Message> Messages => Set<Message>();

    public DbSet<Rating> Ratings => Set<Rating>();

    public DbSet<CommunicationRead> CommunicationReads => Set<CommunicationRead>();

    protected override void ConfigureModule(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Service>(e =>
        {
            e.ToTable("service");
            e.HasIndex(s => new { s.EnteId, s.Slug }).IsUnique();
            e.Property(s => s.Slug).HasMaxLength(100);
            e.Property(s => s.Title).HasMaxLength(200);
            e.Property(s => s.Category).HasMaxLength(100);
            e.Property(s => s.OfficeCode).HasMaxLength(50);
            e.Property(s => s.OfficeName).HasMaxLength(200);
            e.Property(s => s.ResponsibleOfficial).HasMaxLength(200);
            e.Property(s => s.ResponsibleOfficialTaxCode).HasMaxLength(16);
        });
        modelBuilder.Entity<FormVersion>(e =>
        {
            e.ToTable("form_version");
            e.HasIndex(f => new { f.ServiceId, f.Number }).IsUnique();
            e.Property(f => f.Sha256).HasMaxLength(64);
            e.Property(f => f.CreatedBy).HasMaxLength(100);
        });
        modelBuilder.Entity<Draft>(e =>
        {
            e.ToTable("draft");
            e.HasIndex(d => d.OwnerTaxCode);
            e.Property(d => d.OwnerTaxCode).HasMaxLength(16);
            e.Property(d => d.OwnerName).HasMaxLength(200);
            e.Property(d => d.OwnerEmail).HasMaxLength(200);
            e.Property(d => d.OnBehalfOf).HasMaxLength(16);
            e.Property(d => d.AssistedByTaxCode).HasMaxLength(16);
            e.Property(d => d.AssistedByName).HasMaxLength(200);
            e.Property(d => d.AssistedDesk).HasMaxLength(200);
            e.Property(d => d.AssistedIdDocument).HasMaxLength(200);
            e.Property(d => d.DeskCode).HasMaxLength(10);
        });
        modelBuilder.Entity<Submission>(e =>
        {
            e.ToTable("submission");
            e.HasIndex(s => s.DraftId).IsUnique();
            e.HasIndex(s => s.Reference).IsUnique();
            e.HasIndex(s => s.ApplicantTaxCode);
            e.HasIndex(s => new { s.EnteId, s.Status });
            e.Property(s => s.EnteIpa).HasMaxLength(50);
            e.Property(s => s.EnteName).HasMaxLength(200);
            e.Property(s => s.ServiceTitle).HasMaxLength(200);
            e.Property(s => s.Reference).HasMaxLength(20);
            e.Property(s => s.ApplicantTaxCode).HasMaxLength(16);
            e.Property(s => s.ApplicantName).HasMaxLength(200);
            e.Property(s => s.ApplicantEmail).HasMaxLength(200);
            e.Property(s => s.OnBehalfOf).HasMaxLength(16);
            e.Property(s => s.DataSha256).HasMaxLength(64);
            e.Property(s => s.PdfSha256).HasMaxLength(64);
            e.Property(s => s.SignedAttachmentSha256).HasMaxLength(64);
            e.Property(s => s.OutcomeDocumentSha256).HasMaxLength(64);
            e.Property(s => s.ProtocolNumber).HasMaxLength(60);
            e.Property(s => s.OutcomeProtocolNumber).HasMaxLength(60);
            e.Property(s => s.OfficeCode).HasMaxLength(50);
            e.Property(s => s.OfficeName).HasMaxLength(200);
            e.Property(s => s.ResponsibleOfficial).HasMaxLength(200);
            e.Property(s => s.AssignedToTaxCode).HasMaxLength(16);
            e.Property(s => s.AssignedToName).HasMaxLength(200);
            e.Property(s => s.AssistedByTaxCode).HasMaxLength(16);
            e.Property(s => s.AssistedByName).HasMaxLength(200);
            e.Property(s => s.AssistedDesk).HasMaxLength(200);
            e.Property(s => s.AssistedIdDocument).HasMaxLength(200);
            e.Property(s => s.PaymentIupd).HasMaxLength(50);
            e.Property(s => s.PaymentNoticeNumber).HasMaxLength(30);
            e.HasIndex(s => s.PaymentIupd);
        });
        modelBuilder.Entity<StoredFile>(e =>
        {
            e.ToTable("file");
            e.HasIndex(f => f.DraftId);
            e.HasIndex(f => f.SubmissionId);
            e.Property(f => f.OwnerTaxCode).HasMaxLength(16);
            e.Property(f => f.Kind).HasMaxLength(30);
            e.Property(f => f.FieldKey).HasMaxLength(200);
            e.Property(f => f.FileName).HasMaxLength(255);
            e.Property(f => f.MediaType).HasMaxLength(100);
            e.Property(f => f.Sha256).HasMaxLength(64);
            e.Property(f => f.ProtocolNumber).HasMaxLength(60);
        });
        modelBuilder.Entity<TimelineEvent>(e =>
        {
            e.ToTable("timeline_event");
            e.HasIndex(t => t.SubmissionId);
            e.Property(t => t.Kind).HasMaxLength(50);
            e.Property(t => t.ActorTaxCode).HasMaxLength(16);
            e.Property(t => t.ActorName).HasMaxLength(200);
        });
        modelBuilder.Entity<Message>(e =>
        {
            e.ToTable("message");
            e.HasIndex(m => m.SubmissionId);
            e.Property(m => m.AuthorName).HasMaxLength(200);
            e.Property(m => m.ProtocolNumber).HasMaxLength(60);
        });
        modelBuilder.Entity<Rating>(e =>
        {
            e.ToTable("rating");
            e.HasIndex(r => r.SubmissionId).IsUnique();
            e.HasIndex(r => r.ServiceId);
        });
        modelBuilder.Entity<CommunicationRead>(e =>
        {
            e.ToTable("communication_read");
            e.HasIndex(r => new { r.TaxCode, r.ProtocolEntryId }).IsUnique();
            e.Property(r => r.TaxCode).HasMaxLength(16);
        });
    }
}
