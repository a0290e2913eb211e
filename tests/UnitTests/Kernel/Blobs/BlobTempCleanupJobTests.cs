using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PenToscana.Kernel.Blobs;

namespace PenToscana.UnitTests.Kernel.Blobs;

public sealed class BlobTempCleanupJobTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "pt-blob-cleanup-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public async Task Only_temp_files_older_than_a_day_are_removed_and_stored_blobs_stay()
    {
        var now = new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
        var temp = Directory.CreateDirectory(Path.Combine(root, ".tmp")).FullName;
        var stale = Path.Combine(temp, "stale");
        var fresh = Path.Combine(temp, "fresh");
        var blob = Path.Combine(Directory.CreateDirectory(Path.Combine(root, "ab", "cd")).FullName, "abcd" + new string('0', 60));
        foreach (var f in new[] { stale, fresh, blob })
        {
            await File.WriteAllTextAsync(f, "x", TestContext.Current.CancellationToken);
        }

        File.SetLastWriteTimeUtc(stale, now.UtcDateTime.AddDays(-2));
        File.SetLastWriteTimeUtc(fresh, now.UtcDateTime.AddHours(-2));
        File.SetLastWriteTimeUtc(blob, now.UtcDateTime.AddDays(-400));

        var job = new BlobTempCleanupJob(Options.Create(new BlobStoreOptions { Root = root }), new FakeTimeProvider(now));
        await job.RunAsync(TestContext.Current.CancellationToken);

        File.Exists(stale).ShouldBeFalse();
        File.Exists(fresh).ShouldBeTrue();
        File.Exists(blob).ShouldBeTrue();
    }
}
