using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;
using PenToscana.Kernel.Audit;
using PenToscana.Kernel.Tenancy;
using PenToscana.Kernel.Users;
using PenToscana.Kernel.Values;
using PenToscana.Modules.InfoDesk.Data;
using PenToscana.Modules.InfoDesk.Features.Routing;

namespace PenToscana.Modules.InfoDesk.Features.ManageAreas;

internal sealed record SaveAreaRequest(Guid EnteId, Guid? AreaId, string? Name, bool IsTerritory, Guid? OfficeId, string? GeoJson, long? Version);

/// <summary>
/// Reads an area's GeoJSON as an administrator pastes or uploads it: a Polygon or MultiPolygon (bare, in a Feature or in a
/// FeatureCollection of one Feature), in WGS 84 longitude/latitude, topologically valid. Every refusal says why in Italian.
/// </summary>
internal static class AreaGeoJson
{
    public const int MaxLength = 2 * 1024 * 1024;

    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new NetTopologySuite.IO.Converters.GeoJsonConverterFactory(Factory) },
    };

    /// <summary>The geometry and its GeoJSON as stored (the geometry alone, without properties).</summary>
    public static Result<(Geometry Geometry, string GeoJson)> Read(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new Error("geojson_mancante", "Incollare o caricare il GeoJSON dell'area.");
        }

        if (text.Length > MaxLength)
        {
            return new Error("geojson_troppo_grande", "Il GeoJSON supera i 2 MB: semplificare il poligono.");
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            return new Error("geojson_illeggibile", $"Il testo non è un GeoJSON leggibile: JSON non valido alla riga {(ex.LineNumber ?? 0) + 1}.");
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
            {
                return new Error("geojson_tipo", "Il GeoJSON deve essere un oggetto con la proprietà «type» (Polygon, MultiPolygon, Feature o FeatureCollection).");
            }

            var geometryElement = root;
            switch (typeElement.GetString())
            {
                case "FeatureCollection":
                    if (!root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array || features.GetArrayLength() != 1)
                    {
                        return new Error("geojson_feature", "Una FeatureCollection deve contenere una sola area (un solo elemento in «features»).");
                    }

                    if (!features[0].TryGetProperty("geometry", out geometryElement))
                    {
                        return new Error("geojson_geometria", "L'elemento della FeatureCollection non ha una «geometry».");
                    }

                    break;
                case "Feature":
                    if (!root.TryGetProperty("geometry", out geometryElement))
                    {
                        return new Error("geojson_geometria", "La Feature non ha una «geometry».");
                    }

                    break;
            }

            var geometryType = geometryElement.ValueKind == JsonValueKind.Object && geometryElement.TryGetProperty("type", out var gt) ? gt.GetString() : null;
            if (geometryType is not ("Polygon" or "MultiPolygon"))
            {
                return new Error("geojson_non_poligono", $"L'area deve essere un poligono (Polygon o MultiPolygon), non «{geometryType ?? "senza tipo"}».");
            }

            Geometry? geometry;
            try
            {
                geometry = JsonSerializer.Deserialize<Geometry>(geometryElement.GetRawText(), Json);
            }
            catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException or FormatException or IndexOutOfRangeException or NullReferenceException)
            {
                return new Error("geojson_coordinate", "Le coordinate del poligono non sono leggibili: ogni anello deve essere una lista di coppie [longitudine, latitudine] chiusa (primo punto uguale all'ultimo, almeno 4 punti).");
            }

            if (geometry is not (Polygon or MultiPolygon) || geometry.IsEmpty)
            {
                return new Error("geojson_vuoto", "Il poligono è vuoto.");
            }

            foreach (var c in geometry.Coordinates)
            {
                if (double.IsNaN(c.X) || double.IsNaN(c.Y) || c.X is < -180 or > 180 || c.Y is < -90 or > 90)
                {
                    return new Error("geojson_wgs84", string.Create(CultureInfo.InvariantCulture,
                        $"Il punto [{c.X}, {c.Y}] è fuori dall'intervallo delle coordinate WGS 84 (longitudine tra -180 e 180, latitudine tra -90 e 90): il file usa forse un altro sistema di riferimento (ad esempio UTM o Gauss-Boaga)? Convertirlo in EPSG:4326."));
                }
            }

            var validity = new IsValidOp(geometry).ValidationError;
            if (validity is not null)
            {
                return new Error("geojson_non_valido", string.Create(CultureInfo.InvariantCulture,
                    $"La geometria non è valida: {Explain(validity.ErrorType)} vicino al punto [{validity.Coordinate?.X:0.######}, {validity.Coordinate?.Y:0.######}]."));
            }

            return (geometry, JsonSerializer.Serialize(geometry, Json));
        }
    }

    /// <summary>The stored area as a GeoJSON Feature with its name, for download.</summary>
    public static string Feature(RoutingArea area)
    {
        using var ms = new MemoryStream();
        using (var writer = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "Feature");
            writer.WriteStartObject("properties");
            writer.WriteString("id", area.Id.ToString());
            writer.WriteString("nome", area.Name);
            writer.WriteBoolean("territorio", area.IsTerritory);
            writer.WriteEndObject();
            writer.WritePropertyName("geometry");
            using var geometry = JsonDocument.Parse(area.GeoJson);
            geometry.RootElement.WriteTo(writer);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(ms.ToArray());
    }

    private static string Explain(TopologyValidationErrors error) => error switch
    {
        TopologyValidationErrors.SelfIntersection or TopologyValidationErrors.RingSelfIntersection => "il contorno si interseca con sé stesso",
        TopologyValidationErrors.TooFewPoints => "un anello ha meno di 4 punti",
        TopologyValidationErrors.RingNotClosed => "un anello non è chiuso (il primo punto deve essere uguale all'ultimo)",
        TopologyValidationErrors.HoleOutsideShell => "un foro è fuori dal contorno esterno",
        TopologyValidationErrors.NestedHoles => "un foro è dentro un altro foro",
        TopologyValidationErrors.DisconnectedInteriors => "l'interno del poligono è diviso in parti",
        TopologyValidationErrors.NestedShells => "un poligono del MultiPolygon è dentro un altro",
        TopologyValidationErrors.DuplicateRings => "ci sono anelli ripetuti",
        TopologyValidationErrors.InvalidCoordinate => "c'è una coordinata non valida",
        _ => "la geometria non è topologicamente corretta",
    };
}

