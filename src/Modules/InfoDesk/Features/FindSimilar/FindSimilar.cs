using Microsoft.EntityFrameworkCore;
using PenToscana.Modules.InfoDesk.Data;
using PenToscana.Modules.InfoDesk.Domain;

namespace PenToscana.Modules.InfoDesk.Features.FindSimilar;

internal sealed record SimilarReport(Guid Id, string CategoryName, string Description, string State, int DistanceMeters, int Supporters, DateTimeOffset CreatedAt);

/// <summary>
/// Open public reports of the same category near a point, nearest first: offered before filing so that the citizen can
/// support an existing report instead of duplicating it. A bounding box on the indexed coordinates narrows the rows in SQL
/// (portable on both providers); the exact great-circle distance filters them here.
/// </summary>
internal sealed class FindSimilarHandler(InfoDeskDb db)
{
    private const double EarthRadius = 6_371_000;

    public async Task<IReadOnlyList<SimilarReport>> HandleAsync(Guid filedWith, string categoryCode, double latitude, double longitude, int radiusMeters, CancellationToken ct)
    {
        double dLat = radiusMeters / EarthRadius * 180 / Math.PI;
        double dLon = dLat / Math.Max(0.01, Math.Cos(latitude * Math.PI / 180));
        double minLat = latitude - dLat, maxLat = latitude + dLat, minLon = longitude - dLon, maxLon = longitude + dLon;
        var candidates = await db.Reports.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.CategoryCode == categoryCode && r.FiledWithEnteId == filedWith
                && r.Latitude >= minLat && r.Latitude <= maxLat && r.Longitude >= minLon && r.Longitude <= maxLon
                && r.State != ReportState.Closed && r.State != ReportState.Rejected && r.IsPublic && r.Moderation != Moderation.Hidden)
            .OrderByDescending(r => r.CreatedAt)
            .Take(50)
            .Select(r => new { r.Id, r.CategoryName, r.Description, r.State, r.Latitude, r.Longitude, r.Supporters, r.CreatedAt, r.Moderation })
            .ToListAsync(ct);
        return candidates
            .Select(r => (r, d: Distance(latitude, longitude, r.Latitude!.Value, r.Longitude!.Value)))
            .Where(x => x.d <= radiusMeters)
            .OrderBy(x => x.d)
            .Take(5)
            .Select(x => new SimilarReport(x.r.Id, x.r.CategoryName,
                x.r.Moderation == Moderation.Approved ? Shorten(x.r.Description) : "(testo in attesa di moderazione)",
                Labels.Of(x.r.State), (int)Math.Round(x.d), x.r.Supporters, x.r.CreatedAt))
            .ToList();
    }

    private static string Shorten(string s) => s.Length <= 200 ? s : s[..200] + "…";

    public static double Distance(double lat1, double lon1, double lat2, double lon2)
    {
        double p1 = lat1 * Math.PI / 180, p2 = lat2 * Math.PI / 180;
        double dp = p2 - p1, dl = (lon2 - lon1) * Math.PI / 180;
        double a = (Math.Sin(dp / 2) * Math.Sin(dp / 2)) + (Math.Cos(p1) * Math.Cos(p2) * Math.Sin(dl / 2) * Math.Sin(dl / 2));
        return 2 * EarthRadius * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
