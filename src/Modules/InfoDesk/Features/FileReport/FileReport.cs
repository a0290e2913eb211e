using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PenToscana.Contracts.Protocol;
using PenToscana.Kernel.Blobs;
using PenToscana.Kernel.Values;
using PenToscana.Modules.InfoDesk.Data;
using PenToscana.Modules.InfoDesk.Domain;
using PenToscana.Modules.InfoDesk.Features.Photos;
using PenToscana.Modules.InfoDesk.Features.Protocol;
using PenToscana.Modules.InfoDesk.Features.Routing;

namespace PenToscana.Modules.InfoDesk.Features.FileReport;

internal sealed record UploadedPhoto(string FileName, byte[] Content);

/// <summary>Who filed the report: a signed-in citizen, an operator typing what came by phone or paper, or nobody (anonymous).</summary>
internal sealed record Reporter(string? TaxCode, string? Name, string? Email, string? Phone, string? PostalAddress, ContactPreference Contact);

internal sealed record FileReportRequest(
    string EnteIpa,
    ReportType Type,
    string? CategoryCode,
    string? Description,
    double? Latitude,
    double? Longitude,
    string? Address,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Answers,
    IReadOnlyList<UploadedPhoto> Photos,
    Reporter Reporter,
    bool Anonymous,
    ReportChannel Channel,
    string? RegisteredByTaxCode,
    bool LatitudeGivenWithoutLongitude = false)
{
    /// <summary>Data kept with the answers that is not an answer, e.g. the Open311 <c>media_url</c> of an integrator.</summary>
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// For a report taken from an intake mailbox: the message's key (Message-ID), stored with the report in one transaction.
    /// A free-text e-mail has no pin and no answers: the office completes the place and the category's questions.
    /// </summary>
    public string? MailboxMessageId { get; init; }
}

internal sealed record FiledReport(Guid Id, string? TrackingCode, string HandlingIpa, string HandlingName, string? OfficeName, DateTimeOffset DueAt);

/// <summary>
/// Files a report from any channel: validates everything first (category, required questions, place, photos), routes it,
/// stores report, photos and history in one transaction and, for complaints, queues the incoming protocol registration in
/// the same transaction. Either all of it is stored or nothing is.
/// </summary>
internal sealed class FileReportHandler(InfoDeskDb db, Bodies bodies, ReportRouter router, IBlobStore blobs, TimeProvider time)
{
    public const int MaxDescription = 4000;

