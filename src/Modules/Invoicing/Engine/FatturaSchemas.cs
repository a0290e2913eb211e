using System.Reflection;
using System.Text.Json;
using System.Xml;
using System.Xml.Schema;

namespace PenToscana.Modules.Invoicing.Engine;

/// <summary>
/// The official schemas (FatturaPA 1.2.2 ordinary, FSM10 simplified, MessaggiTypes 1.1, XML-DSig) compiled once into one
/// schema set, with the enumerations extended by the code-list data files (<c>codelists-*.json</c>): a specification update
/// that only adds codes (1.2.3: TD29, RF20) is a data change. Nothing is fetched from the network.
/// </summary>
public static class FatturaSchemas
{
    public const string OrdinaryNamespace = "http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2";
    public const string SimplifiedNamespace = "http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.0";
    public const string MessagesNamespace = "http://www.fatturapa.gov.it/sdi/messaggi/v1.0";
    public const string XmlDsigNamespace = "http://www.w3.org/2000/09/xmldsig#";

    private static readonly Lazy<XmlSchemaSet> LazySet = new(Compile, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<CodeLists> LazyCodeLists = new(LoadCodeLists, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The compiled, read-only schema set shared by every validation.</summary>
    public static XmlSchemaSet Set => LazySet.Value;

    /// <summary>The code lists: enumerations of the schemas plus the versioned additions and the refused values.</summary>
    public static CodeLists CodeLists => LazyCodeLists.Value;

    private static Stream Resource(string name) =>
        typeof(FatturaSchemas).Assembly.GetManifestResourceStream(name)
        ?? throw new InvalidOperationException($"Missing embedded resource {name}");

    private static XmlSchema ReadSchema(string file, bool allowInternalDtd)
    {
        // Only the W3C xmldsig schema carries an internal DTD subset; instance documents are always read with DTDs prohibited.
        var settings = new XmlReaderSettings
        {
            DtdProcessing = allowInternalDtd ? DtdProcessing.Parse : DtdProcessing.Prohibit,
            XmlResolver = null,
        };
        using var stream = Resource("Invoicing.Schemas." + file);
        using var reader = XmlReader.Create(stream, settings);
        return XmlSchema.Read(reader, (_, e) => throw new InvalidOperationException(e.Message, e.Exception))!;
    }

    private static XmlSchemaSet Compile()
    {
        var set = new XmlSchemaSet { XmlResolver = null };
        var dsig = ReadSchema("xmldsig-core-schema.xsd", allowInternalDtd: true);
        var ordinary = ReadSchema("Schema_del_file_xml_FatturaPA_v1.2.2.xsd", false);
        var simplified = ReadSchema("Schema_VFSM10.xsd", false);
        var messages = ReadSchema("MessaggiTypes_v1.1.xsd", false);
        foreach (var schema in new[] { ordinary, simplified, messages })
        {
            // The imports point at w3.org or at a relative file: the namespace is already in the set, so drop the location.
            foreach (var include in schema.Includes.OfType<XmlSchemaImport>())
            {
                include.SchemaLocation = null;
            }
        }

        foreach (var addition in LazyCodeLists.Value.Additions)
        {
            var schema = addition.Schema == "semplificata" ? simplified : ordinary;
            AddEnumeration(schema, addition.Type, addition.Code);
        }

        set.Add(dsig);
        set.Add(ordinary);
        set.Add(simplified);
        set.Add(messages);
        set.Compile();
        return set;
    }

    private static void AddEnumeration(XmlSchema schema, string typeName, string code)
    {
        var type = schema.Items.OfType<XmlSchemaSimpleType>().FirstOrDefault(t => t.Name == typeName)
            ?? throw new InvalidOperationException($"Code list data names an unknown schema type {typeName}");
        var restriction = (XmlSchemaSimpleTypeRestriction)type.Content!;
        if (restriction.Facets.OfType<XmlSchemaEnumerationFacet>().Any(f => f.Value == code))
        {
            return;
        }

        restriction.Facets.Add(new XmlSchemaEnumerationFacet { Value = code });
    }

    private static CodeLists LoadCodeLists()
    {
        var assembly = typeof(FatturaSchemas).Assembly;
        var files = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("Invoicing.CodeLists.", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        var additions = new List<CodeListEntry>();
        var refused = new List<RefusedCode>();
        var versions = new List<string>();
        foreach (var file in files)
        {
            using var stream = assembly.GetManifestResourceStream(file)!;
            var data = JsonSerializer.Deserialize<CodeListFile>(stream, JsonOptions)
                ?? throw new InvalidOperationException($"Empty code list {file}");
            versions.Add(data.Version);
            additions.AddRange(data.Added);
            refused.AddRange(data.Refused);
        }

        var descriptions = new Dictionary<(string Type, string Code), string>();
        ReadDescriptions(descriptions, "Schema_del_file_xml_FatturaPA_v1.2.2.xsd");
        foreach (var addition in additions.Where(a => a.Schema == "ordinaria"))
        {
            descriptions[(addition.Type, addition.Code)] = addition.Description ?? addition.Code;
        }

        return new CodeLists(versions, additions, refused, descriptions);
    }

    private static void ReadDescriptions(Dictionary<(string, string), string> into, string file)
    {
        var schema = ReadSchema(file, false);
        foreach (var type in schema.Items.OfType<XmlSchemaSimpleType>())
        {
            if (type.Content is not XmlSchemaSimpleTypeRestriction restriction || type.Name is null)
            {
                continue;
            }

            foreach (var facet in restriction.Facets.OfType<XmlSchemaEnumerationFacet>())
            {
                var text = facet.Annotation?.Items.OfType<XmlSchemaDocumentation>()
                    .SelectMany(d => d.Markup ?? []).Select(n => n?.Value ?? n?.InnerText).FirstOrDefault();
                into[(type.Name, facet.Value!)] = string.IsNullOrWhiteSpace(text) ? facet.Value! : text.Trim();
            }
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    private sealed record CodeListFile(string Version, IReadOnlyList<CodeListEntry> Added, IReadOnlyList<RefusedCode> Refused);
}

/// <summary>A code added to a schema enumeration by a later specification.</summary>
public sealed record CodeListEntry(string Schema, string Type, string Code, string? Description);

/// <summary>A code the schema admits but SdI refuses with <see cref="Check"/> since <see cref="Since"/>.</summary>
public sealed record RefusedCode(string Schema, string Type, string Code, string Check, DateOnly Since);

/// <summary>Code lists with their descriptions (from the XSD annotations and the data files).</summary>
public sealed class CodeLists(
    IReadOnlyList<string> versions,
    IReadOnlyList<CodeListEntry> additions,
    IReadOnlyList<RefusedCode> refused,
    IReadOnlyDictionary<(string Type, string Code), string> descriptions)
{
    public IReadOnlyList<string> Versions { get; } = versions;

    public IReadOnlyList<CodeListEntry> Additions { get; } = additions;

    public IReadOnlyList<RefusedCode> Refused { get; } = refused;

    /// <summary>The Italian description of a code, e.g. ("TipoDocumentoType", "TD01") → "Fattura".</summary>
    public string Describe(string type, string? code) =>
        code is null ? "" : descriptions.TryGetValue((type, code), out var text) ? text : code;

    public RefusedCode? FindRefused(string type, string code)
    {
        foreach (var r in Refused)
        {
            if (r.Type == type && r.Code == code)
            {
                return r;
            }
        }

        return null;
    }
}
