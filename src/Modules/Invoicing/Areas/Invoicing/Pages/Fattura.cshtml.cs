using System.Text.Json;
using System.Xml;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Blobs;
using PenToscana.Kernel.Calendar;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Tenancy;
using PenToscana.Kernel.Users;
using PenToscana.Modules.Invoicing.Data;
using PenToscana.Modules.Invoicing.Engine;
using PenToscana.Modules.Invoicing.Features.RenderInvoice;
using PenToscana.Modules.Invoicing.Features.Payments;
using PenToscana.Modules.Invoicing.Features.SendOutcome;
using PenToscana.Modules.Invoicing.Features.ValidateInvoice;

namespace PenToscana.Modules.Invoicing.Areas.Invoicing.Pages;

/// <summary>
/// One received invoice: its register data, status timeline, validation report, the invoice itself rendered, and the
/// accept (EC01) / refuse (EC02) form that calls the same handler as the API.
/// </summary>
[Authorize(Policy = InvoicingModule.OperatorPolicy)]
internal sealed class FatturaModel(
    KernelDb kernel, ICurrentUser user, BodyScope scope, InvoicingDb db, IBlobStore blobs, SendOutcomeHandler outcome, TimeProvider time,
    RecordPaymentHandler payments, RecordSuspensionHandler suspensions, Features.Timeliness.PaymentTerms terms)
    : InvoicingPage(kernel, user, scope)
{
    /// <summary>When the payment is due: the invoice's own date or the body's term from receipt.</summary>
    public DateOnly PaymentDueOn { get; private set; }

    /// <summary>The body's payment term in days, used when the invoice states no due date.</summary>
    public int PaymentTermDays { get; private set; }

    // Payments and suspensions.
    public IReadOnlyList<InvoicePayment> Payments { get; private set; } = [];

    public IReadOnlyList<InvoiceSuspension> Suspensions { get; private set; } = [];

    public Supplier? Supplier { get; private set; }

    /// <summary>The IBAN of DatiPagamento is not a certified account of the supplier.</summary>
    public bool UncertifiedIban { get; private set; }

    public bool CanPay => Invoice.Status != ReceivedInvoiceStatus.Refused && Invoice.PaidCents < Invoice.TotalCents;

    [BindProperty]
    public DateOnly? DataPagamento { get; set; }

    /// <summary>The amount as the number field sends it ("1234.56"; a comma is taken as the decimal separator too).</summary>
    [BindProperty]
    public string? Importo { get; set; }

    [BindProperty]
    public string? IbanPagamento { get; set; }

    [BindProperty]
    public string? Mandato { get; set; }

    [BindProperty]
    public string? Causale { get; set; }

    [BindProperty]
    public DateOnly? Dal { get; set; }

    [BindProperty]
    public DateOnly? Al { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty]
    public Guid SospensioneId { get; set; }

    [BindProperty]
    public DateOnly? Fine { get; set; }

    public ReceivedInvoice Invoice { get; private set; } = null!;

    public InvoiceRegisterEntry? Entry { get; private set; }

    public BillingOffice? Office { get; private set; }

    public IReadOnlyList<IssueDto> Findings { get; private set; } = [];

    public string? Rendered { get; private set; }

    public string? RenderProblem { get; private set; }

    public int InvoicesInFile { get; private set; }

    /// <summary>The exchange with SdI after the outcome: sent (ES01), refused (SE), DT.</summary>
    public IReadOnlyList<InvoiceExchangeEvent> Exchange { get; private set; } = [];

    public int DaysLeft { get; private set; }

    public bool CanDecide => Invoice.Status == ReceivedInvoiceStatus.Received && DaysLeft >= 0;

    [BindProperty]
    public string? Motivo { get; set; }

    [BindProperty]
    public string? Motivazione { get; set; }

    public async Task<IActionResult> OnGetAsync(string ipa, Guid id, CancellationToken ct)
        => await LoadAsync(ipa, id, ct) ? Page() : NotFound();

    /// <summary>The file as received (XML or signed .p7m).</summary>
    public async Task<IActionResult> OnGetFileAsync(string ipa, Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(ipa, id, ct, render: false))
        {
            return NotFound();
        }

        var stream = await blobs.OpenReadAsync(Invoice.FileSha256, cancellationToken: ct);
        return File(stream, Invoice.FileName.EndsWith(".p7m", StringComparison.OrdinalIgnoreCase) ? "application/pkcs7-mime" : "application/xml", Invoice.FileName);
    }

    /// <summary>The invoice file rendered as PDF (every body of a lotto).</summary>
    public async Task<IActionResult> OnGetPdfAsync(string ipa, Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(ipa, id, ct, render: false))
        {
            return NotFound();
        }

        var (pdf, problem) = await InvoicePdfFile.RenderAsync(blobs, Invoice.FileSha256, ct);
        if (pdf is null)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Content("La fattura non può essere resa in PDF: " + problem, "text/plain; charset=utf-8");
        }

        return File(pdf, "application/pdf", InvoicePdfFile.Name(Invoice.FileName));
    }

    /// <summary>The NotificaEsitoCommittente (EC01/EC02) produced for this invoice.</summary>
    public async Task<IActionResult> OnGetEsitoAsync(string ipa, Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(ipa, id, ct, render: false) || Invoice.OutcomeMessageSha256 is null)
        {
            return NotFound();
        }

        var stream = await blobs.OpenReadAsync(Invoice.OutcomeMessageSha256, cancellationToken: ct);
        var name = $"{Path.GetFileNameWithoutExtension(Invoice.FileName.Replace(".p7m", "", StringComparison.OrdinalIgnoreCase))}_EC_001.xml";
        return File(stream, "application/xml", name);
    }

    /// <summary>One file of the invoice's exchange with SdI (metadata, a notification, the outcome sent), as SdI named it.</summary>
    public async Task<IActionResult> OnGetMessaggioAsync(string ipa, Guid id, Guid evento, CancellationToken ct)
    {
        if (!await ResolveAsync(ipa, ct) || await ExchangeFiles.OpenAsync(db, blobs, Ente.Id, id, evento, ct) is not { } file)
        {
            return NotFound();
        }

        return File(file.Content, file.MediaType, file.Name);
    }

    public async Task<IActionResult> OnPostAcceptAsync(string ipa, Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(ipa, id, ct, render: false))
        {
            return NotFound();
        }

        return await DecideAsync(ipa, id, new SendOutcomeRequest(true, null, null), "Fattura accettata: è stata prodotta la notifica di esito EC01.", ct);
    }

    public async Task<IActionResult> OnPostRefuseAsync(string ipa, Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(ipa, id, ct, render: false))
        {
            return NotFound();
        }

        if (string.IsNullOrEmpty(Motivo) || !RefusalReasons.All.ContainsKey(Motivo))
        {
            ModelState.AddModelError(nameof(Motivo), "Scegli il motivo del rifiuto tra quelli ammessi dal DM 132/2020.");
        }

        if (string.IsNullOrWhiteSpace(Motivazione) || Motivazione.Trim().Length < 10)
        {
            ModelState.AddModelError(nameof(Motivazione), "Scrivi la motivazione del rifiuto (almeno 10 caratteri): il fornitore la riceve con la notifica.");
        }

        if (!ModelState.IsValid)
        {
            return await FailAsync(ipa, id, StatusCodes.Status422UnprocessableEntity, ct);
        }

        return await DecideAsync(ipa, id, new SendOutcomeRequest(false, Motivo, Motivazione), "Fattura rifiutata: è stata prodotta la notifica di esito EC02.", ct);
    }

    public async Task<IActionResult> OnPostPaymentAsync(string ipa, Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(ipa, id, ct, render: false))
        {
            return NotFound();
        }

        if (!decimal.TryParse(Importo?.Trim().Replace(',', '.'), System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var amount)
            || decimal.Round(amount, 2) != amount)
        {
            ModelState.AddModelError(nameof(Importo), "Indica l'importo pagato in euro, con al massimo due decimali.");
            return await FailAsync(ipa, id, StatusCodes.Status422UnprocessableEntity, ct);
        }

        var (response, failure) = await payments.HandleAsync(id, new RecordPaymentRequest(DataPagamento, (long)(amount * 100m), IbanPagamento, Mandato), CurrentUser.TaxCode!, "pagina", ct);
        if (response is null)
        {
            ModelState.AddModelError(failure!.Field switch { "DataPagamento" => nameof(DataPagamento), "Importo" => nameof(Importo), "Iban" => nameof(IbanPagamento), "Mandato" => nameof(Mandato), _ => string.Empty }, failure.Message);
            return await FailAsync(ipa, id, failure.Status, ct);
        }

        TempData["Success"] = response.FullyPaid ? "Pagamento registrato: la fattura è interamente pagata." : $"Pagamento registrato: restano da pagare {Euro(response.RemainingCents)}.";
        return Redirect($"/backoffice/{ipa}/fatture/{id}#pagamenti-title");
    }

    public async Task<IActionResult> OnPostSuspendAsync(string ipa, Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(ipa, id, ct, render: false))
        {
            return NotFound();
        }

        var (suspension, failure) = await suspensions.HandleAsync(id, new RecordSuspensionRequest(Causale, Dal, Al, Note), CurrentUser.TaxCode!, ct);
        if (suspension is null)
        {
            ModelState.AddModelError(failure!.Field is "Causale" or "Dal" or "Al" ? failure.Field : string.Empty, failure.Message);
            return await FailAsync(ipa, id, failure.Status, ct);
        }

        TempData["Success"] = "Sospensione registrata: i giorni sospesi non contano nei tempi di pagamento.";
        return Redirect($"/backoffice/{ipa}/fatture/{id}#pagamenti-title");
    }

    public async Task<IActionResult> OnPostResumeAsync(string ipa, Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(ipa, id, ct, render: false))
        {
            return NotFound();
        }

        if (await suspensions.EndAsync(id, SospensioneId, Fine, ct) is { } failure)
        {
            ModelState.AddModelError(failure.Field == "Fine" ? nameof(Fine) : string.Empty, failure.Message);
            return await FailAsync(ipa, id, failure.Status, ct);
        }

        TempData["Success"] = "Sospensione chiusa.";
        return Redirect($"/backoffice/{ipa}/fatture/{id}#pagamenti-title");
    }

    public static string SuspensionReason(string code) => RecordSuspensionHandler.Reasons.GetValueOrDefault(code, code);

    private async Task<IActionResult> DecideAsync(string ipa, Guid id, SendOutcomeRequest request, string success, CancellationToken ct)
    {
        var (response, status, problem) = await outcome.HandleAsync(id, request, ct);
        if (response is null)
        {
            ModelState.AddModelError(string.Empty, problem ?? "L'esito non è stato inviato.");
            return await FailAsync(ipa, id, status, ct);
        }

        TempData["Success"] = success;
        return Redirect($"/backoffice/{ipa}/fatture/{id}");
    }

    private async Task<IActionResult> FailAsync(string ipa, Guid id, int status, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        if (!await LoadAsync(ipa, id, ct))
        {
            return NotFound();
        }

        Response.StatusCode = status;
        return Page();
    }

    private async Task<bool> LoadAsync(string ipa, Guid id, CancellationToken ct, bool render = true)
    {
        if (!await ResolveAsync(ipa, ct))
        {
            return false;
        }

        var invoice = await db.ReceivedInvoices.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id && i.EnteId == Ente.Id, ct);
        if (invoice is null)
        {
            return false;
        }

        Invoice = invoice;
        DaysLeft = invoice.OutcomeDueOn.DayNumber - time.TodayInItaly().DayNumber;
        if (!render)
        {
            return true;
        }

        Entry = await db.Register.AsNoTracking().SingleOrDefaultAsync(r => r.ReceivedInvoiceId == id, ct);
        PaymentTermDays = await terms.DaysAsync(Ente.Id, ct);
        PaymentDueOn = Features.Timeliness.TimelinessIndicator.DueOn(invoice.ReceivedAt.ItalianDate(), Entry?.DueDate, PaymentTermDays);
        Office = await db.BillingOffices.AsNoTracking().SingleOrDefaultAsync(o => o.Id == invoice.BillingOfficeId, ct);
        InvoicesInFile = await db.ReceivedInvoices.CountAsync(i => i.EnteId == Ente.Id && i.IdentificativoSdI == invoice.IdentificativoSdI, ct);
        Findings = JsonSerializer.Deserialize<List<IssueDto>>(invoice.Findings, JsonOptions) ?? [];
        Payments = await db.Payments.AsNoTracking().Where(p => p.ReceivedInvoiceId == id).OrderBy(p => p.PaidOn).ThenBy(p => p.RecordedAt).ToListAsync(ct);
        Suspensions = await db.Suspensions.AsNoTracking().Where(s => s.ReceivedInvoiceId == id).OrderBy(s => s.From).ToListAsync(ct);
        Supplier = invoice.SupplierId is { } supplierId ? await db.Suppliers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == supplierId, ct) : null;
        UncertifiedIban = invoice.PaymentIban is { } iban
            && !await db.SupplierIbans.AnyAsync(s => s.SupplierId == invoice.SupplierId && s.Iban == iban && s.Status == IbanStatus.Certified, ct);
        Exchange = await db.ExchangeEvents.AsNoTracking().Where(e => e.InvoiceId == id && e.EnteId == Ente.Id).OrderBy(e => e.At).ToListAsync(ct);
        await RenderAsync(ct);
        return true;
    }

    private async Task RenderAsync(CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await using (var stream = await blobs.OpenReadAsync(Invoice.FileSha256, cancellationToken: ct))
        {
            await stream.CopyToAsync(buffer, ct);
        }

        var (xml, _, issues) = InvoiceEnvelope.Unwrap(buffer.ToArray());
        if (xml is null)
        {
            RenderProblem = issues.FirstOrDefault()?.Message ?? "Busta non leggibile.";
            return;
        }

        try
        {
            Rendered = InvoiceHtmlRenderer.RenderFragment(xml);
        }
        catch (XmlException ex)
        {
            RenderProblem = "Il file non è un XML ben formato: " + ex.Message;
        }
    }

    /// <summary>The invoice's history, oldest first, from the facts recorded on it.</summary>
    public IReadOnlyList<(DateTimeOffset? At, string What)> Timeline()
    {
        var events = new List<(DateTimeOffset? At, string What)>
        {
            (Invoice.ReceivedAt, Invoice.ReceivedBy is null
                ? $"Ricevuta da SdI (identificativo {Invoice.IdentificativoSdI}, file {Invoice.FileName})"
                : $"Caricata manualmente da {Invoice.ReceivedBy} (identificativo SdI {Invoice.IdentificativoSdI}, file {Invoice.FileName})"),
        };
        if (Invoice.ProtocolNumber is not null)
        {
            events.Add((Invoice.ReceivedAt, $"Protocollata in entrata con il n. {Invoice.ProtocolNumber}"));
        }

        if (Entry is not null)
        {
            events.Add((Entry.RegisteredAt, $"Iscritta nel registro unico delle fatture al n. {Entry.Number}/{Entry.Year}"));
        }

        if (Invoice.FirstReminderAt is { } first)
        {
            events.Add((first, "Promemoria all'ufficio: 10 giorni dalla ricezione senza esito"));
        }

        if (Invoice.SecondReminderAt is { } second)
        {
            events.Add((second, "Promemoria all'ufficio: 13 giorni dalla ricezione, il termine sta per scadere"));
        }

        if (Invoice.OutcomeAt is { } at)
        {
            events.Add((at, Invoice.Status == ReceivedInvoiceStatus.Refused
                ? $"Rifiutata da {Invoice.OutcomeBy}: prodotta la notifica di esito EC02 — {Invoice.OutcomeDescription}"
                : $"Accettata da {Invoice.OutcomeBy}: prodotta la notifica di esito EC01"));
        }

        foreach (var s in Suspensions)
        {
            events.Add((s.RecordedAt, $"Pagamento sospeso dal {Date(s.From)}" + (s.To is { } to ? $" al {Date(to)}" : "") + $" ({SuspensionReason(s.Reason)}), registrato da {s.RecordedBy}"));
        }

        foreach (var p in Payments)
        {
            events.Add((p.RecordedAt, $"Pagamento di {Euro(p.AmountCents)} del {Date(p.PaidOn)}" + (p.MandateReference is { } m ? $" (mandato {m})" : "") + $", registrato da {p.RecordedBy}"));
        }

        foreach (var e in Exchange)
        {
            events.Add((e.At, e.Detail is null ? e.Label : $"{e.Label}: {e.Detail}"));
        }

        if (Invoice.OutcomeAt is not null && !Exchange.Any(e => e.Kind is "EC-SENT" or "SE"))
        {
            events.Add((null, "Notifica di esito in attesa di invio a SdI"));
        }

        if (Invoice.Status == ReceivedInvoiceStatus.Expired && !Exchange.Any(e => e.Kind == "DT"))
        {
            events.Add((null, $"Decorrenza termini: nessun esito entro il {Date(Invoice.OutcomeDueOn)}"));
        }

        return [.. events.OrderBy(e => e.At ?? DateTimeOffset.MaxValue)];
    }

    public string Countdown() => Invoice.Status != ReceivedInvoiceStatus.Received
        ? ""
        : DaysLeft switch
        {
            < 0 => $"Termine scaduto il {Date(Invoice.OutcomeDueOn)}",
            0 => "Il termine scade oggi",
            1 => $"Resta 1 giorno (termine il {Date(Invoice.OutcomeDueOn)})",
            _ => $"Restano {DaysLeft} giorni (termine il {Date(Invoice.OutcomeDueOn)})",
        };

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
