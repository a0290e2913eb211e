using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace PenToscana.Bench.Applications;

/// <summary>
/// The built platform (PenToscana.Web) as a separate process on a fresh PostgreSQL database of the server named by TEST_PG,
/// migrated and seeded with the demo data at start; the database and the data folder are removed on dispose.
/// </summary>
internal sealed class BenchPlatform : IAsyncDisposable
{
    private readonly Process process;
    private readonly string adminConnection;
    private readonly string databaseName;
    private readonly string folder;
    private readonly System.Text.StringBuilder output = new();

    private BenchPlatform(Process process, Uri baseAddress, string connectionString, string adminConnection, string databaseName, string folder)
    {
        this.process = process;
        BaseAddress = baseAddress;
        ConnectionString = connectionString;
        this.adminConnection = adminConnection;
        this.databaseName = databaseName;
        this.folder = folder;
    }

    public Uri BaseAddress { get; }

    public string ConnectionString { get; }

    public static async Task<BenchPlatform> StartOnPostgresAsync()
    {
        var server = Environment.GetEnvironmentVariable("TEST_PG") ?? throw new InvalidOperationException("TEST_PG is not set (a PostgreSQL connection string without Database).");
        var name = "ptbench_" + Guid.NewGuid().ToString("N")[..12];
        var admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString;
        await using (var c = new NpgsqlConnection(admin))
        {
            await c.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE \"{name}\"", c).ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 100 }.ConnectionString;
        var folder = Path.Combine(Path.GetTempPath(), "pentoscana-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var dll = WebAssemblyPath();
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Database:Provider"] = "postgres",
            ["Database:ConnectionString"] = connectionString,
            ["Storage:DataPath"] = folder,
            ["Blobs:Root"] = Path.Combine(folder, "blobs"),
            ["Mail:Mode"] = "pickup",
            ["Mail:PickupFolder"] = Path.Combine(folder, "mail"),
            ["RateLimits:LoginPerMinute"] = "100000",
        };
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var platform = new BenchPlatform(Process.Start(info)!, new Uri($"http://127.0.0.1:{port}"), connectionString, admin, name, folder);
        platform.process.OutputDataReceived += (_, e) => platform.Append(e.Data);
        platform.process.ErrorDataReceived += (_, e) => platform.Append(e.Data);
        platform.process.BeginOutputReadLine();
        platform.process.BeginErrorReadLine();
        await platform.WaitUntilReadyAsync(TimeSpan.FromMinutes(3));
        return platform;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string WebAssemblyPath()
    {
        // The bench references the web project, so its build output sits beside ours in artifacts/bin.
        string here = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        string configuration = Path.GetFileName(here);
        string artifactsBin = Path.GetDirectoryName(Path.GetDirectoryName(here))!;
        string path = Path.Combine(artifactsBin, "Web", configuration, "PenToscana.Web.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the web project first (dotnet build src/Web -c Release)", path);
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The platform exited with {process.ExitCode}:\n{output}");
            }

            try
            {
                if ((await client.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The platform was not ready in {timeout}:\n{output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        NpgsqlConnection.ClearAllPools();
        await using (var c = new NpgsqlConnection(adminConnection))
        {
            await c.OpenAsync();
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{databaseName}\" WITH (FORCE)", c).ExecuteNonQueryAsync();
        }

        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // a file still held: the temp folder is cleaned by the system
        }
    }
}
