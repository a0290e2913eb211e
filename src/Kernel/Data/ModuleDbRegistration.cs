using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PenToscana.Kernel.Modules;
using PenToscana.Kernel.Outbox;

namespace PenToscana.Kernel.Data;

public static class ModuleDbRegistration
{
    public const string SqliteMigrationsAssembly = "PenToscana.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "PenToscana.Migrations.Postgres";

    /// <summary>Registers a module's DbContext on the configured provider, its migrations and its outbox dispatcher.</summary>
    public static IServiceCollection AddModuleDb<TDb>(this IServiceCollection services, string tablePrefix)
        where TDb : ModuleDb
    {
        // Options are built when the first context is, so configuration added late (tests, hosting) is honoured; then once per
        // process rather than once per request, which spares EF rebuilding and looking up its internal services every time.
        services.AddDbContext<TDb>(
            (sp, builder) => Configure(builder, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, tablePrefix),
            contextLifetime: ServiceLifetime.Scoped,
            optionsLifetime: ServiceLifetime.Singleton);
        services.AddSingleton(new ModuleDbDescriptor(typeof(TDb), tablePrefix));
        services.AddSingleton<OutboxProcessor<TDb>>();
        services.AddHostedService<OutboxDispatcher<TDb>>();
        return services;
    }

    public static void Configure(DbContextOptionsBuilder builder, DatabaseOptions options, string tablePrefix)
    {
        string history = "__" + tablePrefix + "migrations";
        switch (options.ParsedProvider)
        {
            case DatabaseProvider.Sqlite:
                builder.UseSqlite(options.ConnectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly).MigrationsHistoryTable(history));
                break;
            case DatabaseProvider.Postgres:
                builder.UseNpgsql(options.EffectiveConnectionString, o => o.MigrationsAssembly(PostgresMigrationsAssembly).MigrationsHistoryTable(history));
                break;
        }
    }
}
