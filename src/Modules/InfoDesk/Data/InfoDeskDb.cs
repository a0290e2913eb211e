using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Tenancy;

namespace PenToscana.Modules.InfoDesk.Data;

/// <param name="publicCache">The output cache of the public report lists: evicted for each body a save touches.</param>
internal sealed class InfoDeskDb(DbContextOptions<InfoDeskDb> options, BodyScope bodyScope, IOutputCacheStore? publicCache) : ModuleDb(options, bodyScope)
{
    /// <summary>Like every module's database, also made from its options and body scope alone (tools, tests): no cache to evict.</summary>
    public InfoDeskDb(DbContextOptions<InfoDeskDb> options, BodyScope bodyScope)
        : this(options, bodyScope, null)
    {
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var touched = publicCache is null ? [] : TouchedBodies();
        int saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        foreach (var enteId in touched)
        {
            await publicCache!.EvictByTagAsync(Features.PublicCache.Tag(enteId), CancellationToken.None);
        }

        return saved;
    }

    /// <summary>The bodies whose rows this save adds, changes or removes (a report moved to another body touches both, and the body it was filed with lists it too).</summary>
    private HashSet<Guid> TouchedBodies()
    {
        var bodies = new HashSet<Guid>();
        foreach (var entry in ChangeTracker.Entries<IEnteScoped>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            {
                bodies.Add(entry.Entity.EnteId);
                if (entry.State == EntityState.Modified && entry.OriginalValues[nameof(IEnteScoped.EnteId)] is Guid before)
                {
                    bodies.Add(before);
                }

                if (entry.Entity is Report report)
                {
                    bodies.Add(report.FiledWithEnteId); // the body it was filed with lists it too (ADR 0022)
                }
            }
        }

        return bodies;
    }

    public override string TablePrefix => "infodesk_";

    public override string ModuleName => "InfoDesk";

    public DbSet<DeskSettings> Settings => Set<DeskSettings>();

    public DbSet<ReportCategory> Categories => Set<ReportCategory>();

    public DbSet<CategoryQuestion> Questions => Set<CategoryQuestion>();

    public DbSet<RoutingArea> Areas => Set<RoutingArea>();

    public DbSet<RoutingRule> Rules => Set<RoutingRule>();

    public DbSet<Report> Reports => Set<Report>();

    public DbSet<ReportPhoto> Photos => Set<ReportPhoto>();

    public DbSet<ReportEvent> Events => Set<ReportEvent>();

    public DbSet<ReportObserver> Observers => Set<ReportObserver>();

    public DbSet<AnswerTemplate> Templates => Set<AnswerTemplate>();

    public DbSet<Open311Key> Open311Keys => Set<Open311Key>();

    public DbSet<InfoCard> Cards => Set<InfoCard>();

    public DbSet<InfoCardRevision> CardRevisions => Set<InfoCardRevision>();

    public DbSet<ReportExport> Exports => Set<ReportExport>();

    public DbSet<MailIntakeMessage> MailMessages => Set<MailIntakeMessage>();

