using PdfSharp.Fonts;

namespace PenToscana.Kernel.Documents;

/// <summary>
/// The one font resolver of the process for every PDF the platform writes (receipts, notices, registers): Liberation Sans
/// (SIL Open Font License 1.1), embedded so documents look the same on every server whatever fonts it has. PDFsharp keeps the
/// resolver in a process-wide setting that may be set only once, so modules call <see cref="Install"/> instead of their own.
/// </summary>
public sealed class PdfFonts : IFontResolver
{
    /// <summary>The family name to ask for; any other family resolves to the same faces.</summary>
    public const string Family = "Liberation Sans";

    private static readonly Lock Gate = new();
    private static readonly Lazy<byte[]> Regular = new(() => Load("LiberationSans-Regular"));
    private static readonly Lazy<byte[]> Bold = new(() => Load("LiberationSans-Bold"));

    private PdfFonts()
    {
    }

    /// <summary>Makes the embedded fonts PDFsharp's resolver; safe to call any number of times from any thread.</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not PdfFonts)
            {
                GlobalFontSettings.FontResolver = new PdfFonts();
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
        => new(bold ? "LiberationSans-Bold" : "LiberationSans-Regular", false, italic);

    public byte[]? GetFont(string faceName) => faceName == "LiberationSans-Bold" ? Bold.Value : Regular.Value;

    private static byte[] Load(string face)
    {
        using var stream = typeof(PdfFonts).Assembly.GetManifestResourceStream($"PenToscana.Kernel.Fonts.{face}.ttf")
            ?? throw new InvalidOperationException($"Font {face} missing from the Kernel assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
