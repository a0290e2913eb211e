using System.Buffers;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PenToscana.Kernel.Blobs;

/// <summary>
/// Blobs as files under a root folder, fanned out as <c>ab/cd/abcd…</c> (256 × 256 folders, so each leaf folder holds about
/// one blob in 65,536). A put streams to a temp file in <c>.tmp</c> under the same root (same volume, so the final move is a
/// rename), hashing as it goes; unless the address exists already, the file is fsynced, made read-only and linked into place.
/// </summary>
public sealed partial class FileSystemBlobStore : IBlobStore
{
    private const int ChunkSize = 1024 * 1024;
    private const int ReadBufferSize = 64 * 1024;

    private readonly string _root;
    private readonly string _tempFolder;
    private readonly long _maxBytes;
    private readonly ILogger<FileSystemBlobStore> _logger;

    public FileSystemBlobStore(IOptions<BlobStoreOptions> options, ILogger<FileSystemBlobStore> logger)
    {
        _root = Path.GetFullPath(options.Value.Root);
        _tempFolder = Path.Combine(_root, ".tmp");
        _maxBytes = options.Value.MaxBytes;
        _logger = logger;
    }

    public async Task<BlobRef> PutAsync(Stream content, BlobExpectation? expected = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (expected?.Sha256 is { } expectedSha)
        {
            BlobRef.ThrowIfMalformed(expectedSha, nameof(expected));
        }

        long? expectedLength = expected?.Length;
        if (expectedLength is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(expected), "La lunghezza attesa non può essere negativa.");
        }

        if (expectedLength > _maxBytes || (content.CanSeek && content.Length - content.Position > _maxBytes))
        {
            throw new BlobTooLargeException(_maxBytes);
        }

        Directory.CreateDirectory(_tempFolder);
        string temp = Path.Combine(_tempFolder, Guid.NewGuid().ToString("N"));
        try
        {
            string sha256;
            long length;
            string target;
            await using (var file = new FileStream(temp, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                BufferSize = 0,
            }))
            {
                (sha256, length) = await CopyAndHashAsync(content, file, expectedLength, cancellationToken);
                if (expectedLength is { } declared && declared != length)
                {
                    throw new BlobMismatchException($"Il documento ricevuto è di {length} byte, ne erano attesi {declared}.");
                }

                if (expected?.Sha256 is { } declaredSha && declaredSha != sha256)
                {
                    throw new BlobMismatchException($"Il documento ricevuto ha impronta {sha256}, era attesa {declaredSha}.");
                }

                target = PathOf(sha256);
                if (File.Exists(target))
                {
                    // A duplicate never needs to reach the disk: skip the fsync, the finally discards it.
                    LogAlreadyStored(_logger, sha256, length);
                    return new BlobRef(sha256, length);
                }

                file.Flush(flushToDisk: true);
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(file.SafeFileHandle, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
                }
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (TryMoveIntoPlace(temp, target))
            {
                LogStored(_logger, sha256, length);
            }
            else
            {
                LogAlreadyStored(_logger, sha256, length);
            }

            return new BlobRef(sha256, length);
        }
        finally
        {
            // After a successful move there is nothing left at this path; otherwise this discards the partial or duplicate copy.
            File.Delete(temp);
        }
    }

    public Task<Stream> OpenReadAsync(string sha256, bool verify = false, CancellationToken cancellationToken = default)
    {
        BlobRef.ThrowIfMalformed(sha256, nameof(sha256));
        var file = OpenStored(sha256, ReadBufferSize) ?? throw new BlobNotFoundException(sha256);
        Stream stream = verify ? new VerifyingReadStream(file, sha256, actual => LogCorrupted(_logger, sha256, actual)) : file;
        return Task.FromResult(stream);
    }

    public Task<bool> ExistsAsync(string sha256, CancellationToken cancellationToken = default)
    {
        BlobRef.ThrowIfMalformed(sha256, nameof(sha256));
        return Task.FromResult(File.Exists(PathOf(sha256)));
    }

    public async Task<BlobVerification> VerifyAsync(string sha256, CancellationToken cancellationToken = default)
    {
        BlobRef.ThrowIfMalformed(sha256, nameof(sha256));
        await using var file = OpenStored(sha256, bufferSize: 0);
        if (file is null)
        {
            return new BlobVerification(sha256, BlobIntegrity.Missing, null, null);
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        long length = 0;
        try
        {
            int read;
            while ((read = await file.ReadAsync(buffer.AsMemory(0, ChunkSize), cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                length += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        string actual = Convert.ToHexStringLower(hash.GetHashAndReset());
        if (actual == sha256)
        {
            return new BlobVerification(sha256, BlobIntegrity.Intact, actual, length);
        }

        LogCorrupted(_logger, sha256, actual);
        return new BlobVerification(sha256, BlobIntegrity.Corrupted, actual, length);
    }

    private async Task<(string Sha256, long Length)> CopyAndHashAsync(Stream content, FileStream file, long? expectedLength, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        long length = 0;
        try
        {
            int read;
            while ((read = await content.ReadAsync(buffer.AsMemory(0, ChunkSize), cancellationToken)) > 0)
            {
                length += read;
                if (length > _maxBytes)
                {
                    throw new BlobTooLargeException(_maxBytes);
                }

                if (length > expectedLength)
                {
                    throw new BlobMismatchException($"Il documento ricevuto supera i {expectedLength} byte attesi.");
                }

                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return (Convert.ToHexStringLower(hash.GetHashAndReset()), length);
    }

    /// <summary>Moves without overwriting (link + unlink on Unix): of concurrent puts of the same content exactly one wins,
    /// and an existing blob is never touched.</summary>
    private static bool TryMoveIntoPlace(string temp, string target)
    {
        try
        {
            File.Move(temp, target, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(target))
        {
            return false;
        }
    }

    private FileStream? OpenStored(string sha256, int bufferSize)
    {
        try
        {
            return new FileStream(PathOf(sha256), FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private string PathOf(string sha256) => Path.Combine(_root, sha256[..2], sha256[2..4], sha256);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stored blob {Sha256} ({Length} bytes)")]
    private static partial void LogStored(ILogger logger, string sha256, long length);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Blob {Sha256} ({Length} bytes) was already stored; the new copy was discarded")]
    private static partial void LogAlreadyStored(ILogger logger, string sha256, long length);

    [LoggerMessage(Level = LogLevel.Error, Message = "Blob {Sha256} is corrupted: its stored bytes hash to {ActualSha256}")]
    private static partial void LogCorrupted(ILogger logger, string sha256, string actualSha256);
}
