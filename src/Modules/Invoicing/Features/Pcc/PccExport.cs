using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Calendar;
using PenToscana.Modules.Invoicing.Data;

namespace PenToscana.Modules.Invoicing.Features.Pcc;

/// <summary>One operation on an invoice for the Piattaforma dei Crediti Commerciali.</summary>
internal sealed record PccOperation(
    string IdentificativoSdI, int Position, string? InvoiceNumber, DateOnly? InvoiceDate, string? SupplierId, long TotalCents,
    string Operation, DateOnly On, long AmountCents, string? DebtState, string? Reason, DateOnly? DueOn, string? Reference, string? Cig, string? Cup);

/// <summary>
/// The accounting data of the received invoices for PCC, one row per operation as in the bulk-upload template: CS
/// (comunicazione scadenza: the due date and the amount), CO (contabilizzazione: LIQ liquidabile, SOSP sospeso with its
/// causale while suspended), CP (pagamento with the mandate). Refused invoices are left out: SdI has already told PCC.
/// Only the operations dated within the range are written.
/// </summary>
internal sealed class PccExportHandler(InvoicingDb db, Timeliness.PaymentTerms terms)
{
    public async Task<IReadOnlyList<PccOperation>> HandleAsync(Guid enteId, DateOnly first, DateOnly last, CancellationToken ct)
    {
        int termDays = await terms.DaysAsync(enteId, ct);
        var start = ItalianTime.FromItalianWallTime(first.ToDateTime(TimeOnly.MinValue));
        var end = ItalianTime.FromItalianWallTime(last.AddDays(1).ToDateTime(TimeOnly.MinValue));
        // Invoices with an operation in the range: registered, decided or paid in it, or suspended during it.
        var candidates = await (
            from i in db.ReceivedInvoices.AsNoTracking()
            join r in db.Register.AsNoTracking() on i.Id equals r.ReceivedInvoiceId
            where i.EnteId == enteId && i.Status != ReceivedInvoiceStatus.Refused
                && ((r.RegisteredAt >= start && r.RegisteredAt < end)
                    || (i.OutcomeAt >= start && i.OutcomeAt < end)
                    || db.Payments.Any(p => p.ReceivedInvoiceId == i.Id && p.PaidOn >= first && p.PaidOn <= last)
                    || db.Suspensions.Any(s => s.ReceivedInvoiceId == i.Id && ((s.From >= first && s.From <= last) || (s.To >= first && s.To <= last))))
            orderby r.Year, r.Number
            select new { i, r }).ToListAsync(ct);
        var ids = candidates.Select(c => c.i.Id).ToList();
        var payments = (await db.Payments.AsNoTracking().Where(p => ids.Contains(p.ReceivedInvoiceId)).ToListAsync(ct)).ToLookup(p => p.ReceivedInvoiceId);
        var suspensions = (await db.Suspensions.AsNoTracking().Where(s => ids.Contains(s.ReceivedInvoiceId)).ToListAsync(ct)).ToLookup(s => s.ReceivedInvoiceId);

        var operations = new List<PccOperation>();
        foreach (var (i, r) in candidates.Select(c => (c.i, c.r)))
        {
            string? supplier = i.SupplierVatId ?? i.SupplierTaxCode;
            var due = Timeliness.TimelinessIndicator.DueOn(i.ReceivedAt.ItalianDate(), r.DueDate, termDays);
            PccOperation Op(string operation, DateOnly on, long amount, string? state = null, string? reason = null, string? reference = null)
                => new(i.IdentificativoSdI, i.Position, i.Numero, i.DocumentDate, supplier, i.TotalCents, operation, on, amount, state, reason, due, reference, i.Cig, i.Cup);

            var rows = new List<PccOperation> { Op("CS", r.RegisteredAt.ItalianDate(), i.TotalCents) };
            if (i.OutcomeAt is { } accepted)
            {
                rows.Add(Op("CO", accepted.ItalianDate(), i.TotalCents, "LIQ"));
            }
            else if (payments[i.Id].Any())
            {
                // Paid without an explicit acceptance (after decorrenza termini): liquidated at the first payment.
                rows.Add(Op("CO", payments[i.Id].Min(p => p.PaidOn), i.TotalCents, "LIQ"));
            }

            foreach (var s in suspensions[i.Id].OrderBy(s => s.From))
            {
                rows.Add(Op("CO", s.From, i.TotalCents, "SOSP", s.Reason, s.Note));
                if (s.To is { } resumed)
                {
                    rows.Add(Op("CO", resumed.AddDays(1), i.TotalCents, "LIQ"));
                }
            }

            foreach (var p in payments[i.Id].OrderBy(p => p.PaidOn).ThenBy(p => p.RecordedAt))
            {
                rows.Add(Op("CP", p.PaidOn, p.AmountCents, reference: p.MandateReference));
            }

            operations.AddRange(rows.Where(o => o.On >= first && o.On <= last));
        }

        return operations;
    }
}

/// <summary>The PCC CSV: semicolon-separated, UTF-8 with BOM, dates dd/MM/yyyy, amounts with a comma and two decimals.</summary>
internal static class PccCsv
{
    public const string Header =
        "IDENTIFICATIVO_SDI;NUMERO_FATTURA_LOTTO;NUMERO_FATTURA;DATA_EMISSIONE;CODICE_FISCALE_FORNITORE;IMPORTO_TOTALE_DOCUMENTO;"
        + "OPERAZIONE;DATA_OPERAZIONE;IMPORTO_OPERAZIONE;STATO_DEBITO;CAUSALE;DATA_SCADENZA;ESTREMI_MANDATO_NOTE;CIG;CUP";

    public static byte[] Write(IEnumerable<PccOperation> operations)
    {
        var csv = new StringBuilder(Header).Append("\r\n");
        foreach (var o in operations)
        {
            string[] fields =
            [
                o.IdentificativoSdI,
                o.Position.ToString(CultureInfo.InvariantCulture),
                o.InvoiceNumber ?? "",
                Date(o.InvoiceDate),
                o.SupplierId ?? "",
                Amount(o.TotalCents),
                o.Operation,
                Date(o.On),
                Amount(o.AmountCents),
                o.DebtState ?? "",
                o.Reason ?? "",
                Date(o.DueOn),
                o.Reference ?? "",
                o.Cig ?? "",
                o.Cup ?? "",
            ];
            csv.AppendJoin(';', fields.Select(Field)).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    private static string Date(DateOnly? d) => d?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "";

    private static string Amount(long cents) => (cents / 100m).ToString("0.00", CultureInfo.GetCultureInfo("it-IT"));

    /// <summary>Quotes when needed; a leading = + - @ is neutralised so that text cannot run as a spreadsheet formula.</summary>
    private static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(";\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
