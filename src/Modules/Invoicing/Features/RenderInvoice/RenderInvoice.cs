using System.Xml;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PenToscana.Modules.Invoicing.Engine;

namespace PenToscana.Modules.Invoicing.Features.RenderInvoice;

internal static class RenderInvoiceEndpoint
{
    public const string Path = "/api/invoicing/render";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost(Path, HandleAsync)
            .WithName("RenderInvoice")
            .WithTags("Fatturazione elettronica")
            .WithSummary("Versione leggibile (HTML stampabile) di una fattura elettronica")
            .WithDescription("Riceve un file FatturaPA (.xml o .xml.p7m) nel campo «file» e restituisce la fattura in HTML, con i codici accompagnati dalla descrizione.")
            .Accepts<IFormFile>("multipart/form-data")
            .Produces(StatusCodes.Status200OK, contentType: "text/html")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .RequireAuthorization(InvoicingModule.OperatorPolicy)
            .DisableAntiforgery();
    }

    private static async Task<IResult> HandleAsync(HttpRequest request, CancellationToken ct)
    {
        var form = request.HasFormContentType ? await request.ReadFormAsync(ct) : null;
        var file = form?.Files.GetFile("file");
        if (file is null || file.Length == 0 || file.Length > InvoiceEnvelope.MaxFileBytes)
        {
            return Results.Problem(detail: "Allegare nel campo «file» una fattura elettronica di al massimo 5 MB.", statusCode: 400, title: "File mancante o troppo grande");
        }

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        var (xml, _, issues) = InvoiceEnvelope.Unwrap(buffer.ToArray());
        if (xml is null)
        {
            return Results.Problem(detail: issues.FirstOrDefault()?.Message ?? "Busta non leggibile.", statusCode: 400, title: "File non leggibile");
        }

        try
        {
            return Results.Content(InvoiceHtmlRenderer.Render(xml), "text/html; charset=utf-8");
        }
        catch (XmlException ex)
        {
            return Results.Problem(detail: $"Il file non è un XML ben formato: {ex.Message}", statusCode: 400, title: "File non leggibile");
        }
    }
}
