using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Tenancy;
using PenToscana.Modules.InfoDesk.Data;
using PenToscana.Modules.InfoDesk.Domain;
using PenToscana.Modules.InfoDesk.Features.FileReport;

namespace PenToscana.Modules.InfoDesk.Features.Open311;

/// <summary>
/// Open311 GeoReport v2 at <c>/open311/v2/</c>, every endpoint in XML and JSON. The platform hosts many bodies, so
/// <c>jurisdiction_id</c> (the body's IPA code) is required: missing is 400, unknown is 404. Decisions where the spec leaves a
/// choice: a description over 4000 characters is refused (400); a date range over 90 days is refused (400); every service
/// is <c>realtime</c>, so POST returns the id and no token, and <c>tokens/{token}</c> resolves a request id used as token.
/// </summary>
internal static class Open311Endpoints
{
    private const int MaxWindowDays = 90;
    private const int MaxRecords = 1000;

    /// <summary>Deepest page of the paging extension: a period holds at most this many pages of records to walk through.</summary>
    private const int MaxPage = 100;

    public static void Map(IEndpointRouteBuilder app)
    {
        var v2 = app.MapGroup("/open311/v2").AllowAnonymous().WithTags("Open311 GeoReport v2");

        v2.MapGet("/discovery.{format}", (string format, HttpRequest http) =>
        {
            if (!Open311Format.TryParse(format, out var json))
            {
                return Results.NotFound();
            }

            var baseUrl = $"{http.Scheme}://{http.Host}/open311/v2";
            var doc = new JsonObject
            {
                ["changeset"] = "2026-11-26T00:00:00+01:00",
                ["contact"] = "URP degli enti aderenti: vedere le pagine degli enti su questo sito.",
                ["key_service"] = "Le chiavi api_key sono rilasciate dagli amministratori di ciascun ente.",
                ["endpoints"] = new JsonArray(new JsonObject
                {
                    ["specification"] = "http://wiki.open311.org/GeoReport_v2",
                    ["url"] = baseUrl,
                    ["changeset"] = "2026-11-26T00:00:00+01:00",
                    ["type"] = "production",
                    ["formats"] = new JsonArray("text/xml", "application/json"),
                }),
            };
            return Open311Format.Write(json, "discovery", doc);
        })
        .WithSummary("Open311: discovery").WithDescription("Descrive il servizio GeoReport v2: URL, formati (XML e JSON), contatti.");

        v2.MapGet("/services.{format}", async (string format, string? jurisdiction_id, Bodies bodies, InfoDeskDb db, CancellationToken ct) =>
        {
            if (!Open311Format.TryParse(format, out var json))
            {
                return Results.NotFound();
            }

            var (ente, error) = await JurisdictionAsync(json, jurisdiction_id, bodies, ct);
            if (ente is null)
            {
                return error!;
            }

            var categories = await CategoriesAsync(db, ente.Id, ct);
            var list = new JsonArray();
            foreach (var c in categories)
            {
                list.Add(new JsonObject
                {
                    ["service_code"] = c.Code,
                    ["service_name"] = c.Name,
                    ["description"] = c.Description ?? c.Name,
                    ["metadata"] = c.Questions.Count > 0,
                    ["type"] = "realtime",
                    ["keywords"] = c.Keywords ?? "",
                    ["group"] = c.Group ?? "",
                });
            }

            return Open311Format.Write(json, "services", list);
        })
        .WithSummary("Open311: elenco dei servizi (categorie)").WithDescription("Le categorie di segnalazione dell'ente indicato da jurisdiction_id (codice IPA).");

        v2.MapGet("/services/{service_code}.{format}", async (string service_code, string format, string? jurisdiction_id, Bodies bodies, InfoDeskDb db, CancellationToken ct) =>
        {
            if (!Open311Format.TryParse(format, out var json))
            {
                return Results.NotFound();
            }

            var (ente, error) = await JurisdictionAsync(json, jurisdiction_id, bodies, ct);
            if (ente is null)
            {
                return error!;
            }

            var category = (await CategoriesAsync(db, ente.Id, ct)).FirstOrDefault(c => c.Code == service_code);
            if (category is null)
            {
                return Open311Format.Error(json, 404, $"Servizio «{service_code}» sconosciuto per {ente.IpaCode}.");
            }

            var attributes = new JsonArray();
            foreach (var q in category.Questions.OrderBy(q => q.Order))
            {
                var attribute = new JsonObject
                {
                    ["variable"] = true,
                    ["code"] = q.Code,
                    ["datatype"] = q.Datatype,
                    ["required"] = q.Required,
                    ["datatype_description"] = null,
                    ["order"] = q.Order,
                    ["description"] = q.Label,
                };
                if (q.Datatype is "singlevaluelist" or "multivaluelist")
                {
                    attribute["values"] = new JsonArray(q.ValueList.Select(v => (JsonNode)new JsonObject { ["key"] = v.Key, ["name"] = v.Name }).ToArray());
                }

                attributes.Add(attribute);
            }

            return Open311Format.Write(json, "service_definition", new JsonObject { ["service_code"] = category.Code, ["attributes"] = attributes });
        })
        .WithSummary("Open311: definizione di un servizio").WithDescription("Le domande aggiuntive della categoria come attributi (tipo, ordine, obbligatorietà, valori).");

        v2.MapPost("/requests.{format}", async (string format, HttpRequest http, Bodies bodies, InfoDeskDb db, FileReportHandler file, CancellationToken ct) =>
        {
            if (!Open311Format.TryParse(format, out var json))
            {
                return Results.NotFound();
            }

            if (!http.HasFormContentType)
            {
                return Open311Format.Error(json, 400, "La richiesta deve essere application/x-www-form-urlencoded.");
            }

            var form = await http.ReadFormAsync(ct);
            string? Field(string name) => string.IsNullOrWhiteSpace(form[name]) ? null : form[name].ToString().Trim();
            var (ente, error) = await JurisdictionAsync(json, Field("jurisdiction_id"), bodies, ct);
            if (ente is null)
            {
                return error!;
            }

            if (!await Open311Keys.IsValidAsync(db, Field("api_key"), ente.IpaCode, ct))
            {
                return Open311Format.Error(json, 403, "api_key mancante o non valida per questo ente.");
            }

            var code = Field("service_code");
            if (code is null)
            {
                return Open311Format.Error(json, 400, "service_code è obbligatorio.");
            }

            if (!await db.Categories.IgnoreQueryFilters().AnyAsync(c => c.EnteId == ente.Id && c.Code == code && c.Active, ct))
            {
                return Open311Format.Error(json, 404, $"Servizio «{code}» sconosciuto per {ente.IpaCode}.");
            }

            var latText = Field("lat");
            var lonText = Field("long");
            double? lat = null, lon = null;
            if (latText is not null || lonText is not null)
            {
                if (latText is null || lonText is null)
                {
                    return Open311Format.Error(json, 400, "Indicare sia lat sia long.");
                }

                if (!double.TryParse(latText, NumberStyles.Float, CultureInfo.InvariantCulture, out var la) || !double.TryParse(lonText, NumberStyles.Float, CultureInfo.InvariantCulture, out var lo))
                {
                    return Open311Format.Error(json, 400, "lat e long devono essere numeri (punto decimale).");
                }

                lat = la;
                lon = lo;
            }

            var address = Field("address_string") ?? (Field("address_id") is { } addressId ? $"address_id {addressId}" : null);
            if (lat is null && address is null)
            {
                return Open311Format.Error(json, 400, "Indicare il luogo: lat e long, address_string o address_id.");
            }

            var description = Field("description");
            if (description is { Length: > FileReportHandler.MaxDescription })
            {
                return Open311Format.Error(json, 400, $"description supera i {FileReportHandler.MaxDescription} caratteri.");
            }

            var answers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (var key in form.Keys.Where(k => k.StartsWith("attribute[", StringComparison.Ordinal)))
            {
                var name = key["attribute[".Length..];
                name = name.EndsWith("][]", StringComparison.Ordinal) ? name[..^3] : name.TrimEnd(']');
                var values = form[key].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!).ToList();
                answers[name] = answers.TryGetValue(name, out var existing) ? [.. existing, .. values] : values;
            }

            var person = string.Join(' ', new[] { Field("first_name"), Field("last_name") }.Where(x => x is not null));
            var email = Field("email");
            var anonymous = person.Length == 0 && email is null;
            var extra = new Dictionary<string, string>();
            if (Field("media_url") is { } media && Uri.TryCreate(media, UriKind.Absolute, out var mediaUri) && mediaUri.Scheme is "http" or "https")
            {
                extra["media_url"] = mediaUri.ToString();
            }

            var result = await file.HandleAsync(new FileReportRequest(
                ente.IpaCode, ReportType.Issue, code, description ?? "(segnalazione senza descrizione)", lat, lon, address, answers, [],
                new Reporter(null, person.Length == 0 ? null : person, email, Field("phone"), null, email is null ? ContactPreference.None : ContactPreference.Email),
                anonymous, ReportChannel.Open311, null)
            {
                Extra = extra,
            }, ct);
            if (result.IsFailure)
            {
                return Open311Format.Error(json, result.Error.Code == "categoria_sconosciuta" ? 404 : 400, result.Error.Message);
            }

            var response = new JsonArray(new JsonObject
            {
                ["service_request_id"] = result.Value.Id.ToString(),
                ["service_notice"] = $"Presa in carico da {result.Value.HandlingName}; risposta prevista entro il {result.Value.DueAt.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}.",
                ["account_id"] = null,
            });
            return Open311Format.Write(json, "service_requests", response);
        })
        .RequireRateLimiting("public-post")
        .WithSummary("Open311: invia una segnalazione")
        .WithDescription("Form application/x-www-form-urlencoded: jurisdiction_id, api_key, service_code, lat/long o address_string o address_id, attribute[codice], description, media_url, dati di contatto.");