    public async Task<Result<FiledReport>> HandleAsync(FileReportRequest request, CancellationToken ct)
    {
        var ente = await bodies.ByIpaAsync(request.EnteIpa, ct);
        if (ente is null)
        {
            return new Error("ente_sconosciuto", "Ente sconosciuto.");
        }

        var settings = await db.Settings.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(s => s.EnteId == ente.Id, ct) ?? new DeskSettings { EnteId = ente.Id };
        if (string.IsNullOrWhiteSpace(request.CategoryCode))
        {
            return new Error("categoria_mancante", "Scegliere una categoria.");
        }

        var category = await db.Categories.IgnoreQueryFilters().AsNoTracking().Include(c => c.Questions)
            .FirstOrDefaultAsync(c => c.EnteId == ente.Id && c.Code == request.CategoryCode && c.Active, ct);
        if (category is null)
        {
            return new Error("categoria_sconosciuta", $"La categoria «{request.CategoryCode}» non esiste per {ente.Name}.");
        }

        var description = request.Description?.Trim() ?? "";
        if (description.Length == 0)
        {
            return new Error("descrizione_mancante", "Descrivere il problema o la proposta.");
        }

        if (description.Length > MaxDescription)
        {
            return new Error("descrizione_troppo_lunga", $"La descrizione supera i {MaxDescription} caratteri.");
        }

        if (request.LatitudeGivenWithoutLongitude || (request.Latitude is null) != (request.Longitude is null))
        {
            return new Error("posizione_incompleta", "Indicare sia la latitudine sia la longitudine.");
        }

        if (request.Latitude is { } lat && (lat is < -90 or > 90 || request.Longitude is < -180 or > 180))
        {
            return new Error("posizione_non_valida", "Le coordinate indicate non sono valide.");
        }

        var address = request.Address?.Trim();
        bool fromMailbox = request.MailboxMessageId is not null;
        if (request.Type == ReportType.Issue && request.Latitude is null && string.IsNullOrEmpty(address) && !fromMailbox)
        {
            return new Error("posizione_mancante", "Indicare il luogo: un punto sulla mappa oppure un indirizzo.");
        }

        if (address is { Length: > 300 })
        {
            return new Error("indirizzo_troppo_lungo", "L'indirizzo supera i 300 caratteri.");
        }

        var answers = fromMailbox ? Result.Success(new Dictionary<string, string>(StringComparer.Ordinal)) : ValidateAnswers(category, request.Answers);
        if (answers.IsFailure)
        {
            return answers.Error;
        }

        foreach (var (key, value) in request.Extra)
        {
            answers.Value[key] = value;
        }

        if (request.Anonymous && !settings.AllowAnonymous)
        {
            return new Error("anonimo_non_ammesso", $"{ente.Name} non accetta segnalazioni anonime: indicare i propri dati o accedere.");
        }

        if (request.Type == ReportType.Complaint && request.Anonymous)
        {
            return new Error("reclamo_anonimo", "Un reclamo richiede i dati di chi lo presenta, perché riceve una risposta protocollata.");
        }

        if (request.Photos.Count > PhotoProcessor.MaxPhotos)
        {
            return new Error("troppe_foto", $"Si possono allegare al massimo {PhotoProcessor.MaxPhotos} foto.");
        }

        var cleaned = new List<CleanPhoto>();
        foreach (var photo in request.Photos)
        {
            var clean = PhotoProcessor.Process(photo.Content, photo.FileName);
            if (clean.IsFailure)
            {
                return clean.Error;
            }

            cleaned.Add(clean.Value);
        }

        double? latitude = request.Latitude, longitude = request.Longitude;
        if (latitude is null && cleaned.FirstOrDefault(p => p.Latitude is not null) is { } located)
        {
            // No pin and no map: the place the photo was taken is a better guess than nothing, and the office can correct it.
            latitude = located.Latitude;
            longitude = located.Longitude;
        }

        var route = await router.RouteAsync(ente.Id, category, request.Type, latitude, longitude, ct);
        if (route.IsFailure)
        {
            return route.Error;
        }

        var now = time.GetUtcNow();
        var report = new Report
        {
            Id = Guid.CreateVersion7(now),
            EnteId = route.Value.EnteId,
            FiledWithEnteId = ente.Id,
            OfficeId = route.Value.OfficeId,
            Type = request.Type,
            CategoryId = category.Id,
            CategoryCode = category.Code,
            CategoryName = category.Name,
            Description = description,
            Latitude = latitude,
            Longitude = longitude,
            Address = string.IsNullOrEmpty(address) ? null : address,
            Channel = request.Channel,
            State = route.Value.OfficeId is null ? ReportState.Received : ReportState.Assigned,
            IsPublic = request.Type == ReportType.Issue,
            Moderation = request.Channel == ReportChannel.Web || request.Channel == ReportChannel.Open311 || fromMailbox ? Moderation.Pending : Moderation.Approved,
            Answers = answers.Value.Count == 0 ? null : JsonSerializer.Serialize(answers.Value),
            ReporterTaxCode = request.Anonymous ? null : Clean(request.Reporter.TaxCode)?.ToUpperInvariant(),
            ReporterName = request.Anonymous ? null : Clean(request.Reporter.Name),
            ReporterEmail = request.Anonymous ? null : Clean(request.Reporter.Email),
            ReporterPhone = request.Anonymous ? null : Clean(request.Reporter.Phone),
            ReporterAddress = request.Anonymous ? null : Clean(request.Reporter.PostalAddress),
            ContactPreference = request.Anonymous ? ContactPreference.None : request.Reporter.Contact,
            RegisteredByTaxCode = request.RegisteredByTaxCode,
            CreatedAt = now,
            UpdatedAt = now,
            DueAt = now.AddDays(category.ResponseDays),
        };

        string? tracking = null;
        if (report.ReporterTaxCode is null)
        {
            tracking = TrackingCode.New();
            report.TrackingHash = TrackingCode.Hash(tracking);
        }

        foreach (var photo in cleaned)
        {
            using var stream = new MemoryStream(photo.Jpeg, writable: false);
            var blob = await blobs.PutAsync(stream, cancellationToken: ct);
            report.Photos.Add(new ReportPhoto
            {
                Id = Guid.CreateVersion7(now),
                Sha256 = blob.Sha256,
                MediaType = "image/jpeg",
                Length = photo.Jpeg.Length,
                Width = photo.Width,
                Height = photo.Height,
                Latitude = photo.Latitude,
                Longitude = photo.Longitude,
                Approved = report.Moderation == Moderation.Approved,
            });
        }

        var handling = route.Value.EnteId == ente.Id ? ente : await bodies.ByIdAsync(route.Value.EnteId, ct) ?? ente;
        var offices = await bodies.OfficesOfAsync(handling.Id, ct);
        var officeName = offices.FirstOrDefault(o => o.Id == route.Value.OfficeId)?.Name;
        var filedText = $"{Labels.Of(request.Type)} ricevuta ({Labels.Of(request.Channel)}).";
        if (handling.Id != ente.Id)
        {
            filedText += $" Inoltrata per competenza a {handling.Name}" + (route.Value.AreaName is null ? "." : $" (area: {route.Value.AreaName}).");
        }

        report.Events.Add(new ReportEvent
        {
            Id = Guid.CreateVersion7(now),
            Kind = ReportEventKind.Filed,
            Text = filedText + (officeName is null ? "" : $" Assegnata a: {officeName}."),
            IsPublic = true,
            ByTaxCode = request.RegisteredByTaxCode,
            At = now,
        });
        db.Reports.Add(report);
        if (report.ReporterTaxCode is { } follower)
        {
            db.Observers.Add(new ReportObserver { ReportId = report.Id, TaxCode = follower, Since = now });
        }

        if (request.MailboxMessageId is { } messageId)
        {
            db.MailMessages.Add(new MailIntakeMessage { Id = Guid.CreateVersion7(now), EnteId = ente.Id, MessageId = messageId, ReportId = report.Id, At = now });
        }

        if (request.Type == ReportType.Complaint)
        {
            db.Publish(new ReportProtocolRequested(report.Id, ProtocolDirection.Incoming, null), now, report.EnteId);
        }

        await db.SaveChangesAsync(ct);
        return new FiledReport(report.Id, tracking, handling.IpaCode, handling.Name, officeName, report.DueAt);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Checks the answers to the category's questions: required ones present, list values among the allowed keys.</summary>
    internal static Result<Dictionary<string, string>> ValidateAnswers(ReportCategory category, IReadOnlyDictionary<string, IReadOnlyList<string>> given)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var q in category.Questions.OrderBy(q => q.Order))
        {
            var values = given.TryGetValue(q.Code, out var v) ? v.Where(x => !string.IsNullOrWhiteSpace(x)).Select(x => x.Trim()).ToList() : [];
            if (values.Count == 0)
            {
                if (q.Required)
                {
                    return new Error("risposta_mancante", $"Rispondere alla domanda «{q.Label}».");
                }

                continue;
            }

            switch (q.Datatype)
            {
                case "singlevaluelist" or "multivaluelist":
                    var keys = q.ValueList.Select(x => x.Key).ToHashSet(StringComparer.Ordinal);
                    if (values.Any(x => !keys.Contains(x)) || (q.Datatype == "singlevaluelist" && values.Count > 1))
                    {
                        return new Error("risposta_non_valida", $"La risposta alla domanda «{q.Label}» non è tra quelle previste.");
                    }

                    break;
                case "number":
                    if (!double.TryParse(values[0], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                    {
                        return new Error("risposta_non_valida", $"La risposta alla domanda «{q.Label}» deve essere un numero.");
                    }

                    break;
                case "datetime":
                    if (!DateTimeOffset.TryParse(values[0], CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                    {
                        return new Error("risposta_non_valida", $"La risposta alla domanda «{q.Label}» deve essere una data.");
                    }

                    break;
                default:
                    if (values.Sum(x => x.Length) > 1000)
                    {
                        return new Error("risposta_troppo_lunga", $"La risposta alla domanda «{q.Label}» è troppo lunga.");
                    }

                    break;
            }

            result[q.Code] = string.Join(",", values);
        }

        return result;
    }
}
