using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using PenToscana.Modules.Payments.Data;
using PenToscana.Modules.Payments.Documents;
using PenToscana.Modules.Payments.Domain;
using PenToscana.Modules.Payments.Features.Bodies;
using PenToscana.Modules.Payments.Features.CancelPosition;
using PenToscana.Modules.Payments.Features.CreatePosition;

namespace PenToscana.Modules.Payments.Features.Api;

public sealed record NoticeDto(string NoticeNumber, string Iuv, long AmountCents, DateOnly DueDate, string Status, int Option, int Instalment);

public sealed record TransferDto(int Index, long AmountCents, string BeneficiaryTaxCode, string? Iban, string? PostalAccount, string RemittanceInformation, string Category);

public sealed record InstalmentDto(string NoticeNumber, string Iuv, long AmountCents, DateOnly DueDate, string Description, string Status, DateTimeOffset? PaidAt,
    IReadOnlyList<TransferDto> Transfers);

public sealed record OptionDto(int Ordinal, string Description, bool InstalmentPlan, IReadOnlyList<InstalmentDto> Instalments);

public sealed record PositionDto(string Iupd, string Status, string DebtorTaxCode, string DebtorName, string Description, string ServiceCode,
    IReadOnlyList<string> DelegatedPayers, DateTimeOffset CreatedAt, DateTimeOffset? PaidAt, IReadOnlyList<NoticeDto> Notices, IReadOnlyList<OptionDto> Options);

/// <summary>The bodies' machine API: <c>/api/payments/{ipa}/...</c>, client credentials with the <c>api.payments</c> scope.</summary>
internal static class PaymentsEndpoints
{
    public const string ScopePath = "/api/payments";

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(ScopePath + "/{ipa}").WithTags("Pagamenti").RequireAuthorization("operator");

        api.MapPost("/debt-positions", async Task<Results<Created<PositionDto>, ProblemHttpResult, NotFound>> (
                string ipa, CreatePositionRequest request, HttpContext http, CreatePositionHandler handler, CancellationToken ct) =>
            {
                if (await BodyAccess.ResolveAsync(http, ipa, ct) is not { } body)
                {
                    return TypedResults.NotFound();
                }

                var result = await handler.HandleAsync(body, request, ct);
                return result.IsSuccess
                    ? TypedResults.Created($"{ScopePath}/{ipa}/debt-positions/{Uri.EscapeDataString(result.Value.Iupd)}", ToDto(result.Value))
                    : TypedResults.Problem(detail: result.Error.Message, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Posizione non valida",
                        extensions: new Dictionary<string, object?> { ["code"] = result.Error.Code });
            })
            .WithName("CreateDebtPosition")
            .WithSummary("Crea e pubblica una posizione debitoria")
            .WithDescription("Forma semplice: debtor, description, amountCents, dueDate (un pagamento unico con un versamento sul conto dell'ente). "
                + "Forma completa: options → instalments → transfers (al massimo 5 versamenti per rata, la cui somma è l'importo della rata). "
                + "Con sourceKey la chiamata è idempotente. La risposta contiene iupd e gli avvisi (noticeNumber, iuv, amountCents, dueDate).");

        api.MapGet("/debt-positions/{iupd}", async Task<Results<Ok<PositionDto>, NotFound>> (
                string ipa, string iupd, HttpContext http, PaymentsDb db, CreatePositionHandler loader, CancellationToken ct) =>
            {
                if (await BodyAccess.ResolveAsync(http, ipa, ct) is not { } body)
                {
                    return TypedResults.NotFound();
                }

                var position = await loader.LoadAsync(db.Positions.Where(p => p.EnteId == body.Id && p.Iupd == iupd), ct);
                return position is null ? TypedResults.NotFound() : TypedResults.Ok(ToDto(position));
            })
            .WithName("GetDebtPosition")
            .WithSummary("Una posizione debitoria con le opzioni, le rate, i versamenti e lo stato di pagamento");

        api.MapDelete("/debt-positions/{iupd}", async Task<Results<NoContent, NotFound, ProblemHttpResult>> (
                string ipa, string iupd, HttpContext http, CancelPositionHandler cancel, CancellationToken ct) =>
            {
                if (await BodyAccess.ResolveAsync(http, ipa, ct) is not { } body)
                {
                    return TypedResults.NotFound();
                }

                var result = await cancel.HandleAsync(body, iupd, ct);
                if (result is null)
                {
                    return TypedResults.NotFound();
                }

                return result.IsSuccess
                    ? TypedResults.NoContent()
                    : TypedResults.Problem(detail: result.Error.Message, statusCode: StatusCodes.Status409Conflict, title: "Posizione non annullabile");
            })
            .WithName("CancelDebtPosition")
            .WithSummary("Annulla una posizione (stato INVALID); non è possibile se è già stata pagata anche solo in parte");

        api.MapGet("/notices/{noticeNumber}/pdf", async Task<Results<FileContentHttpResult, NotFound>> (
                string ipa, string noticeNumber, HttpContext http, NoticeDocuments documents, CancellationToken ct) =>
            {
                if (await BodyAccess.ResolveAsync(http, ipa, ct) is not { } body)
                {
                    return TypedResults.NotFound();
                }

                var pdf = await documents.NoticePdfAsync(body, noticeNumber, ct);
                return pdf is null ? TypedResults.NotFound() : TypedResults.File(pdf, "application/pdf", $"avviso-{noticeNumber}.pdf");
            })
            .WithName("GetNoticePdf")
            .WithSummary("L'avviso di pagamento PDF (con QR code pagoPA e, se l'ente ha un conto postale, il bollettino con Data Matrix)");
    }

    internal static PositionDto ToDto(DebtPosition p) => new(
        p.Iupd,
        DebtPosition.StatusCode(p.Status),
        p.DebtorTaxCode,
        p.DebtorName,
        p.Description,
        p.ServiceCode,
        p.DelegatedPayers.Select(d => d.TaxCode).ToList(),
        p.CreatedAt,
        p.PaidAt,
        p.Options.OrderBy(o => o.Ordinal).SelectMany(o => o.Instalments.OrderBy(i => i.Ordinal).Select(i =>
            new NoticeDto(i.NoticeNumber, i.Iuv, i.AmountCents, i.DueDate, InstalmentStatusCode(i.Status), o.Ordinal, i.Ordinal))).ToList(),
        p.Options.OrderBy(o => o.Ordinal).Select(o => new OptionDto(o.Ordinal, o.Description, o.IsInstalmentPlan,
            o.Instalments.OrderBy(i => i.Ordinal).Select(i => new InstalmentDto(i.NoticeNumber, i.Iuv, i.AmountCents, i.DueDate, i.Description,
                InstalmentStatusCode(i.Status), i.PaidAt,
                i.Transfers.OrderBy(t => t.Index).Select(t => new TransferDto(t.Index, t.AmountCents, t.BeneficiaryTaxCode, t.Iban, t.PostalAccount,
                    t.RemittanceInformation, t.Category)).ToList())).ToList())).ToList());

    private static string InstalmentStatusCode(InstalmentStatus s) => s switch
    {
        InstalmentStatus.Unpaid => "UNPAID",
        InstalmentStatus.Paid => "PAID",
        InstalmentStatus.Reported => "REPORTED",
        _ => "UNPAYABLE",
    };
}
