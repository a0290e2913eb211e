namespace PenToscana.Kernel.Blobs;

/// <summary>
/// Content-addressed storage for documents: a blob is named by the SHA-256 of its bytes, so identical content is stored once
/// and any later change to the bytes is detectable.
/// </summary>
/// <remarks>
/// There is deliberately no delete: documents of legal registries (protocollo, receipts, invoices) must be kept, and a blob
/// may be referenced by rows of several modules that this store cannot see. Retention and discard (scarto d'archivio) belong
/// to an explicit, audited procedure, not to a method any caller can reach.
/// </remarks>
public interface IBlobStore
{
    /// <summary>Streams <paramref name="content"/> into the store and returns its address.</summary>
    /// <exception cref="BlobTooLargeException">The content exceeds the configured size limit; nothing is stored.</exception>
    /// <exception cref="BlobMismatchException">The content does not match <paramref name="expected"/>; nothing is stored.</exception>
    Task<BlobRef> PutAsync(Stream content, BlobExpectation? expected = null, CancellationToken cancellationToken = default);

    /// <summary>Opens a stored blob for reading. With <paramref name="verify"/>, the stream re-hashes what it reads and throws
    /// <see cref="BlobCorruptedException"/> at the end if the bytes no longer match their address.</summary>
    /// <exception cref="BlobNotFoundException">No blob has this address.</exception>
    Task<Stream> OpenReadAsync(string sha256, bool verify = false, CancellationToken cancellationToken = default);

    Task<bool> ExistsAsync(string sha256, CancellationToken cancellationToken = default);

    /// <summary>Re-hashes the stored bytes and reports whether they still match their address.</summary>
    Task<BlobVerification> VerifyAsync(string sha256, CancellationToken cancellationToken = default);
}
