using System.Diagnostics;
using System.Globalization;

namespace PenToscana.Bench.Applications;

/// <summary>
/// CPU time (user + system, from /proc) spent during the timed bursts by the platform, by every PostgreSQL process and by the
/// driver itself: what one submission costs on the machine, whatever the wall clock did. Linux only; elsewhere it says so.
/// </summary>
internal sealed class CpuAccount(int? platformPid)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux
    private double _platform, _postgres, _driver, _startPlatform, _startPostgres, _startDriver;

    public void Start()
    {
        _startPlatform = ProcessSeconds(platformPid);
        _startPostgres = PostgresSeconds();
        _startDriver = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
    }

    public void Stop()
    {
        _platform += ProcessSeconds(platformPid) - _startPlatform;
        _postgres += PostgresSeconds() - _startPostgres;
        _driver += Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - _startDriver;
    }

    public string Report(int submissions)
    {
        if (!Directory.Exists("/proc/self"))
        {
            return "  CPU per submission: not measured (no /proc)";
        }

        string Ms(double seconds) => (seconds * 1000 / submissions).ToString("F1", CultureInfo.InvariantCulture);
        return $"  CPU per submission during the bursts (ms): platform {(platformPid is null ? "n/a" : Ms(_platform))}, PostgreSQL {Ms(_postgres)}, driver {Ms(_driver)}; "
            + $"total {Ms(_platform + _postgres + _driver)} (2 cores at 100 submissions/s allow 20)";
    }

    private static double ProcessSeconds(int? pid)
    {
        if (pid is null || !File.Exists($"/proc/{pid}/stat"))
        {
            return 0;
        }

        // Include the process's threads: utime and stime are fields 14 and 15, counted after the command name's closing parenthesis.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    private static double PostgresSeconds()
    {
        double total = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(dir);
            if (!int.TryParse(name, out var pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText($"{dir}/comm").StartsWith("postgres", StringComparison.Ordinal))
                {
                    total += ProcessSeconds(pid);
                }
            }
            catch (IOException)
            {
                // The process ended meanwhile.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return total;
    }
}
