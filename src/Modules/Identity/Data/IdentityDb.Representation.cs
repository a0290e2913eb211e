using Microsoft.EntityFrameworkCore;

namespace PenToscana.Modules.Identity.Data;

/// <summary>A verified attribute of a person (the platform's own Attribute Authority): legal representation, professional order.</summary>
internal sealed class Qualification
{
    public Guid Id { get; set; }

    public required string PersonTaxCode { get; set; }

    /// <summary>One of <see cref="Contracts.Identity.QualificationKinds"/>.</summary>
    public required string Kind { get; set; }

    /// <summary>What the attribute is about: the company's partita IVA, the order's name.</summary>
    public required string Subject { get; set; }

    public required string SubjectName { get; set; }

    /// <summary>Where the attribute was verified (registro imprese, ordine, demo seed).</summary>
    public required string Source { get; set; }

    public DateTimeOffset VerifiedAt { get; set; }

    public DateTimeOffset? ValidUntil { get; set; }
}

/// <summary>A citizen's delega: the delegate may act for the delegator on all services (Services null) or on the listed ones, until it expires.</summary>
internal sealed class Delegation
{
    public Guid Id { get; set; }

    public required string DelegatorTaxCode { get; set; }

    public required string DelegatorName { get; set; }

    public required string DelegateTaxCode { get; set; }

    /// <summary>Service codes separated by commas; null means every service.</summary>
    public string? Services { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public IReadOnlyList<string> ServiceList => Services is null ? [] : Services.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public bool IsActive(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now;

    public bool Covers(string? service) => Services is null || (service is not null && ServiceList.Contains(service, StringComparer.OrdinalIgnoreCase));
}

/// <summary>A server-side platform session: the cookie carries only its key, so ending it here really ends it.</summary>
internal sealed class UserSession
{
    public required string Id { get; set; }

    public required string TaxCode { get; set; }

    /// <summary>The authentication ticket, serialised and protected with the platform's data-protection keys.</summary>
    public required byte[] Ticket { get; set; }

    public string? UserAgent { get; set; }

    public string? IpAddress { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>The absolute end: no activity extends the session past it.</summary>
    public DateTimeOffset AbsoluteExpiresAt { get; set; }
}

internal sealed partial class IdentityDb
{
    public DbSet<Qualification> Qualifications => Set<Qualification>();

    public DbSet<Delegation> Delegations => Set<Delegation>();

    public DbSet<UserSession> Sessions => Set<UserSession>();

    partial void ConfigureRepresentation(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Qualification>(e =>
        {
            e.ToTable("qualification");
            e.Property(q => q.PersonTaxCode).HasMaxLength(16);
            e.Property(q => q.Kind).HasMaxLength(50);
            e.Property(q => q.Subject).HasMaxLength(200);
            e.Property(q => q.SubjectName).HasMaxLength(200);
            e.Property(q => q.Source).HasMaxLength(200);
            e.HasIndex(q => new { q.PersonTaxCode, q.Kind, q.Subject }).IsUnique();
        });
        modelBuilder.Entity<Delegation>(e =>
        {
            e.ToTable("delegation");
            e.Property(d => d.DelegatorTaxCode).HasMaxLength(16);
            e.Property(d => d.DelegatorName).HasMaxLength(200);
            e.Property(d => d.DelegateTaxCode).HasMaxLength(16);
            e.Property(d => d.Services).HasMaxLength(1000);
            e.HasIndex(d => d.DelegateTaxCode);
            e.HasIndex(d => d.DelegatorTaxCode);
        });
        modelBuilder.Entity<UserSession>(e =>
        {
            e.ToTable("session");
            e.HasKey(s => s.Id);
            e.Property(s => s.Id).HasMaxLength(64);
            e.Property(s => s.TaxCode).HasMaxLength(16);
            e.Property(s => s.UserAgent).HasMaxLength(400);
            e.Property(s => s.IpAddress).HasMaxLength(64);
            e.HasIndex(s => s.TaxCode);
        });
    }
}
