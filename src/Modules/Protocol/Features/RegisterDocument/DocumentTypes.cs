using System.Text;
using PenToscana.Kernel.Blobs;

namespace PenToscana.Modules.Protocol.Features.RegisterDocument;

/// <summary>
/// The file types a protocol entry accepts, recognised by content (never by the declared type): PDF, XML, images, CAdES
/// signed files (.p7m, DER), and UTF-8 plain text.
/// </summary>
internal static class DocumentTypes
{
    public const string SignedP7m = "application/pkcs7-mime";
    public const string Text = "text/plain";

    /// <summary>The media type of the content, or null when it is not an accepted type. Leaves the stream where it was read to.</summary>
    public static async Task<string?> DetectAsync(Stream content, string fileName, CancellationToken cancellationToken)
    {
        var header = new byte[4096];
        int read = 0, n;
        while (read < header.Length && (n = await content.ReadAsync(header.AsMemory(read), cancellationToken)) > 0)
        {
            read += n;
        }

        var span = header.AsSpan(0, read);
        if (FileSignature.Detect(span) is { } known)
        {
            return known;
        }

        // CAdES: a DER SEQUENCE with a long-form length, named .p7m as the CAD rules require.
        if (fileName.EndsWith(".p7m", StringComparison.OrdinalIgnoreCase) && read > 4 && span[0] == 0x30 && span[1] is >= 0x80 and <= 0x84)
        {
            return SignedP7m;
        }

        if (fileName.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) && IsText(span, read < header.Length))
        {
            return Text;
        }

        return null;
    }

    private static bool IsText(ReadOnlySpan<byte> bytes, bool complete)
    {
        foreach (var b in bytes)
        {
            if (b < 0x09 || (b is > 0x0D and < 0x20))
            {
                return false;
            }
        }

        try
        {
            // The cut at 4 KB may split a character: only a complete file must decode entirely.
            _ = new UTF8Encoding(false, true).GetString(complete ? bytes : bytes[..Math.Max(0, bytes.Length - 4)]);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
