using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Values;
using PenToscana.Modules.Payments.Data;
using PenToscana.Modules.Payments.Features.Bodies;

namespace PenToscana.Modules.Payments.Features.CancelPosition;

/// <summary>Cancels a position (INVALID): the node then answers PAA_PAGAMENTO_ANNULLATO for its notices.</summary>
internal sealed class CancelPositionHandler(PaymentsDb db, TimeProvider time)
{
    /// <summary>Null when there is no such position in the body.</summary>
    public async Task<Result?> HandleAsync(Body body, string iupd, CancellationToken ct)
    {
        var position = await db.Positions.SingleOrDefaultAsync(p => p.EnteId == body.Id && p.Iupd == iupd, ct);
        if (position is null)
        {
            return null;
        }

        if (!position.TryCancel(time.GetUtcNow()))
        {
            return Result.Failure(new Error("payments.not_cancellable", "La posizione è già stata pagata (anche solo in parte) o annullata: non può essere annullata."));
        }

        await db.SaveChangesAsync(ct);
        return Result.Success();
    }
}