/// <summary>
/// Areas a body's administrator draws for routing: list, create, edit, delete. A change is written to the audit log and
/// applies to the next report routed (the router's geometry cache is keyed by the area's version).
/// </summary>
internal sealed class ManageAreasHandler(InfoDeskDb db, ICurrentUser user, AuditLog audit)
{
    public bool CanAdminister(Ente ente) => user.IsPlatformAdmin || user.HasRole(ente.Id, PlatformRoles.BodyAdmin);

    public Task<List<RoutingArea>> ListAsync(Guid enteId, CancellationToken ct)
        => db.Areas.IgnoreQueryFilters().AsNoTracking().Where(a => a.EnteId == enteId).OrderByDescending(a => a.IsTerritory).ThenBy(a => a.Name).ToListAsync(ct);

    public Task<RoutingArea?> FindAsync(Guid enteId, Guid id, CancellationToken ct)
        => db.Areas.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && a.EnteId == enteId, ct);

    public async Task<Result<RoutingArea>> SaveAsync(SaveAreaRequest request, TimeProvider time, CancellationToken ct)
    {
        var name = request.Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            return new Error("nome_mancante", "Indicare il nome dell'area.");
        }

        if (name.Length > 200)
        {
            return new Error("nome_troppo_lungo", "Il nome dell'area supera i 200 caratteri.");
        }

        var read = AreaGeoJson.Read(request.GeoJson);
        if (read.IsFailure)
        {
            return read.Error;
        }

        RoutingArea area;
        bool created = request.AreaId is null;
        if (created)
        {
            area = new RoutingArea { Id = Guid.CreateVersion7(time.GetUtcNow()), EnteId = request.EnteId, Name = name, GeoJson = read.Value.GeoJson };
            db.Areas.Add(area);
        }
        else
        {
            var found = await db.Areas.IgnoreQueryFilters().FirstOrDefaultAsync(a => a.Id == request.AreaId && a.EnteId == request.EnteId, ct);
            if (found is null)
            {
                return new Error("area_sconosciuta", "Area non trovata.");
            }

            if (request.Version is { } v && v != found.Version)
            {
                return new Error("area_modificata", "Nel frattempo l'area è stata modificata da un altro amministratore: ricaricare la pagina.");
            }

            area = found;
            area.Name = name;
            area.GeoJson = read.Value.GeoJson;
        }

        area.IsTerritory = request.IsTerritory;
        area.OfficeId = request.OfficeId;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Error("area_modificata", "Nel frattempo l'area è stata modificata da un altro amministratore: ricaricare la pagina.");
        }

        var envelope = read.Value.Geometry.EnvelopeInternal;
        await audit.AppendAsync(new AuditRecord(user.TaxCode ?? "?", created ? "infodesk.area.created" : "infodesk.area.updated", request.EnteId, area.Id.ToString(),
            string.Create(CultureInfo.InvariantCulture, $"{area.Name}; {(area.IsTerritory ? "territorio" : "area")}; {read.Value.Geometry.GeometryType} di {read.Value.Geometry.NumPoints} punti in [{envelope.MinX:0.####},{envelope.MinY:0.####} - {envelope.MaxX:0.####},{envelope.MaxY:0.####}]")), ct);
        return area;
    }

    public async Task<Result> DeleteAsync(Guid enteId, Guid id, CancellationToken ct)
    {
        var area = await db.Areas.IgnoreQueryFilters().FirstOrDefaultAsync(a => a.Id == id && a.EnteId == enteId, ct);
        if (area is null)
        {
            return Result.Failure(new Error("area_sconosciuta", "Area non trovata."));
        }

        int rules = await db.Rules.IgnoreQueryFilters().CountAsync(r => r.AreaId == id, ct);
        if (rules > 0)
        {
            return Result.Failure(new Error("area_in_uso", $"L'area «{area.Name}» è usata da {rules} {(rules == 1 ? "regola" : "regole")} di instradamento: toglierla dalle regole prima di eliminarla."));
        }

        db.Areas.Remove(area);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(new AuditRecord(user.TaxCode ?? "?", "infodesk.area.deleted", enteId, area.Id.ToString(), area.Name), ct);
        return Result.Success();
    }
}
