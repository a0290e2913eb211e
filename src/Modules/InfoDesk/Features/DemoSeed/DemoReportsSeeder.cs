using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Modules;
using PenToscana.Kernel.Tenancy;
using PenToscana.Modules.InfoDesk.Data;
using PenToscana.Modules.InfoDesk.Domain;
using PenToscana.Modules.InfoDesk.Features.Open311;

namespace PenToscana.Modules.InfoDesk.Features.DemoSeed;

/// <summary>
/// Demo categories, areas and rules for the demo bodies, and the Open311 key <c>demo-open311-key</c> valid for all of them.
/// The areas are rough rectangles around Florence and Prato, and a corridor along a regional road in Prato handled by the Region.
/// </summary>
internal sealed class DemoReportsSeeder(InfoDeskDb db, KernelDb kernel, TimeProvider time) : IDemoSeeder
{
    public const string DemoOpen311Key = "demo-open311-key";

    public int Order => 60;

    public const string FirenzeTerritory = """{"type":"Polygon","coordinates":[[[11.15,43.72],[11.34,43.72],[11.34,43.83],[11.15,43.83],[11.15,43.72]]]}""";

    public const string PratoTerritory = """{"type":"Polygon","coordinates":[[[11.00,43.83],[11.16,43.83],[11.16,43.95],[11.00,43.95],[11.00,43.83]]]}""";

    /// <summary>A strip around a regional road crossing Prato from south to north.</summary>
    public const string RegionalRoadInPrato = """{"type":"Polygon","coordinates":[[[11.095,43.85],[11.105,43.85],[11.105,43.94],[11.095,43.94],[11.095,43.85]]]}""";

    private sealed record Cat(string Code, string Name, string Group, int Days, string? Office, (string Code, string Label, string Type, bool Required, string? Values)[] Questions);

    private static readonly Dictionary<string, Cat[]> Categories = new()
    {
        [DemoBodiesSeeder.Firenze] =
        [
            new("buche", "Buche e dissesti stradali", "Strade", 15, "AMB", [("pericolo", "C'è un pericolo immediato per chi passa?", "singlevaluelist", true, "si=Sì\nno=No"), ("dimensione", "Larghezza approssimativa in centimetri", "number", false, null)]),
            new("rifiuti", "Rifiuti abbandonati", "Ambiente", 7, "AMB", [("tipo", "Che cosa è stato abbandonato?", "multivaluelist", false, "ingombranti=Ingombranti\nedili=Materiale edile\nsacchi=Sacchi")]),
            new("illuminazione", "Illuminazione pubblica", "Strade", 10, "AMB", []),
            new("servizi", "Qualità dei servizi comunali", "Servizi", 30, "URP", []),
        ],
        [DemoBodiesSeeder.Prato] =
        [
            new("strade", "Strade e marciapiedi", "Strade", 15, "URP", [("pericolo", "C'è un pericolo immediato per chi passa?", "singlevaluelist", true, "si=Sì\nno=No")]),
            new("rifiuti", "Rifiuti abbandonati", "Ambiente", 7, "URP", []),
            new("scuole", "Edifici scolastici", "Scuola", 20, "SCUO", []),
            new("servizi", "Qualità dei servizi comunali", "Servizi", 30, "URP", []),
        ],
        [DemoBodiesSeeder.Regione] =
        [
            new("strade_regionali", "Strade regionali", "Strade", 20, "URP", []),
            new("servizi", "Qualità dei servizi regionali", "Servizi", 30, "URP", []),
        ],
        [DemoBodiesSeeder.UslCentro] =
        [
            new("attese", "Tempi di attesa", "Sanità", 30, "CUP", []),
            new("servizi", "Qualità dei servizi sanitari", "Sanità", 30, "URP", []),
        ],
    };

