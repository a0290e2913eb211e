using Microsoft.EntityFrameworkCore;

namespace PenToscana.Modules.Identity.Data;

/// <summary>An AuthnRequest sent to an IdP, kept server-side; RelayState is only an opaque key to it. Consumed once.</summary>
internal sealed class SamlRequest
{
    public required string Id { get; set; }

    public required string RelayState { get; set; }

    public required string IdpEntityId { get; set; }

    public int Level { get; set; }

    public required string Comparison { get; set; }

    public DateTimeOffset IssueInstant { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public required string ReturnUrl { get; set; }

    public DateTimeOffset? ConsumedAt { get; set; }
}

/// <summary>An assertion already used to sign in, kept until it would expire anyway (replay defence).</summary>
internal sealed class SamlAssertionUse
{
    public required string AssertionId { get; set; }

    public required string IdpEntityId { get; set; }

    public DateTimeOffset NotOnOrAfter { get; set; }

    public DateTimeOffset UsedAt { get; set; }
}

/// <summary>
/// The SPID transaction register (log.rst; DPCM 24/10/2014 art. 13): every request and response with the fields the rules name,
/// kept 24 months. Append-only.
/// </summary>
internal sealed class SamlMessageLog
{
    public Guid Id { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Kind { get; set; }

    public string? MessageId { get; set; }

    public string? InResponseTo { get; set; }

    public DateTimeOffset? IssueInstant { get; set; }

    public string? Issuer { get; set; }

    public string? IdpEntityId { get; set; }

    public string? AssertionId { get; set; }

    public string? NameId { get; set; }

    public string? NameQualifier { get; set; }

    public string? TaxCode { get; set; }

    public required string Outcome { get; set; }

    public required string Xml { get; set; }

    public DateTimeOffset KeepUntil { get; set; }
}

internal sealed partial class IdentityDb
{
    public DbSet<SamlRequest> SamlRequests => Set<SamlRequest>();

    public DbSet<SamlAssertionUse> SamlAssertionUses => Set<SamlAssertionUse>();

    public DbSet<SamlMessageLog> SamlMessageLogs => Set<SamlMessageLog>();

    partial void ConfigureSaml(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<SamlRequest>(e =>
        {
            e.ToTable("saml_request");
            e.HasKey(r => r.Id);
            e.Property(r => r.Id).HasMaxLength(100);
            e.Property(r => r.RelayState).HasMaxLength(100);
            e.Property(r => r.IdpEntityId).HasMaxLength(500);
            e.Property(r => r.Comparison).HasMaxLength(20);
            e.Property(r => r.ReturnUrl).HasMaxLength(2000);
            e.HasIndex(r => r.RelayState).IsUnique();
            e.HasIndex(r => r.ExpiresAt);
        });
        modelBuilder.Entity<SamlAssertionUse>(e =>
        {
            e.ToTable("saml_assertion_use");
            e.HasKey(a => new { a.IdpEntityId, a.AssertionId });
            e.Property(a => a.AssertionId).HasMaxLength(200);
            e.Property(a => a.IdpEntityId).HasMaxLength(500);
            e.HasIndex(a => a.NotOnOrAfter);
        });
        modelBuilder.Entity<SamlMessageLog>(e =>
        {
            e.ToTable("saml_message_log");
            e.Property(l => l.Kind).HasMaxLength(30);
            e.Property(l => l.MessageId).HasMaxLength(200);
            e.Property(l => l.InResponseTo).HasMaxLength(200);
            e.Property(l => l.Issuer).HasMaxLength(500);
            e.Property(l => l.IdpEntityId).HasMaxLength(500);
            e.Property(l => l.AssertionId).HasMaxLength(200);
            e.Property(l => l.NameId).HasMaxLength(200);
            e.Property(l => l.NameQualifier).HasMaxLength(500);
            e.Property(l => l.TaxCode).HasMaxLength(16);
            e.Property(l => l.Outcome).HasMaxLength(500);
            e.HasIndex(l => l.At);
            e.HasIndex(l => l.MessageId);
            e.HasIndex(l => l.KeepUntil);
        });
    }
}
