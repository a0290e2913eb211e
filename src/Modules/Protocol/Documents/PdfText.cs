using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace PenToscana.Modules.Protocol.Documents;

/// <summary>
/// Minimal flowing-text PDF writer over PDFsharp: a title, label/value lines and small tables, wrapped to the page, with
/// the fonts embedded in this assembly (Liberation Sans), so that output does not depend on the fonts of the server.
/// </summary>
internal sealed class PdfText : IDisposable
{
    private const double Margin = 50;
    private readonly PdfDocument document = new();
    private readonly XFont title = new(EmbeddedFonts.Family, 15, XFontStyleEx.Bold);
    private readonly XFont bold = new(EmbeddedFonts.Family, 9.5, XFontStyleEx.Bold);
    private readonly XFont regular = new(EmbeddedFonts.Family, 9.5, XFontStyleEx.Regular);
    private readonly XFont small = new(EmbeddedFonts.Family, 7.5, XFontStyleEx.Regular);
    private PdfPage page = null!;
    private XGraphics graphics = null!;
    private double y;

    static PdfText() => EmbeddedFonts.Install();

    public PdfText(string documentTitle)
    {
        document.Info.Title = documentTitle;
        document.Info.Creator = "PenToscana";
        NewPage();
    }

    private double Width => page.Width.Point - (2 * Margin);

    public void Title(string text)
    {
        Wrap(text, title, Margin, Width, 19);
        y += 6;
    }

    public void Line(string label, string value, double labelWidth = 150)
    {
        double top = y;
        Wrap(label, bold, Margin, labelWidth - 6, 13);
        double afterLabel = y;
        y = top;
        Wrap(value, regular, Margin + labelWidth, Width - labelWidth, 13);
        y = Math.Max(y, afterLabel) + 2;
    }

    public void Paragraph(string text, bool isSmall = false)
    {
        Wrap(text, isSmall ? small : regular, Margin, Width, isSmall ? 10 : 13);
        y += 4;
    }

    public void Space(double points = 8) => y += points;

    /// <summary>A table: column widths as fractions of the text width; a header row in bold.</summary>
    public void Table(IReadOnlyList<string> headers, IReadOnlyList<double> widths, IEnumerable<IReadOnlyList<string>> rows)
    {
        Row(headers, widths, bold);
        graphics.DrawLine(XPens.Gray, Margin, y - 2, Margin + Width, y - 2);
        foreach (var row in rows)
        {
            Row(row, widths, small);
        }
    }

    private void Row(IReadOnlyList<string> cells, IReadOnlyList<double> widths, XFont font)
    {
        EnsureRoom(24);
        double top = y, bottom = y, x = Margin;
        for (int i = 0; i < cells.Count; i++)
        {
            y = top;
            double w = widths[i] * Width;
            Wrap(cells[i], font, x, w - 4, font == small ? 10 : 12, breakPages: false);
            bottom = Math.Max(bottom, y);
            x += w;
        }

        y = bottom + 3;
    }

    public byte[] ToBytes()
    {
        graphics.Dispose();
        int count = document.PageCount;
        for (int i = 0; i < count; i++)
        {
            using var g = XGraphics.FromPdfPage(document.Pages[i], XGraphicsPdfPageOptions.Append);
            g.DrawString($"Pagina {i + 1} di {count}", small, XBrushes.Gray, new XPoint(Margin, document.Pages[i].Height.Point - 25));
        }

        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }

    public void Dispose() => document.Dispose();

    private void NewPage()
    {
        graphics?.Dispose();
        page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        graphics = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
        y = Margin;
    }

    private void EnsureRoom(double height)
    {
        if (y + height > page.Height.Point - Margin)
        {
            NewPage();
        }
    }

    private void Wrap(string text, XFont font, double x, double width, double lineHeight, bool breakPages = true)
    {
        foreach (var paragraph in text.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n'))
        {
            var line = string.Empty;
            foreach (var word in paragraph.Split(' '))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (graphics.MeasureString(candidate, font).Width <= width || line.Length == 0)
                {
                    line = candidate;
                    // A single word longer than the column (a fingerprint) is cut where it overflows.
                    while (graphics.MeasureString(line, font).Width > width && line.Length > 1)
                    {
                        int cut = line.Length - 1;
                        while (cut > 1 && graphics.MeasureString(line[..cut], font).Width > width)
                        {
                            cut--;
                        }

                        Draw(line[..cut], font, x, lineHeight, breakPages);
                        line = line[cut..];
                    }

                    continue;
                }

                Draw(line, font, x, lineHeight, breakPages);
                line = word;
            }

            Draw(line, font, x, lineHeight, breakPages);
        }
    }

    private void Draw(string text, XFont font, double x, double lineHeight, bool breakPages)
    {
        if (breakPages)
        {
            EnsureRoom(lineHeight);
        }

        graphics.DrawString(text, font, XBrushes.Black, new XPoint(x, y + font.Size));
        y += lineHeight;
    }
}

/// <summary>The platform's embedded PDF fonts (<see cref="PenToscana.Kernel.Documents.PdfFonts"/>).</summary>
internal static class EmbeddedFonts
{
    public const string Family = PenToscana.Kernel.Documents.PdfFonts.Family;

    public static void Install() => PenToscana.Kernel.Documents.PdfFonts.Install();
}
