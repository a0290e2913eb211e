using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Modules;
using PenToscana.Kernel.Tenancy;

namespace PenToscana.IntegrationTests.Kernel;

public sealed class MigrationTests(PlatformFactory platform) : IClassFixture<PlatformFactory>
{
    public static TheoryData<string> Providers() => new("sqlite", "postgres");

    [Theory]
    [MemberData(nameof(Providers))]
    public void No_module_database_has_model_changes_without_a_migration(string provider)
    {
        var descriptors = platform.Services.GetServices<ModuleDbDescriptor>().ToList();
        descriptors.Count.ShouldBeGreaterThanOrEqualTo(2);
        var options = new DatabaseOptions
        {
            Provider = provider,
            ConnectionString = provider == "sqlite" ? "Data Source=:memory:" : "Host=127.0.0.1;Database=model_check",
        };
        foreach (var descriptor in descriptors)
        {
            var builderType = typeof(DbContextOptionsBuilder<>).MakeGenericType(descriptor.DbType);
            var builder = (DbContextOptionsBuilder)Activator.CreateInstance(builderType)!;
            ModuleDbRegistration.Configure(builder, options, descriptor.TablePrefix);
            using var db = (DbContext)Activator.CreateInstance(descriptor.DbType, builder.Options, new BodyScope())!;
            db.Database.HasPendingModelChanges().ShouldBeFalse($"{descriptor.DbType.Name} on {provider}: run tools/add-migration.sh");
            db.Database.GetMigrations().ShouldNotBeEmpty();
        }
    }

    [Fact]
    public async Task The_test_database_is_fully_migrated()
    {
        await using var scope = platform.Services.CreateAsyncScope();
        foreach (var descriptor in scope.ServiceProvider.GetServices<ModuleDbDescriptor>())
        {
            var db = (DbContext)scope.ServiceProvider.GetRequiredService(descriptor.DbType);
            (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
        }
    }

    [Fact]
    public async Task Every_table_carries_its_module_prefix()
    {
        await using var scope = platform.Services.CreateAsyncScope();
        foreach (var descriptor in scope.ServiceProvider.GetServices<ModuleDbDescriptor>())
        {
            var db = (DbContext)scope.ServiceProvider.GetRequiredService(descriptor.DbType);
            foreach (var entity in db.Model.GetEntityTypes())
            {
                entity.GetTableName()!.ShouldStartWith(descriptor.TablePrefix);
            }
        }
    }
}
