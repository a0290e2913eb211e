using System.Diagnostics;
using System.Security.Cryptography;

namespace PenToscana.Bench.Applications;

/// <summary>
/// The machine's speed at the moment of a run, as perf-anchors.md anchor 2f measures it (SHA-256 of a 1 MiB in-memory buffer
/// on one core; median 1.376 GB/s on this machine kind). This shared 2-vCPU machine runs slower or faster from one half hour to
/// the next; a figure printed beside it tells a slow run of the code from a run on a slow machine.
/// </summary>
internal static class MachineSpeed
{
    public const double AnchorGBps = 1.376;

    /// <summary>Decimal GB/s over about <paramref name="seconds"/> of hashing on the calling thread.</summary>
    public static double Sha256GBps(double seconds = 1.0)
    {
        var buffer = new byte[1024 * 1024];
        Random.Shared.NextBytes(buffer);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(buffer, hash); // warm
        long bytes = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            SHA256.HashData(buffer, hash);
            bytes += buffer.Length;
        }

        return bytes / clock.Elapsed.TotalSeconds / 1e9;
    }

    public static string Report(string when)
    {
        double speed = Sha256GBps();
        return $"machine speed {when}: SHA-256 {speed:F3} GB/s on one core = {speed / AnchorGBps:F2}x perf-anchors 2f ({AnchorGBps} GB/s)";
    }
}