    private void AddDemoReport(Guid enteId, string code, string name, string text, double lat, double lon, string address, ReportChannel channel, ReportState state, Guid? officeId, DateTimeOffset at, int days)
    {
        var category = db.Categories.Local.FirstOrDefault(c => c.EnteId == enteId && c.Code == code);
        var report = new Report
        {
            Id = Guid.CreateVersion7(at), EnteId = enteId, FiledWithEnteId = enteId, OfficeId = officeId, Type = ReportType.Issue,
            CategoryId = category?.Id ?? Guid.Empty, CategoryCode = code, CategoryName = name, Description = text, Latitude = lat, Longitude = lon,
            Address = address, Channel = channel, State = state, IsPublic = true, Moderation = Moderation.Approved, ContactPreference = ContactPreference.None,
            CreatedAt = at, UpdatedAt = at, DueAt = at.AddDays(days), ClosedAt = state == ReportState.Closed ? at.AddDays(5) : null,
            FirstAnsweredAt = state == ReportState.Closed ? at.AddDays(5) : null, TrackingHash = Features.TrackingCode.Hash(Features.TrackingCode.New()),
        };
        report.Events.Add(new ReportEvent { Id = Guid.CreateVersion7(at), Kind = ReportEventKind.Filed, Text = "Segnalazione ricevuta.", IsPublic = true, At = at });
        db.Reports.Add(report);
    }

    private void AddCard(Guid enteId, string title, string body, string audience, string where, string documents, string costs, string tags, DateOnly reviewBy, DateTimeOffset now)
    {
        var card = new InfoCard
        {
            Id = Guid.CreateVersion7(now), EnteId = enteId, Title = title, Body = body, Audience = audience, WhereWhenHow = where, Documents = documents,
            Costs = costs, Tags = tags, ReviewBy = reviewBy, Published = true, Revision = 1, UpdatedAt = now,
            SearchText = Cards.CardText.Index(title, tags, audience, body),
        };
        db.Cards.Add(card);
        db.CardRevisions.Add(new InfoCardRevision { Id = Guid.CreateVersion7(now), CardId = card.Id, Number = 1, Snapshot = "{}", At = now });
    }

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var enti = await kernel.Enti.AsNoTracking().ToDictionaryAsync(e => e.IpaCode, cancellationToken);
        var offices = await kernel.Offices.IgnoreQueryFilters().AsNoTracking().ToListAsync(cancellationToken);
        Guid? Office(string ipa, string? code) => code is null ? null : offices.FirstOrDefault(o => o.EnteId == enti[ipa].Id && o.Code == code)?.Id;

        foreach (var (ipa, cats) in Categories)
        {
            if (!enti.TryGetValue(ipa, out var ente) || await db.Settings.IgnoreQueryFilters().AnyAsync(s => s.EnteId == ente.Id, cancellationToken))
            {
                continue;
            }

            db.Settings.Add(new DeskSettings { EnteId = ente.Id, AllowAnonymous = true, NearbyRadiusMeters = 150, ReopenDays = 30 });
            foreach (var c in cats)
            {
                var category = new ReportCategory
                {
                    Id = Guid.CreateVersion7(now), EnteId = ente.Id, Code = c.Code, Name = c.Name, Group = c.Group,
                    ResponseDays = c.Days, DefaultOfficeId = Office(ipa, c.Office),
                };
                int order = 1;
                foreach (var q in c.Questions)
                {
                    category.Questions.Add(new CategoryQuestion
                    {
                        Id = Guid.CreateVersion7(now), Code = q.Code, Label = q.Label, Datatype = q.Type, Required = q.Required, Order = order++, Values = q.Values,
                    });
                }

                db.Categories.Add(category);
            }

            db.Templates.Add(new AnswerTemplate { Id = Guid.CreateVersion7(now), EnteId = ente.Id, Title = "Intervento programmato", Text = "Gentile cittadina, gentile cittadino, la ringraziamo per la segnalazione. L'intervento è stato programmato e sarà eseguito entro i prossimi giorni." });
            db.Templates.Add(new AnswerTemplate { Id = Guid.CreateVersion7(now), EnteId = ente.Id, Title = "Intervento eseguito", Text = "Gentile cittadina, gentile cittadino, la informiamo che l'intervento richiesto è stato eseguito. La ringraziamo per la collaborazione." });
        }

