using System.Text.Json;
using PenToscana.Modules.Invoicing.Engine;

namespace PenToscana.Modules.Invoicing.Features.ValidateInvoice;

/// <summary>
/// <c>PenToscana.Web invoice validate FILE... [--json]</c>: exit code 0 when every file passes, 1 when one has errors, 2 on
/// misuse. <c>PenToscana.Web invoice pdf FILE [OUTPUT.pdf]</c>: the PDF rendering next to the file (or where told); 1 when
/// the file cannot be read.
/// </summary>
public static class InvoiceCli
{
    public const string Usage = "invoice validate FILE... [--json]   verifica fatture elettroniche (XSD e controlli SdI); codice 1 se ci sono errori\n"
        + "  invoice pdf FILE [OUTPUT.pdf]       versione leggibile in PDF di una fattura (.xml o .xml.p7m)";

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        if (args.Count is 2 or 3 && args[0] == "pdf")
        {
            return Pdf(args[1], args.Count == 3 ? args[2] : null, output, error);
        }

        if (args.Count < 2 || args[0] != "validate")
        {
            error.WriteLine("Uso: " + Usage);
            return 2;
        }

        bool json = args.Contains("--json");
        var files = args.Skip(1).Where(a => a != "--json").ToList();
        if (files.Count == 0)
        {
            error.WriteLine("Indicare almeno un file.");
            return 2;
        }

        int exit = 0;
        var results = new List<object>();
        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                error.WriteLine($"File non trovato: {file}");
                return 2;
            }

            var info = new FileInfo(file);
            var options = new ValidationOptions { FileName = Path.GetFileName(file) };
            var report = info.Length > InvoiceEnvelope.MaxFileBytes
                ? InvoiceValidator.Oversized(info.Length, options)
                : InvoiceValidator.Validate(File.ReadAllBytes(file), options);
            if (!report.IsValid)
            {
                exit = 1;
            }

            if (json)
            {
                results.Add(new { file, valid = report.IsValid, issues = report.Issues.Select(IssueDto.From).ToList() });
                continue;
            }

            output.WriteLine($"{file}: {(report.IsValid ? "nessun errore" : $"{report.Errors.Count()} errori")}" +
                $" ({report.Facts.FormatoTrasmissione ?? "formato sconosciuto"}, {report.Facts.Bodies.Count} fatture)");
            foreach (var issue in report.Issues)
            {
                output.WriteLine($"  {(issue.Severity == IssueSeverity.Error ? "ERRORE" : "avviso")} {issue.Code} {issue.Path}");
                output.WriteLine($"         {issue.Message}");
            }
        }

        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(results, JsonOptions));
        }

        return exit;
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static int Pdf(string file, string? target, TextWriter output, TextWriter error)
    {
        if (!File.Exists(file))
        {
            error.WriteLine($"File non trovato: {file}");
            return 2;
        }

        if (new FileInfo(file).Length > InvoiceEnvelope.MaxFileBytes)
        {
            error.WriteLine($"{file}: il file supera i 5 MB ammessi da SdI per una fattura.");
            return 1;
        }

        var (xml, _, issues) = InvoiceEnvelope.Unwrap(File.ReadAllBytes(file));
        if (xml is null)
        {
            error.WriteLine($"{file}: {issues.FirstOrDefault()?.Message ?? "busta non leggibile"}");
            return 1;
        }

        byte[] pdf;
        try
        {
            pdf = RenderInvoice.InvoicePdfRenderer.Render(xml);
        }
        catch (System.Xml.XmlException ex)
        {
            error.WriteLine($"{file}: il file non è un XML ben formato: {ex.Message}");
            return 1;
        }

        target ??= Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".", RenderInvoice.InvoicePdfFile.Name(Path.GetFileName(file)));
        File.WriteAllBytes(target, pdf);
        output.WriteLine($"{file}: PDF scritto in {target}");
        return 0;
    }
}
