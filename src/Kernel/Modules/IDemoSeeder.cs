namespace PenToscana.Kernel.Modules;

/// <summary>Adds a module's demo data (embedded mode, <c>seed demo</c> verb). Must be idempotent: running it twice changes nothing.</summary>
public interface IDemoSeeder
{
    /// <summary>Seeders run in ascending order; the kernel's bodies come first (0).</summary>
    int Order { get; }

    Task SeedAsync(CancellationToken cancellationToken);
}
