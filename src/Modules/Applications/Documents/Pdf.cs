using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;
using PdfSharp.Pdf;

namespace PenToscana.Modules.Applications.Documents;

/// <summary>A line of a generated document: a heading, a label with its value, or a paragraph.</summary>
internal abstract record PdfBlock;

internal sealed record PdfHeading(string Text) : PdfBlock;

internal sealed record PdfRow(string Label, string Value) : PdfBlock;

internal sealed record PdfParagraph(string Text) : PdfBlock;

/// <summary>
/// Plain A4 documents (application, receipt, attestations, outcomes) with PDFsharp, on the Liberation Sans fonts shipped in the
/// assembly so that output does not depend on the fonts installed on the server.
/// </summary>
internal static class Pdf
{
    private const double Margin = 56;

    public static byte[] Render(string issuer, string title, IEnumerable<PdfBlock> blocks, string footer)
    {
        EnsureFonts();
        using var document = new PdfDocument();
        document.Info.Title = title;
        document.Info.Author = issuer;
        document.Info.Creator = "PenToscana";
        // Generated on every submission: the fastest deflate level costs a few percent in size and a fraction of the time.
        document.Options.FlateEncodeMode = PdfFlateEncodeMode.BestSpeed;
        var regular = new XFont(EmbeddedFonts.Family, 10, XFontStyleEx.Regular);
        var bold = new XFont(EmbeddedFonts.Family, 10, XFontStyleEx.Bold);
        var heading = new XFont(EmbeddedFonts.Family, 12, XFontStyleEx.Bold);
        var titleFont = new XFont(EmbeddedFonts.Family, 16, XFontStyleEx.Bold);
        var small = new XFont(EmbeddedFonts.Family, 8, XFontStyleEx.Regular);

        PdfPage page = null!;
        XGraphics gfx = null!;
        XTextFormatter formatter = null!;
        double y = 0;
        double width = 0;
        void NewPage()
        {
            gfx?.Dispose();
            page = document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            gfx = XGraphics.FromPdfPage(page);
            formatter = new XTextFormatter(gfx);
            width = page.Width.Point - (2 * Margin);
            gfx.DrawString(issuer, bold, XBrushes.DarkBlue, new XPoint(Margin, Margin - 20));
            gfx.DrawString(footer, small, XBrushes.Gray, new XPoint(Margin, page.Height.Point - 30));
            y = Margin;
        }

        double Height(string text, XFont font, double w)
        {
            var lines = 0;
            foreach (var paragraph in text.Split('\n'))
            {
                var measured = gfx.MeasureString(paragraph.Length == 0 ? " " : paragraph, font).Width;
                lines += Math.Max(1, (int)Math.Ceiling(measured / (w - 4)));
            }

            return (lines * font.GetHeight()) + 4;
        }

        void Write(string text, XFont font, double x, double w, double h)
            => formatter.DrawString(text, font, XBrushes.Black, new XRect(x, y, w, h), XStringFormats.TopLeft);

        NewPage();
        var titleHeight = Height(title, titleFont, width);
        Write(title, titleFont, Margin, width, titleHeight);
        y += titleHeight + 8;
        foreach (var block in blocks)
        {
            double needed = block switch
            {
                PdfHeading h => Height(h.Text, heading, width) + 8,
                PdfRow r => Math.Max(Height(r.Label, bold, width * 0.35), Height(r.Value, regular, width * 0.63)),
                PdfParagraph p => Height(p.Text, regular, width) + 4,
                _ => 0,
            };
            if (y + needed > page.Height.Point - Margin)
            {
                NewPage();
            }

            switch (block)
            {
                case PdfHeading h:
                    y += 6;
                    Write(h.Text, heading, Margin, width, needed);
                    break;
                case PdfRow r:
                    Write(r.Label, bold, Margin, width * 0.35, needed);
                    Write(r.Value, regular, Margin + (width * 0.37), width * 0.63, needed);
                    break;
                case PdfParagraph p:
                    Write(p.Text, regular, Margin, width, needed);
                    break;
            }

            y += needed;
        }

        gfx.Dispose();
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    private static void EnsureFonts() => PenToscana.Kernel.Documents.PdfFonts.Install();
}

/// <summary>The platform's embedded PDF fonts (<see cref="PenToscana.Kernel.Documents.PdfFonts"/>).</summary>
internal static class EmbeddedFonts
{
    public const string Family = PenToscana.Kernel.Documents.PdfFonts.Family;
}
