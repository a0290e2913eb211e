using System.Net;
using Microsoft.Data.Sqlite;
using Npgsql;
using PenToscana.IntegrationTests.Infrastructure;

namespace PenToscana.IntegrationTests.Kernel;

/// <summary>The platform as a real process: start-up failures, CLI verbs, crash safety of the outbox.</summary>
public sealed class ProcessTests : IAsyncLifetime
{
    private TestDatabase database = null!;

    public async ValueTask InitializeAsync() => database = await TestDatabase.CreateAsync();

    public async ValueTask DisposeAsync() => await database.DisposeAsync();

    private Dictionary<string, string> Settings(string mailMode = "pickup") => new()
    {
        ["Database:Provider"] = database.Provider,
        ["Database:ConnectionString"] = database.ConnectionString,
        ["Storage:DataPath"] = database.Folder,
        ["Blobs:Root"] = Path.Combine(database.Folder, "blobs"),
        ["Mail:Mode"] = mailMode,
        ["Mail:PickupFolder"] = Path.Combine(database.Folder, "mail"),
        // A mail server that is down: nothing listens on port 9 of loopback.
        ["Mail:SmtpHost"] = "127.0.0.1",
        ["Mail:SmtpPort"] = "9",
        ["Outbox:PollMilliseconds"] = "100",
        ["RateLimits:LoginPerMinute"] = "1000",
    };

    private static TimeSpan Startup => TimeSpan.FromSeconds(90);

    [Fact]
    public async Task An_unreachable_database_stops_the_start_with_a_message_naming_the_setting_to_fix()
    {
        var settings = Settings();
        settings["Database:Provider"] = "postgres";
        settings["Database:ConnectionString"] = $"Host=127.0.0.1;Port={PlatformProcess.FreePort()};Database=none;Username=x;Password=y;Timeout=3";
        await using var platform = PlatformProcess.Start(settings);

        int exit = await platform.WaitForExitAsync(Startup);

        exit.ShouldNotBe(0);
        platform.Output.ShouldContain("Database:ConnectionString");
        platform.Output.ShouldContain("Impossibile usare il database");
    }

    [Fact]
    public async Task An_unknown_database_provider_is_refused_at_start()
    {
        var settings = Settings();
        settings["Database:Provider"] = "oracle";
        await using var platform = PlatformProcess.Start(settings);

        (await platform.WaitForExitAsync(Startup)).ShouldNotBe(0);
        platform.Output.ShouldContain("Database:Provider");
    }

    [Fact]
    public async Task The_cli_migrates_seeds_and_verifies_the_audit_chain_and_reports_a_tampered_entry()
    {
        await using (var migrate = PlatformProcess.Start(Settings(), "db", "migrate"))
        {
            (await migrate.WaitForExitAsync(Startup)).ShouldBe(0, migrate.Output);
        }

        await using (var seed = PlatformProcess.Start(Settings(), "seed", "demo"))
        {
            (await seed.WaitForExitAsync(Startup)).ShouldBe(0, seed.Output);
        }

        // Sign-ins write audit entries; run the platform briefly and sign in twice.
        await using (var platform = PlatformProcess.Start(Settings()))
        {
            await platform.WaitUntilReadyAsync(Startup);
            await SignInAsync(platform, Personas.PlatformAdmin);
            await SignInAsync(platform, Personas.CitizenMario);
        }

        await using (var verify = PlatformProcess.Start(Settings(), "audit", "verify"))
        {
            (await verify.WaitForExitAsync(Startup)).ShouldBe(0, verify.Output);
            verify.Output.ShouldContain("Catena integra: 2 voci verificate");
        }

        await ExecuteSqlAsync("UPDATE kernel_audit_entry SET \"Actor\" = 'intruso' WHERE \"Sequence\" = 2");

        await using (var verify = PlatformProcess.Start(Settings(), "audit", "verify"))
        {
            (await verify.WaitForExitAsync(Startup)).ShouldBe(1);
            verify.Output.ShouldContain("CATENA INTERROTTA alla voce n. 2");
        }
    }

    [Fact]
    public async Task The_cli_help_lists_the_verbs()
    {
        await using var help = PlatformProcess.Start(Settings(), "help");
        (await help.WaitForExitAsync(Startup)).ShouldBe(0);
        help.Output.ShouldContain("db migrate");
        help.Output.ShouldContain("audit verify");
        help.Output.ShouldContain("jobs list");
    }

    [Fact]
    public async Task Mail_waiting_for_a_down_server_survives_kill_9_and_is_delivered_after_restart()
    {
        const int count = 5;
        await using (var first = PlatformProcess.Start(Settings(mailMode: "smtp")))
        {
            await first.WaitUntilReadyAsync(Startup);
            var client = await SignInAsync(first, Personas.PlatformAdmin);
            for (int i = 0; i < count; i++)
            {
                var response = await client.PostFormAsync("/admin/lavori", "/admin/lavori?handler=TestMail",
                    new Dictionary<string, string> { ["to"] = $"destinatario{i}@example.it" });
                response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            }

            // Give the dispatcher time to try and fail against the dead server.
            await WaitUntilAsync(async () => await ScalarAsync("SELECT COUNT(*) FROM kernel_outbox WHERE \"Attempts\" > 0") >= count, TimeSpan.FromSeconds(30));
            (await ScalarAsync("SELECT COUNT(*) FROM kernel_outbox WHERE \"Status\" = 0")).ShouldBe(count);
            first.KillHard();
        }

        // Restarted with a working mail route; the messages are due after their back-off.
        await ExecuteSqlAsync("UPDATE kernel_outbox SET \"NextAttemptAt\" = \"CreatedAt\"");
        await using var second = PlatformProcess.Start(Settings(mailMode: "pickup"));
        await second.WaitUntilReadyAsync(Startup);
        string mailFolder = Path.Combine(database.Folder, "mail");
        await WaitUntilAsync(() => Task.FromResult(Directory.Exists(mailFolder) && Directory.GetFiles(mailFolder, "*.eml").Length >= count), TimeSpan.FromSeconds(30));

        var files = Directory.GetFiles(mailFolder, "*.eml");
        files.Length.ShouldBe(count);
        var recipients = files.Select(f => MimeKit.MimeMessage.Load(f).To.ToString()).Order().ToList();
        recipients.ShouldBe(Enumerable.Range(0, count).Select(i => $"destinatario{i}@example.it").ToList());
        (await ScalarAsync("SELECT COUNT(*) FROM kernel_outbox WHERE \"Status\" = 1")).ShouldBe(count);
    }

    private static async Task<HttpClient> SignInAsync(PlatformProcess platform, string taxCode)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = platform.BaseAddress };
        var response = await SamlSignIn.SignInAsync(client, taxCode, returnUrl: "/");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return client;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not come true in time.");
            }

            await Task.Delay(200);
        }
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task ExecuteSqlAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private async Task<System.Data.Common.DbConnection> OpenAsync()
    {
        System.Data.Common.DbConnection connection = database.Provider == "postgres"
            ? new NpgsqlConnection(database.ConnectionString)
            : new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
