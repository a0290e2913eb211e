using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using PenToscana.Contracts.Protocol;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Tenancy;

namespace PenToscana.Modules.Protocol.Data;

/// <summary>The protocol register of one AOO (DPR 445/2000 art. 50 c. 4, art. 61): numbers restart each calendar year.</summary>
internal sealed class ProtocolRegister : IEnteScoped
{
    /// <summary>Codice registro of the segnatura (<c>CodiceRegistroType</c>, at most 16 characters).</summary>
    public const string GeneralRegisterCode = "PG";

    public Guid Id { get; set; }

    public Guid EnteId { get; set; }

    public required string EnteIpa { get; set; }

    public Guid AooId { get; set; }

    public required string AooCode { get; set; }

    public required string Code { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// The last number given by a register in one year. It is incremented in the same transaction that inserts the entries, so
/// a rolled-back registration gives its number back and the sequence has no gaps (see docs/adr, protocol numbering).
/// </summary>
internal sealed class NumberCounter
{
    public Guid RegisterId { get; set; }

    public int Year { get; set; }

    public long LastNumber { get; set; }
}

/// <summary>
/// A protocol entry. The art. 53 fields (number, date, direction, correspondents, subject, fingerprints, sender's reference)
/// are written once: EF refuses to save a change to them and a database trigger refuses UPDATE and DELETE. Only the
/// classification, the dossier, the assignment and the annulment mark may change, each change recorded in <see cref="History"/>.
/// </summary>
internal sealed class ProtocolEntry : IEnteScoped, IVersioned
{
    public Guid Id { get; set; }

    public Guid EnteId { get; set; }

    public Guid RegisterId { get; set; }

    public required string EnteIpa { get; set; }

    public required string AooCode { get; set; }

    public int Year { get; set; }

    public long Number { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }

    public ProtocolDirection Direction { get; set; }

    public required string Subject { get; set; }

    public required string Channel { get; set; }

    public string? SenderReference { get; set; }

    public int AttachmentCount { get; set; }

    /// <summary>The caller's idempotency key; unique per body.</summary>
    public string? SourceKey { get; set; }

    public string? RegisteredBy { get; set; }

    /// <summary>Art. 63: the emergency register and number this entry was first recorded under, when it was.</summary>
    public Guid? EmergencyRegisterId { get; set; }

    public string? EmergencyNumber { get; set; }

    public DateTimeOffset? EmergencyRecordedAt { get; set; }

    // --- what may change afterwards (always with a history row) ---
    public string? Classification { get; set; }

    public string? DossierReference { get; set; }

    /// <summary>Codes of the offices the entry is assigned to, separated by commas.</summary>
    public string? OfficeCodes { get; set; }

    public DateTimeOffset? AnnulledAt { get; set; }

    public string? AnnulledBy { get; set; }

    public string? AnnulmentReason { get; set; }

    public string? AnnulmentAct { get; set; }

    public long Version { get; set; }

    public List<EntryCorrespondent> Correspondents { get; set; } = [];

    public List<EntryDocument> Documents { get; set; } = [];

    public List<EntryHistory> History { get; set; } = [];

    public bool IsAnnulled => AnnulledAt is not null;

    public string NumberText => Number.ToString("0000000", System.Globalization.CultureInfo.InvariantCulture);

    public IReadOnlyList<string> Offices => string.IsNullOrEmpty(OfficeCodes) ? [] : OfficeCodes.Split(',');

    /// <summary>The names of the columns that are written once (art. 53) and guarded by the database triggers.</summary>
    public static readonly string[] ImmutableColumns =
    [
        nameof(Id), nameof(EnteId), nameof(RegisterId), nameof(EnteIpa), nameof(AooCode), nameof(Year), nameof(Number), nameof(RegisteredAt),
        nameof(Direction), nameof(Subject), nameof(Channel), nameof(SenderReference), nameof(AttachmentCount), nameof(SourceKey),
        nameof(RegisteredBy), nameof(EmergencyRegisterId), nameof(EmergencyNumber), nameof(EmergencyRecordedAt),
    ];
}

/// <summary>Sender (incoming) or recipient (outgoing) of an entry, in the order given.</summary>
internal sealed class EntryCorrespondent
{
    public Guid Id { get; set; }

    public Guid EntryId { get; set; }

    public int Position { get; set; }

    public required string Name { get; set; }

    public string? TaxCode { get; set; }

    public string? IpaCode { get; set; }

    public string? DigitalAddress { get; set; }

    public string? PostalAddress { get; set; }
}

/// <summary>The primary document (position 0) or an attachment, with its SHA-256 fingerprint (art. 53 c. 1 f).</summary>
internal sealed class EntryDocument
{
    public Guid Id { get; set; }

    public Guid EntryId { get; set; }

    public int Position { get; set; }

    public required string FileName { get; set; }

    public required string MediaType { get; set; }

    public required string Sha256 { get; set; }

    public long Length { get; set; }

    public bool IsPrimary => Position == 0;
}

/// <summary>One change of an entry after its registration: assignment, classification, dossier, annulment.</summary>
internal sealed class EntryHistory
{
    public Guid Id { get; set; }

    public Guid EntryId { get; set; }

    public DateTimeOffset At { get; set; }

    public required string By { get; set; }

    public required string Kind { get; set; }

    public required string Detail { get; set; }
}

internal static class HistoryKinds
{
    public const string Registered = "registrazione";
    public const string Classification = "classificazione";
    public const string Assignment = "assegnazione";
    public const string Dossier = "fascicolo";
    public const string Annulment = "annullamento";
}

internal sealed partial class ProtocolDb(DbContextOptions<ProtocolDb> options, BodyScope bodyScope) : ModuleDb(options, bodyScope)
{
    public const string Prefix = "protocol_";

    public override string TablePrefix => Prefix;

    public override string ModuleName => "Protocol";

    /// <summary>PostgreSQL only: the stored full-text vector of the subject (see SubjectWords in the search feature).</summary>
    public const string SubjectWordsColumn = "SubjectWords";

    public const string SubjectWordsSql = """to_tsvector('simple'::regconfig, regexp_replace("Subject", '[^[:alnum:]]+', ' ', 'g'))""";

    public DbSet<ProtocolRegister> Registers => Set<ProtocolRegister>();

    public DbSet<NumberCounter> Counters => Set<NumberCounter>();

    public DbSet<ProtocolEntry> Entries => Set<ProtocolEntry>();

    public DbSet<EntryCorrespondent> Correspondents => Set<EntryCorrespondent>();

    public DbSet<EntryDocument> Documents => Set<EntryDocument>();

    public DbSet<EntryHistory> History => Set<EntryHistory>();

    protected override void ConfigureModule(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ProtocolRegister>(e =>
        {
            e.ToTable("register");
            e.HasIndex(x => x.AooId).IsUnique();
            e.Property(x => x.EnteIpa).HasMaxLength(40);
            e.Property(x => x.AooCode).HasMaxLength(40);
            e.Property(x => x.Code).HasMaxLength(16);
        });
        modelBuilder.Entity<NumberCounter>(e =>
        {
            e.ToTable("counter");
            e.HasKey(x => new { x.RegisterId, x.Year });
        });
        modelBuilder.Entity<ProtocolEntry>(e =>
        {
            e.ToTable("entry");
            e.HasIndex(x => new { x.RegisterId, x.Year, x.Number }).IsUnique();
            e.HasIndex(x => new { x.EnteId, x.SourceKey }).IsUnique();
            // The register newest first: the search's walks and its pages.
            var newest = e.HasIndex(x => new { x.EnteId, x.RegisteredAt, x.Number });
            if (Database.IsNpgsql())
            {
                // The words of the subject for the register's text search: stored, so that checking a row costs no parsing.
                e.Property<NpgsqlTypes.NpgsqlTsVector>(SubjectWordsColumn).HasComputedColumnSql(SubjectWordsSql, stored: true);
                e.HasIndex(SubjectWordsColumn).HasMethod("gin");

                // The words, the year and the id ride in the newest-first index, so that a walk of the newest entries checks
                // their words in the index alone (an index-only scan) instead of reading every row from the table (ADR 0029).
                newest.IncludeProperties(nameof(ProtocolEntry.Year), nameof(ProtocolEntry.Id), SubjectWordsColumn);
            }

            e.Property(x => x.EnteIpa).HasMaxLength(40);
            e.Property(x => x.AooCode).HasMaxLength(40);
            e.Property(x => x.Direction).HasConversion<string>().HasMaxLength(10);
            e.Property(x => x.Subject).HasMaxLength(2000);
            e.Property(x => x.Channel).HasMaxLength(20);
            e.Property(x => x.SenderReference).HasMaxLength(200);
            e.Property(x => x.SourceKey).HasMaxLength(200);
            e.Property(x => x.RegisteredBy).HasMaxLength(100);
            e.Property(x => x.EmergencyNumber).HasMaxLength(40);
            e.Property(x => x.Classification).HasMaxLength(40);
            e.Property(x => x.DossierReference).HasMaxLength(100);
            e.Property(x => x.OfficeCodes).HasMaxLength(400);
            e.Property(x => x.AnnulledBy).HasMaxLength(100);
            e.Property(x => x.AnnulmentReason).HasMaxLength(1000);
            e.Property(x => x.AnnulmentAct).HasMaxLength(400);
            e.Ignore(x => x.IsAnnulled);
            e.Ignore(x => x.NumberText);
            e.Ignore(x => x.Offices);
            e.HasMany(x => x.Correspondents).WithOne().HasForeignKey(x => x.EntryId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Documents).WithOne().HasForeignKey(x => x.EntryId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.History).WithOne().HasForeignKey(x => x.EntryId).OnDelete(DeleteBehavior.Restrict);
            foreach (var column in ProtocolEntry.ImmutableColumns)
            {
                e.Property(column).Metadata.SetAfterSaveBehavior(PropertySaveBehavior.Throw);
            }
        });
        modelBuilder.Entity<EntryCorrespondent>(e =>
        {
            e.ToTable("correspondent");
            e.HasIndex(x => new { x.EntryId, x.Position }).IsUnique();
            e.HasIndex(x => x.TaxCode);
            e.Property(x => x.Name).HasMaxLength(300);
            e.Property(x => x.TaxCode).HasMaxLength(16);
            e.Property(x => x.IpaCode).HasMaxLength(40);
            e.Property(x => x.DigitalAddress).HasMaxLength(200);
            e.Property(x => x.PostalAddress).HasMaxLength(400);
            WriteOnce(e.Metadata);
        });
        modelBuilder.Entity<EntryDocument>(e =>
        {
            e.ToTable("document");
            e.HasIndex(x => new { x.EntryId, x.Position }).IsUnique();
            e.HasIndex(x => x.Sha256);
            e.Property(x => x.FileName).HasMaxLength(255);
            e.Property(x => x.MediaType).HasMaxLength(100);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Ignore(x => x.IsPrimary);
            WriteOnce(e.Metadata);
        });
        modelBuilder.Entity<EntryHistory>(e =>
        {
            e.ToTable("entry_history");
            e.HasIndex(x => new { x.EntryId, x.At });
            e.Property(x => x.By).HasMaxLength(100);
            e.Property(x => x.Kind).HasMaxLength(30);
            e.Property(x => x.Detail).HasMaxLength(2000);
            WriteOnce(e.Metadata);
        });
        ConfigureMore(modelBuilder);
    }

    // Further feature areas (titolario, daily registers, emergency registers) map their tables in their own files.
    partial void ConfigureMore(ModelBuilder modelBuilder);

    private static void WriteOnce(IMutableEntityType entity)
    {
        foreach (var property in entity.GetProperties())
        {
            property.SetAfterSaveBehavior(PropertySaveBehavior.Throw);
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseDeletes();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseDeletes();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>The register is append-only (DPR 445/2000 art. 53-54): an entry is annulled, never deleted.</summary>
    private void RefuseDeletes()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State == EntityState.Deleted && entry.Entity is ProtocolEntry or EntryCorrespondent or EntryDocument or EntryHistory)
            {
                throw new InvalidOperationException("Il registro di protocollo non ammette cancellazioni: una registrazione errata si annulla.");
            }
        }
    }
}
