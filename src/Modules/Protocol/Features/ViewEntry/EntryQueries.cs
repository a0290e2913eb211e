using Microsoft.EntityFrameworkCore;
using PenToscana.Modules.Protocol.Data;

namespace PenToscana.Modules.Protocol.Features.ViewEntry;

/// <summary>Finds an entry of a body by year and number (in the given AOO's register, or in the body's first register).</summary>
internal static class EntryQueries
{
    public static IQueryable<ProtocolEntry> OfBody(this ProtocolDb db, Guid enteId, int year, long number, string? aooCode = null)
    {
        var query = db.Entries.Where(e => e.EnteId == enteId && e.Year == year && e.Number == number);
        if (!string.IsNullOrWhiteSpace(aooCode))
        {
            query = query.Where(e => e.AooCode == aooCode);
        }

        return query.OrderBy(e => e.RegisteredAt);
    }

    public static Task<ProtocolEntry?> FindWithDetailsAsync(this ProtocolDb db, Guid enteId, int year, long number, CancellationToken cancellationToken, string? aooCode = null)
        => db.OfBody(enteId, year, number, aooCode)
            .Include(e => e.Correspondents.OrderBy(c => c.Position))
            .Include(e => e.Documents.OrderBy(d => d.Position))
            .Include(e => e.History.OrderBy(h => h.At))
            .AsSplitQuery()
            .FirstOrDefaultAsync(cancellationToken);
}
