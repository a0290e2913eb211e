namespace PenToscana.Kernel.Blobs;

public abstract class BlobStoreException(string message) : IOException(message);

public sealed class BlobTooLargeException(long maxBytes)
    : BlobStoreException($"Il documento supera la dimensione massima consentita di {maxBytes} byte.")
{
    public long MaxBytes { get; } = maxBytes;
}

public sealed class BlobMismatchException(string message) : BlobStoreException(message);

public sealed class BlobNotFoundException(string sha256)
    : BlobStoreException($"Nessun documento archiviato con impronta {sha256}.")
{
    public string Sha256 { get; } = sha256;
}

public sealed class BlobCorruptedException(string sha256, string actualSha256)
    : BlobStoreException($"Il documento {sha256} è alterato: il contenuto archiviato ha impronta {actualSha256}.")
{
    public string Sha256 { get; } = sha256;

    public string ActualSha256 { get; } = actualSha256;
}
