using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PenToscana.IntegrationTests.Infrastructure;

/// <summary>
/// The platform as a real operating-system process (the built PenToscana.Web executable), for what only a real
/// process shows: start-up failures, CLI verbs, and surviving <c>kill -9</c>.
/// </summary>
public sealed class PlatformProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private PlatformProcess(Process process, int port)
    {
        this.process = process;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }

    public Uri BaseAddress { get; }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    public static string WebAssemblyPath()
    {
        // The test project references the web project, so its build output sits beside ours in artifacts/bin.
        string here = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        string configuration = Path.GetFileName(here);
        string artifactsBin = Path.GetDirectoryName(Path.GetDirectoryName(here))!;
        string path = Path.Combine(artifactsBin, "Web", configuration, "PenToscana.Web.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the web project first", path);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts the platform (or, with <paramref name="verb"/>, one CLI verb) with the given settings.</summary>
    public static PlatformProcess Start(IDictionary<string, string> settings, params string[] verb)
    {
        int port = FreePort();
        string dll = WebAssemblyPath();
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var v in verb)
        {
            info.ArgumentList.Add(v);
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return new PlatformProcess(Process.Start(info)!, port);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        return process.ExitCode;
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The platform exited with {process.ExitCode}:\n{Output}");
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
            catch (TaskCanceledException) when (DateTime.UtcNow < deadline)
            {
                // Listening but slow to answer (a starting process on a busy machine): ask again until the deadline.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The platform was not ready in {timeout}:\n{Output}");
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing — the crash a power cut would cause.</summary>
    public void KillHard()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
