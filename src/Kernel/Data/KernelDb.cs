using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Audit;
using PenToscana.Kernel.Jobs;
using PenToscana.Kernel.Tenancy;

namespace PenToscana.Kernel.Data;

/// <summary>The platform's own tables: bodies and their structure, scheduled jobs, the audit chain.</summary>
public sealed class KernelDb(DbContextOptions<KernelDb> options, BodyScope bodyScope) : ModuleDb(options, bodyScope), IDataProtectionKeyContext
{
    public override string TablePrefix => "kernel_";

    public override string ModuleName => "Kernel";

    public DbSet<Ente> Enti => Set<Ente>();

    public DbSet<Aoo> Aoos => Set<Aoo>();

    public DbSet<Office> Offices => Set<Office>();

    public DbSet<ScheduledJob> ScheduledJobs => Set<ScheduledJob>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<AuditHead> AuditHeads => Set<AuditHead>();

    /// <summary>ASP.NET Core data-protection keys (cookies, antiforgery), shared by every node.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void ConfigureModule(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Ente>(e =>
        {
            e.ToTable("ente");
            e.HasIndex(x => x.IpaCode).IsUnique();
            e.HasIndex(x => x.TaxCode).IsUnique();
            e.Property(x => x.IpaCode).HasMaxLength(40);
            e.Property(x => x.TaxCode).HasMaxLength(16);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.LogoSha256).HasMaxLength(64);
            e.Property(x => x.LogoContentType).HasMaxLength(60);
            e.Property(x => x.Website).HasMaxLength(200);
            e.Property(x => x.Pec).HasMaxLength(200);
            e.HasMany(x => x.Aoos).WithOne().HasForeignKey(x => x.EnteId);
            e.HasMany(x => x.Offices).WithOne().HasForeignKey(x => x.EnteId);
        });
        modelBuilder.Entity<Aoo>(e =>
        {
            e.ToTable("aoo");
            e.HasIndex(x => new { x.EnteId, x.Code }).IsUnique();
            e.Property(x => x.Code).HasMaxLength(40);
            e.Property(x => x.Name).HasMaxLength(200);
        });
        modelBuilder.Entity<Office>(e =>
        {
            e.ToTable("office");
            e.HasIndex(x => new { x.EnteId, x.Code }).IsUnique();
            e.Property(x => x.Code).HasMaxLength(40);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Email).HasMaxLength(200);
        });
        modelBuilder.Entity<DataProtectionKey>(e => e.ToTable("data_protection_key"));
        ScheduledJob.Configure(modelBuilder);
        AuditEntry.Configure(modelBuilder);
    }
}
