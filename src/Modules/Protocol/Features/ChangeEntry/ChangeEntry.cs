using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Values;
using PenToscana.Modules.Protocol.Data;
using PenToscana.Modules.Protocol.Features.ViewEntry;

namespace PenToscana.Modules.Protocol.Features.ChangeEntry;

/// <summary>What may change after registration: classification, dossier and the offices the entry is assigned to. Null leaves it as it is.</summary>
internal sealed record ChangeEntryRequest(Guid EnteId, int Year, long Number, string By)
{
    public string? AooCode { get; init; }

    public string? Classification { get; init; }

    public string? DossierReference { get; init; }

    public IReadOnlyList<string>? OfficeCodes { get; init; }
}

/// <summary>
/// Reclassifies, moves to a dossier or reassigns an entry (the only changes DPR 445/2000 and the AgID guidelines allow);
/// each change is a history row with the old and new value, who and when. An annulled entry no longer changes.
/// </summary>
internal sealed class ChangeEntryHandler(ProtocolDb db, KernelDb kernel, TimeProvider time)
{
    public async Task<Result<ProtocolEntry>> HandleAsync(ChangeEntryRequest request, CancellationToken cancellationToken)
    {
        var entry = await db.OfBody(request.EnteId, request.Year, request.Number, request.AooCode).FirstOrDefaultAsync(cancellationToken);
        if (entry is null)
        {
            return new Error("non-trovata", $"Nessuna registrazione n. {request.Number}/{request.Year}.");
        }

        if (entry.IsAnnulled)
        {
            return new Error("annullata", "Una registrazione annullata non si riclassifica né si riassegna.");
        }

        var now = time.GetUtcNow();
        if (request.Classification is { } code)
        {
            code = code.Trim();
            if (code.Length > 0 && !await db.Classification.AnyAsync(c => c.EnteId == request.EnteId && c.Code == code && c.Active, cancellationToken))
            {
                return new Error("classifica-sconosciuta", $"La voce di titolario «{code}» non esiste o non è più in uso.");
            }

            var value = code.Length == 0 ? null : code;
            if (value != entry.Classification)
            {
                Record(entry, now, request.By, HistoryKinds.Classification, $"Classifica: {entry.Classification ?? "nessuna"} → {value ?? "nessuna"}");
                entry.Classification = value;
            }
        }

        if (request.DossierReference is { } dossier)
        {
            dossier = dossier.Trim();
            if (dossier.Length > 100)
            {
                return new Error("fascicolo-troppo-lungo", "Il riferimento al fascicolo supera i 100 caratteri.");
            }

            var value = dossier.Length == 0 ? null : dossier;
            if (value != entry.DossierReference)
            {
                Record(entry, now, request.By, HistoryKinds.Dossier, $"Fascicolo: {entry.DossierReference ?? "nessuno"} → {value ?? "nessuno"}");
                entry.DossierReference = value;
            }
        }

        if (request.OfficeCodes is { } offices)
        {
            var wanted = offices.Select(o => o.Trim()).Where(o => o.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();
            var known = await kernel.Offices.IgnoreQueryFilters().Where(o => o.EnteId == request.EnteId && wanted.Contains(o.Code)).Select(o => o.Code).ToListAsync(cancellationToken);
            if (wanted.Except(known).FirstOrDefault() is { } unknown)
            {
                return new Error("ufficio-sconosciuto", $"L'ufficio «{unknown}» non esiste presso l'ente.");
            }

            var value = wanted.Count == 0 ? null : string.Join(',', wanted);
            if (value != entry.OfficeCodes)
            {
                Record(entry, now, request.By, HistoryKinds.Assignment, $"Assegnazione: {entry.OfficeCodes ?? "nessun ufficio"} → {value ?? "nessun ufficio"}");
                entry.OfficeCodes = value;
            }
        }

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

    private void Record(ProtocolEntry entry, DateTimeOffset now, string by, string kind, string detail)
        => db.History.Add(new EntryHistory { Id = Guid.CreateVersion7(now), EntryId = entry.Id, At = now, By = by, Kind = kind, Detail = detail });
}
