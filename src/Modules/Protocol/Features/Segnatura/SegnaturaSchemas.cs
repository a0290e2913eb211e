using System.Xml;
using System.Xml.Schema;

namespace PenToscana.Modules.Protocol.Features.Segnatura;

/// <summary>
/// The compiled Allegato 6 schema set. The XML-DSig schema goes in first, read with its internal DTD subset (it declares the
/// entities it uses) and without any resolver, so nothing is fetched from the network; loaded the naive way the import
/// silently fails and <c>ds:Signature</c> is undeclared.
/// </summary>
internal static class SegnaturaSchemas
{
    public const string Namespace = "http://www.agid.gov.it/protocollo/";
    public const string DsNamespace = "http://www.w3.org/2000/09/xmldsig#";

    private static readonly Lazy<XmlSchemaSet> Compiled = new(Load);

    public static XmlSchemaSet Set => Compiled.Value;

    private static XmlSchemaSet Load()
    {
        var set = new XmlSchemaSet { XmlResolver = null };
        set.Add(Read("segnatura/import_schemas/xmldsig-core-schema.xsd", DtdProcessing.Parse));
        set.Add(Read("segnatura/segnatura_protocollo.xsd", DtdProcessing.Prohibit));
        set.Compile();
        return set;
    }

    private static XmlSchema Read(string resource, DtdProcessing dtd)
    {
        using var stream = typeof(SegnaturaSchemas).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Missing embedded schema {resource}");
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = dtd, XmlResolver = null });
        return XmlSchema.Read(reader, null)!;
    }

    /// <summary>The schema errors of a document; empty when it is valid.</summary>
    public static IReadOnlyList<string> Validate(System.Xml.Linq.XDocument document)
    {
        var errors = new List<string>();
        System.Xml.Schema.Extensions.Validate(document, Set, (_, e) => errors.Add($"{e.Severity}: {e.Message}"));
        return errors;
    }
}
