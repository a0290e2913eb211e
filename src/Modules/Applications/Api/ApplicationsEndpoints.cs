using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Calendar;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Users;
using PenToscana.Modules.Applications.Data;
using PenToscana.Modules.Applications.Domain;
using PenToscana.Modules.Applications.Features.Catalogue;
using PenToscana.Modules.Applications.Features.FillForm;
using PenToscana.Modules.Applications.Features.ManageApplication;
using PenToscana.Modules.Applications.Features.SubmitApplication;
using PenToscana.Modules.Applications.Forms;

namespace PenToscana.Modules.Applications.Api;

public sealed record ServiceDto(string Slug, string Title, string Category, string Summary, string WhoMayApply, string Costs, int TermDays,
    bool SilentAssent, string Office, string ResponsibleOfficial, string LegalBasis, int SpidLevel, string Url);

public sealed record SubmitRequest(string EnteIpa, string ServiceSlug, Dictionary<string, string> Data);

public sealed record FieldErrorDto(string Field, string Message);

public sealed record ApplicationDto(Guid Id, string Reference, string EnteIpa, string Service, string Status, string StatusCode, DateTimeOffset SubmittedAt,
    string? ProtocolNumber, DateTimeOffset? ProtocolAt, int TermDays, DateOnly? TermDeadline, int? DaysLeft, bool Suspended, bool Overdue, bool SilentAssent,
    string Office, string ResponsibleOfficial, string? AssignedTo, string ReceiptUrl)
{
    /// <summary>The fee due with the application, in euro cents (0 when the service is free).</summary>
    public long FeeCents { get; init; }

    /// <summary>The pagoPA notice number to pay the fee with, once the debt position exists.</summary>
    public string? PaymentNoticeNumber { get; init; }

    /// <summary>The payment notice (PDF) for the applicant, while the fee is to be paid.</summary>
    public string? PaymentNoticeUrl { get; init; }

    /// <summary>When the fee was paid.</summary>
    public DateTimeOffset? PaidAt { get; init; }
}

public sealed record BackOfficeApplicationDto(ApplicationDto Application, string ApplicantTaxCode, string ApplicantName, Dictionary<string, string> Data);

public sealed record StatusChangeRequest(string Action, string? Text, string? AssigneeTaxCode, string? AssigneeName);

/// <summary>The applications API: the public catalogue, submission for the signed-in person, and the bodies' back-office systems.</summary>
internal static class ApplicationsEndpoints
{
    private const string OperatorPolicy = "operator";

    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Istanze");
        api.MapGet("/enti/{ipa}/servizi", async Task<Results<Ok<List<ServiceDto>>, NotFound>> (string ipa, KernelDb kernel, CatalogueReader catalogue, CancellationToken ct) =>
            {
                var ente = await kernel.Enti.AsNoTracking().SingleOrDefaultAsync(e => e.IpaCode == ipa, ct);
                return ente is null ? TypedResults.NotFound() : TypedResults.Ok((await catalogue.ListAsync(ente.Id, ct)).Select(s => ToDto(ipa, s)).ToList());
            })
            .WithName("ListServices").WithSummary("Servizi online di un ente").WithDescription("La scheda di ogni servizio con i dati dell'art. 35 del D.Lgs 33/2013.").AllowAnonymous();

        api.MapGet("/enti/{ipa}/servizi/{slug}/modulo", async Task<IResult> (string ipa, string slug, KernelDb kernel, CatalogueReader catalogue, CancellationToken ct) =>
            {
                var ente = await kernel.Enti.AsNoTracking().SingleOrDefaultAsync(e => e.IpaCode == ipa, ct);
                var service = ente is null ? null : await catalogue.FindAsync(ente.Id, slug, ct);
                var form = service is null ? null : await catalogue.CurrentFormAsync(service.Id, ct);
                return form is null ? TypedResults.NotFound() : TypedResults.Text(form.Json, "application/json");
            })
            .WithName("GetFormDefinition").WithSummary("Definizione del modulo in vigore per un servizio")
            .WithDescription("Passi, campi e regole in JSON: le stesse regole sono applicate dal server all'invio.").AllowAnonymous();

