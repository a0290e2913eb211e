using System.Xml;
using System.Xml.Schema;
using PenToscana.Kernel.Security;

namespace PenToscana.Modules.Payments.Soap;

/// <summary>
/// The SANP schemas of the body's side of the node interface (paForNode.xsd and the common types), loaded from the
/// module's resources with DTDs prohibited and no resolver: nothing is fetched from outside.
/// </summary>
internal static class NodeSchemas
{
    public const string PaForNode = "http://pagopa-api.pagopa.gov.it/pa/paForNode.xsd";
    public const string Common = "http://pagopa-api.pagopa.gov.it/xsd/common-types/v1.0.0/";
    public const string SoapEnvelope = "http://schemas.xmlsoap.org/soap/envelope/";
    public const string FdrNamespace = "http://www.digitpa.gov.it/schemas/2011/Pagamenti/";

    private static readonly Lazy<XmlSchemaSet> NodeSet = new(() => Load("sac-common-types-1.0.xsd", "paForNode.xsd"));

    private static readonly Lazy<XmlSchemaSet> FdrSet = new(() => Load("FlussoRiversamento_1_0_4.xsd"));

    public static XmlSchemaSet Node => NodeSet.Value;

    public static XmlSchemaSet Fdr => FdrSet.Value;

    public static XmlReaderSettings SafeReaderSettings(bool async = false)
    {
        var settings = SafeXml.ReaderSettings();
        settings.Async = async;
        settings.IgnoreComments = true;
        settings.MaxCharactersInDocument = 20_000_000;
        return settings;
    }

    private static XmlSchemaSet Load(params string[] files)
    {
        var set = new XmlSchemaSet { XmlResolver = null };
        foreach (var file in files)
        {
            using var stream = typeof(NodeSchemas).Assembly.GetManifestResourceStream("Payments.Schemas." + file)
                ?? throw new InvalidOperationException("Schema mancante: " + file);
            using var reader = XmlReader.Create(stream, SafeReaderSettings());
            set.Add(XmlSchema.Read(reader, null)!);
        }

        set.Compile();
        return set;
    }
}
