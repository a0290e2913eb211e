using System.Security.Cryptography;

namespace PenToscana.Kernel.Blobs;

/// <summary>
/// A forward-only view of a stored blob that hashes what passes through it. The check runs when the reader reaches the end
/// (a read that returns 0 bytes), so a consumer that copies to the end gets an exception instead of a silent success.
/// </summary>
internal sealed class VerifyingReadStream(Stream inner, string sha256, Action<string> onCorrupted) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _position;
    private string? _actual;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int read = inner.Read(buffer);
        return Observe(buffer[..read], requested: buffer.Length);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read = await inner.ReadAsync(buffer, cancellationToken);
        return Observe(buffer.Span[..read], requested: buffer.Length);
    }

    private int Observe(ReadOnlySpan<byte> data, int requested)
    {
        if (data.Length > 0)
        {
            _hash.AppendData(data);
            _position += data.Length;
        }
        else if (requested > 0)
        {
            if (_actual is null)
            {
                _actual = Convert.ToHexStringLower(_hash.GetHashAndReset());
                if (_actual != sha256)
                {
                    onCorrupted(_actual);
                }
            }

            if (_actual != sha256)
            {
                throw new BlobCorruptedException(sha256, _actual);
            }
        }

        return data.Length;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        _hash.Dispose();
        await base.DisposeAsync();
    }
}
