using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PenToscana.Kernel.Blobs;

namespace PenToscana.UnitTests.Kernel.Blobs;

/// <summary>A fresh blob root in the system temp folder, removed with everything in it when the test ends.</summary>
public sealed class TempBlobRoot : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "pentoscana-blobs-" + Guid.NewGuid().ToString("N"));

    public FileSystemBlobStore NewStore(long maxBytes = 100L * 1024 * 1024) =>
        new(Options.Create(new BlobStoreOptions { Root = Path, MaxBytes = maxBytes }), NullLogger<FileSystemBlobStore>.Instance);

    public string PathOf(string sha256) => System.IO.Path.Combine(Path, sha256[..2], sha256[2..4], sha256);

    /// <summary>Every file under the root, temp files included.</summary>
    public string[] AllFiles() =>
        Directory.Exists(Path) ? Directory.GetFiles(Path, "*", SearchOption.AllDirectories) : [];

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}

/// <summary>Hands out its bytes in small pieces and cannot tell its length, like a request body.</summary>
public sealed class ForwardOnlyStream(byte[] content, int pieceSize = 64 * 1024) : Stream
{
    private int _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        int n = Math.Min(Math.Min(count, pieceSize), content.Length - _position);
        Array.Copy(content, _position, buffer, offset, n);
        _position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
