using Microsoft.EntityFrameworkCore;
using PenToscana.Contracts.Payments;
using PenToscana.Modules.Payments.Data;
using PenToscana.Modules.Payments.Domain;
using PenToscana.Modules.Payments.Features.Bodies;
using PenToscana.Modules.Payments.Features.CreatePosition;

namespace PenToscana.Modules.Payments.Integration;

/// <summary>What other modules ask of Payments: create a single-payment position for a fee, and read it back.</summary>
internal sealed class PaymentsApi(CreatePositionHandler create, PaymentsDb db, BodyDirectory bodies) : IPaymentsApi
{
    public async Task<DebtPositionOutcome> CreatePositionAsync(DebtPositionRequest request, CancellationToken cancellationToken = default)
    {
        var body = await bodies.ByIpaAsync(request.EnteIpa, cancellationToken);
        if (body is null)
        {
            return new DebtPositionOutcome(null, "payments.unknown_body", $"Ente «{request.EnteIpa}» sconosciuto.");
        }

        var result = await create.HandleAsync(body, new CreatePositionRequest(
            new DebtorInput(request.DebtorTaxCode, request.DebtorName), request.Description, request.AmountCents, request.DueDate,
            ServiceCode: request.ServiceCode, SourceKey: request.SourceKey), cancellationToken);
        return result.IsSuccess
            ? new DebtPositionOutcome(ToInfo(body, result.Value), null, null)
            : new DebtPositionOutcome(null, result.Error.Code, result.Error.Message);
    }

    public async Task<DebtPositionInfo?> FindPositionAsync(string enteIpa, string iupd, CancellationToken cancellationToken = default)
    {
        var body = await bodies.ByIpaAsync(enteIpa, cancellationToken);
        if (body is null)
        {
            return null;
        }

        var position = await create.LoadAsync(db.Positions.Where(p => p.EnteId == body.Id && p.Iupd == iupd), cancellationToken);
        return position is null ? null : ToInfo(body, position);
    }

    internal static DebtPositionInfo ToInfo(Body body, DebtPosition position)
        => new(body.Ipa, position.Iupd, DebtPosition.StatusCode(position.Status),
            position.Options.OrderBy(o => o.Ordinal).SelectMany(o => o.Instalments.OrderBy(i => i.Ordinal))
                .Select(i => new NoticeInfo(i.NoticeNumber, i.Iuv, i.AmountCents, i.DueDate, i.Status is InstalmentStatus.Paid or InstalmentStatus.Reported)).ToList());
}
