using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Blobs;
using PenToscana.Kernel.Users;
using PenToscana.Modules.InfoDesk.Data;
using PenToscana.Modules.InfoDesk.Domain;
using PenToscana.Modules.InfoDesk.Features.FindSimilar;

namespace PenToscana.Modules.InfoDesk.Features;

/// <summary>Data the public pages fetch: nearby similar reports, the body's areas, the map's points, photos.</summary>
internal static class PublicEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/enti/{ipa}/segnalazioni").AllowAnonymous().WithTags("Segnalazioni (pubblico)");

        group.MapGet("/vicine", async (string ipa, string? categoria, double? lat, double? lon, Bodies bodies, InfoDeskDb db, NearbySettings settings, FindSimilarHandler similar, CancellationToken ct) =>
        {
            if (await settings.ForAsync(ipa, bodies, db, ct) is not { } body)
            {
                return Results.Problem(statusCode: 404, title: "Ente sconosciuto", detail: "Ente sconosciuto.");
            }

            if (string.IsNullOrWhiteSpace(categoria) || lat is not (>= -90 and <= 90) || lon is not (>= -180 and <= 180))
            {
                return Results.Problem(statusCode: 400, title: "Parametri mancanti", detail: "Indicare categoria, latitudine e longitudine valide.");
            }

            var items = await similar.HandleAsync(body.EnteId, categoria, lat.Value, lon.Value, body.RadiusMeters, ct);
            return Results.Ok(items.Select(i => new
            {
                i.Id,
                i.CategoryName,
                i.Description,
                i.State,
                i.DistanceMeters,
                i.Supporters,
                Url = $"/enti/{ipa}/segnalazioni/{i.Id}",
            }));
        })
        .WithSummary("Segnalazioni simili vicine")
        .WithDescription("Segnalazioni pubbliche aperte della stessa categoria entro il raggio configurato dall'ente, dalla più vicina.");

        group.MapGet("/aree.json", async (string ipa, Bodies bodies, InfoDeskDb db, CancellationToken ct) =>
        {
            var ente = await bodies.ByIpaAsync(ipa, ct);
            if (ente is null)
            {
                return Results.NotFound();
            }

            var areas = await db.Areas.IgnoreQueryFilters().AsNoTracking().Where(a => a.EnteId == ente.Id && a.IsTerritory).ToListAsync(ct);
            var sb = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
            sb.AppendJoin(',', areas.Select(a => $"{{\"type\":\"Feature\",\"properties\":{{\"name\":{System.Text.Json.JsonSerializer.Serialize(a.Name)}}},\"geometry\":{a.GeoJson}}}"));
            sb.Append("]}");
            return Results.Text(sb.ToString(), "application/geo+json");
        })
        .AsPublicList()
        .WithSummary("Territorio dell'ente (GeoJSON)");

        group.MapGet("/mappa.json", async (string ipa, string? categoria, string? stato, int? giorni, Bodies bodies, InfoDeskDb db, TimeProvider time, CancellationToken ct) =>
        {
            var ente = await bodies.ByIpaAsync(ipa, ct);
            if (ente is null)
            {
                return Results.NotFound();
            }

            var since = time.GetUtcNow().AddDays(-Math.Clamp(giorni ?? 90, 1, 365));
            IQueryable<Report> Filter(IQueryable<Report> query)
            {
                query = query.Where(r => r.Latitude != null && r.CreatedAt >= since);
                if (!string.IsNullOrWhiteSpace(categoria))
                {
                    query = query.Where(r => r.CategoryCode == categoria);
                }

                return stato switch
                {
                    "aperte" => query.Where(r => r.State != ReportState.Closed && r.State != ReportState.Rejected),
                    "chiuse" => query.Where(r => r.State == ReportState.Closed),
                    _ => query.Where(r => r.State != ReportState.Rejected),
                };
            }

            var points = await JurisdictionReports.NewestAsync(db, ente.Id, Filter,
                r => new MapPoint(r.Id, r.CategoryName, r.State, r.Latitude, r.Longitude, r.CreatedAt), p => p.CreatedAt, 0, 2000, ct);
            // Personal data never leaves here: no names, no description (it may name people), only category, state and place.
            return Results.Ok(points.Select(p => new
            {
                p.Id,
                p.CategoryName,
                State = Labels.Of(p.State),
                Open = ReportWorkflow.IsOpen(p.State),
                Lat = Math.Round(p.Latitude!.Value, 5),
                Lon = Math.Round(p.Longitude!.Value, 5),
                CreatedAt = p.CreatedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Url = $"/enti/{ipa}/segnalazioni/{p.Id}",
            }));
        })
        .AsPublicList()
        .WithSummary("Punti della mappa pubblica delle segnalazioni")
        .WithDescription("Segnalazioni pubbliche con posizione, senza dati personali; filtri per categoria, stato (aperte, chiuse) e periodo in giorni.");

        group.MapGet("/{id:guid}/foto/{photoId:guid}", async (string ipa, Guid id, Guid photoId, string? codice, InfoDeskDb db, ICurrentUser user, IBlobStore blobs, CancellationToken ct) =>
        {
            var report = await db.Reports.IgnoreQueryFilters().AsNoTracking().Include(r => r.Photos).FirstOrDefaultAsync(r => r.Id == id, ct);
            var photo = report?.Photos.FirstOrDefault(p => p.Id == photoId);
            if (report is null || photo is null)
            {
                return Results.NotFound();
            }

            bool owner = (user.TaxCode is { } cf && cf == report.ReporterTaxCode)
                || (!string.IsNullOrEmpty(codice) && report.TrackingHash == TrackingCode.Hash(codice));
            bool operatorOfBody = user.IsPlatformAdmin || user.OperatorBodies.Contains(report.EnteId);
            bool isPublic = report.IsPublic && photo.Approved && report.Moderation == Moderation.Approved;
            if (!(owner || operatorOfBody || isPublic))
            {
                return Results.NotFound();
            }

            var stream = await blobs.OpenReadAsync(photo.Sha256, cancellationToken: ct);
            return Results.Stream(stream, "image/jpeg");
        })
        .WithSummary("Foto di una segnalazione");
    }

    private sealed record MapPoint(Guid Id, string CategoryName, ReportState State, double? Latitude, double? Longitude, DateTimeOffset CreatedAt);
}
