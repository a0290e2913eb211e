using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace PenToscana.Kernel.Audit;

/// <summary>
/// One entry of the append-only audit log. Each entry carries the SHA-256 of the previous one, so removing,
/// reordering or editing any entry breaks the chain from that point on.
/// </summary>
public sealed class AuditEntry
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    public long Sequence { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>Who acted: a codice fiscale, or <c>system</c>.</summary>
    public required string Actor { get; set; }

    /// <summary>Whom the actor represented (delegation, company), when not themselves.</summary>
    public string? OnBehalfOf { get; set; }

    public required string Action { get; set; }

    public Guid? EnteId { get; set; }

    public string? Subject { get; set; }

    public string? Details { get; set; }

    public required string PreviousHash { get; set; }

    public required string Hash { get; set; }

    public string ComputeHash()
    {
        var canonical = string.Join('\n',
            PreviousHash,
            Sequence.ToString(CultureInfo.InvariantCulture),
            At.UtcTicks.ToString(CultureInfo.InvariantCulture),
            Escape(Actor),
            Escape(OnBehalfOf),
            Escape(Action),
            EnteId?.ToString("N") ?? "",
            Escape(Subject),
            Escape(Details));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    private static string Escape(string? value) => value is null ? "\0" : value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    internal static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AuditEntry>(e =>
        {
            e.ToTable("audit_entry");
            e.HasKey(a => a.Sequence);
            e.Property(a => a.Sequence).ValueGeneratedNever();
            e.Property(a => a.Actor).HasMaxLength(100);
            e.Property(a => a.OnBehalfOf).HasMaxLength(100);
            e.Property(a => a.Action).HasMaxLength(100);
            e.Property(a => a.Subject).HasMaxLength(400);
            e.Property(a => a.PreviousHash).HasMaxLength(64);
            e.Property(a => a.Hash).HasMaxLength(64);
            e.HasIndex(a => new { a.EnteId, a.At });
        });
        modelBuilder.Entity<AuditHead>(e =>
        {
            e.ToTable("audit_head");
            e.HasKey(h => h.Id);
            e.Property(h => h.Id).ValueGeneratedNever();
            e.Property(h => h.LastHash).HasMaxLength(64);
        });
    }
}

/// <summary>The single row that serialises appends: the last sequence number and hash.</summary>
public sealed class AuditHead
{
    public int Id { get; set; } = 1;

    public long LastSequence { get; set; }

    public string LastHash { get; set; } = AuditEntry.GenesisHash;
}
