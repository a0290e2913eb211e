using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Jobs;
using PenToscana.Modules.Invoicing.Data;

namespace PenToscana.Modules.Invoicing.Features.SdiSimulator;

/// <summary>
/// The simulator's SDICoop services as the real SdI exposes them to transmitters and recipients: SdIRiceviFile
/// (SdIRiceviFile_v1.0.wsdl) and SdIRiceviNotifica (SdIRiceviNotifica_v1.0.wsdl), plus the administrator's view and clock.
/// </summary>
internal static class SdiSimulatorEndpoints
{
    public const string RiceviFilePath = "/sdi-simulator/SdIRiceviFile";
    public const string RiceviNotificaPath = "/sdi-simulator/SdIRiceviNotifica";
    public const string AdminPolicy = "platform-admin";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost(RiceviFilePath, RiceviFileAsync)
            .WithName("SdiSimulatorRiceviFile").WithTags("SdI (simulatore)")
            .AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        app.MapPost(RiceviNotificaPath, RiceviNotificaAsync)
            .WithName("SdiSimulatorRiceviNotifica").WithTags("SdI (simulatore)")
            .AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();

        var admin = app.MapGroup("/api/v1/admin/sdi-simulator").WithTags("SdI (simulatore)").RequireAuthorization(AdminPolicy);
        admin.MapPost("/clock", AdvanceAsync)
            .WithName("AdvanceSdiSimulatorClock")
            .WithSummary("Manda avanti l'orologio del simulatore SdI e applica le scadenze (DT dopo 15 giorni, AT dopo il periodo di ritrasmissione)")
            .Produces<SdiClockDto>().ProducesProblem(400);
        admin.MapGet("/messages", ListAsync)
            .WithName("ListSdiSimulatorMessages")
            .WithSummary("File e notifiche scambiati dal simulatore SdI, dal più recente")
            .Produces<List<SdiSimMessageDto>>();
    }

    private static async Task<IResult> RiceviFileAsync(HttpRequest request, SdiSimulator simulator, CancellationToken ct)
    {
        var (message, name, content, fault) = await ReadFileMessageAsync(request, "fileSdIAccoglienza", "SdIRiceviFile", ct);
        if (fault is not null)
        {
            return fault;
        }

        var answer = await simulator.ReceiveFileAsync(name, content, ct);
        var fields = new List<(string, string)>
        {
            ("IdentificativoSdI", answer.IdentificativoSdI.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("DataOraRicezione", answer.DataOraRicezione.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture)),
        };
        if (answer.Errore is { } errore)
        {
            fields.Add(("Errore", errore));
        }

        return Soap.Ok(Soap.Operation(Soap.TrasmissioneTypes, "rispostaSdIRiceviFile", [.. fields]));
    }

    private static async Task<IResult> RiceviNotificaAsync(HttpRequest request, SdiSimulator simulator, CancellationToken ct)
    {
        var (message, name, content, fault) = await ReadFileMessageAsync(request, "fileSdI", "SdIRiceviNotifica", ct);
        if (fault is not null)
        {
            return fault;
        }

        var answer = await simulator.ReceiveOutcomeAsync(message!["IdentificativoSdI"], name, content, ct);
        string body = $"<types:rispostaSdINotificaEsito xmlns:types=\"{Soap.RicezioneTypes}\"><Esito>{answer.Esito}</Esito>"
            + (answer.Scarto is { } scarto ? $"<ScartoEsito><NomeFile>{answer.ScartoNomeFile}</NomeFile><File>{Convert.ToBase64String(scarto)}</File></ScartoEsito>" : "")
            + "</types:rispostaSdINotificaEsito>";
        return Soap.Ok(body);
    }

    /// <summary>Both SdICoop services receive a file the same way: the operation, its NomeFile and its File in Base64.</summary>
    private static async Task<(Soap.Message? Message, string Name, byte[] Content, IResult? Fault)> ReadFileMessageAsync(
        HttpRequest request, string operation, string service, CancellationToken ct)
    {
        var message = await Soap.ReadAsync(request.Body, ct);
        if (message is null || message.Operation != operation)
        {
            return (null, "", [], Soap.Fault($"Messaggio SOAP non leggibile: atteso {operation} ({service})."));
        }

        if (message["NomeFile"] is not { Length: > 0 } name || message["File"] is not { } file)
        {
            return (message, "", [], Soap.Fault("Mancano NomeFile o File."));
        }

        try
        {
            return (message, name, Convert.FromBase64String(file), null);
        }
        catch (FormatException)
        {
            return (message, name, [], Soap.Fault("Il contenuto di File non è in Base64."));
        }
    }

    private static async Task<IResult> AdvanceAsync(SdiClockRequest request, SdiSimulatorClock clock, SdiSimulator simulator, CancellationToken ct)
    {
        if (request.Days is < 0 or > 366 || request.Hours is < 0 or > 24 * 366 || (request.Days ?? 0) + (request.Hours ?? 0) == 0)
        {
            return Results.Problem(detail: "Indicare di quanti giorni (da 1 a 366) o di quante ore far avanzare l'orologio del simulatore.", statusCode: 400);
        }

        var now = await clock.AdvanceAsync(TimeSpan.FromDays(request.Days ?? 0) + TimeSpan.FromHours(request.Hours ?? 0), ct);
        int processed = await simulator.TickAsync(ct);
        return Results.Ok(new SdiClockDto(now, processed));
    }

    private static async Task<IResult> ListAsync(InvoicingDb db, long? identificativoSdI, CancellationToken ct)
    {
        var query = db.SdiSimMessages.AsNoTracking();
        if (identificativoSdI is { } id)
        {
            query = query.Where(m => m.IdentificativoSdI == id);
        }

        var rows = await query.OrderByDescending(m => m.At).ThenByDescending(m => m.Id).Take(500).ToListAsync(ct);
        return Results.Ok(rows.Select(SdiSimMessageDto.From).ToList());
    }
}

