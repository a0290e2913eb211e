using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Security;
using PenToscana.Kernel.Tenancy;
using PenToscana.Kernel.Users;

namespace PenToscana.Modules.Invoicing.Features.Payments;

/// <summary>A payment as the API takes it: amount in euro with at most two decimals.</summary>
internal sealed record PaymentInput(DateOnly? DataPagamento, decimal Importo, string? Iban, string? Mandato);

internal sealed record SuspensionInput(string? Causale, DateOnly? Dal, DateOnly? Al, string? Note);

internal sealed record SuspensionDto(Guid Id, string Causale, string Descrizione, DateOnly Dal, DateOnly? Al, string? Note);

/// <summary>
/// The bodies' API on received invoices, <c>/api/invoicing/{ipa}/fatture/{id}/…</c>: a body's API client (client credentials,
/// scope <c>api.invoicing</c>) for its own body only, or a signed-in operator of the body. Anything else is 404.
/// </summary>
internal static class PaymentEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/invoicing/{ipa}/fatture/{id:guid}").WithTags("Fatturazione elettronica").RequireAuthorization(InvoicingModule.OperatorPolicy);
        group.MapPost("/pagamenti", async (string ipa, Guid id, PaymentInput input, HttpContext http, RecordPaymentHandler handler, CancellationToken ct) =>
        {
            if (await ResolveAsync(http, ipa, ct) is null)
            {
                return Results.Problem(detail: "Fattura non trovata.", statusCode: 404);
            }

            if (decimal.Round(input.Importo, 2) != input.Importo)
            {
                return Results.Problem(detail: "L'importo ha al massimo due decimali.", statusCode: 422);
            }

            var (response, failure) = await handler.HandleAsync(id, new RecordPaymentRequest(input.DataPagamento, (long)(input.Importo * 100m), input.Iban, input.Mandato), Actor(http), "api", ct);
            return response is not null
                ? Results.Created($"/api/invoicing/{ipa}/fatture/{id}/pagamenti/{response.PaymentId}", response)
                : Results.Problem(detail: failure!.Message, statusCode: failure.Status);
        })
        .WithName("RecordInvoicePayment")
        .WithSummary("Registra un pagamento (anche parziale) di una fattura ricevuta")
        .WithDescription("Data del pagamento (non futura, non anteriore alla fattura), importo in euro (non oltre il residuo da pagare), IBAN del beneficiario e riferimento del mandato. "
            + "Quando i pagamenti coprono il totale la fattura risulta pagata; il registro unico e l'export PCC lo riportano. Non ammesso su fatture rifiutate.")
        .Produces<RecordPaymentResponse>(StatusCodes.Status201Created).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);

        group.MapPost("/sospensioni", async (string ipa, Guid id, SuspensionInput input, HttpContext http, RecordSuspensionHandler handler, CancellationToken ct) =>
        {
            if (await ResolveAsync(http, ipa, ct) is null)
            {
                return Results.Problem(detail: "Fattura non trovata.", statusCode: 404);
            }

            var (suspension, failure) = await handler.HandleAsync(id, new RecordSuspensionRequest(input.Causale, input.Dal, input.Al, input.Note), Actor(http), ct);
            return suspension is not null
                ? Results.Created($"/api/invoicing/{ipa}/fatture/{id}/sospensioni/{suspension.Id}",
                    new SuspensionDto(suspension.Id, suspension.Reason, RecordSuspensionHandler.Reasons[suspension.Reason], suspension.From, suspension.To, suspension.Note))
                : Results.Problem(detail: failure!.Message, statusCode: failure.Status);
        })
        .WithName("RecordInvoiceSuspension")
        .WithSummary("Sospende il pagamento di una fattura ricevuta per un periodo")
        .WithDescription("Causale: " + string.Join(", ", RecordSuspensionHandler.Reasons.Select(r => $"{r.Key} ({r.Value})"))
            + ". I giorni di sospensione non contano nell'indicatore di tempestività dei pagamenti; 'al' vuoto lascia la sospensione aperta.")
        .Produces<SuspensionDto>(StatusCodes.Status201Created).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);
    }

    /// <summary>The body named in the path if the caller works for it (its API client, or an operator it granted a role); the body scope is narrowed to it.</summary>
    internal static async Task<Ente?> ResolveAsync(HttpContext http, string ipa, CancellationToken ct)
    {
        var kernel = http.RequestServices.GetRequiredService<KernelDb>();
        var ente = await kernel.Enti.AsNoTracking().FirstOrDefaultAsync(e => e.IpaCode == ipa, ct);
        if (ente is null)
        {
            return null;
        }

        var user = http.RequestServices.GetRequiredService<ICurrentUser>();
        bool allowed = http.User.FindFirst(ApiClientClaims.Body)?.Value is { } clientBody
            ? clientBody == ente.Id.ToString("D")
            : user.OperatorBodies.Contains(ente.Id);
        if (!allowed)
        {
            return null;
        }

        http.RequestServices.GetRequiredService<BodyScope>().RestrictTo([ente.Id]);
        return ente;
    }

    private static string Actor(HttpContext http)
        => http.RequestServices.GetRequiredService<ICurrentUser>().TaxCode
            ?? "api:" + (http.User.FindFirst("client_id")?.Value ?? http.User.FindFirst("sub")?.Value ?? "client");
}
