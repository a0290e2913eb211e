using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Tenancy;

namespace PenToscana.Modules.Identity.Data;

/// <summary>A person known to the platform, keyed by codice fiscale whatever identity provider they used.</summary>
internal sealed class Person : IVersioned
{
    public required string TaxCode { get; set; }

    public required string GivenName { get; set; }

    public required string FamilyName { get; set; }

    public string? Email { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastSignInAt { get; set; }

    public long Version { get; set; }

    public string DisplayName => $"{GivenName} {FamilyName}";
}

/// <summary>A role one body grants a person, optionally limited to one office.</summary>
internal sealed class RoleGrant : IEnteScoped
{
    public Guid Id { get; set; }

    public Guid EnteId { get; set; }

    public required string PersonTaxCode { get; set; }

    public required string Role { get; set; }

    public Guid? OfficeId { get; set; }

    public DateTimeOffset GrantedAt { get; set; }

    public required string GrantedBy { get; set; }
}

internal sealed partial class IdentityDb(DbContextOptions<IdentityDb> options, BodyScope bodyScope) : ModuleDb(options, bodyScope)
{
    public override string TablePrefix => "identity_";

    public override string ModuleName => "Identity";

    public DbSet<Person> People => Set<Person>();

    public DbSet<RoleGrant> RoleGrants => Set<RoleGrant>();

    protected override void ConfigureModule(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Person>(e =>
        {
            e.ToTable("person");
            e.HasKey(p => p.TaxCode);
            e.Property(p => p.TaxCode).HasMaxLength(16);
            e.Property(p => p.GivenName).HasMaxLength(100);
            e.Property(p => p.FamilyName).HasMaxLength(100);
            e.Property(p => p.Email).HasMaxLength(200);
        });
        modelBuilder.Entity<RoleGrant>(e =>
        {
            e.ToTable("role_grant");
            e.Property(g => g.PersonTaxCode).HasMaxLength(16);
            e.Property(g => g.Role).HasMaxLength(50);
            e.Property(g => g.GrantedBy).HasMaxLength(100);
            e.HasIndex(g => new { g.PersonTaxCode, g.EnteId, g.Role, g.OfficeId }).IsUnique();
        });
        ConfigureSaml(modelBuilder);
        ConfigureOidc(modelBuilder);
        ConfigureRepresentation(modelBuilder);
    }

    // Each feature area maps its own tables in its own file (IdentityDb.Saml.cs, IdentityDb.Oidc.cs, IdentityDb.Representation.cs).
    partial void ConfigureSaml(ModelBuilder modelBuilder);

    partial void ConfigureOidc(ModelBuilder modelBuilder);

    partial void ConfigureRepresentation(ModelBuilder modelBuilder);
}
