using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Data;

namespace PenToscana.Modules.Protocol.Data;

/// <summary>A node of a body's classification scheme (titolario): a code such as "6.3" and its title. Administrators edit it.</summary>
internal sealed class ClassificationNode : IEnteScoped, IVersioned
{
    public Guid Id { get; set; }

    public Guid EnteId { get; set; }

    public required string Code { get; set; }

    public required string Title { get; set; }

    /// <summary>A node no longer offered for new entries; entries already classified under it keep it.</summary>
    public bool Active { get; set; } = true;

    public long Version { get; set; }

    /// <summary>Depth of the code ("6" is 1, "6.3" is 2), for indentation.</summary>
    public int Level => Code.Count(c => c == '.') + 1;
}

/// <summary>The daily register (registro giornaliero di protocollo) of one AOO for one Italian calendar day.</summary>
internal sealed class DailyRegister : IEnteScoped
{
    public Guid Id { get; set; }

    public Guid EnteId { get; set; }

    public Guid RegisterId { get; set; }

    public required string EnteIpa { get; set; }

    public required string AooCode { get; set; }

    public DateOnly Day { get; set; }

    public int EntryCount { get; set; }

    public long? FirstNumber { get; set; }

    public long? LastNumber { get; set; }

    public required string PdfSha256 { get; set; }

    public long PdfLength { get; set; }

    public required string XmlSha256 { get; set; }

    public long XmlLength { get; set; }

    public required string CsvSha256 { get; set; }

    public long CsvLength { get; set; }

    public DateTimeOffset ProducedAt { get; set; }
}

/// <summary>
/// An emergency register (DPR 445/2000 art. 63): opened by an administrator while the system is unavailable, with its
/// cause and times; its entries are imported on recovery and receive regular numbers linked to their emergency numbers.
/// </summary>
internal sealed class EmergencyRegister : IEnteScoped, IVersioned
{
    public Guid Id { get; set; }

    public Guid EnteId { get; set; }

    public Guid RegisterId { get; set; }

    public required string AooCode { get; set; }

    /// <summary>A short name printed before each emergency number, e.g. "EM-2026-01".</summary>
    public required string Code { get; set; }

    public required string Cause { get; set; }

    public DateTimeOffset OpenedAt { get; set; }

    public required string OpenedBy { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public string? ClosedBy { get; set; }

    public int ImportedCount { get; set; }

    public long Version { get; set; }
}

internal sealed partial class ProtocolDb
{
    public DbSet<ClassificationNode> Classification => Set<ClassificationNode>();

    public DbSet<DailyRegister> DailyRegisters => Set<DailyRegister>();

    public DbSet<EmergencyRegister> EmergencyRegisters => Set<EmergencyRegister>();

    partial void ConfigureMore(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ClassificationNode>(e =>
        {
            e.ToTable("classification");
            e.HasIndex(x => new { x.EnteId, x.Code }).IsUnique();
            e.Property(x => x.Code).HasMaxLength(40);
            e.Property(x => x.Title).HasMaxLength(300);
            e.Ignore(x => x.Level);
        });
        modelBuilder.Entity<DailyRegister>(e =>
        {
            e.ToTable("daily_register");
            e.HasIndex(x => new { x.RegisterId, x.Day }).IsUnique();
            e.Property(x => x.EnteIpa).HasMaxLength(40);
            e.Property(x => x.AooCode).HasMaxLength(40);
            e.Property(x => x.PdfSha256).HasMaxLength(64);
            e.Property(x => x.XmlSha256).HasMaxLength(64);
            e.Property(x => x.CsvSha256).HasMaxLength(64);
        });
        modelBuilder.Entity<EmergencyRegister>(e =>
        {
            e.ToTable("emergency_register");
            e.HasIndex(x => new { x.EnteId, x.Code }).IsUnique();
            e.Property(x => x.AooCode).HasMaxLength(40);
            e.Property(x => x.Code).HasMaxLength(40);
            e.Property(x => x.Cause).HasMaxLength(1000);
            e.Property(x => x.OpenedBy).HasMaxLength(100);
            e.Property(x => x.ClosedBy).HasMaxLength(100);
        });
    }
}
