using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using PenToscana.Kernel.Values;
using PenToscana.Modules.InfoDesk.Data;
using PenToscana.Modules.InfoDesk.Domain;

namespace PenToscana.Modules.InfoDesk.Features.Routing;

/// <summary>The body and office a report goes to, and the area that decided it (if any).</summary>
internal sealed record RouteDecision(Guid EnteId, Guid? OfficeId, Guid? AreaId, string? AreaName);

/// <summary>
/// Parsed area polygons, keyed by id and version so that an edited area is parsed again. Parsing GeoJSON on every report
/// would dominate the cost of routing; the polygons change rarely.
/// </summary>
internal sealed class AreaGeometryCache
{
    private readonly ConcurrentDictionary<(Guid, long), Geometry> cache = new();
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    private static readonly System.Text.Json.JsonSerializerOptions Json = new()
    {
        Converters = { new NetTopologySuite.IO.Converters.GeoJsonConverterFactory(Factory) },
    };

    public Geometry For(RoutingArea area) => cache.GetOrAdd((area.Id, area.Version), _ => Parse(area.GeoJson));

    public static Geometry Parse(string geoJson)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(geoJson);
        var root = doc.RootElement;
        var type = root.GetProperty("type").GetString();
        string geometryJson = type switch
        {
            "Feature" => root.GetProperty("geometry").GetRawText(),
            "FeatureCollection" => root.GetProperty("features")[0].GetProperty("geometry").GetRawText(),
            _ => geoJson,
        };
        var geometry = System.Text.Json.JsonSerializer.Deserialize<Geometry>(geometryJson, Json);
        if (geometry is not (Polygon or MultiPolygon) || !geometry.IsValid)
        {
            throw new FormatException("L'area deve essere un poligono GeoJSON valido (Polygon o MultiPolygon).");
        }

        return geometry;
    }

    public static Point PointOf(double latitude, double longitude) => Factory.CreatePoint(new Coordinate(longitude, latitude));
}

/// <summary>
/// Routes a report: the filing body's rules, in priority order, match on category, type and area (a point inside the area's
/// polygon); the first match names the responsible body and office. Without a match the filing body keeps the report and
/// the category's default office takes it. A point outside the filing body's territory (when it has one drawn) is refused.
/// </summary>
internal sealed class ReportRouter(InfoDeskDb db, AreaGeometryCache geometries)
{
    public async Task<Result<RouteDecision>> RouteAsync(
        Guid filedWith, ReportCategory category, ReportType type, double? latitude, double? longitude, CancellationToken ct)
    {
        var rules = await db.Rules.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.EnteId == filedWith).OrderBy(r => r.Priority).ToListAsync(ct);
        var areaIds = rules.Where(r => r.AreaId is not null).Select(r => r.AreaId!.Value).ToList();
        var areas = await db.Areas.IgnoreQueryFilters().AsNoTracking()
            .Where(a => areaIds.Contains(a.Id) || (a.EnteId == filedWith && a.IsTerritory)).ToListAsync(ct);
        Point? point = latitude is { } lat && longitude is { } lon ? AreaGeometryCache.PointOf(lat, lon) : null;

        if (point is not null)
        {
            var territory = areas.Where(a => a.EnteId == filedWith && a.IsTerritory).ToList();
            if (territory.Count > 0 && !territory.Any(a => geometries.For(a).Covers(point)))
            {
                return new Error("fuori_area", "Il punto indicato è fuori dal territorio dell'ente: spostare il segnaposto o scegliere l'ente competente.");
            }
        }

        foreach (var rule in rules)
        {
            if (rule.CategoryCode is not null && !string.Equals(rule.CategoryCode, category.Code, StringComparison.Ordinal))
            {
                continue;
            }

            if (rule.Type is not null && rule.Type != type)
            {
                continue;
            }

            RoutingArea? area = null;
            if (rule.AreaId is { } areaId)
            {
                area = areas.FirstOrDefault(a => a.Id == areaId);
                if (area is null || point is null || !geometries.For(area).Covers(point))
                {
                    continue;
                }
            }

            return new RouteDecision(rule.TargetEnteId, rule.TargetOfficeId ?? area?.OfficeId, area?.Id, area?.Name);
        }

        return new RouteDecision(filedWith, category.DefaultOfficeId, null, null);
    }
}
