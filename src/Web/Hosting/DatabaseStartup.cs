using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Modules;

namespace PenToscana.Web.Hosting;

/// <summary>Checks the database at start; in the embedded mode migrates and seeds the demo bodies.</summary>
internal static class DatabaseStartup
{
    public static async Task<bool> PrepareAsync(WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        DatabaseProvider provider;
        try
        {
            provider = options.ParsedProvider;
        }
        catch (InvalidOperationException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return false;
        }

        if (provider == DatabaseProvider.Sqlite)
        {
            EnsureSqliteFolder(options.ConnectionString);
        }

        try
        {
            if (options.MigrateOnStart)
            {
                await MigrateAsync(app.Services, CancellationToken.None);
            }
            else
            {
                await using var scope = app.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<KernelDb>();
                if (!await db.Database.CanConnectAsync())
                {
                    throw new InvalidOperationException("connessione rifiutata");
                }

                var pending = await db.Database.GetPendingMigrationsAsync();
                if (pending.Any())
                {
                    await Console.Error.WriteLineAsync("Il database ha migrazioni da applicare: eseguire 'PenToscana.Web db migrate' prima di avviare.");
                    return false;
                }
            }

            if (app.Configuration.GetValue("Demo:Seed", false))
            {
                await SeedDemoAsync(app.Services, CancellationToken.None);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            await Console.Error.WriteLineAsync(
                $"""
                Impossibile usare il database ({provider}): {ex.GetBaseException().Message}
                Controllare le impostazioni 'Database:Provider' e 'Database:ConnectionString'
                (variabili d'ambiente Database__Provider e Database__ConnectionString).
                """);
            return false;
        }

        return true;
    }

    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        foreach (var descriptor in scope.ServiceProvider.GetServices<ModuleDbDescriptor>())
        {
            var db = (DbContext)scope.ServiceProvider.GetRequiredService(descriptor.DbType);
            await db.Database.MigrateAsync(ct);
        }
    }

    public static async Task SeedDemoAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        foreach (var seeder in scope.ServiceProvider.GetServices<IDemoSeeder>().OrderBy(s => s.Order))
        {
            await seeder.SeedAsync(ct);
        }
    }

    private static void EnsureSqliteFolder(string connectionString)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && builder.Mode != Microsoft.Data.Sqlite.SqliteOpenMode.Memory)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(file));
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }
        }
    }
}
