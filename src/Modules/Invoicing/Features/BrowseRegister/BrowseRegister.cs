using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Calendar;
using PenToscana.Modules.Invoicing.Data;

namespace PenToscana.Modules.Invoicing.Features.BrowseRegister;

/// <summary>
/// A search of the registro unico fatture of one body. <see cref="Status"/> filters on the invoice's state (<c>late</c>:
/// still without outcome and in the last five days of the term); <see cref="Supplier"/> matches name, P.IVA or codice
/// fiscale; <see cref="From"/>/<see cref="To"/> are Italian calendar days of entry in the register, both included.
/// <see cref="PageSize"/> 0 returns every matching row (print view and export).
/// </summary>
internal sealed record BrowseRegisterRequest(Guid EnteId)
{
    public string? Status { get; init; }

    public string? Supplier { get; init; }

    public DateOnly? From { get; init; }

    public DateOnly? To { get; init; }

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = 25;
}

/// <summary>One row of the register with the invoice's current state and the days left to accept or refuse it.</summary>
internal sealed record RegisterRow(
    Guid InvoiceId, int Year, long Number, DateTimeOffset RegisteredAt, string IdentificativoSdI, string? ProtocolNumber,
    string SupplierName, string? SupplierTaxId, string? InvoiceNumber, DateOnly? InvoiceDate, long TotalCents, DateOnly? DueDate,
    string? Cig, string? Cup, string? Subject, ReceivedInvoiceStatus Status, DateOnly OutcomeDueOn, int? DaysLeft)
{
    public long PaidCents { get; init; }

    public DateOnly? LastPaidOn { get; init; }

    public string? PaymentIban { get; init; }

    /// <summary>The invoice asks to be paid to an IBAN that is not a certified account of the supplier.</summary>
    public bool UncertifiedIban { get; init; }

    /// <summary>
    /// When the payment is due: the date the invoice states or, without one, the body's payment term from receipt
    /// (30 days, 60 for health-service bodies).
    /// </summary>
    public DateOnly PaymentDueOn { get; init; }

    /// <summary>Days left to the payment's due date for an invoice not yet paid in full (negative once past); null otherwise.</summary>
    public int? PaymentDaysLeft { get; init; }

    /// <summary>Not paid in full and past its due date.</summary>
    public bool PaymentOverdue => PaymentDaysLeft is < 0;

    /// <summary>"non pagata", "pagata parzialmente" or "pagata".</summary>
    public string PaymentState => PaidCents <= 0 ? "non pagata" : PaidCents >= TotalCents ? "pagata" : "pagata parzialmente";

    /// <summary>In the last five days of the 15 (the office has been reminded) or past the term without an outcome.</summary>
    public bool IsLate => DaysLeft is <= RegisterQuery.LateWithinDays;
}

internal sealed record BrowseRegisterResponse(IReadOnlyList<RegisterRow> Rows, int Total, int Page, int Pages);

internal static class RegisterQuery
{
    public const int LateWithinDays = ReceiveInvoice.ReceiveInvoiceHandler.OutcomeDays - 10;

    public static readonly IReadOnlyDictionary<string, string> StatusFilters = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["attesa"] = "In attesa di esito",
        ["ritardo"] = "In attesa, termine vicino o scaduto",
        ["accettate"] = "Accettate (EC01)",
        ["rifiutate"] = "Rifiutate (EC02)",
        ["decorse"] = "Decorrenza termini",
        ["pagate"] = "Pagate",
        ["parziali"] = "Pagate parzialmente",
        ["iban"] = "Con IBAN non certificato",
    };
}

