using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Users;
using PenToscana.Modules.Payments.Data;
using PenToscana.Modules.Payments.Documents;
using PenToscana.Modules.Payments.Features.Bodies;

namespace PenToscana.Modules.Payments.Features.PayCart;

/// <summary>The notice and receipt PDFs of the personal area, for the people who may see the position.</summary>
internal static class CitizenDocuments
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var area = app.MapGroup("/area-personale/pagamenti").RequireAuthorization().ExcludeFromDescription();
        area.MapGet("/avviso/{ipa}/{noticeNumber}", async Task<Results<FileContentHttpResult, NotFound>> (
            string ipa, string noticeNumber, BodyDirectory bodies, PaymentsDb db, CitizenPositions citizen, NoticeDocuments documents, CancellationToken ct) =>
        {
            var body = await bodies.ByIpaAsync(ipa, ct);
            if (body is null)
            {
                return TypedResults.NotFound();
            }

            var positionId = await db.Instalments.AsNoTracking().Where(i => i.EnteId == body.Id && i.NoticeNumber == noticeNumber).Select(i => (Guid?)i.PositionId).SingleOrDefaultAsync(ct);
            var position = positionId is null ? null : await db.Positions.AsNoTracking().Include(p => p.DelegatedPayers).SingleAsync(p => p.Id == positionId, ct);
            if (position is null || !await citizen.MaySeeAsync(position, ct))
            {
                return TypedResults.NotFound();
            }

            var pdf = await documents.PositionNoticePdfAsync(body, position.Id, ct);
            return pdf is null ? TypedResults.NotFound() : TypedResults.File(pdf, "application/pdf", $"avviso-{noticeNumber}.pdf");
        });
        area.MapGet("/ricevute/{id:guid}", async Task<Results<FileContentHttpResult, NotFound>> (
            Guid id, BodyDirectory bodies, PaymentsDb db, CitizenPositions citizen, ICurrentUser user, CancellationToken ct) =>
        {
            var receipt = await db.Receipts.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
            var position = receipt?.PositionId is { } pid ? await db.Positions.AsNoTracking().Include(p => p.DelegatedPayers).SingleOrDefaultAsync(p => p.Id == pid, ct) : null;
            bool mine = receipt is not null && (receipt.PayerTaxCode == user.TaxCode || (position is not null && await citizen.MaySeeAsync(position, ct)));
            var body = receipt is null ? null : await bodies.ByIdAsync(receipt.EnteId, ct);
            if (!mine || body is null)
            {
                return TypedResults.NotFound();
            }

            return TypedResults.File(NoticeDocuments.ReceiptPdf(body, receipt!, position), "application/pdf", $"ricevuta-{receipt!.NoticeNumber}.pdf");
        });
    }
}
