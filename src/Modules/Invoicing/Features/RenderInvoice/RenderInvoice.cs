using System.Xml;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Blobs;
using PenToscana.Modules.Invoicing.Data;
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

        // Same authorization as the sibling /api/invoicing/{ipa}/fatture/{id}/… routes: the body's API client or its operator; anything else is 404.
        app.MapGet("/api/invoicing/{ipa}/fatture/{id:guid}/pdf", ReceivedPdfAsync)
            .WithName("GetReceivedInvoicePdf")
            .WithTags("Fatturazione elettronica")
            .WithSummary("La fattura ricevuta in PDF")
            .WithDescription("La versione leggibile in PDF del file ricevuto: dati di trasmissione, cedente e cessionario, e per ogni fattura del lotto dati del documento, linee, riepilogo IVA, totali e pagamento (IBAN e scadenze).")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireAuthorization(InvoicingModule.OperatorPolicy);
        app.MapGet("/api/invoicing/{ipa}/fatture-emesse/{id:guid}/pdf", IssuedPdfAsync)
            .WithName("GetIssuedInvoicePdf")
            .WithTags("Fatturazione elettronica")
            .WithSummary("La fattura emessa in PDF")
            .WithDescription("La versione leggibile in PDF della fattura emessa dall'ente, con lo stesso contenuto della versione HTML.")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireAuthorization(InvoicingModule.OperatorPolicy);
    }

    private static async Task<IResult> ReceivedPdfAsync(string ipa, Guid id, HttpContext http, InvoicingDb db, IBlobStore blobs, CancellationToken ct)
    {
        var ente = await Payments.PaymentEndpoints.ResolveAsync(http, ipa, ct);
        var invoice = ente is null ? null : await db.ReceivedInvoices.AsNoTracking().Where(i => i.Id == id && i.EnteId == ente.Id).Select(i => new { i.FileName, i.FileSha256 }).SingleOrDefaultAsync(ct);
        return invoice is null
            ? Results.Problem(detail: "Fattura non trovata.", statusCode: 404)
            : await PdfResultAsync(blobs, invoice.FileSha256, invoice.FileName, ct);
    }

    private static async Task<IResult> IssuedPdfAsync(string ipa, Guid id, HttpContext http, InvoicingDb db, IBlobStore blobs, CancellationToken ct)
    {
        var ente = await Payments.PaymentEndpoints.ResolveAsync(http, ipa, ct);
        var invoice = ente is null ? null : await db.IssuedInvoices.AsNoTracking().Where(i => i.Id == id && i.EnteId == ente.Id).Select(i => new { i.FileName, i.FileSha256 }).SingleOrDefaultAsync(ct);
        return invoice is null
            ? Results.Problem(detail: "Fattura non trovata.", statusCode: 404)
            : await PdfResultAsync(blobs, invoice.FileSha256, invoice.FileName, ct);
    }

    private static async Task<IResult> PdfResultAsync(IBlobStore blobs, string sha256, string fileName, CancellationToken ct)
    {
        var (pdf, problem) = await InvoicePdfFile.RenderAsync(blobs, sha256, ct);
        return pdf is null
            ? Results.Problem(detail: problem, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Fattura non leggibile")
            : Results.File(pdf, "application/pdf", InvoicePdfFile.Name(fileName));
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

/// <summary>The PDF of a stored invoice file (XML, CAdES .p7m or XAdES), for the pages and the API alike.</summary>
internal static class InvoicePdfFile
{
    public static async Task<(byte[]? Pdf, string? Problem)> RenderAsync(IBlobStore blobs, string sha256, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await using (var stream = await blobs.OpenReadAsync(sha256, cancellationToken: ct))
        {
            await stream.CopyToAsync(buffer, ct);
        }

        var (xml, _, issues) = InvoiceEnvelope.Unwrap(buffer.ToArray());
        if (xml is null)
        {
            return (null, issues.FirstOrDefault()?.Message ?? "Busta non leggibile.");
        }

        try
        {
            return (InvoicePdfRenderer.Render(xml), null);
        }
        catch (XmlException ex)
        {
            return (null, "Il file non è un XML ben formato: " + ex.Message);
        }
    }

    /// <summary>IT01234567897_00001.xml.p7m → IT01234567897_00001.pdf</summary>
    public static string Name(string invoiceFileName)
    {
        int dot = invoiceFileName.IndexOf('.', StringComparison.Ordinal);
        return (dot > 0 ? invoiceFileName[..dot] : invoiceFileName) + ".pdf";
    }
}