        var citizen = api.MapGroup("/istanze").RequireAuthorization();
        citizen.MapPost("/", async Task<IResult> (SubmitRequest request, KernelDb kernel, CatalogueReader catalogue, StartDraftHandler start, ApplicationsDb db,
                SubmitApplicationHandler submit, TimeProvider time, CancellationToken ct) =>
            {
                var ente = await kernel.Enti.AsNoTracking().SingleOrDefaultAsync(e => e.IpaCode == request.EnteIpa, ct);
                var service = ente is null ? null : await catalogue.FindAsync(ente.Id, request.ServiceSlug, ct);
                if (service is null)
                {
                    return TypedResults.Problem(title: "Servizio non trovato", detail: "L'ente o il servizio indicati non esistono.", statusCode: StatusCodes.Status404NotFound);
                }

                var started = await start.HandleAsync(service.Id, null, resumeOpenDraft: false, ct);
                if (started.IsFailure)
                {
                    return TypedResults.Problem(title: "Domanda non avviata", detail: started.Error.Message, statusCode: StatusCodes.Status422UnprocessableEntity);
                }

                var draft = await db.Drafts.SingleAsync(d => d.Id == started.Value, ct);
                var version = await db.FormVersions.AsNoTracking().SingleAsync(f => f.Id == draft.FormVersionId, ct);
                var form = FormDefinition.Parse(version.Json);
                var data = DraftData.Read(draft.DataJson);
                var readOnly = form.AllFields().Where(f => f.ReadOnly).Select(f => f.Key).ToHashSet();
                foreach (var (key, value) in request.Data ?? [])
                {
                    if (!readOnly.Contains(key))
                    {
                        data[key] = value;
                    }
                }

                draft.DataJson = DraftData.Write(data);
                await db.SaveChangesAsync(ct);
                var outcome = await submit.HandleAsync(draft.Id, null, ct);
                if (!outcome.Succeeded)
                {
                    var problem = new HttpValidationProblemDetails(outcome.Errors.GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()))
                    {
                        Title = "Domanda non valida",
                        Detail = outcome.Error?.Message,
                        Status = StatusCodes.Status422UnprocessableEntity,
                    };
                    problem.Extensions["draftId"] = draft.Id;
                    return TypedResults.Problem(problem);
                }

                var s = await db.Submissions.AsNoTracking().SingleAsync(x => x.Id == outcome.SubmissionId, ct);
                return TypedResults.Created($"/api/v1/istanze/{s.Id}", ToDto(s, time.TodayInItaly()));
            })
            .WithName("SubmitApplication").WithSummary("Invia una domanda per la persona autenticata")
            .WithDescription("Valida i dati con le regole del modulo, protocolla e restituisce la ricevuta. Gli allegati si caricano dalle pagine web.");

        citizen.MapGet("/", async (ApplicationsDb db, ICurrentUser user, TimeProvider time, CancellationToken ct) =>
                (await db.Submissions.AsNoTracking().Where(s => s.ApplicantTaxCode == user.TaxCode).OrderByDescending(s => s.SubmittedAt).ToListAsync(ct))
                    .Select(s => ToDto(s, time.TodayInItaly())).ToList())
            .WithName("ListMyApplications").WithSummary("Le domande della persona autenticata, presso tutti gli enti");

        citizen.MapGet("/{id:guid}", async Task<Results<Ok<ApplicationDto>, NotFound>> (Guid id, ApplicationReader reader, TimeProvider time, CancellationToken ct) =>
                await reader.MineAsync(id, ct) is { } s ? TypedResults.Ok(ToDto(s, time.TodayInItaly())) : TypedResults.NotFound())
            .WithName("GetMyApplication").WithSummary("Una domanda della persona autenticata");

        var backoffice = app.MapGroup("/api/v1/backoffice/istanze").WithTags("Istanze - back office").RequireAuthorization(OperatorPolicy);
        backoffice.MapGet("/", async (ApplicationsDb db, TimeProvider time, string? stato, int? pagina, CancellationToken ct) =>
            {
                var query = db.Submissions.AsNoTracking();
                if (Enum.TryParse<SubmissionStatus>(stato, true, out var status))
                {
                    query = query.Where(s => s.Status == status);
                }

                var page = Math.Max(1, pagina ?? 1);
                var today = time.TodayInItaly();
                return (await query.OrderBy(s => s.TermDeadline).Skip((page - 1) * 50).Take(50).ToListAsync(ct)).Select(s => ToDto(s, today)).ToList();
            })
            .WithName("ListBodyApplications").WithSummary("Le istanze degli enti del chiamante, 50 per pagina, per scadenza");

        backoffice.MapGet("/{id:guid}", async Task<Results<Ok<BackOfficeApplicationDto>, NotFound>> (Guid id, ApplicationsDb db, TimeProvider time, CancellationToken ct) =>
                await db.Submissions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct) is { } s
                    ? TypedResults.Ok(new BackOfficeApplicationDto(ToDto(s, time.TodayInItaly()), s.ApplicantTaxCode, s.ApplicantName, DraftData.Read(s.DataJson)))
                    : TypedResults.NotFound())
            .WithName("GetBodyApplication").WithSummary("Un'istanza con i dati della domanda; 404 se di un altro ente");

        backoffice.MapPost("/{id:guid}/stato", async Task<IResult> (Guid id, StatusChangeRequest request, ApplicationsDb db, ManageApplicationHandler handler, TimeProvider time, CancellationToken ct) =>
            {
                var s = await db.Submissions.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
                if (s is null)
                {
                    return TypedResults.NotFound();
                }

                if (!Enum.TryParse<OfficeAction>(request.Action, true, out var action))
                {
                    return TypedResults.Problem(title: "Azione sconosciuta", detail: $"Azioni ammesse: {string.Join(", ", Enum.GetNames<OfficeAction>())}.", statusCode: StatusCodes.Status400BadRequest);
                }

                var result = await handler.HandleAsync(s.EnteIpa, id, new OfficeActionRequest(action, request.Text, request.AssigneeTaxCode, request.AssigneeName), ct);
                return result.IsSuccess
                    ? TypedResults.Ok(ToDto(result.Value, time.TodayInItaly()))
                    : TypedResults.Problem(title: "Cambio di stato non ammesso", detail: result.Error.Message, statusCode: StatusCodes.Status409Conflict);
            })
            .WithName("ChangeApplicationStatus").WithSummary("Registra un passaggio di stato (presa in carico, integrazione, decisione…)");
    }

    /// <summary>Documents of an application, for the applicant and for the body's operators.</summary>
    public static void MapDownloads(WebApplication app)
    {
        var mine = app.MapGroup("/area-personale/istanze/{id:guid}").RequireAuthorization().ExcludeFromDescription();
        mine.MapGet("/ricevuta.pdf", async Task<IResult> (Guid id, ApplicationReader reader, CancellationToken ct) =>
            await reader.MineAsync(id, ct) is { } s
                ? TypedResults.File(Documents.ApplicationDocuments.ReceiptPdf(s), "application/pdf", $"ricevuta-{s.Reference}.pdf")
                : TypedResults.NotFound());
        mine.MapGet("/attestazione.pdf", async Task<IResult> (Guid id, ApplicationReader reader, CancellationToken ct) =>
            await reader.MineAsync(id, ct) is { Status: SubmissionStatus.AcceptedBySilentAssent } s
                ? TypedResults.File(Documents.ApplicationDocuments.SilentAssentAttestation(s), "application/pdf", $"attestazione-silenzio-assenso-{s.Reference}.pdf")
                : TypedResults.NotFound());
        mine.MapGet("/documenti/{fileId:guid}", async Task<IResult> (Guid id, Guid fileId, ApplicationReader reader, ApplicationsDb db, Kernel.Blobs.IBlobStore blobs, CancellationToken ct) =>
            {
                var s = await reader.MineAsync(id, ct);
                var file = s is null ? null : await db.Files.AsNoTracking().SingleOrDefaultAsync(f => f.Id == fileId && f.SubmissionId == id, ct);
                return file is null ? TypedResults.NotFound() : TypedResults.Stream(await blobs.OpenReadAsync(file.Sha256, cancellationToken: ct), file.MediaType, file.FileName);
            });
        app.MapGet("/backoffice/{ipa}/documenti-istanze/{file:guid}", async Task<IResult> (string ipa, Guid file, ApplicationReader reader, ApplicationsDb db,
                Kernel.Blobs.IBlobStore blobs, CancellationToken ct) =>
            {
                var stored = await db.Files.AsNoTracking().SingleOrDefaultAsync(f => f.Id == file && f.SubmissionId != null, ct);
                var s = stored is null ? null : await reader.OfBodyAsync(ipa, stored.SubmissionId!.Value, ct);
                var found = s is null ? null : stored;
                return found is null ? TypedResults.NotFound() : TypedResults.Stream(await blobs.OpenReadAsync(found.Sha256, cancellationToken: ct), found.MediaType, found.FileName);
            })
            .RequireAuthorization(OperatorPolicy).ExcludeFromDescription();
        app.MapGet("/backoffice/{ipa}/sportello/ricevute/{id:guid}/ricevuta.pdf", async Task<IResult> (string ipa, Guid id, Features.AssistedAccess.DeskAccess access,
                ApplicationsDb db, CancellationToken ct) =>
            {
                var desk = await access.BodyAsync(ipa, ct);
                var s = desk is null ? null : await Areas.Applications.Pages.Backoffice.Sportello.DeskReceipts.FindAsync(db, desk, id, ct);
                return s is null ? TypedResults.NotFound() : TypedResults.File(Documents.ApplicationDocuments.ReceiptPdf(s), "application/pdf", $"ricevuta-{s.Reference}.pdf");
            })
            .RequireAuthorization(OperatorPolicy).ExcludeFromDescription();
    }

    internal static ServiceDto ToDto(string ipa, Service s)
        => new(s.Slug, s.Title, s.Category, s.Summary, s.WhoMayApply, s.Costs, s.TermDays, s.SilentAssent, s.OfficeName, s.ResponsibleOfficial, s.LegalBasis, s.SpidLevel,
            $"/enti/{ipa}/servizi/{s.Slug}");

    internal static ApplicationDto ToDto(Submission s, DateOnly today)
        => new(s.Id, s.Reference, s.EnteIpa, s.ServiceTitle, Statuses.Label(s.Status), s.Status.ToString(), s.SubmittedAt, s.ProtocolNumber, s.ProtocolAt, s.TermDays,
            s.TermDeadline, Deadlines.DaysLeft(s, today), s.SuspendedFor is not null, Deadlines.IsOverdue(s, today), s.SilentAssent, s.OfficeName, s.ResponsibleOfficial,
            s.AssignedToName, $"/area-personale/istanze/{s.Id}/ricevuta.pdf")
        {
            FeeCents = s.FeeCents,
            PaymentNoticeNumber = s.PaymentNoticeNumber,
            PaymentNoticeUrl = s.PaymentNoticeNumber is null ? null : $"/area-personale/pagamenti/avviso/{s.EnteIpa}/{s.PaymentNoticeNumber}",
            PaidAt = s.PaidAt,
        };
}
