using System.Globalization;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PenToscana.Kernel.Blobs;

namespace PenToscana.Bench;

/// <summary>
/// The file-system blob store against the plain hashing loop of perf-anchors.md anchor 2c (IncrementalHash, 1 MiB buffer,
/// ~1.12 GB/s on this machine kind), all over the same prepared file in the page cache.
/// </summary>
[Config(typeof(ThroughputConfig))]
[MemoryDiagnoser]
public class BlobStoreBenchmarks
{
    private const int BufferSize = 1024 * 1024;

    private string _folder = "";
    private string _source = "";
    private string _sha256 = "";
    private FileSystemBlobStore _store = null!;

    [Params(10, 100)]
    public int SizeMiB { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "pentoscana-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _source = Path.Combine(_folder, "source.bin");
        var random = new Random(SizeMiB);
        byte[] chunk = new byte[BufferSize];
        using (var file = File.Create(_source))
        {
            for (int i = 0; i < SizeMiB; i++)
            {
                random.NextBytes(chunk);
                file.Write(chunk);
            }
        }

        _store = new FileSystemBlobStore(
            Options.Create(new BlobStoreOptions { Root = Path.Combine(_folder, "blobs"), MaxBytes = 1L << 30 }),
            NullLogger<FileSystemBlobStore>.Instance);
        _sha256 = Put().GetAwaiter().GetResult().Sha256;
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    [Benchmark(Baseline = true, Description = "IncrementalHash 1 MiB (anchor 2c)")]
    public byte[] HashFile()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var file = new FileStream(_source, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);
        byte[] buffer = new byte[BufferSize];
        int read;
        while ((read = file.Read(buffer, 0, buffer.Length)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }

        return hash.GetHashAndReset();
    }

    /// <summary>Each measured put stores new content: the blob from the previous iteration is removed first.</summary>
    [IterationSetup(Target = nameof(Put))]
    public void RemoveStoredBlob()
    {
        if (_sha256.Length == 0)
        {
            return;
        }

        string path = Path.Combine(_folder, "blobs", _sha256[..2], _sha256[2..4], _sha256);
        File.Delete(path);
    }

    [Benchmark(Description = "Put (new blob, fsync)")]
    public async Task<BlobRef> Put()
    {
        await using var source = new FileStream(_source, FileMode.Open, FileAccess.Read, FileShare.Read, 0, FileOptions.SequentialScan);
        return await _store.PutAsync(source);
    }

    [Benchmark(Description = "Put (already stored)")]
    public async Task<BlobRef> PutExisting()
    {
        await using var source = new FileStream(_source, FileMode.Open, FileAccess.Read, FileShare.Read, 0, FileOptions.SequentialScan);
        return await _store.PutAsync(source);
    }

    [Benchmark(Description = "OpenRead verify:true + copy")]
    public async Task<long> ReadVerified()
    {
        await using var blob = await _store.OpenReadAsync(_sha256, verify: true);
        await blob.CopyToAsync(Stream.Null, BufferSize);
        return blob.Position;
    }

    [Benchmark(Description = "VerifyAsync")]
    public Task<BlobVerification> Verify() => _store.VerifyAsync(_sha256);

    private sealed class ThroughputConfig : ManualConfig
    {
        public ThroughputConfig() => AddColumn(new ThroughputColumn());
    }

    /// <summary>Content bytes per second at the median time, in decimal MB/s like the anchors.</summary>
    private sealed class ThroughputColumn : IColumn
    {
        public string Id => nameof(ThroughputColumn);

        public string ColumnName => "MB/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Content megabytes (10^6 B) per second at the median time";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
        {
            if (summary[benchmarkCase]?.ResultStatistics is not { } stats || !benchmarkCase.Parameters.Items.Any(p => p.Name == nameof(SizeMiB)))
            {
                return "NA";
            }

            double bytes = (int)benchmarkCase.Parameters[nameof(SizeMiB)] * 1024.0 * 1024.0;
            return (bytes / (stats.Median / 1e9) / 1e6).ToString("N0", CultureInfo.InvariantCulture);
        }

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}
