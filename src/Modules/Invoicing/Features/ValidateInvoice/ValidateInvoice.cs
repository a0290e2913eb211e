using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PenToscana.Modules.Invoicing.Engine;

namespace PenToscana.Modules.Invoicing.Features.ValidateInvoice;

/// <summary>A finding as the API and the CLI return it.</summary>
public sealed record IssueDto(string Code, string Message, string Path, string Severity)
{
    public static IssueDto From(ValidationIssue issue) =>
        new(issue.Code, issue.Message, issue.Path, issue.Severity == IssueSeverity.Error ? "error" : "warning");
}

internal static class ValidateInvoiceEndpoint
{
    public const string Path = "/api/invoicing/validate";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost(Path, HandleAsync)
            .WithName("ValidateInvoice")
            .WithTags("Fatturazione elettronica")
            .WithSummary("Verifica una fattura elettronica (XSD e controlli SdI)")
            .WithDescription("Riceve un file FatturaPA (.xml o .xml.p7m, massimo 5 MB) come multipart/form-data nel campo «file» e restituisce "
                + "l'elenco dei rilievi {code, message, path, severity}: code è il codice di errore SdI, path l'XPath dell'elemento. "
                + "Un elenco senza rilievi di tipo «error» indica una fattura che supera i controlli eseguibili senza SdI.")
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<IReadOnlyList<IssueDto>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequireAuthorization(InvoicingModule.OperatorPolicy)
            .DisableAntiforgery();
    }

    private static async Task<IResult> HandleAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            return Results.Problem(detail: "Inviare il file come multipart/form-data nel campo «file».", statusCode: 400, title: "Richiesta non valida");
        }

        var form = await request.ReadFormAsync(ct);
        var file = form.Files.GetFile("file") ?? (form.Files.Count > 0 ? form.Files[0] : null);
        if (file is null || file.Length == 0)
        {
            return Results.Problem(detail: "Nessun file ricevuto: allegare la fattura nel campo «file».", statusCode: 400, title: "File mancante");
        }

        var options = new ValidationOptions { FileName = System.IO.Path.GetFileName(file.FileName) };
        if (file.Length > InvoiceEnvelope.MaxFileBytes)
        {
            // Reported as SdI does (00003) rather than refused: the caller learns the rule, not just a transport error.
            return Results.Ok(InvoiceValidator.Oversized(file.Length, options).Issues.Select(IssueDto.From).ToList());
        }

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        var report = InvoiceValidator.Validate(buffer.ToArray(), options);
        return Results.Ok(report.Issues.Select(IssueDto.From).ToList());
    }
}
