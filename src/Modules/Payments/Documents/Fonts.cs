namespace PenToscana.Modules.Payments.Documents;

/// <summary>The platform's embedded PDF fonts (<see cref="PenToscana.Kernel.Documents.PdfFonts"/>).</summary>
internal static class EmbeddedFontResolver
{
    public const string Family = PenToscana.Kernel.Documents.PdfFonts.Family;

    public static void Install() => PenToscana.Kernel.Documents.PdfFonts.Install();
}
