using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using PenToscana.IntegrationTests.Infrastructure;

namespace PenToscana.IntegrationTests.Applications;

/// <summary>
/// kill -9 in the middle of a burst of submissions: every application is either absent or complete (data, PDF, draft gone,
/// outbox event), and each one stored gets its protocol number after the restart.
/// </summary>
public sealed class SubmissionCrashTests : IAsyncLifetime
{
    private TestDatabase database = null!;

    public async ValueTask InitializeAsync() => database = await TestDatabase.CreateAsync();

    public async ValueTask DisposeAsync() => await database.DisposeAsync();

    private Dictionary<string, string> Settings() => new()
    {
        ["Database:Provider"] = database.Provider,
        ["Database:ConnectionString"] = database.ConnectionString,
        ["Storage:DataPath"] = database.Folder,
        ["Blobs:Root"] = Path.Combine(database.Folder, "blobs"),
        ["Mail:Mode"] = "pickup",
        ["Mail:PickupFolder"] = Path.Combine(database.Folder, "mail"),
        ["Outbox:PollMilliseconds"] = "100",
        ["RateLimits:LoginPerMinute"] = "1000",
    };

    [Fact]
    public async Task A_process_killed_during_submissions_leaves_only_complete_applications_which_are_protocolled_after_restart()
    {
        var acknowledged = new List<Guid>();
        await using (var first = PlatformProcess.Start(Settings()))
        {
            await first.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
            var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = first.BaseAddress };
            (await SamlSignIn.SignInAsync(client, Personas.CitizenMario, returnUrl: "/")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            var posts = Enumerable.Range(0, 30).Select(async i =>
            {
                try
                {
                    var response = await client.PostAsync("/api/v1/istanze", JsonContent.Create(new
                    {
                        enteIpa = "c_d612",
                        serviceSlug = "istanza-generica",
                        data = new Dictionary<string, string> { ["oggetto"] = $"Istanza {i}", ["testo"] = "Testo." },
                    }));
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        var body = await response.Content.ReadFromJsonAsync<Created>();
                        lock (acknowledged)
                        {
                            acknowledged.Add(body!.Id);
                        }
                    }
                }
                catch (HttpRequestException)
                {
                    // the process died under this request
                }
                catch (TaskCanceledException)
                {
                }
            }).ToList();
            // Killed once three are acknowledged (or when every request has ended, or after a minute: never waits forever).
            var killAt = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < killAt && !posts.All(p => p.IsCompleted))
            {
                lock (acknowledged)
                {
                    if (acknowledged.Count >= 3)
                    {
                        break;
                    }
                }

                await Task.Delay(20);
            }

            first.KillHard();
            await Task.WhenAll(posts);
        }

        acknowledged.ShouldNotBeEmpty("no submission was acknowledged before the process was killed");

        // The dead process's outbox locks are not waited out.
        await ExecuteAsync("UPDATE applications_outbox SET \"LockedUntil\" = NULL, \"NextAttemptAt\" = \"CreatedAt\" WHERE \"Status\" = 0");
        await using var second = PlatformProcess.Start(Settings());
        await second.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await ScalarAsync("SELECT COUNT(*) FROM applications_submission WHERE \"ProtocolNumber\" IS NULL") > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        var stored = await ScalarAsync("SELECT COUNT(*) FROM applications_submission");
        // Each API submission is its own application: no two acknowledgements name the same one.
        acknowledged.Distinct().Count().ShouldBe(acknowledged.Count);
        stored.ShouldBeGreaterThanOrEqualTo(acknowledged.Count);
        (await ScalarAsync("SELECT COUNT(*) FROM applications_submission WHERE \"ProtocolNumber\" IS NULL")).ShouldBe(0);
        (await ScalarAsync("SELECT COUNT(DISTINCT \"ProtocolNumber\") FROM applications_submission")).ShouldBe(stored);
        (await ScalarAsync("SELECT COUNT(*) FROM applications_submission s WHERE NOT EXISTS (SELECT 1 FROM applications_file f WHERE f.\"SubmissionId\" = s.\"Id\" AND f.\"Kind\" = 'domanda')")).ShouldBe(0);
        (await ScalarAsync("SELECT COUNT(*) FROM applications_submission s WHERE EXISTS (SELECT 1 FROM applications_draft d WHERE d.\"Id\" = s.\"DraftId\")")).ShouldBe(0);
        foreach (var id in acknowledged)
        {
            (await ScalarAsync($"SELECT COUNT(*) FROM applications_submission WHERE \"Id\" = '{(database.Provider == "postgres" ? id.ToString() : id.ToString().ToUpperInvariant())}'")).ShouldBe(1);
        }
    }

    private sealed record Created(Guid Id);

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
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
