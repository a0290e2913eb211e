using System.Text.Json;
using PenToscana.Modules.Invoicing.Engine;

namespace PenToscana.Modules.Invoicing.Features.ValidateInvoice;

/// <summary><c>PenToscana.Web invoice validate FILE... [--json]</c>: exit code 0 when every file passes, 1 when one has errors, 2 on misuse.</summary>
public static class InvoiceCli
{
    public const string Usage = "invoice validate FILE... [--json]   verifica fatture elettroniche (XSD e controlli SdI); codice 1 se ci sono errori";

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
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
}
