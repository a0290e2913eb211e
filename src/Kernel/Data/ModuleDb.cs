using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PenToscana.Kernel.Outbox;
using PenToscana.Kernel.Tenancy;

namespace PenToscana.Kernel.Data;

/// <summary>
/// Base of every module's DbContext: table prefix, body filter on <see cref="IEnteScoped"/> rows,
/// optimistic concurrency on <see cref="IVersioned"/> rows, UTC timestamps that sort on both providers,
/// and the module's own outbox table written in the same transaction as the change.
/// </summary>
public abstract class ModuleDb(DbContextOptions options, BodyScope bodyScope) : DbContext(options)
{
    /// <summary>Table prefix, e.g. <c>kernel_</c>, <c>payments_</c>.</summary>
    public abstract string TablePrefix { get; }

    /// <summary>Module name as it appears in configuration and in the jobs page.</summary>
    public abstract string ModuleName { get; }

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    /// <summary>The bodies whose rows this context may see; <c>null</c> means every body (system work).</summary>
    protected IReadOnlyCollection<Guid>? VisibleBodies => bodyScope.VisibleBodies;

    internal bool IsBodyFilterOff => bodyScope.VisibleBodies is null;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        OutboxMessage.Configure(modelBuilder);
        ConfigureModule(modelBuilder);
        ApplyConventions(modelBuilder);
    }

    protected abstract void ConfigureModule(ModelBuilder modelBuilder);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Database.IsSqlite())
        {
            // SQLite has no time type: store UTC ticks so that ordering and comparisons happen in SQL.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
        }
    }

    private void ApplyConventions(ModelBuilder modelBuilder)
    {
        foreach (IMutableEntityType entity in modelBuilder.Model.GetEntityTypes())
        {
            if (entity.IsOwned())
            {
                continue;
            }

            string? table = entity.GetTableName();
            if (table is not null && !table.StartsWith(TablePrefix, StringComparison.Ordinal))
            {
                entity.SetTableName(TablePrefix + ToSnake(table));
            }

            if (typeof(IVersioned).IsAssignableFrom(entity.ClrType))
            {
                entity.FindProperty(nameof(IVersioned.Version))!.IsConcurrencyToken = true;
            }

            if (typeof(IEnteScoped).IsAssignableFrom(entity.ClrType) && entity.BaseType is null)
            {
                modelBuilder.Entity(entity.ClrType).HasQueryFilter(BodyFilter.For(entity.ClrType, this));
                modelBuilder.Entity(entity.ClrType).HasIndex(nameof(IEnteScoped.EnteId));
            }
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Modified)
            {
                entry.Entity.Version++;
            }
        }
    }

    /// <summary>Adds an integration event to this module's outbox; it is saved with the next <c>SaveChangesAsync</c>.</summary>
    /// <returns>The outbox row, for a caller that does the handlers' work itself (<see cref="OutboxMessage.MarkHandledInline"/>).</returns>
    public OutboxMessage Publish<TEvent>(TEvent integrationEvent, DateTimeOffset now, Guid? enteId = null)
        where TEvent : class
    {
        var message = OutboxMessage.For(integrationEvent, now, enteId);
        Outbox.Add(message);
        return message;
    }

    internal static string ToSnake(string name)
    {
        var sb = new System.Text.StringBuilder(name.Length + 8);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '_')
                {
                    sb.Append('_');
                }

                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        v => new DateTimeOffset(v, TimeSpan.Zero));
}
