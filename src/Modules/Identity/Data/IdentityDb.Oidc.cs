using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Tenancy;

namespace PenToscana.Modules.Identity.Data;

/// <summary>
/// A service of a body registered with the platform's OpenID Connect provider. OpenIddict keeps the protocol side
/// (hashed secret, redirect URIs, permissions) in its own application row; this row says whose it is and what it needs.
/// </summary>
internal sealed class OidcClient : IEnteScoped, IVersioned
{
    public required string ClientId { get; set; }

    public Guid EnteId { get; set; }

    public required string DisplayName { get; set; }

    public OidcClientKind Kind { get; set; }

    /// <summary>The lowest SPID level a session must have to sign in to this service (<c>SpidL1</c>..<c>SpidL3</c>).</summary>
    public required string MinimumSpidLevel { get; set; }

    public bool Enabled { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    public long Version { get; set; }
}

internal enum OidcClientKind
{
    /// <summary>A server-side web application: authorization code + PKCE with a client secret.</summary>
    WebApplication,

    /// <summary>A browser or mobile application that cannot keep a secret: authorization code + PKCE, no secret.</summary>
    PublicApplication,

    /// <summary>A machine client of the API: client credentials only.</summary>
    Machine,
}

internal sealed partial class IdentityDb
{
    public DbSet<OidcClient> OidcClients => Set<OidcClient>();

    partial void ConfigureOidc(ModelBuilder modelBuilder)
    {
        // OpenIddict's applications, authorizations, scopes and tokens; ModuleDb prefixes their tables with identity_.
        modelBuilder.UseOpenIddict();
        modelBuilder.Entity<OidcClient>(e =>
        {
            e.ToTable("oidc_client");
            e.HasKey(c => c.ClientId);
            e.Property(c => c.ClientId).HasMaxLength(100);
            e.Property(c => c.DisplayName).HasMaxLength(200);
            e.Property(c => c.Kind).HasConversion<string>().HasMaxLength(30);
            e.Property(c => c.MinimumSpidLevel).HasMaxLength(10);
            e.Property(c => c.CreatedBy).HasMaxLength(100);
        });
    }
}
