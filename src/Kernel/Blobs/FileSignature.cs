namespace PenToscana.Kernel.Blobs;

/// <summary>
/// Recognises a file's real type from its first bytes. An upload is judged by its content, never by the name or the
/// Content-Type the browser sent, which a caller controls.
/// </summary>
public static class FileSignature
{
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";
    public const string WebP = "image/webp";
    public const string Pdf = "application/pdf";
    public const string Xml = "application/xml";

    /// <summary>How many leading bytes <see cref="Detect"/> needs.</summary>
    public const int HeaderLength = 16;

    public static string? Detect(ReadOnlySpan<byte> header)
    {
        if (header.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return Png;
        }

        if (header.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return Jpeg;
        }

        if (header.Length >= 12 && header[..4].SequenceEqual("RIFF"u8) && header[8..12].SequenceEqual("WEBP"u8))
        {
            return WebP;
        }

        if (header.StartsWith("%PDF-"u8))
        {
            return Pdf;
        }

        var text = header.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? header[3..] : header;
        return text.StartsWith("<?xml"u8) ? Xml : null;
    }

    /// <summary>Reads the header of a seekable stream and rewinds it.</summary>
    public static async Task<string?> DetectAsync(Stream content, CancellationToken cancellationToken)
    {
        var buffer = new byte[HeaderLength];
        int read = await content.ReadAtLeastAsync(buffer, HeaderLength, throwOnEndOfStream: false, cancellationToken);
        content.Position = 0;
        return Detect(buffer.AsSpan(0, read));
    }
}