internal sealed record SdiClockRequest(int? Days, int? Hours);

internal sealed record SdiClockDto(DateTimeOffset Adesso, int FileElaborati);

internal sealed record SdiSimMessageDto(
    long IdentificativoSdI, string Tipo, string Parte, bool Ricevuto, string NomeFile, string Sha256, DateTimeOffset Data, bool Recapitato, string? Note,
    int Tentativi, DateTimeOffset? ProssimoTentativo, string? UltimoErrore)
{
    public static SdiSimMessageDto From(SdiSimMessage m) => new(m.IdentificativoSdI, m.Kind, m.Party, m.Incoming, m.NomeFile, m.Sha256, m.At, m.Delivered, m.Note,
        m.Attempts, m.NextAttemptAt, m.LastError);
}

/// <summary>The simulator's passing of time in the background: retries, AT and DT when due on its clock.</summary>
internal sealed class SdiSimulatorJob(SdiSimulator simulator) : IScheduledJob
{
    public string Name => "invoicing-sdi-simulator";

    public string Description => "Simulatore SdI: ritrasmissioni, attestazioni (AT) e decorrenza termini (DT)";

    public JobSchedule Schedule => JobSchedule.Every(TimeSpan.FromMinutes(5));

    public Task RunAsync(CancellationToken cancellationToken) => simulator.TickAsync(cancellationToken);
}

/// <summary>
/// The simulator's notifications that did not arrive, sent again when their next attempt is due on its clock (every
/// minute, so that a pause of a couple of minutes is kept closely).
/// </summary>
internal sealed class SdiSimulatorNotificationJob(SdiSimulator simulator) : IScheduledJob
{
    public string Name => "invoicing-sdi-simulator-notifications";

    public string Description => "Simulatore SdI: nuovi tentativi di recapito delle notifiche non arrivate";

    public JobSchedule Schedule => JobSchedule.Every(TimeSpan.FromMinutes(1));

    public Task RunAsync(CancellationToken cancellationToken) => simulator.DeliverPendingNotificationsAsync(cancellationToken);
}
