using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.Contracts.Protocol;
using PenToscana.Kernel.Blobs;
using PenToscana.Kernel.Data;
using PenToscana.Modules.Protocol.Data;
using PenToscana.Modules.Protocol.Features.AnnulEntry;
using PenToscana.Modules.Protocol.Features.ChangeEntry;
using PenToscana.Modules.Protocol.Features.Receipt;
using PenToscana.Modules.Protocol.Features.RegisterDocument;
using PenToscana.Modules.Protocol.Features.SearchEntries;
using PenToscana.Modules.Protocol.Features.Segnatura;
using PenToscana.Modules.Protocol.Features.ViewEntry;

namespace PenToscana.Modules.Protocol.Features.Api;

/// <summary>The protocol register's machine API, under <c>/api/protocol/{ipa}</c>: OIDC client credentials or an operator session.</summary>
internal static class ProtocolEndpoints
{
    public const string Policy = "protocol-api";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/protocol/{ipa}").WithTags("Protocollo").RequireAuthorization(Policy);

        api.MapPost("/entries", RegisterAsync)
            .WithName("RegisterProtocolEntry")
            .WithSummary("Protocolla un documento")
            .WithDescription("Multipart: una parte `metadata` (JSON: direction incoming|outgoing|internal, subject, correspondents [{name, taxCode, ipaCode, digitalAddress}], "
                + "aoo facoltativa, channel, senderReference, classification, offices, dossier, documentSha256, attachmentSha256 []), una parte `document` con il file principale "
                + "e parti `attachments` facoltative. L'intestazione Idempotency-Key rende sicura la ripetizione. Risponde 201 con anno, numero, data e impronte SHA-256.")
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<RegisteredResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .DisableAntiforgery();
        api.MapGet("/entries", SearchAsync)
            .WithName("SearchProtocolEntries")
            .WithSummary("Cerca nel registro di protocollo")
            .WithDescription("Filtri: from e to (date, estremi inclusi), q (testo dell'oggetto), correspondent (nome o codice fiscale), office, classification, year, number; page (da 1) e pageSize (al massimo 100).")
            .Produces<SearchEntriesResponse>();
        api.MapGet("/entries/{year:int}/{number:long}", GetAsync)
            .WithName("GetProtocolEntry").WithSummary("Una registrazione, anche se annullata, con la sua storia")
            .Produces<EntryResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/entries/{year:int}/{number:long}/segnatura", SegnaturaAsync)
            .WithName("GetProtocolSegnatura").WithSummary("La segnatura XML (Linee guida AgID 2021, Allegato 6)")
            .WithDescription("Firmata XAdES-BES con il sigillo elettronico dell'ente; 503 quando il sigillo non è utilizzabile (configurazione assente, errata o certificato scaduto).")
            .Produces(StatusCodes.Status200OK, contentType: "application/xml").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/entries/{year:int}/{number:long}/receipt", ReceiptAsync)
            .WithName("GetProtocolReceipt").WithSummary("La ricevuta di protocollazione (PDF)")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/entries/{year:int}/{number:long}/annulment", AnnulAsync)
            .WithName("AnnulProtocolEntry").WithSummary("Annulla una registrazione (art. 54 DPR 445/2000)")
            .WithDescription("JSON: reason (motivo) e authorisingAct (provvedimento di autorizzazione). La registrazione resta visibile, marcata come annullata.")
            .Produces<EntryResponse>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/daily-registers/{date}", DailyRegisterAsync)
            .WithName("GetProtocolDailyRegister").WithSummary("Il registro giornaliero di protocollo di un giorno (yyyy-MM-dd)")
            .Produces<DailyRegisterResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/daily-registers/{date}/{format}", DailyRegisterFileAsync)
            .WithName("GetProtocolDailyRegisterFile").WithSummary("Un file del registro giornaliero: pdf, xml o csv")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/segnatura-imports", ImportSegnaturaAsync)
            .WithName("ReadIncomingSegnatura").WithSummary("Legge una segnatura XML di un'altra AOO e restituisce i dati per protocollarla in entrata")
            .Accepts<string>("application/xml")
            .Produces<SegnaturaDraft>().ProducesProblem(StatusCodes.Status400BadRequest)
            .DisableAntiforgery();
    }

    public sealed record CorrespondentInput(string? Name, string? TaxCode, string? IpaCode, string? DigitalAddress, string? PostalAddress);

    public sealed record RegisterMetadata(
        string? Direction, string? Subject, List<CorrespondentInput>? Correspondents, string? Aoo, string? Channel, string? SenderReference,
        string? Classification, List<string>? Offices, string? Dossier, string? DocumentSha256, List<string>? AttachmentSha256);

    public sealed record Fingerprint(string Role, string FileName, string MediaType, long Length, string Sha256);

    public sealed record Links(string Self, string Segnatura, string Receipt);

    public sealed record RegisteredResponse(string Aoo, int Year, long Number, string NumberText, DateTimeOffset RegisteredAt, IReadOnlyList<Fingerprint> Fingerprints, Links Links);

    public sealed record HistoryItem(DateTimeOffset At, string By, string Kind, string Detail);

    public sealed record Annulment(DateTimeOffset At, string By, string Reason, string AuthorisingAct);

    public sealed record EntryResponse(
        string Aoo, int Year, long Number, string NumberText, DateTimeOffset RegisteredAt, string Direction, string Subject, string Channel,
        IReadOnlyList<CorrespondentInput> Correspondents, IReadOnlyList<Fingerprint> Fingerprints, string? SenderReference, string? Classification,
        string? Dossier, IReadOnlyList<string> Offices, string? EmergencyNumber, Annulment? Annulment, IReadOnlyList<HistoryItem> History, Links Links);

    public sealed record AnnulmentInput(string? Reason, string? AuthorisingAct);

    public sealed record DailyRegisterResponse(string Aoo, DateOnly Day, int EntryCount, long? FirstNumber, long? LastNumber, DateTimeOffset ProducedAt,
        IReadOnlyList<Fingerprint> Files);

    private static async Task<IResult> RegisterAsync(string ipa, HttpContext http, ProtocolAccess access, IBlobStore blobs, RegisterDocumentHandler handler,
        IConfiguration configuration, CancellationToken ct)
    {
        if (await access.ResolveAsync(http.User, ipa, ct) is not { } actor)
        {
            return NotYours(ipa);
        }

        if (!actor.IsClient && !await ValidCookiePostAsync(http))
        {
            return Problem(StatusCodes.Status400BadRequest, "Richiesta non valida", "Con una sessione di operatore serve il token antifalsificazione (intestazione RequestVerificationToken).");
        }

        if (!http.Request.HasFormContentType)
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Formato non supportato", "La richiesta deve essere multipart/form-data con le parti metadata e document.");
        }

        long maxFile = configuration.GetValue("Protocol:MaxFileBytes", 50L * 1024 * 1024);
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(ct);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
        {
            return Problem(StatusCodes.Status400BadRequest, "Richiesta non leggibile", "Il corpo multipart non è leggibile o supera la dimensione massima ammessa.");
        }

        RegisterMetadata? metadata;
        try
        {
            metadata = form.TryGetValue("metadata", out var raw) && raw.Count == 1 ? JsonSerializer.Deserialize<RegisterMetadata>(raw[0]!, Json) : null;
        }
        catch (JsonException)
        {
            return Problem(StatusCodes.Status400BadRequest, "Metadati non validi", "La parte metadata non è un JSON valido.");
        }

        if (metadata is null)
        {
            return Problem(StatusCodes.Status400BadRequest, "Metadati mancanti", "Manca la parte metadata (JSON con direction, subject e correspondents).");
        }

        if (ParseDirection(metadata.Direction) is not { } direction)
        {
            return Problem(StatusCodes.Status400BadRequest, "Dati non validi", "Il campo direction è obbligatorio: incoming, outgoing o internal.");
        }

        if (form.Files.GetFile("document") is not { } document)
        {
            return Problem(StatusCodes.Status400BadRequest, "Documento mancante", "Manca la parte document con il file principale.");
        }

        var attachments = form.Files.GetFiles("attachments");
        var declared = new List<string?> { metadata.DocumentSha256 };
        declared.AddRange(Enumerable.Range(0, attachments.Count).Select(i => metadata.AttachmentSha256?.ElementAtOrDefault(i)));
        var files = attachments.Prepend(document).ToList();
        foreach (var file in files)
        {
            if (file.Length == 0)
            {
                return Problem(StatusCodes.Status400BadRequest, "File vuoto", $"Il file «{file.FileName}» è vuoto.");
            }

            if (file.Length > maxFile)
            {
                return Problem(StatusCodes.Status413PayloadTooLarge, "File troppo grande",
                    $"Il file «{file.FileName}» supera la dimensione massima di {maxFile / (1024 * 1024.0):0.#} MB.");
            }
        }

        // Files are stored first (content-addressed: harmless if the registration is then refused); no number is taken yet.
        var stored = new List<ProtocolDocument>();
        for (int i = 0; i < files.Count; i++)
        {
            var file = files[i];
            await using var stream = file.OpenReadStream();
            var type = await DocumentTypes.DetectAsync(stream, file.FileName, ct);
            if (type is null)
            {
                return Problem(StatusCodes.Status415UnsupportedMediaType, "Tipo di file non ammesso",
                    $"Il file «{file.FileName}» non è di un tipo ammesso (PDF, XML, firmato .p7m, PNG, JPEG, WebP, testo).");
            }

            stream.Position = 0;
            string? expected = declared[i]?.Trim().ToLowerInvariant();
            if (expected is not null && !BlobRef.IsWellFormedSha256(expected))
            {
                return Problem(StatusCodes.Status400BadRequest, "Impronta non valida", $"L'impronta dichiarata per «{file.FileName}» non è uno SHA-256 esadecimale di 64 caratteri.");
            }

            try
            {
                var blob = await blobs.PutAsync(stream, expected is null ? null : new BlobExpectation(expected), ct);
                stored.Add(new ProtocolDocument(SafeName(file.FileName), type, blob.Sha256, blob.Length));
            }
            catch (BlobMismatchException)
            {
                return Problem(StatusCodes.Status422UnprocessableEntity, "Impronta non corrispondente",
                    $"L'impronta SHA-256 dichiarata per «{file.FileName}» non corrisponde al contenuto ricevuto: il file è stato alterato o troncato.");
            }
            catch (BlobTooLargeException)
            {
                return Problem(StatusCodes.Status413PayloadTooLarge, "File troppo grande", $"Il file «{file.FileName}» supera la dimensione massima ammessa.");
            }
        }

        string? idempotency = http.Request.Headers["Idempotency-Key"].FirstOrDefault();
        var request = new ProtocolRequest(
            ipa,
            direction,
            metadata.Subject ?? string.Empty,
            (metadata.Correspondents ?? []).Select(c => new ProtocolCorrespondent(c.Name ?? string.Empty)
            {
                TaxCode = string.IsNullOrWhiteSpace(c.TaxCode) ? null : c.TaxCode.Trim().ToUpperInvariant(),
                IpaCode = string.IsNullOrWhiteSpace(c.IpaCode) ? null : c.IpaCode.Trim(),
                DigitalAddress = string.IsNullOrWhiteSpace(c.DigitalAddress) ? null : c.DigitalAddress.Trim(),
                PostalAddress = string.IsNullOrWhiteSpace(c.PostalAddress) ? null : c.PostalAddress.Trim(),
            }).ToList(),
            stored[0],
            string.IsNullOrWhiteSpace(metadata.Channel) ? ProtocolChannels.Api : metadata.Channel.Trim(),
            string.IsNullOrWhiteSpace(idempotency) ? string.Empty : $"api:{idempotency.Trim()}")
        {
            AooCode = metadata.Aoo,
            Attachments = stored.Skip(1).ToList(),
            SenderReference = metadata.SenderReference,
            Classification = metadata.Classification,
            OfficeCodes = metadata.Offices ?? [],
            DossierReference = metadata.Dossier,
            RegisteredByTaxCode = actor.Name,
        };
        var outcome = await handler.HandleAsync(request, ct);
        if (!outcome.Succeeded)
        {
            return OutcomeProblem(outcome);
        }

        var r = outcome.Registration!;
        var links = LinksOf(ipa, r.Year, r.Number, r.AooCode);
        var body = new RegisteredResponse(r.AooCode, r.Year, r.Number, r.NumberText, r.RegisteredAt,
            stored.Select((d, i) => new Fingerprint(i == 0 ? "document" : "attachment", d.FileName, d.MediaType, d.Length, d.Sha256)).ToList(), links);
        return Results.Created(links.Self, body);
    }

    private static async Task<IResult> SearchAsync(string ipa, HttpContext http, ProtocolAccess access, SearchEntriesHandler search,
        string? from, string? to, string? q, string? correspondent, string? office, string? classification, int? year, long? number, int? page, int? pageSize,
        CancellationToken ct)
    {
        if (await access.ResolveAsync(http.User, ipa, ct) is not { } actor)
        {
            return NotYours(ipa);
        }

        DateOnly? fromDay = null, toDay = null;
        if (from is not null)
        {
            if (!DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var f))
            {
                return Problem(StatusCodes.Status400BadRequest, "Data non valida", "Il parametro from deve essere una data nel formato aaaa-mm-gg.");
            }

            fromDay = f;
        }

        if (to is not null)
        {
            if (!DateOnly.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
            {
                return Problem(StatusCodes.Status400BadRequest, "Data non valida", "Il parametro to deve essere una data nel formato aaaa-mm-gg.");
            }

            toDay = t;
        }

        var result = await search.HandleAsync(new SearchEntriesRequest(actor.Ente.Id)
        {
            From = fromDay,
            To = toDay,
            Text = q,
            Correspondent = correspondent,
            Office = office,
            Classification = classification,
            Year = year,
            Number = number,
            Page = page ?? 1,
            PageSize = pageSize ?? 20,
        }, ct);
        return Results.Json(result, Json);
    }

    private static async Task<IResult> GetAsync(string ipa, int year, long number, string? aoo, HttpContext http, ProtocolAccess access, ProtocolDb db, CancellationToken ct)
    {
        if (await access.ResolveAsync(http.User, ipa, ct) is not { } actor)
        {
            return NotYours(ipa);
        }

        var entry = await db.FindWithDetailsAsync(actor.Ente.Id, year, number, ct, aoo);
        return entry is null ? EntryNotFound(year, number) : Results.Json(ToResponse(entry), Json);
    }

    private static async Task<IResult> SegnaturaAsync(string ipa, int year, long number, string? aoo, HttpContext http, ProtocolAccess access, ProtocolDb db,
        KernelDb kernel, SegnaturaWriter writer, CancellationToken ct)
    {
        if (await access.ResolveAsync(http.User, ipa, ct) is not { } actor)
        {
            return NotYours(ipa);
        }

        var entry = await db.FindWithDetailsAsync(actor.Ente.Id, year, number, ct, aoo);
        if (entry is null)
        {
            return EntryNotFound(year, number);
        }

        var aooName = await kernel.Aoos.AsNoTracking().Where(a => a.EnteId == actor.Ente.Id && a.Code == entry.AooCode).Select(a => a.Name).FirstOrDefaultAsync(ct) ?? entry.AooCode;
        var title = entry.Classification is null ? null
            : await db.Classification.AsNoTracking().Where(c => c.EnteId == actor.Ente.Id && c.Code == entry.Classification).Select(c => c.Title).FirstOrDefaultAsync(ct);
        var xml = writer.Write(entry, actor.Ente, aooName, title);
        return xml.IsSuccess
            ? Results.Text(xml.Value, "application/xml", System.Text.Encoding.UTF8)
            : Problem(StatusCodes.Status503ServiceUnavailable, "Sigillo elettronico non disponibile", xml.Error.Message);
    }

    private static async Task<IResult> ReceiptAsync(string ipa, int year, long number, string? aoo, HttpContext http, ProtocolAccess access, ProtocolDb db,
        KernelDb kernel, CancellationToken ct)
    {
        if (await access.ResolveAsync(http.User, ipa, ct) is not { } actor)
        {
            return NotYours(ipa);
        }

        var entry = await db.FindWithDetailsAsync(actor.Ente.Id, year, number, ct, aoo);
        if (entry is null)
        {
            return EntryNotFound(year, number);
        }

        var aooName = await kernel.Aoos.AsNoTracking().Where(a => a.EnteId == actor.Ente.Id && a.Code == entry.AooCode).Select(a => a.Name).FirstOrDefaultAsync(ct) ?? entry.AooCode;
        var pdf = ReceiptPdf.Build(entry, actor.Ente, aooName);
        return Results.File(pdf, "application/pdf", $"ricevuta-{entry.AooCode}-{entry.Year}-{entry.NumberText}.pdf");
    }

    private static async Task<IResult> AnnulAsync(string ipa, int year, long number, string? aoo, HttpContext http, ProtocolAccess access, AnnulEntryHandler handler,
        ProtocolDb db, CancellationToken ct)
    {
        if (await access.ResolveAsync(http.User, ipa, ct) is not { } actor)
        {
            return NotYours(ipa);
        }

        if (!actor.IsClient && !await ValidCookiePostAsync(http))
        {
            return Problem(StatusCodes.Status400BadRequest, "Richiesta non valida", "Con una sessione di operatore serve il token antifalsificazione (intestazione RequestVerificationToken).");
        }

        if (!actor.MayAnnul)
        {
            return Problem(StatusCodes.Status403Forbidden, "Operazione non consentita", "Annullano le registrazioni l'amministratore dell'ente e gli addetti al protocollo.");
        }

        AnnulmentInput? input;
        try
        {
            input = await http.Request.ReadFromJsonAsync<AnnulmentInput>(Json, ct);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return Problem(StatusCodes.Status400BadRequest, "Richiesta non valida", "Il corpo deve essere JSON con reason e authorisingAct.");
        }

        var result = await handler.HandleAsync(new AnnulEntryRequest(actor.Ente.Id, year, number, input?.Reason ?? string.Empty, input?.AuthorisingAct ?? string.Empty, actor.Name) { AooCode = aoo }, ct);
        if (result.IsFailure)
        {
            int status = result.Error!.Code switch
            {
                "non-trovata" => StatusCodes.Status404NotFound,
                "gia-annullata" or "modificata" => StatusCodes.Status409Conflict,
                _ => StatusCodes.Status400BadRequest,
            };
            return Problem(status, "Annullamento non eseguito", result.Error.Message);
        }

        var entry = await db.FindWithDetailsAsync(actor.Ente.Id, year, number, ct, aoo);
        return Results.Json(ToResponse(entry!), Json);
    }

    private static async Task<IResult> DailyRegisterAsync(string ipa, string date, string? aoo, HttpContext http, ProtocolAccess access, ProtocolDb db, CancellationToken ct)
    {
        if (await access.ResolveAsync(http.User, ipa, ct) is not { } actor)
        {
            return NotYours(ipa);
        }

        if (await FindDailyAsync(db, actor, date, aoo, ct) is not { } daily)
        {
            return Problem(StatusCodes.Status404NotFound, "Registro giornaliero non trovato", $"Nessun registro giornaliero per il giorno «{date}» (formato aaaa-mm-gg; si produce il giorno successivo).");
        }

        return Results.Json(new DailyRegisterResponse(daily.AooCode, daily.Day, daily.EntryCount, daily.FirstNumber, daily.LastNumber, daily.ProducedAt,
        [
            new("pdf", $"/api/protocol/{ipa}/daily-registers/{date}/pdf", "application/pdf", daily.PdfLength, daily.PdfSha256),
            new("xml", $"/api/protocol/{ipa}/daily-registers/{date}/xml", "application/xml", daily.XmlLength, daily.XmlSha256),
            new("csv", $"/api/protocol/{ipa}/daily-registers/{date}/csv", "text/csv", daily.CsvLength, daily.CsvSha256),
        ]), Json);
    }

    private static async Task<IResult> DailyRegisterFileAsync(string ipa, string date, string format, string? aoo, HttpContext http, ProtocolAccess access, ProtocolDb db,
        IBlobStore blobs, CancellationToken ct)
    {
        if (await access.ResolveAsync(http.User, ipa, ct) is not { } actor)
        {
            return NotYours(ipa);
        }

        if (await FindDailyAsync(db, actor, date, aoo, ct) is not { } daily)
        {
            return Problem(StatusCodes.Status404NotFound, "Registro giornaliero non trovato", $"Nessun registro giornaliero per il giorno «{date}».");
        }

        (string? sha, string type) = format switch
        {
            "pdf" => (daily.PdfSha256, "application/pdf"),
            "xml" => (daily.XmlSha256, "application/xml"),
            "csv" => (daily.CsvSha256, "text/csv"),
            _ => ((string?)null, string.Empty),
        };
        if (sha is null)
        {
            return Problem(StatusCodes.Status404NotFound, "Formato non disponibile", "I formati disponibili sono pdf, xml e csv.");
        }

        return Results.Stream(await blobs.OpenReadAsync(sha, cancellationToken: ct), type, $"registro-giornaliero-{daily.AooCode}-{date}.{format}");
    }

    private static async Task<IResult> ImportSegnaturaAsync(string ipa, HttpContext http, ProtocolAccess access, CancellationToken ct)
    {
        if (await access.ResolveAsync(http.User, ipa, ct) is null)
        {
            return NotYours(ipa);
        }

        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, ct);
        if (buffer.Length > SegnaturaReader.MaxBytes)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Segnatura troppo grande", "Una segnatura XML non supera 1 MB.");
        }

        buffer.Position = 0;
        var read = SegnaturaReader.Read(buffer);
        return read.IsSuccess ? Results.Json(read.Value, Json) : Problem(StatusCodes.Status400BadRequest, "Segnatura non valida", read.Error!.Message);
    }

    private static Task<DailyRegister?> FindDailyAsync(ProtocolDb db, ProtocolActor actor, string date, string? aoo, CancellationToken ct)
    {
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return Task.FromResult<DailyRegister?>(null);
        }

        var query = db.DailyRegisters.AsNoTracking().Where(d => d.EnteId == actor.Ente.Id && d.Day == day);
        if (!string.IsNullOrWhiteSpace(aoo))
        {
            query = query.Where(d => d.AooCode == aoo);
        }

        return query.OrderBy(d => d.AooCode).FirstOrDefaultAsync(ct);
    }

    internal static EntryResponse ToResponse(ProtocolEntry e) => new(
        e.AooCode, e.Year, e.Number, e.NumberText, e.RegisteredAt, e.Direction.ToString().ToLowerInvariant(), e.Subject, e.Channel,
        e.Correspondents.OrderBy(c => c.Position).Select(c => new CorrespondentInput(c.Name, c.TaxCode, c.IpaCode, c.DigitalAddress, c.PostalAddress)).ToList(),
        e.Documents.OrderBy(d => d.Position).Select(d => new Fingerprint(d.IsPrimary ? "document" : "attachment", d.FileName, d.MediaType, d.Length, d.Sha256)).ToList(),
        e.SenderReference, e.Classification, e.DossierReference, e.Offices, e.EmergencyNumber,
        e.IsAnnulled ? new Annulment(e.AnnulledAt!.Value, e.AnnulledBy!, e.AnnulmentReason!, e.AnnulmentAct!) : null,
        e.History.OrderBy(h => h.At).Select(h => new HistoryItem(h.At, h.By, h.Kind, h.Detail)).ToList(),
        LinksOf(e.EnteIpa, e.Year, e.Number, e.AooCode));

    private static Links LinksOf(string ipa, int year, long number, string aoo)
    {
        string self = $"/api/protocol/{ipa}/entries/{year}/{number}?aoo={Uri.EscapeDataString(aoo)}";
        return new Links(self, $"/api/protocol/{ipa}/entries/{year}/{number}/segnatura?aoo={Uri.EscapeDataString(aoo)}",
            $"/api/protocol/{ipa}/entries/{year}/{number}/receipt?aoo={Uri.EscapeDataString(aoo)}");
    }

    private static ProtocolDirection? ParseDirection(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "incoming" => ProtocolDirection.Incoming,
        "outgoing" => ProtocolDirection.Outgoing,
        "internal" => ProtocolDirection.Internal,
        _ => null,
    };

    private static string SafeName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        name = new string(name.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return name.Length == 0 ? "documento" : name.Length > 255 ? name[^255..] : name;
    }

    private static async Task<bool> ValidCookiePostAsync(HttpContext http)
        => await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http);

    private static IResult OutcomeProblem(ProtocolOutcome outcome) => outcome.ErrorCode switch
    {
        RegistrationErrors.UnknownBody => Problem(StatusCodes.Status404NotFound, "Ente sconosciuto", outcome.ErrorMessage!),
        RegistrationErrors.UnknownAoo => Problem(StatusCodes.Status422UnprocessableEntity, "AOO sconosciuta", outcome.ErrorMessage!),
        RegistrationErrors.MissingDocument => Problem(StatusCodes.Status422UnprocessableEntity, "Documento mancante", outcome.ErrorMessage!),
        _ => Problem(StatusCodes.Status400BadRequest, "Dati non validi", outcome.ErrorMessage!),
    };

    private static IResult NotYours(string ipa)
        => Problem(StatusCodes.Status404NotFound, "Ente non trovato", $"Nessun registro di protocollo dell'ente «{ipa}» è accessibile con queste credenziali.");

    private static IResult EntryNotFound(int year, long number)
        => Problem(StatusCodes.Status404NotFound, "Registrazione non trovata", $"Nessuna registrazione n. {number}/{year} nel registro.");

    private static IResult Problem(int status, string title, string detail) => Results.Problem(new ProblemDetails
    {
        Status = status,
        Title = title,
        Detail = detail,
    });
}
