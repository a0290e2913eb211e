using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.Kernel.Users;
using PenToscana.Modules.Invoicing.Features.Payments;

namespace PenToscana.Modules.Invoicing.Features.ReceiveInvoice;

/// <summary>
/// <c>POST /api/invoicing/{ipa}/fatture</c>: a received invoice handed over by a body's own system (an intermediary, a
/// PEC mailbox reader), the same as the manual upload: multipart with <c>identificativoSdI</c> and the <c>file</c> (.xml or
/// .xml.p7m, at most 5 MB). Routed by Codice Univoco Ufficio within the body, protocolled, entered in the register and
/// checked; the answer names the protocol number and register numbers, or the SdI code of what is wrong.
/// </summary>
internal static class ReceiveInvoiceApi
{
    public const string Channel = "api";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/invoicing/{ipa}/fatture", ReceiveAsync)
            .WithTags("Fatturazione elettronica")
            .RequireAuthorization(InvoicingModule.OperatorPolicy)
            .DisableAntiforgery()
            .WithName("ReceiveInvoice")
            .WithSummary("Consegna all'ente una fattura ricevuta (come il caricamento manuale)")
            .WithDescription("Multipart: 'identificativoSdI' (solo cifre, al massimo 20) e 'file' (.xml o .xml.p7m, al massimo 5 MB). La fattura deve essere indirizzata "
                + "a un ufficio dell'ente (Codice Univoco Ufficio); viene protocollata in entrata, iscritta nel registro unico e verificata. 201 con numero di protocollo "
                + "e numeri di registro (e il numero di errori trovati dalla verifica), 422 con il codice SdI e il motivo se non è ricevibile.")
            .Produces<ReceiveInvoiceResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<IResult> ReceiveAsync(string ipa, HttpContext http, ReceiveInvoiceHandler receive, CancellationToken ct)
    {
        if (await PaymentEndpoints.ResolveAsync(http, ipa, ct) is not { } ente)
        {
            return Results.Problem(detail: $"Ente «{ipa}» non trovato.", statusCode: StatusCodes.Status404NotFound);
        }

        if (!http.Request.HasFormContentType)
        {
            return Results.Problem(detail: "Inviare un modulo multipart/form-data con 'identificativoSdI' e 'file'.", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        var form = await http.Request.ReadFormAsync(ct);
        var id = form["identificativoSdI"].ToString().Trim();
        var file = form.Files.GetFile("file");
        var problems = new List<string>();
        if (UploadChecks.IdentificativoSdI(id) is { } idProblem)
        {
            problems.Add($"identificativoSdI: {idProblem}");
        }

        if (UploadChecks.File(file) is { } fileProblem)
        {
            if (fileProblem == UploadChecks.TooLarge)
            {
                return Results.Problem(detail: fileProblem, statusCode: StatusCodes.Status413PayloadTooLarge);
            }

            problems.Add($"file: {fileProblem}");
        }

        if (problems.Count > 0)
        {
            return Results.Problem(detail: string.Join(" ", problems), statusCode: StatusCodes.Status422UnprocessableEntity);
        }

        using var buffer = new MemoryStream((int)file!.Length);
        await file.CopyToAsync(buffer, ct);
        var (response, failure) = await receive.HandleAsync(
            // ReceivedBy is a person's codice fiscale: an operator's, none for the body's API client (its channel says "api").
            new ReceiveInvoiceRequest(id, Path.GetFileName(file.FileName), buffer.ToArray(), Channel, ente.Id, http.RequestServices.GetRequiredService<ICurrentUser>().TaxCode), ct);
        if (failure is not null)
        {
            return Results.Problem(detail: $"Fattura non ricevuta ({failure.Code}): {failure.Message}", statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?> { ["code"] = failure.Code });
        }

        return Results.Created($"/api/v1/backoffice/invoicing/received/{response!.InvoiceIds[0]}", response);
    }
}
