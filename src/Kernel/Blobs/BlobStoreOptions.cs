namespace PenToscana.Kernel.Blobs;

/// <summary>The <c>Blobs</c> configuration section.</summary>
public sealed class BlobStoreOptions
{
    public const string Section = "Blobs";

    /// <summary>Folder of the file-system store; a relative path is resolved against the current directory.</summary>
    public string Root { get; set; } = "data/blobs";

    public long MaxBytes { get; set; } = 100L * 1024 * 1024;
}