    protected override void ConfigureModule(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<DeskSettings>(e =>
        {
            e.ToTable("settings");
            e.HasKey(s => s.EnteId);
        });
        modelBuilder.Entity<ReportCategory>(e =>
        {
            e.ToTable("category");
            e.Property(c => c.Code).HasMaxLength(50);
            e.Property(c => c.Name).HasMaxLength(200);
            e.Property(c => c.Description).HasMaxLength(2000);
            e.Property(c => c.Group).HasMaxLength(100);
            e.Property(c => c.Keywords).HasMaxLength(500);
            e.HasIndex(c => new { c.EnteId, c.Code }).IsUnique();
            e.HasMany(c => c.Questions).WithOne().HasForeignKey(q => q.CategoryId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<CategoryQuestion>(e =>
        {
            e.ToTable("category_question");
            e.Property(q => q.Code).HasMaxLength(50);
            e.Property(q => q.Label).HasMaxLength(300);
            e.Property(q => q.Datatype).HasMaxLength(20);
            e.Property(q => q.Values).HasMaxLength(4000);
            e.HasIndex(q => new { q.CategoryId, q.Code }).IsUnique();
        });
        modelBuilder.Entity<RoutingArea>(e =>
        {
            e.ToTable("area");
            e.Property(a => a.Name).HasMaxLength(200);
        });
        modelBuilder.Entity<RoutingRule>(e =>
        {
            e.ToTable("rule");
            e.Property(r => r.CategoryCode).HasMaxLength(50);
        });
        modelBuilder.Entity<Report>(e =>
        {
            e.ToTable("report");
            e.Property(r => r.CategoryCode).HasMaxLength(50);
            e.Property(r => r.CategoryName).HasMaxLength(200);
            e.Property(r => r.Description).HasMaxLength(4000);
            e.Property(r => r.Address).HasMaxLength(300);
            e.Property(r => r.StateReason).HasMaxLength(1000);
            e.Property(r => r.Answers).HasMaxLength(8000);
            e.Property(r => r.ReporterTaxCode).HasMaxLength(16);
            e.Property(r => r.ReporterName).HasMaxLength(200);
            e.Property(r => r.ReporterEmail).HasMaxLength(200);
            e.Property(r => r.ReporterPhone).HasMaxLength(50);
            e.Property(r => r.ReporterAddress).HasMaxLength(300);
            e.Property(r => r.TrackingHash).HasMaxLength(64);
            e.Property(r => r.RegisteredByTaxCode).HasMaxLength(16);
            e.Property(r => r.IncomingProtocol).HasMaxLength(100);
            e.HasIndex(r => r.TrackingHash).IsUnique();
            e.HasIndex(r => new { r.EnteId, r.State, r.CreatedAt });
            // A desk's public lists are the reports it handles (these two indexes, with or without the category) plus the few
            // filed with it and handled by another body (the partial index below): see JurisdictionReports.
            e.HasIndex(r => new { r.EnteId, r.CreatedAt });
            e.HasIndex(r => new { r.EnteId, r.CategoryCode, r.CreatedAt });
            // Reports filed with one body and handled by another are few: their own small index serves the filing body's side
            // of the public lists (JurisdictionReports) without walking all of its own reports.
            e.HasIndex(r => new { r.FiledWithEnteId, r.CreatedAt }, "IX_infodesk_report_FiledElsewhere")
                .HasFilter("\"FiledWithEnteId\" <> \"EnteId\"");
            // Open reports of one category, newest first (Open311 status=open, the map's open reports): a small ordered walk.
            e.HasIndex(r => new { r.EnteId, r.CategoryCode, r.CreatedAt }, "IX_infodesk_report_OpenByCategory")
                .HasFilter($"\"State\" <> {(int)Domain.ReportState.Closed} AND \"State\" <> {(int)Domain.ReportState.Rejected}");
            // The nearby-duplicate lookup reads open reports only: closed ones, most of a long history, are not in its index.
            e.HasIndex(r => new { r.CategoryCode, r.Latitude, r.Longitude }, "IX_infodesk_report_OpenNearby")
                .HasFilter($"\"State\" <> {(int)Domain.ReportState.Closed} AND \"State\" <> {(int)Domain.ReportState.Rejected}");
            e.HasIndex(r => r.ReporterTaxCode);
            e.HasMany(r => r.Photos).WithOne().HasForeignKey(p => p.ReportId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(r => r.Events).WithOne().HasForeignKey(v => v.ReportId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ReportPhoto>(e =>
        {
            e.ToTable("photo");
            e.Property(p => p.Sha256).HasMaxLength(64);
            e.Property(p => p.MediaType).HasMaxLength(50);
        });
        modelBuilder.Entity<ReportEvent>(e =>
        {
            e.ToTable("event");
            e.Property(v => v.Text).HasMaxLength(8000);
            e.Property(v => v.ByTaxCode).HasMaxLength(16);
            e.Property(v => v.ByName).HasMaxLength(200);
            e.Property(v => v.Protocol).HasMaxLength(100);
            e.HasIndex(v => new { v.ReportId, v.At });
        });
        modelBuilder.Entity<ReportObserver>(e =>
        {
            e.ToTable("observer");
            e.HasKey(o => new { o.ReportId, o.TaxCode });
            e.Property(o => o.TaxCode).HasMaxLength(16);
        });
        modelBuilder.Entity<AnswerTemplate>(e =>
        {
            e.ToTable("answer_template");
            e.Property(t => t.Title).HasMaxLength(200);
            e.Property(t => t.Text).HasMaxLength(4000);
        });
        modelBuilder.Entity<Open311Key>(e =>
        {
            e.ToTable("open311_key");
            e.Property(k => k.KeyHash).HasMaxLength(64);
            e.Property(k => k.Name).HasMaxLength(200);
            e.Property(k => k.Bodies).HasMaxLength(1000);
            e.HasIndex(k => k.KeyHash).IsUnique();
        });
        modelBuilder.Entity<InfoCard>(e =>
        {
            e.ToTable("card");
            e.Property(c => c.Title).HasMaxLength(300);
            e.Property(c => c.Body).HasMaxLength(20000);
            e.Property(c => c.Audience).HasMaxLength(1000);
            e.Property(c => c.WhereWhenHow).HasMaxLength(4000);
            e.Property(c => c.Documents).HasMaxLength(4000);
            e.Property(c => c.Costs).HasMaxLength(2000);
            e.Property(c => c.Links).HasMaxLength(2000);
            e.Property(c => c.Tags).HasMaxLength(500);
            e.Property(c => c.SearchText).HasMaxLength(30000);
            e.Property(c => c.UpdatedBy).HasMaxLength(16);
            e.HasIndex(c => new { c.Published, c.ReviewBy });
        });
        modelBuilder.Entity<InfoCardRevision>(e =>
        {
            e.ToTable("card_revision");
            e.Property(r => r.By).HasMaxLength(16);
            e.HasIndex(r => new { r.CardId, r.Number }).IsUnique();
        });
        modelBuilder.Entity<ReportExport>(e =>
        {
            e.ToTable("export");
            e.Property(x => x.Format).HasMaxLength(10);
            e.Property(x => x.Filters).HasMaxLength(2000);
            e.Property(x => x.BlobSha256).HasMaxLength(64);
            e.Property(x => x.Error).HasMaxLength(1000);
            e.Property(x => x.CreatedBy).HasMaxLength(16);
            e.HasIndex(x => new { x.Status, x.CreatedAt });
        });
        modelBuilder.Entity<MailIntakeMessage>(e =>
        {
            e.ToTable("mail_message");
            e.Property(x => x.MessageId).HasMaxLength(500);
            e.HasIndex(x => new { x.EnteId, x.MessageId }).IsUnique();
        });
    }
}