        v2.MapGet("/requests.{format}", async (string format, HttpRequest http, Bodies bodies, InfoDeskDb db, TimeProvider time, CancellationToken ct) =>
        {
            if (!Open311Format.TryParse(format, out var json))
            {
                return Results.NotFound();
            }

            string? Q(string name) => string.IsNullOrWhiteSpace(http.Query[name]) ? null : http.Query[name].ToString().Trim();
            var (ente, error) = await JurisdictionAsync(json, Q("jurisdiction_id"), bodies, ct);
            if (ente is null)
            {
                return error!;
            }

            int pageSize = int.TryParse(Q("page_size"), out var ps) ? Math.Clamp(ps, 1, MaxRecords) : MaxRecords;
            int page = int.TryParse(Q("page"), out var pg) ? Math.Clamp(pg, 1, MaxPage) : 1;
            List<Report> rows;
            if (Q("service_request_id") is { } idList)
            {
                // The spec: with ids, every other filter is ignored.
                var ids = idList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(s => Guid.TryParse(s, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).Take(MaxRecords).ToList();
                rows = await PublicReports(db, ente.Id).Where(r => ids.Contains(r.Id)).OrderByDescending(r => r.CreatedAt)
                    .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
            }
            else
            {
                var now = time.GetUtcNow();
                if (!TryDate(Q("start_date"), out var start) || !TryDate(Q("end_date"), out var end))
                {
                    return Open311Format.Error(json, 400, "start_date e end_date devono essere date ISO 8601 (w3c).");
                }

                end ??= start is { } s0 && s0.AddDays(MaxWindowDays) < now ? s0.AddDays(MaxWindowDays) : now;
                start ??= end.Value.AddDays(-MaxWindowDays);
                if (end < start || end.Value - start.Value > TimeSpan.FromDays(MaxWindowDays))
                {
                    return Open311Format.Error(json, 400, $"L'intervallo tra start_date e end_date non può superare {MaxWindowDays} giorni.");
                }

                var from = start.Value;
                var to = end.Value;
                var codes = Q("service_code")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
                bool open = true, closed = true;
                if (Q("status") is { } statuses)
                {
                    var wanted = statuses.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(x => x.ToLowerInvariant()).ToHashSet();
                    if (wanted.Any(w => w is not ("open" or "closed")))
                    {
                        return Open311Format.Error(json, 400, "status ammette open e closed.");
                    }

                    open = wanted.Contains("open");
                    closed = wanted.Contains("closed");
                }

                IQueryable<Report> Filter(IQueryable<Report> query)
                {
                    query = query.Where(r => r.CreatedAt >= from && r.CreatedAt <= to);
                    if (codes is { Count: 1 })
                    {
                        var code = codes[0];
                        query = query.Where(r => r.CategoryCode == code);
                    }
                    else if (codes is not null)
                    {
                        query = query.Where(r => codes.Contains(r.CategoryCode));
                    }

                    if (open && !closed)
                    {
                        query = query.Where(r => r.State != ReportState.Closed && r.State != ReportState.Rejected);
                    }
                    else if (closed && !open)
                    {
                        query = query.Where(r => r.State == ReportState.Closed || r.State == ReportState.Rejected);
                    }

                    return query;
                }

                rows = await JurisdictionReports.NewestAsync(db, ente.Id, Filter, r => r, r => r.CreatedAt, (page - 1) * pageSize, pageSize, ct);
            }

            return Open311Format.Write(json, "service_requests", await RequestsAsync(db, rows, http, bodies, ct));
        })
        .AsPublicList()
        .WithSummary("Open311: elenco delle segnalazioni")
        .WithDescription("Filtri service_request_id (ignora gli altri), service_code, start_date, end_date, status. Predefiniti: ultimi 90 giorni, massimo 1000; estensione page/page_size (pagine fino alla 100). Nessun dato personale.");

        v2.MapGet("/requests/{id}.{format}", async (string id, string format, string? jurisdiction_id, HttpRequest http, Bodies bodies, InfoDeskDb db, CancellationToken ct) =>
        {
            if (!Open311Format.TryParse(format, out var json))
            {
                return Results.NotFound();
            }

            var (ente, error) = await JurisdictionAsync(json, jurisdiction_id, bodies, ct);
            if (ente is null)
            {
                return error!;
            }

            var report = Guid.TryParse(id, out var guid) ? await PublicReports(db, ente.Id).FirstOrDefaultAsync(r => r.Id == guid, ct) : null;
            if (report is null)
            {
                return Open311Format.Error(json, 404, $"Segnalazione «{id}» non trovata.");
            }

            return Open311Format.Write(json, "service_requests", await RequestsAsync(db, [report], http, bodies, ct));
        })
        .WithSummary("Open311: una segnalazione");

        v2.MapGet("/tokens/{token}.{format}", async (string token, string format, string? jurisdiction_id, Bodies bodies, InfoDeskDb db, CancellationToken ct) =>
        {
            if (!Open311Format.TryParse(format, out var json))
            {
                return Results.NotFound();
            }

            var (ente, error) = await JurisdictionAsync(json, jurisdiction_id, bodies, ct);
            if (ente is null)
            {
                return error!;
            }

            var known = Guid.TryParse(token, out var guid) && await PublicReports(db, ente.Id).AnyAsync(r => r.Id == guid, ct);
            if (!known)
            {
                return Open311Format.Error(json, 404, $"Token «{token}» sconosciuto.");
            }

            return Open311Format.Write(json, "service_requests", new JsonArray(new JsonObject { ["service_request_id"] = guid.ToString(), ["token"] = token }));
        })
        .WithSummary("Open311: da token a id della segnalazione");
    }

