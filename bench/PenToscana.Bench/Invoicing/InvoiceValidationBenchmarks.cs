using System.Xml;
using BenchmarkDotNet.Attributes;
using PenToscana.Modules.Invoicing.Engine;

namespace PenToscana.Bench.Invoicing;

/// <summary>
/// Full validation (envelope sniffing, XSD, every offline SdI check, facts) against plain XSD validation of the same bytes,
/// which is perf-anchors.md anchor 1e (~16,000 invoices/s on one core). Run:
/// <c>dotnet run -c Release --project bench/PenToscana.Bench -- --filter '*InvoiceValidation*'</c>.
/// </summary>
[MemoryDiagnoser]
public class InvoiceValidationBenchmarks
{
    private byte[] _input = [];

    [Params("FPA03", "FPR03", "1000-lines")]
    public string Invoice { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _input = Invoice switch
        {
            "1000-lines" => InvoiceCorpus.WithLines(1000),
            _ => InvoiceCorpus.Sample($"IT01234567890_{Invoice}.xml"),
        };
        _ = FatturaSchemas.Set;
    }

    [Benchmark]
    public int FullValidation() => InvoiceValidator.Validate(_input).Issues.Count;

    [Benchmark(Baseline = true)]
    public int SchemaOnly()
    {
        int errors = 0;
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            ValidationType = ValidationType.Schema,
            Schemas = FatturaSchemas.Set,
            ValidationFlags = System.Xml.Schema.XmlSchemaValidationFlags.None,
        };
        settings.ValidationEventHandler += (_, _) => errors++;
        using var reader = XmlReader.Create(new MemoryStream(_input, writable: false), settings);
        while (reader.Read())
        {
        }

        return errors;
    }
}
