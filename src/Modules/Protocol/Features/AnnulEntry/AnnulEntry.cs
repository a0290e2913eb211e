using Microsoft.EntityFrameworkCore;
using PenToscana.Contracts.Protocol;
using PenToscana.Kernel.Values;
using PenToscana.Modules.Protocol.Data;
using PenToscana.Modules.Protocol.Features.ViewEntry;

namespace PenToscana.Modules.Protocol.Features.AnnulEntry;

internal sealed record AnnulEntryRequest(Guid EnteId, int Year, long Number, string Reason, string AuthorisingAct, string By)
{
    public string? AooCode { get; init; }
}

/// <summary>
/// Annuls a registration (DPR 445/2000 art. 54; AgID guidelines §3.1.5): the entry stays in the register with its values,
/// marked annulled with the reason, the authorising act, who and when. An entry is annulled once.
/// </summary>
internal sealed class AnnulEntryHandler(ProtocolDb db, TimeProvider time)
{
    public async Task<Result<ProtocolEntry>> HandleAsync(AnnulEntryRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > 1000)
        {
            return new Error("motivo-mancante", "Indicare il motivo dell'annullamento (al massimo 1000 caratteri).");
        }

        if (string.IsNullOrWhiteSpace(request.AuthorisingAct) || request.AuthorisingAct.Length > 400)
        {
            return new Error("provvedimento-mancante", "Indicare il provvedimento che autorizza l'annullamento (al massimo 400 caratteri).");
        }

        var entry = await db.OfBody(request.EnteId, request.Year, request.Number, request.AooCode).FirstOrDefaultAsync(cancellationToken);
        if (entry is null)
        {
            return new Error("non-trovata", $"Nessuna registrazione n. {request.Number}/{request.Year}.");
        }

        if (entry.IsAnnulled)
        {
            return new Error("gia-annullata", $"La registrazione n. {entry.NumberText}/{entry.Year} è già stata annullata il {entry.AnnulledAt!.Value.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)}.");
        }

        var now = time.GetUtcNow();
        entry.AnnulledAt = now;
        entry.AnnulledBy = request.By;
        entry.AnnulmentReason = request.Reason.Trim();
        entry.AnnulmentAct = request.AuthorisingAct.Trim();
        db.History.Add(new EntryHistory
        {
            Id = Guid.CreateVersion7(now),
            EntryId = entry.Id,
            At = now,
            By = request.By,
            Kind = HistoryKinds.Annulment,
            Detail = $"Annullata. Motivo: {entry.AnnulmentReason}. Provvedimento: {entry.AnnulmentAct}",
        });
        db.Publish(new ProtocolEntryAnnulled(entry.Id, entry.EnteIpa, entry.AooCode, entry.Year, entry.Number, entry.AnnulmentReason, now), now, entry.EnteId);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Error("modificata", "La registrazione è stata modificata nel frattempo: ricaricare la pagina e riprovare.");
        }

        return entry;
    }
}