    private static IQueryable<Report> PublicReports(InfoDeskDb db, Guid enteId)
        => db.Reports.IgnoreQueryFilters().AsNoTracking()
            .Where(r => (r.FiledWithEnteId == enteId || r.EnteId == enteId) && r.IsPublic && r.Moderation != Moderation.Hidden);

    private static async Task<List<ReportCategory>> CategoriesAsync(InfoDeskDb db, Guid enteId, CancellationToken ct)
        => await db.Categories.IgnoreQueryFilters().AsNoTracking().Include(c => c.Questions)
            .Where(c => c.EnteId == enteId && c.Active).OrderBy(c => c.Code).ToListAsync(ct);

    private static async Task<(Ente? Ente, IResult? Error)> JurisdictionAsync(bool json, string? jurisdiction, Bodies bodies, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(jurisdiction))
        {
            return (null, Open311Format.Error(json, 400, "jurisdiction_id (codice IPA dell'ente) è obbligatorio."));
        }

        var ente = await bodies.ByIpaAsync(jurisdiction.Trim(), ct);
        return ente is null ? (null, Open311Format.Error(json, 404, $"jurisdiction_id «{jurisdiction}» sconosciuto.")) : (ente, null);
    }

    private static bool TryDate(string? text, out DateTimeOffset? value)
    {
        value = null;
        if (text is null)
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            value = parsed;
            return true;
        }

        return false;
    }

    private static async Task<JsonArray> RequestsAsync(InfoDeskDb db, IReadOnlyList<Report> rows, HttpRequest http, Bodies bodies, CancellationToken ct)
    {
        var enti = await bodies.AllAsync(ct);
        var ids = rows.Where(r => r.Moderation == Moderation.Approved).Select(r => r.Id).ToList();
        var photos = ids.Count == 0
            ? []
            : (await db.Photos.AsNoTracking().Where(p => ids.Contains(p.ReportId) && p.Approved).Select(p => new { p.ReportId, p.Id }).ToListAsync(ct))
                .GroupBy(p => p.ReportId).ToDictionary(g => g.Key, g => g.First().Id);
        var list = new JsonArray();
        foreach (var r in rows)
        {
            var closed = !ReportWorkflow.IsOpen(r.State);
            var filed = enti.GetValueOrDefault(r.FiledWithEnteId);
            list.Add(new JsonObject
            {
                ["service_request_id"] = r.Id.ToString(),
                ["status"] = ReportWorkflow.Open311Status(r.State),
                ["status_notes"] = closed ? (r.StateReason ?? Labels.Of(r.State)) : Labels.Of(r.State),
                ["service_name"] = r.CategoryName,
                ["service_code"] = r.CategoryCode,
                // Text only once moderated: it may name people. Never the reporter's data.
                ["description"] = r.Moderation == Moderation.Approved ? r.Description : null,
                ["agency_responsible"] = enti.GetValueOrDefault(r.EnteId)?.Name,
                ["service_notice"] = null,
                ["requested_datetime"] = Open311Format.Date(r.CreatedAt),
                ["updated_datetime"] = Open311Format.Date(closed && r.ClosedAt is { } c ? c : r.UpdatedAt),
                ["expected_datetime"] = Open311Format.Date(r.DueAt),
                ["address"] = r.Address,
                ["address_id"] = null,
                ["zipcode"] = null,
                ["lat"] = r.Latitude,
                ["long"] = r.Longitude,
                ["media_url"] = photos.TryGetValue(r.Id, out var photo) && filed is not null
                    ? $"{http.Scheme}://{http.Host}/enti/{filed.IpaCode}/segnalazioni/{r.Id}/foto/{photo}"
                    : null,
            });
        }

        return list;
    }
}