/// <summary>Reads the register joined with the received invoices; rows newest first (year, number descending).</summary>
internal sealed class BrowseRegisterHandler(InvoicingDb db, TimeProvider time, Timeliness.PaymentTerms terms)
{
    public async Task<BrowseRegisterResponse> HandleAsync(BrowseRegisterRequest request, CancellationToken ct)
    {
        var today = time.TodayInItaly();
        int termDays = await terms.DaysAsync(request.EnteId, ct);
        var query =
            from r in db.Register.AsNoTracking()
            join i in db.ReceivedInvoices.AsNoTracking() on r.ReceivedInvoiceId equals i.Id
            where r.EnteId == request.EnteId
            select new { r, i };
        query = request.Status switch
        {
            "attesa" => query.Where(x => x.i.Status == ReceivedInvoiceStatus.Received),
            "ritardo" => query.Where(x => x.i.Status == ReceivedInvoiceStatus.Received && x.i.OutcomeDueOn <= today.AddDays(RegisterQuery.LateWithinDays)),
            "accettate" => query.Where(x => x.i.Status == ReceivedInvoiceStatus.Accepted),
            "rifiutate" => query.Where(x => x.i.Status == ReceivedInvoiceStatus.Refused),
            "decorse" => query.Where(x => x.i.Status == ReceivedInvoiceStatus.Expired),
            "pagate" => query.Where(x => x.i.Status == ReceivedInvoiceStatus.Paid),
            "parziali" => query.Where(x => x.i.PaidCents > 0 && x.i.PaidCents < x.i.TotalCents),
            "iban" => query.Where(x => x.i.PaymentIban != null
                && !db.SupplierIbans.Any(s => s.SupplierId == x.i.SupplierId && s.Iban == x.i.PaymentIban && s.Status == IbanStatus.Certified)),
            _ => query,
        };
        if (!string.IsNullOrWhiteSpace(request.Supplier))
        {
            // Upper-cased on both sides and matched with LIKE, so the search is case-insensitive on SQLite and PostgreSQL alike.
            var pattern = "%" + request.Supplier.Trim().ToUpperInvariant().Replace("\\", "\\\\", StringComparison.Ordinal)
                .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            query = query.Where(x => EF.Functions.Like(x.r.SupplierName.ToUpper(), pattern, "\\")
                || (x.r.SupplierTaxId != null && EF.Functions.Like(x.r.SupplierTaxId, pattern, "\\"))
                || (x.i.SupplierTaxCode != null && EF.Functions.Like(x.i.SupplierTaxCode, pattern, "\\")));
        }

        if (request.From is { } from)
        {
            var start = ItalianTime.FromItalianWallTime(from.ToDateTime(TimeOnly.MinValue));
            query = query.Where(x => x.r.RegisteredAt >= start);
        }

        if (request.To is { } to)
        {
            var end = ItalianTime.FromItalianWallTime(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
            query = query.Where(x => x.r.RegisteredAt < end);
        }

        int total = await query.CountAsync(ct);
        int size = request.PageSize;
        int pages = size > 0 ? Math.Max(1, (total + size - 1) / size) : 1;
        int page = Math.Clamp(request.Page, 1, pages);
        var ordered = query.OrderByDescending(x => x.r.Year).ThenByDescending(x => x.r.Number);
        var slice = size > 0 ? ordered.Skip((page - 1) * size).Take(size) : ordered;
        var rows = await slice.Select(x => new
        {
            x.i.Id, x.r.Year, x.r.Number, x.r.RegisteredAt, x.i.IdentificativoSdI, x.r.ProtocolNumber, x.r.SupplierName, x.r.SupplierTaxId,
            x.r.InvoiceNumber, x.r.InvoiceDate, x.r.TotalCents, x.r.DueDate, x.r.Cig, x.r.Cup, x.r.Subject, x.i.Status, x.i.OutcomeDueOn,
            x.i.PaidCents, x.i.LastPaidOn, x.i.PaymentIban, x.i.ReceivedAt,
            UncertifiedIban = x.i.PaymentIban != null
                && !db.SupplierIbans.Any(s => s.SupplierId == x.i.SupplierId && s.Iban == x.i.PaymentIban && s.Status == IbanStatus.Certified),
        }).ToListAsync(ct);
        return new BrowseRegisterResponse(
            [.. rows.Select(x => new RegisterRow(
                x.Id, x.Year, x.Number, x.RegisteredAt, x.IdentificativoSdI, x.ProtocolNumber, x.SupplierName, x.SupplierTaxId, x.InvoiceNumber,
                x.InvoiceDate, x.TotalCents, x.DueDate, x.Cig, x.Cup, x.Subject, x.Status, x.OutcomeDueOn,
                x.Status == ReceivedInvoiceStatus.Received ? x.OutcomeDueOn.DayNumber - today.DayNumber : null)
            {
                PaymentDueOn = Timeliness.TimelinessIndicator.DueOn(x.ReceivedAt.ItalianDate(), x.DueDate, termDays),
                PaymentDaysLeft = x.Status == ReceivedInvoiceStatus.Refused || x.PaidCents >= x.TotalCents ? null
                    : Timeliness.TimelinessIndicator.DueOn(x.ReceivedAt.ItalianDate(), x.DueDate, termDays).DayNumber - today.DayNumber,
                PaidCents = x.PaidCents,
                LastPaidOn = x.LastPaidOn,
                PaymentIban = x.PaymentIban,
                UncertifiedIban = x.UncertifiedIban,
            })],
            total, page, pages);
    }
}

/// <summary>The register as CSV (semicolon-separated, UTF-8 with BOM, as spreadsheets in Italian locale open it).</summary>
internal static class RegisterCsv
{
    public static byte[] Write(IEnumerable<RegisterRow> rows, Func<ReceivedInvoiceStatus, string> statusLabel)
    {
        var csv = new StringBuilder();
        csv.Append("anno;numero_registro;data_registrazione;identificativo_sdi;protocollo;fornitore;partita_iva_codice_fiscale;numero_fattura;data_fattura;")
            .Append("importo;scadenza;cig;cup;oggetto;stato;termine_esito;importo_pagato;data_pagamento;stato_pagamento;iban_pagamento;iban_non_certificato\r\n");
        foreach (var r in rows)
        {
            string[] fields =
            [
                r.Year.ToString(CultureInfo.InvariantCulture),
                r.Number.ToString(CultureInfo.InvariantCulture),
                r.RegisteredAt.ItalianDate().ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
                r.IdentificativoSdI,
                r.ProtocolNumber ?? "",
                r.SupplierName,
                r.SupplierTaxId ?? "",
                r.InvoiceNumber ?? "",
                r.InvoiceDate?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "",
                (r.TotalCents / 100m).ToString("0.00", CultureInfo.GetCultureInfo("it-IT")),
                r.PaymentDueOn.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
                r.Cig ?? "",
                r.Cup ?? "",
                r.Subject ?? "",
                statusLabel(r.Status),
                r.OutcomeDueOn.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
                (r.PaidCents / 100m).ToString("0.00", CultureInfo.GetCultureInfo("it-IT")),
                r.LastPaidOn?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "",
                r.PaymentState,
                r.PaymentIban ?? "",
                r.UncertifiedIban ? "si" : "no",
            ];
            csv.AppendJoin(';', fields.Select(Field)).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    /// <summary>Quotes when needed; a leading = + - @ is neutralised so that a supplier's text cannot run as a spreadsheet formula.</summary>
    private static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(";\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
