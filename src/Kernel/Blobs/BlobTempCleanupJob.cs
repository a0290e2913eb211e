using Microsoft.Extensions.Options;
using PenToscana.Kernel.Jobs;

namespace PenToscana.Kernel.Blobs;

/// <summary>
/// Removes temp files that a put left behind when its process died mid-write. A put in progress is never older than a
/// day, so anything older in <c>.tmp</c> belongs to nobody; stored blobs are never touched.
/// </summary>
public sealed class BlobTempCleanupJob(IOptions<BlobStoreOptions> options, TimeProvider time) : IScheduledJob
{
    public string Name => "blob-temp-cleanup";

    public string Description => "Pulizia dei file temporanei lasciati da caricamenti interrotti";

    public JobSchedule Schedule => JobSchedule.Daily(4, 10);

    public Task RunAsync(CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetFullPath(options.Value.Root), ".tmp");
        if (!Directory.Exists(folder))
        {
            return Task.CompletedTask;
        }

        var cutoff = time.GetUtcNow().UtcDateTime.AddDays(-1);
        foreach (var file in new DirectoryInfo(folder).EnumerateFiles())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (file.LastWriteTimeUtc < cutoff)
            {
                file.Delete();
            }
        }

        return Task.CompletedTask;
    }
}
