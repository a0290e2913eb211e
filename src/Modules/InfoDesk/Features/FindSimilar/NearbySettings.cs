using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using PenToscana.Modules.InfoDesk.Data;

namespace PenToscana.Modules.InfoDesk.Features.FindSimilar;

/// <summary>
/// The body and its search radius for the public nearby lookup, which the report form calls at every move of the pin: kept
/// per process for a minute, so that a lookup costs one query instead of three. A change of the radius reaches the lookup
/// within that minute; a code that names no body is never kept.
/// </summary>
internal sealed class NearbySettings(TimeProvider time)
{
    public const int DefaultRadiusMeters = 150;

    private static readonly TimeSpan Freshness = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async ValueTask<(Guid EnteId, int RadiusMeters)?> ForAsync(string ipa, Bodies bodies, InfoDeskDb db, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(ipa, out var kept) && now - kept.ReadAt < Freshness)
        {
            return (kept.EnteId, kept.RadiusMeters);
        }

        var ente = await bodies.ByIpaAsync(ipa, ct);
        if (ente is null)
        {
            return null;
        }

        int radius = await db.Settings.IgnoreQueryFilters().Where(s => s.EnteId == ente.Id).Select(s => (int?)s.NearbyRadiusMeters).FirstOrDefaultAsync(ct)
            ?? DefaultRadiusMeters;
        _entries[ipa] = new Entry(ente.Id, radius, now);
        return (ente.Id, radius);
    }

    private sealed record Entry(Guid EnteId, int RadiusMeters, DateTimeOffset ReadAt);
}
