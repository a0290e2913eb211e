using Npgsql;

namespace PenToscana.IntegrationTests.Infrastructure;

/// <summary>
/// A fresh, empty database for one test class: a SQLite file in a temp folder, or (TEST_DB=postgres)
/// a new PostgreSQL database on the server named by TEST_PG, dropped afterwards.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? adminConnection;

    private TestDatabase(string provider, string connectionString, string folder, string? adminConnection, string? name)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Folder = folder;
        this.adminConnection = adminConnection;
        Name = name;
    }

    public string Provider { get; }

    public string ConnectionString { get; }

    /// <summary>A temp folder for everything else the app writes (blobs, mail pickup).</summary>
    public string Folder { get; }

    public string? Name { get; }

    public static bool UsePostgres => string.Equals(Environment.GetEnvironmentVariable("TEST_DB"), "postgres", StringComparison.OrdinalIgnoreCase);

    public static async Task<TestDatabase> CreateAsync()
    {
        string folder = Path.Combine(Path.GetTempPath(), "pentoscana-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        if (!UsePostgres)
        {
            return new TestDatabase("sqlite", $"Data Source={Path.Combine(folder, "test.db")}", folder, null, null);
        }

        string server = Environment.GetEnvironmentVariable("TEST_PG")
            ?? throw new InvalidOperationException("TEST_DB=postgres needs TEST_PG (a PostgreSQL connection string without Database); test.sh sets it.");
        string name = "pt_" + Guid.NewGuid().ToString("N")[..16];
        var admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString;
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        var cs = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        return new TestDatabase("postgres", cs, folder, admin, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (adminConnection is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(adminConnection);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    await command.ExecuteNonQueryAsync();
                    break;
                }
                catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse)
                {
                    // An autovacuum worker (owned by the server, which the test role may not terminate) is analysing the
                    // database after the test's inserts; it ends within moments. Past a few tries the database is left
                    // behind: dropping it is housekeeping, not part of what the tests prove.
                    if (attempt == 10)
                    {
                        break;
                    }

                    await Task.Delay(500);
                }
            }
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a background thread; the temp folder is cleaned by the OS.
        }
    }
}
