using System.Text;
using System.Xml.Linq;
using PenToscana.Modules.Invoicing.Engine;

namespace PenToscana.UnitTests.Invoicing;

/// <summary>The official sample invoices and a correct invoice built from FPA01 to mutate one rule at a time.</summary>
internal static class Samples
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Invoicing", "Samples");

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(Folder, name));

    /// <summary>FPA01 with check-digit-correct identifiers: nothing wrong in it.</summary>
    public static XDocument Valid()
    {
        var text = Encoding.UTF8.GetString(Bytes("IT01234567890_FPA01.xml"))
            .Replace("01234567890", "01234567897", StringComparison.Ordinal)
            .Replace("09876543210", "80000000002", StringComparison.Ordinal);
        return XDocument.Parse(text);
    }

    public static ValidationReport Validate(XDocument document, ValidationOptions? options = null)
    {
        using var stream = new MemoryStream();
        document.Save(stream);
        return InvoiceValidator.Validate(stream.ToArray(), options ?? new ValidationOptions { ReceivedOn = new DateOnly(2026, 11, 26) });
    }

    public static IReadOnlyList<string> Codes(this ValidationReport report) => report.Errors.Select(e => e.Code).ToList();

    /// <summary>The first element reached by local names from the root, e.g. "FatturaElettronicaBody/DatiBeniServizi/DettaglioLinee".</summary>
    public static XElement At(this XDocument document, string path)
    {
        XElement current = document.Root!;
        foreach (var step in path.Split('/'))
        {
            current = current.Elements().First(e => e.Name.LocalName == step);
        }

        return current;
    }

    public static XElement Set(this XDocument document, string path, string value)
    {
        var element = document.At(path);
        element.Value = value;
        return element;
    }

    /// <summary>Adds a child after the named sibling (the schema's sequence order matters).</summary>
    public static XElement AddAfter(this XDocument document, string siblingPath, XElement element)
    {
        document.At(siblingPath).AddAfterSelf(element);
        return element;
    }

    public const string Line = "FatturaElettronicaBody/DatiBeniServizi/DettaglioLinee";
    public const string Summary = "FatturaElettronicaBody/DatiBeniServizi/DatiRiepilogo";
    public const string General = "FatturaElettronicaBody/DatiGenerali/DatiGeneraliDocumento";
    public const string Cedente = "FatturaElettronicaHeader/CedentePrestatore/DatiAnagrafici";
    public const string Cessionario = "FatturaElettronicaHeader/CessionarioCommittente/DatiAnagrafici";
}
