using System.Net;
using Microsoft.Data.Sqlite;
using Npgsql;
using PenToscana.IntegrationTests.Infrastructure;

namespace PenToscana.IntegrationTests.Kernel;

public sealed class ReadinessFactory : PlatformFactory
{
    // The SQLite file must not be re-created silently when it disappears: open read-write only.
    protected override IDictionary<string, string?> Settings => Database.Provider == "sqlite"
        ? new Dictionary<string, string?> { ["Database:ConnectionString"] = Database.ConnectionString + ";Mode=ReadWrite;Pooling=False" }
        : new Dictionary<string, string?>();

    // Mode=ReadWrite opens only an existing file: an empty file is an empty SQLite database.
    protected override void Prepare(TestDatabase database)
    {
        if (database.Provider == "sqlite")
        {
            File.WriteAllBytes(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.ConnectionString).DataSource, []);
        }
    }
}

public sealed class ReadinessTests(ReadinessFactory platform) : IClassFixture<ReadinessFactory>
{
    [Fact]
    public async Task Readiness_reports_503_while_the_database_is_down_and_recovers_when_it_is_back()
    {
        var client = platform.CreateClient();
        (await client.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await TakeDatabaseDownAsync();
        try
        {
            (await client.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            (await client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        finally
        {
            await BringDatabaseBackAsync();
        }

        (await client.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private string SqliteFile => new SqliteConnectionStringBuilder(platform.Database.ConnectionString).DataSource;

    private async Task TakeDatabaseDownAsync()
    {
        if (platform.Database.Provider == "sqlite")
        {
            SqliteConnection.ClearAllPools();
            File.Move(SqliteFile, SqliteFile + ".away");
            return;
        }

        await AdminAsync($"ALTER DATABASE \"{platform.Database.Name}\" ALLOW_CONNECTIONS false");
        await AdminAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{platform.Database.Name}'");
        NpgsqlConnection.ClearAllPools();
    }

    private async Task BringDatabaseBackAsync()
    {
        if (platform.Database.Provider == "sqlite")
        {
            File.Move(SqliteFile + ".away", SqliteFile);
            return;
        }

        await AdminAsync($"ALTER DATABASE \"{platform.Database.Name}\" ALLOW_CONNECTIONS true");
    }

    private static async Task AdminAsync(string sql)
    {
        var admin = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("TEST_PG")) { Database = "postgres", Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
