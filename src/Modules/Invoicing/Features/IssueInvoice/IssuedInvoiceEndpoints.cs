using System.Xml;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.Contracts.Invoicing;
using PenToscana.Kernel.Blobs;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Security;
using PenToscana.Kernel.Tenancy;
using PenToscana.Kernel.Users;
using PenToscana.Modules.Invoicing.Data;
using PenToscana.Modules.Invoicing.Features.Preservation;
using PenToscana.Modules.Invoicing.Features.SdiSimulator;

namespace PenToscana.Modules.Invoicing.Features.IssueInvoice;

/// <summary>
/// The transmitter's side of SDICoop: the TrasmissioneFatture service (TrasmissioneFatture_v1.1.wsdl) on which SdI sends
/// the notifications of the invoices the platform's bodies issued (RC, NS, MC, NE, DT, AT), and the issuing API.
/// </summary>
internal static class IssuedInvoiceEndpoints
{
    public const string TrasmissioneFatturePath = "/sdi/TrasmissioneFatture";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost(TrasmissioneFatturePath, NotificationAsync)
            .WithName("TrasmissioneFatture").WithTags("SdI")
            .AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();

        var api = app.MapGroup("/api/invoicing/{ipa}/fatture-emesse").WithTags("Fatturazione elettronica").RequireAuthorization(InvoicingModule.OperatorPolicy);
        api.MapPost("", IssueAsync)
            .WithName("IssueInvoice")
            .WithSummary("Emette una fattura elettronica a una pubblica amministrazione o a un'impresa e la trasmette a SdI")
            .WithDescription("A una PA: codiceUfficio (Codice Univoco Ufficio, FPA12, scissione dei pagamenti). A un'impresa: codiceDestinatario (7 caratteri) o pecDestinatario (FPR12). Il file è nominato IT<codice fiscale dell'ente>_<progressivo>, firmato, verificato e trasmesso; lo stato segue le notifiche di SdI.")
            .Produces<IssuedInvoiceDto>(StatusCodes.Status201Created).ProducesProblem(400).ProducesProblem(404);
        api.MapGet("/{id:guid}", GetAsync)
            .WithName("GetIssuedInvoice")
            .WithSummary("Una fattura emessa con lo stato e la cronologia delle notifiche SdI (RC, NS, MC, NE, DT, AT)")
            .Produces<IssuedInvoiceDto>().ProducesProblem(404);
    }

    /// <summary>The body named in the route, if the caller works for it (its API client, an operator, a platform admin).</summary>
    private static async Task<Ente?> BodyAsync(HttpContext http, string ipa, CancellationToken ct)
    {
        var ente = await http.RequestServices.GetRequiredService<KernelDb>().Enti.AsNoTracking().SingleOrDefaultAsync(e => e.IpaCode == ipa, ct);
        if (ente is null)
        {
            return null;
        }

        var user = http.RequestServices.GetRequiredService<ICurrentUser>();
        bool allowed = http.User.FindFirst(ApiClientClaims.Body)?.Value is { } clientBody
            ? clientBody == ente.Id.ToString()
            : user.OperatorBodies.Contains(ente.Id);
        if (!allowed)
        {
            return null;
        }

        http.RequestServices.GetRequiredService<BodyScope>().RestrictTo([ente.Id]);
        return ente;
    }

    private static async Task<IResult> IssueAsync(string ipa, IssueInvoiceRequest request, HttpContext http, IssueInvoiceHandler handler, ICurrentUser user, InvoicingDb db, CancellationToken ct)
    {
        var ente = await BodyAsync(http, ipa, ct);
        if (ente is null)
        {
            return Results.Problem(detail: "Ente non trovato.", statusCode: 404);
        }

        var (invoice, errors) = await handler.HandleAsync(ente.Id, request, user.TaxCode, ct);
        if (invoice is null)
        {
            return Results.Problem(detail: "La fattura non può essere emessa: " + string.Join(" ", errors), statusCode: 400,
                extensions: new Dictionary<string, object?> { ["errori"] = errors });
        }

        return Results.Created($"/api/invoicing/{ipa}/fatture-emesse/{invoice.Id}", await DtoAsync(db, invoice, ct));
    }

    private static async Task<IResult> GetAsync(string ipa, Guid id, HttpContext http, InvoicingDb db, CancellationToken ct)
    {
        var ente = await BodyAsync(http, ipa, ct);
        var invoice = ente is null ? null : await db.IssuedInvoices.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id && i.EnteId == ente.Id, ct);
        return invoice is null ? Results.Problem(detail: "Fattura non trovata.", statusCode: 404) : Results.Ok(await DtoAsync(db, invoice, ct));
    }

    internal static async Task<IssuedInvoiceDto> DtoAsync(InvoicingDb db, IssuedInvoice i, CancellationToken ct)
    {
        var events = await db.ExchangeEvents.AsNoTracking().Where(e => e.InvoiceId == i.Id).OrderBy(e => e.At).ToListAsync(ct);
        return new IssuedInvoiceDto(i.Id, i.FileName, i.Numero, i.DocumentDate, i.CustomerName, i.CodiceDestinatario, i.TotalCents / 100m, StatusLabel(i.Status),
            i.IdentificativoSdI, i.ProtocolNumber, [.. events.Select(e => new ExchangeEventDto(e.At, e.Kind, e.Label, e.Detail))]);
    }

    public static string StatusLabel(IssuedInvoiceStatus status) => status switch
    {
        IssuedInvoiceStatus.InInvio => "In invio a SdI",
        IssuedInvoiceStatus.Inviata => "Inviata a SdI",
        IssuedInvoiceStatus.Scartata => "Scartata da SdI (NS)",
        IssuedInvoiceStatus.Consegnata => "Consegnata (RC)",
        IssuedInvoiceStatus.MancataConsegna => "Mancata consegna (MC)",
        IssuedInvoiceStatus.Attestata => "Trasmessa, impossibile recapitare (AT)",
        IssuedInvoiceStatus.Accettata => "Accettata dal destinatario (NE EC01)",
        IssuedInvoiceStatus.Rifiutata => "Rifiutata dal destinatario (NE EC02)",
        IssuedInvoiceStatus.DecorrenzaTermini => "Decorrenza termini (DT)",
        _ => status.ToString(),
    };

    /// <summary>A notification from SdI about an issued invoice: the state moves on and the timeline gets the notification.</summary>
    private static async Task<IResult> NotificationAsync(HttpRequest request, InvoicingDb db, IBlobStore blobs, TimeProvider time, CancellationToken ct)
    {
        var message = await Soap.ReadAsync(request.Body, ct);
        if (message is null || message["NomeFile"] is not { Length: > 0 } name || message["File"] is not { Length: > 0 } file)
        {
            return Soap.Fault("Messaggio SOAP non leggibile: attesi IdentificativoSdI, NomeFile e File.");
        }

        byte[] content;
        try
        {
            content = Convert.FromBase64String(file);
        }
        catch (FormatException)
        {
            return Soap.Fault("Il contenuto di File non è in Base64.");
        }

        // Notification names are <invoice file name without extension>_<type>_<nnn>.xml.
        int cut = name.LastIndexOf('_', name.LastIndexOf('_') - 1);
        string invoiceName = cut > 0 ? name[..cut] + ".xml" : name;
        string? sdiId = message["IdentificativoSdI"];
        var invoice = await db.IssuedInvoices.IgnoreQueryFilters()
            .FirstOrDefaultAsync(i => i.FileName == invoiceName || (sdiId != null && i.IdentificativoSdI == sdiId), ct);
        if (invoice is null)
        {
            return Soap.Fault($"Notifica per un file non trasmesso da questa piattaforma ({name}).");
        }

        XmlDocument document;
        try
        {
            document = SafeXml.LoadXmlDocument(content);
        }
        catch (XmlException)
        {
            return Soap.Fault("Notifica non leggibile.");
        }

        string? Text(string local) => document.SelectSingleNode($"//*[local-name()='{local}']")?.InnerText;
        string sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
        string? messageId = document.DocumentElement?.SelectSingleNode("*[local-name()='MessageId']")?.InnerText is { Length: > 0 and <= 50 } m ? m : null;
        if (await db.ExchangeEvents.IgnoreQueryFilters().AnyAsync(e => e.InvoiceId == invoice.Id
                && ((messageId != null && e.MessageId == messageId) || e.MessageSha256 == sha256), ct))
        {
            // The same notification delivered again (SdI retries when it got no answer): acknowledged, applied once.
            return Soap.Ok("");
        }

        invoice.IdentificativoSdI ??= sdiId;
        var stored = await blobs.PutAsync(new MemoryStream(content, writable: false), cancellationToken: ct);
        var now = time.GetUtcNow();
        (string Kind, string Label, string? Detail, IssuedInvoiceStatus? Status) parsed = message.Operation switch
        {
            "ricevutaConsegna" => ("RC", $"Ricevuta di consegna (RC): consegnata a {Text("Codice")}", Text("Descrizione"), (IssuedInvoiceStatus?)IssuedInvoiceStatus.Consegnata),
            "notificaScarto" => ("NS", "Notifica di scarto (NS): SdI ha rifiutato il file", string.Join("\n",
                document.SelectNodes("//*[local-name()='Errore']")!.Cast<XmlNode>().Select(e => $"{e.SelectSingleNode("*[local-name()='Codice']")?.InnerText} {e.SelectSingleNode("*[local-name()='Descrizione']")?.InnerText}")), IssuedInvoiceStatus.Scartata),
            "notificaMancataConsegna" => ("MC", "Notifica di mancata consegna (MC): SdI ritenterà il recapito", Text("Descrizione"), IssuedInvoiceStatus.MancataConsegna),
            "notificaEsito" => Text("Esito") == "EC02"
                ? ("NE", "Notifica di esito (NE): fattura rifiutata dal destinatario (EC02)", Text("Descrizione"), IssuedInvoiceStatus.Rifiutata)
                : ("NE", "Notifica di esito (NE): fattura accettata dal destinatario (EC01)", Text("Descrizione"), IssuedInvoiceStatus.Accettata),
            "notificaDecorrenzaTermini" => ("DT", "Notifica di decorrenza termini (DT): nessun esito del destinatario entro 15 giorni", null, IssuedInvoiceStatus.DecorrenzaTermini),
            "attestazioneTrasmissioneFattura" => ("AT", "Attestazione di avvenuta trasmissione con impossibilità di recapito (AT)", Text("Note"), IssuedInvoiceStatus.Attestata),
            _ => ("?", "", (string?)null, (IssuedInvoiceStatus?)null),
        };
        var (kind, label, detail, status) = parsed;
        if (status is null)
        {
            return Soap.Fault("Operazione non supportata.");
        }

        if (invoice.Status is not (IssuedInvoiceStatus.Accettata or IssuedInvoiceStatus.Rifiutata or IssuedInvoiceStatus.DecorrenzaTermini or IssuedInvoiceStatus.Scartata or IssuedInvoiceStatus.Attestata)
            || status is IssuedInvoiceStatus.Attestata or IssuedInvoiceStatus.DecorrenzaTermini)
        {
            invoice.Status = status.Value;
        }

        if (status == IssuedInvoiceStatus.Scartata)
        {
            invoice.LastError = detail is { Length: > 1000 } ? detail[..1000] : detail;
        }

        var exchangeEvent = IssuedEvents.Event(invoice, kind, label, detail, stored.Sha256, name, now);
        exchangeEvent.MessageId = messageId;
        db.ExchangeEvents.Add(exchangeEvent);
        PreservationHandover.Issued(db, invoice, kind, new InvoiceFile(name, PreservationHandover.Xml, stored.Sha256, stored.Length), now);
        await db.SaveChangesAsync(ct);
        return Soap.Ok("");
    }
}
