using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PenToscana.Modules.Invoicing.Areas.Invoicing.Pages;

namespace PenToscana.Modules.Invoicing.Features.BrowseRegister;

/// <summary>
/// The registro unico fatture for the body's own systems, <c>GET /api/invoicing/{ipa}/registro</c>: the same search as the
/// back-office register page (same handler), paged with the total count. The body's API client (client credentials,
/// scope <c>api.invoicing</c>) or its operator; another body's caller gets 404.
/// </summary>
internal static class RegisterEndpoints
{
    public const int MaxPageSize = 200;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/invoicing/{ipa}/registro", HandleAsync)
            .WithName("BrowseInvoiceRegister")
            .WithTags("Fatturazione elettronica")
            .WithSummary("Il registro unico delle fatture ricevute dall'ente, con filtri e paginazione")
            .WithDescription("Filtri come nella pagina del registro: stato (" + string.Join(", ", RegisterQuery.StatusFilters.Select(s => $"{s.Key} = {s.Value}"))
                + "), fornitore (parte di denominazione, partita IVA o codice fiscale), dal / al (date di iscrizione nel registro, AAAA-MM-GG, incluse), "
                + $"pagina (da 1) e dimensione (da 1 a {MaxPageSize}, 25 se omessa). Righe dalla più recente; totale = numero di righe che rispettano i filtri.")
            .Produces<RegisterPageDto>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(InvoicingModule.OperatorPolicy);
    }

    private static async Task<IResult> HandleAsync(
        string ipa, string? stato, string? fornitore, string? dal, string? al, string? pagina, string? dimensione,
        HttpContext http, BrowseRegisterHandler handler, CancellationToken ct)
    {
        var ente = await Payments.PaymentEndpoints.ResolveAsync(http, ipa, ct);
        if (ente is null)
        {
            return Results.Problem(detail: "Ente non trovato.", statusCode: StatusCodes.Status404NotFound);
        }

        var errors = new List<string>();
        if (stato is { Length: > 0 } && !RegisterQuery.StatusFilters.ContainsKey(stato))
        {
            errors.Add($"Stato «{stato}» sconosciuto: ammessi {string.Join(", ", RegisterQuery.StatusFilters.Keys)}.");
        }

        if (fornitore is { Length: > 100 })
        {
            errors.Add("Il filtro sul fornitore è lungo al massimo 100 caratteri.");
        }

        DateOnly? from = Day(dal, "dal", errors), to = Day(al, "al", errors);
        if (from is not null && to is not null && from > to)
        {
            errors.Add("La data «dal» è successiva alla data «al».");
        }

        int page = Number(pagina, "pagina", 1, int.MaxValue, 1, errors);
        int size = Number(dimensione, "dimensione", 1, MaxPageSize, 25, errors);
        if (errors.Count > 0)
        {
            return Results.Problem(detail: string.Join(" ", errors), statusCode: StatusCodes.Status400BadRequest, title: "Filtri non validi",
                extensions: new Dictionary<string, object?> { ["errori"] = errors });
        }

        var result = await handler.HandleAsync(new BrowseRegisterRequest(ente.Id)
        {
            Status = stato is { Length: > 0 } ? stato : null,
            Supplier = fornitore,
            From = from,
            To = to,
            Page = page,
            PageSize = size,
        }, ct);
        // An empty result still has its (empty) first page; any page past the last is an error, with or without rows.
        int pages = Math.Max(1, result.Pages);
        if (page > pages)
        {
            return Results.Problem(detail: $"La pagina {page} non esiste: le pagine sono {pages}.", statusCode: StatusCodes.Status400BadRequest, title: "Filtri non validi");
        }

        return Results.Ok(new RegisterPageDto(result.Total, result.Page, size, result.Pages, [.. result.Rows.Select(RegisterRowDto.From)]));
    }

    private static DateOnly? Day(string? text, string name, List<string> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        errors.Add($"La data «{name}» ({text}) non è valida: usare il formato AAAA-MM-GG.");
        return null;
    }

    private static int Number(string? text, string name, int min, int max, int fallback, List<string> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors.Add(max == int.MaxValue ? $"«{name}» deve essere un numero intero da {min} in su." : $"«{name}» deve essere un numero intero da {min} a {max}.");
        return fallback;
    }
}

/// <summary>A page of the register: the rows and how many match the filters in all.</summary>
internal sealed record RegisterPageDto(int Totale, int Pagina, int Dimensione, int Pagine, IReadOnlyList<RegisterRowDto> Righe);

/// <summary>One entry of the registro unico fatture with its required fields and the invoice's current state.</summary>
internal sealed record RegisterRowDto(
    Guid IdFattura, int Anno, long NumeroRegistro, DateTimeOffset DataRegistrazione, string IdentificativoSdI, string? Protocollo,
    string Fornitore, string? PartitaIvaCodiceFiscale, string? NumeroFattura, DateOnly? DataFattura, decimal Importo, DateOnly? Scadenza,
    string? Cig, string? Cup, string? Oggetto, string Stato, DateOnly TermineEsito, int? GiorniAlTermine, decimal ImportoPagato,
    DateOnly? DataPagamento, string StatoPagamento, string? IbanPagamento, bool IbanNonCertificato, DateOnly ScadenzaPagamento, int? GiorniAllaScadenza)
{
    public static RegisterRowDto From(RegisterRow r) => new(
        r.InvoiceId, r.Year, r.Number, r.RegisteredAt, r.IdentificativoSdI, r.ProtocolNumber, r.SupplierName, r.SupplierTaxId, r.InvoiceNumber,
        r.InvoiceDate, r.TotalCents / 100m, r.DueDate, r.Cig, r.Cup, r.Subject, InvoicingPage.StatusLabel(r.Status), r.OutcomeDueOn, r.DaysLeft,
        r.PaidCents / 100m, r.LastPaidOn, r.PaymentState, r.PaymentIban, r.UncertifiedIban, r.PaymentDueOn, r.PaymentDaysLeft);
}