        if (!await db.Areas.IgnoreQueryFilters().AnyAsync(cancellationToken) && new[] { DemoBodiesSeeder.Prato, DemoBodiesSeeder.Regione, DemoBodiesSeeder.Firenze }.All(enti.ContainsKey))
        {
            db.Areas.Add(new RoutingArea { Id = Guid.CreateVersion7(now), EnteId = enti[DemoBodiesSeeder.Firenze].Id, Name = "Territorio del Comune di Firenze", IsTerritory = true, GeoJson = FirenzeTerritory });
            db.Areas.Add(new RoutingArea { Id = Guid.CreateVersion7(now), EnteId = enti[DemoBodiesSeeder.Prato].Id, Name = "Territorio del Comune di Prato", IsTerritory = true, GeoJson = PratoTerritory });
            var road = new RoutingArea
            {
                Id = Guid.CreateVersion7(now), EnteId = enti[DemoBodiesSeeder.Regione].Id, Name = "Strada regionale 325, tratto pratese",
                GeoJson = RegionalRoadInPrato, OfficeId = Office(DemoBodiesSeeder.Regione, "URP"),
            };
            db.Areas.Add(road);
            db.Rules.Add(new RoutingRule
            {
                Id = Guid.CreateVersion7(now), EnteId = enti[DemoBodiesSeeder.Prato].Id, Priority = 10, CategoryCode = "strade", AreaId = road.Id,
                TargetEnteId = enti[DemoBodiesSeeder.Regione].Id, TargetOfficeId = Office(DemoBodiesSeeder.Regione, "URP"),
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        if (!await db.Reports.IgnoreQueryFilters().AnyAsync(cancellationToken) && enti.TryGetValue(DemoBodiesSeeder.Firenze, out var firenze) && enti.TryGetValue(DemoBodiesSeeder.Prato, out var prato))
        {
            AddDemoReport(firenze.Id, "illuminazione", "Illuminazione pubblica", "Tre lampioni spenti lungo il viale.", 43.7760, 11.2480, "Viale Filippo Strozzi", ReportChannel.Web, ReportState.InProgress, Office(DemoBodiesSeeder.Firenze, "AMB"), now.AddDays(-12), 10);
            AddDemoReport(firenze.Id, "rifiuti", "Rifiuti abbandonati", "Materassi abbandonati accanto ai cassonetti.", 43.7650, 11.2390, "Via Pisana 40", ReportChannel.Phone, ReportState.Closed, Office(DemoBodiesSeeder.Firenze, "AMB"), now.AddDays(-40), 7);
            AddDemoReport(prato.Id, "strade", "Strade e marciapiedi", "Marciapiede sconnesso davanti alla scuola.", 43.8790, 11.0950, "Via Roma 100, Prato", ReportChannel.Desk, ReportState.Assigned, Office(DemoBodiesSeeder.Prato, "URP"), now.AddDays(-3), 15);
        }

        if (!await db.Cards.IgnoreQueryFilters().AnyAsync(cancellationToken) && enti.TryGetValue(DemoBodiesSeeder.Firenze, out var fi) && enti.TryGetValue(DemoBodiesSeeder.Regione, out var rt))
        {
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            AddCard(fi.Id, "Cambio di residenza", "La dichiarazione di residenza si presenta entro 20 giorni dal trasferimento, online o allo sportello anagrafe.",
                "Chi trasferisce la residenza a Firenze", "Sportello anagrafe, dal lunedì al venerdì 8.30-13.00, su appuntamento", "Documento d'identità; patente e libretti dei veicoli", "Gratuito", "anagrafe, residenza, trasferimento", today.AddMonths(6), now);
            AddCard(rt.Id, "Bollo auto: esenzione per disabilità", "La Regione concede l'esenzione dalla tassa automobilistica per i veicoli delle persone con disabilità che ne hanno diritto.",
                "Persone con disabilità e familiari che le hanno a carico", "Domanda all'ufficio tributi regionali o presso le delegazioni ACI", "Certificato di disabilità; libretto del veicolo", "Gratuito", "bollo, tassa automobilistica, esenzione, disabilità", today.AddDays(-10), now);
        }

        if (!await db.Open311Keys.AnyAsync(cancellationToken))
        {
            db.Open311Keys.Add(new Open311Key { Id = Guid.CreateVersion7(now), KeyHash = Open311Keys.Hash(DemoOpen311Key), Name = "Chiave dimostrativa", Bodies = "*", CreatedAt = now });
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
