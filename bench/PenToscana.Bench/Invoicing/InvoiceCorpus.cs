using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace PenToscana.Bench.Invoicing;

/// <summary>The official samples (checked-digit-correct copy of FPA01 included) and generated invoices with many lines.</summary>
internal static class InvoiceCorpus
{
    public static string Folder
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PenToscana.slnx")))
            {
                dir = dir.Parent;
            }

            return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Repository root not found"), "tests", "UnitTests", "Invoicing", "Samples");
        }
    }

    public static readonly string[] Official =
    [
        "IT01234567890_FPA01.xml", "IT01234567890_FPA02.xml", "IT01234567890_FPA03.xml",
        "IT01234567890_FPR01.xml", "IT01234567890_FPR02.xml", "IT01234567890_FPR03.xml",
    ];

    public static byte[] Sample(string name) => File.ReadAllBytes(Path.Combine(Folder, name));

    /// <summary>A correct FPA12 invoice with <paramref name="lines"/> lines (about 300 bytes each).</summary>
    public static byte[] WithLines(int lines)
    {
        var text = Encoding.UTF8.GetString(Sample("IT01234567890_FPA01.xml"))
            .Replace("01234567890", "01234567897", StringComparison.Ordinal)
            .Replace("09876543210", "80000000002", StringComparison.Ordinal);
        var doc = XDocument.Parse(text);
        var services = doc.Descendants("DatiBeniServizi").Single();
        var template = services.Element("DettaglioLinee")!;
        template.Remove();
        var summary = services.Element("DatiRiepilogo")!;
        for (int i = 1; i <= lines; i++)
        {
            var line = new XElement(template);
            line.Element("NumeroLinea")!.Value = ((i - 1) % 9999 + 1).ToString(CultureInfo.InvariantCulture); // NumeroLinea is 1–9999
            line.Element("Descrizione")!.Value = $"FORNITURA DI MATERIALE DI CONSUMO PER GLI UFFICI, ARTICOLO {i:000000}";
            summary.AddBeforeSelf(line);
        }

        decimal taxable = 5.00m * lines;
        summary.Element("ImponibileImporto")!.Value = taxable.ToString("0.00", CultureInfo.InvariantCulture);
        summary.Element("Imposta")!.Value = Math.Round(taxable * 0.22m, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture);
        using var stream = new MemoryStream();
        doc.Save(stream);
        return stream.ToArray();
    }

    /// <summary>The largest generated invoice that stays under the 5 MB SdI limit.</summary>
    public static byte[] NearFiveMegabytes()
    {
        const int limit = 5 * 1024 * 1024;
        int perLine = WithLines(101).Length - WithLines(1).Length;
        int lines = (int)((limit - WithLines(1).Length) / (perLine / 100.0)) - 10;
        var bytes = WithLines(lines);
        while (bytes.Length > limit)
        {
            lines -= lines / 50 + 1;
            bytes = WithLines(lines);
        }

        return bytes;
    }
}
