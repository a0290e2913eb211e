using PdfSharp.Fonts;

namespace PenToscana.Modules.Payments.Documents;

/// <summary>Liberation Sans (SIL Open Font License) shipped with the module, so PDFs look the same on every server.</summary>
internal sealed class EmbeddedFontResolver : IFontResolver
{
    public const string Family = "Liberation Sans";

    private static readonly Lock Gate = new();
    private static bool installed;

    public static void Install()
    {
        lock (Gate)
        {
            if (!installed)
            {
                GlobalFontSettings.FontResolver = new EmbeddedFontResolver();
                installed = true;
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
        => new(bold ? "LiberationSans-Bold" : "LiberationSans-Regular");

    public byte[]? GetFont(string faceName)
    {
        using var stream = typeof(EmbeddedFontResolver).Assembly.GetManifestResourceStream($"Payments.Fonts.{faceName}.ttf");
        if (stream is null)
        {
            return null;
        }

        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
