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
using PenToscana.Modules.Payments.Features.ImportPositions;

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

        MapImports(api);
    }

    public sealed record ImportJobDto(Guid Id, string FileName, string Status, long RowsRead, long RowsImported, long RowsRejected, int Percent);

    private static ImportJobDto ToDto(ImportJob j) => new(j.Id, j.FileName, j.Status.ToString().ToUpperInvariant(), j.RowsRead, j.RowsImported, j.RowsRejected,
        j.Status is ImportStatus.Completed or ImportStatus.Failed ? 100 : j.TotalBytes is > 0 ? (int)Math.Min(99, j.BytesRead * 100 / j.TotalBytes.Value) : 0);

    private static void MapImports(RouteGroupBuilder api)
    {
        api.MapPost("/import-jobs", async Task<Results<Accepted<ImportJobDto>, ProblemHttpResult, NotFound>> (
                string ipa, string? fileName, HttpContext http, StartImportHandler start, CancellationToken ct) =>
            {
                if (await BodyAccess.ResolveAsync(http, ipa, ct) is not { } body)
                {
                    return TypedResults.NotFound();
                }

                string name = fileName ?? (http.Request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true ? "import.json" : "import.csv");
                var result = await start.HandleAsync(body, name, http.Request.Body, "api", ct);
                return result.IsSuccess
                    ? TypedResults.Accepted($"{ScopePath}/{ipa}/import-jobs/{result.Value.Id}", ToDto(result.Value))
                    : TypedResults.Problem(detail: result.Error.Message, statusCode: StatusCodes.Status422UnprocessableEntity, title: "File non accettato");
            })
            .WithName("StartImportJob")
            .WithSummary("Avvia un'importazione massiva di posizioni")
            .WithDescription("Il corpo della richiesta è il file: CSV (text/csv, intestazione iupd,debtor_tax_code,debtor_name,description,amount_cents,due_date,service_code) "
                + "o JSON (application/json, un array di posizioni nel formato di POST debt-positions). Il file è letto in streaming; le righe errate sono "
                + "riportate in /errors e non bloccano le altre.")
            .DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(StartImportHandler.MaxBytes));

        api.MapGet("/import-jobs/{jobId:guid}", async Task<Results<Ok<ImportJobDto>, NotFound>> (string ipa, Guid jobId, HttpContext http, PaymentsDb db, CancellationToken ct) =>
            {
                if (await BodyAccess.ResolveAsync(http, ipa, ct) is not { } body)
                {
                    return TypedResults.NotFound();
                }

                var job = await db.ImportJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == jobId && j.EnteId == body.Id, ct);
                return job is null ? TypedResults.NotFound() : TypedResults.Ok(ToDto(job));
            })
            .WithName("GetImportJob")
            .WithSummary("Stato e avanzamento di un'importazione");

        api.MapGet("/import-jobs/{jobId:guid}/errors", async Task<Results<Ok<List<ImportRowErrorDto>>, NotFound>> (string ipa, Guid jobId, HttpContext http, PaymentsDb db, CancellationToken ct) =>
            {
                if (await BodyAccess.ResolveAsync(http, ipa, ct) is not { } body || !await db.ImportJobs.AnyAsync(j => j.Id == jobId && j.EnteId == body.Id, ct))
                {
                    return TypedResults.NotFound();
                }

                return TypedResults.Ok(await db.ImportErrors.AsNoTracking().Where(e => e.JobId == jobId).OrderBy(e => e.Row).Take(10_000)
                    .Select(e => new ImportRowErrorDto(e.Row, e.Message)).ToListAsync(ct));
            })
            .WithName("GetImportJobErrors")
            .WithSummary("Le righe scartate di un'importazione, con il motivo");
    }

    public sealed record ImportRowErrorDto(long Row, string Message);

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
