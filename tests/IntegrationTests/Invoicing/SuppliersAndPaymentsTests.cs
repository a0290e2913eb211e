using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Kernel.Calendar;
using PenToscana.Kernel.Data;
using PenToscana.Modules.Invoicing.Data;

namespace PenToscana.IntegrationTests.Invoicing;

/// <summary>
/// Suppliers registry (from received invoices; IBAN certification against the signed declaration, audited), payments and
/// suspensions through the pages and the API, the register's payment columns, the PCC export and the timeliness indicator.
/// </summary>
public sealed class SuppliersAndPaymentsTests(PlatformFactory platform) : IClassFixture<PlatformFactory>
{
    private const string Register = "/backoffice/c_d612/fatture";
    internal const string InvoiceIban = "IT60X0542811101000000123456";

    /// <summary>The official FPA01 sample for Firenze's billing office, paying to <paramref name="iban"/>.</summary>
    internal static byte[] SampleWithIban(string numero, string? iban = InvoiceIban, string vat = "01234567897")
    {
        var xml = Encoding.UTF8.GetString(InvoiceBackOfficeTests.Sample("UFCFI1", numero: numero));
        if (iban is not null)
        {
            xml = xml.Replace("<ImportoPagamento>6.10</ImportoPagamento>", $"<ImportoPagamento>6.10</ImportoPagamento><IBAN>{iban}</IBAN>", StringComparison.Ordinal);
        }

        return Encoding.UTF8.GetBytes(xml.Replace("01234567897", vat, StringComparison.Ordinal));
    }

    internal static async Task<Guid> UploadAsync(HttpClient http, string sdiId, byte[] file, string ipa = "c_d612")
    {
        var page = await http.GetStringAsync($"/backoffice/{ipa}/fatture/carica");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Antiforgery.TokenFrom(page)), "__RequestVerificationToken" },
            { new StringContent(sdiId), "IdentificativoSdI" },
        };
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/xml");
        form.Add(content, "Documento", "IT01234567897_00001.xml");
        var response = await http.PostAsync($"/backoffice/{ipa}/fatture/carica", form);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return Guid.Parse(response.Headers.Location!.OriginalString.Split('/')[^1]);
    }

    private async Task<T> WithDbAsync<T>(Func<InvoicingDb, Task<T>> read)
    {
        await using var scope = platform.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<InvoicingDb>());
    }

    private async Task<Supplier> SupplierOfAsync(Guid invoiceId)
        => await WithDbAsync(async db =>
        {
            var invoice = await db.ReceivedInvoices.AsNoTracking().SingleAsync(i => i.Id == invoiceId);
            return await db.Suppliers.AsNoTracking().SingleAsync(s => s.Id == invoice.SupplierId);
        });

    private static async Task<HttpResponseMessage> CertifyAsync(HttpClient http, Guid supplierId, Guid ibanId, string fileName, byte[] content, string? date = "2026-11-01")
    {
        var url = $"{Register}/fornitori/{supplierId}";
        var page = await http.GetStringAsync(url);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Antiforgery.TokenFrom(page)), "__RequestVerificationToken" },
            { new StringContent(ibanId.ToString()), "IbanId" },
        };
        if (date is not null)
        {
            form.Add(new StringContent(date), "DataDichiarazione");
        }

        form.Add(new ByteArrayContent(content), "Dichiarazione", fileName);
        return await http.PostAsync(url + "?handler=Certify", form);
    }

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    [Fact]
    public async Task A_received_invoice_makes_its_supplier_known_with_seat_and_an_uncertified_IBAN_that_the_register_flags()
    {
        using var http = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        var id = await UploadAsync(http, "400000001", SampleWithIban("SUP-1"));

        var supplier = await SupplierOfAsync(id);
        supplier.Key.ShouldBe("IT01234567897");
        supplier.Name.ShouldBe("ALPHA SRL");
        supplier.Address.ShouldNotBeNull().ShouldContain("VIALE ROMA 543");
        var ibans = await WithDbAsync(db => db.SupplierIbans.AsNoTracking().Where(i => i.SupplierId == supplier.Id).ToListAsync());
        ibans.Single().Iban.ShouldBe(InvoiceIban);
        ibans.Single().Status.ShouldBe(IbanStatus.Uncertified);

        (await http.GetStringAsync($"{Register}/{id}")).ShouldContain("IBAN non certificato");
        (await http.GetStringAsync($"{Register}?stato=iban")).ShouldContain("SUP-1");
        var list = await http.GetStringAsync($"{Register}/fornitori?cerca=alpha");
        list.ShouldContain($"href=\"{Register}/fornitori/{supplier.Id}\"");
        (await http.GetStringAsync($"{Register}/fornitori?cerca=nessuno-con-questo-nome")).ShouldContain("Nessun fornitore corrisponde");
        var detail = await http.GetStringAsync($"{Register}/fornitori/{supplier.Id}");
        detail.ShouldContain("IT60 X054 2811 1010 0000 0123 456");
        detail.ShouldContain("Da certificare");

        // A second invoice of the same supplier updates it instead of creating another.
        await UploadAsync(http, "400000002", SampleWithIban("SUP-2"));
        var again = await WithDbAsync(db => db.Suppliers.AsNoTracking().Where(s => s.Key == "IT01234567897").ToListAsync());
        again.Count.ShouldBe(1);
        again[0].InvoiceCount.ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task An_IBAN_is_certified_only_with_a_valid_signed_declaration_and_certification_and_revocation_are_audited()
    {
        using var http = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        var other = "IT" + "02" + "X0542811101000000123456"; // wrong check digits on purpose below
        var id = await UploadAsync(http, "400000011", SampleWithIban("CERT-1", vat: "01386030488"));
        var supplier = await SupplierOfAsync(id);
        var iban = await WithDbAsync(db => db.SupplierIbans.AsNoTracking().SingleAsync(i => i.SupplierId == supplier.Id));

        // Bad paths: a file of another type, a "PDF" that is not one, no date, no file; nothing is certified.
        var txt = await CertifyAsync(http, supplier.Id, iban.Id, "dichiarazione.txt", Encoding.UTF8.GetBytes("testo"));
        txt.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await txt.Content.ReadAsStringAsync()).ShouldContain("Formato non ammesso");
        var fakePdf = await CertifyAsync(http, supplier.Id, iban.Id, "dichiarazione.pdf", Encoding.UTF8.GetBytes("<html>non un pdf</html>"));
        fakePdf.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await fakePdf.Content.ReadAsStringAsync()).ShouldContain("non è un PDF");
        var badP7m = await CertifyAsync(http, supplier.Id, iban.Id, "dichiarazione.pdf.p7m", Encoding.UTF8.GetBytes("non una busta"));
        badP7m.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var noDate = await CertifyAsync(http, supplier.Id, iban.Id, "dichiarazione.pdf", Pdf, date: null);
        noDate.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await noDate.Content.ReadAsStringAsync()).ShouldContain("data della dichiarazione");
        (await WithDbAsync(db => db.SupplierIbans.AsNoTracking().SingleAsync(i => i.Id == iban.Id))).Status.ShouldBe(IbanStatus.Uncertified);

        // Adding an IBAN: mod-97 and the country's length are checked.
        var add = $"{Register}/fornitori/{supplier.Id}";
        var wrongCheck = await http.PostFormAsync(add, add + "?handler=Add", new Dictionary<string, string> { ["Iban"] = other });
        wrongCheck.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await wrongCheck.Content.ReadAsStringAsync()).ShouldContain("cifre di controllo non corrispondono");
        var wrongLength = await http.PostFormAsync(add, add + "?handler=Add", new Dictionary<string, string> { ["Iban"] = "DE89 3704 0044 0532 0130 001" });
        wrongLength.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await wrongLength.Content.ReadAsStringAsync()).ShouldContain("ha 22 caratteri");
        var german = await http.PostFormAsync(add, add + "?handler=Add", new Dictionary<string, string> { ["Iban"] = "de89 3704 0044 0532 0130 00" });
        german.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await WithDbAsync(db => db.SupplierIbans.AsNoTracking().CountAsync(i => i.SupplierId == supplier.Id && i.Iban == "DE89370400440532013000"))).ShouldBe(1);

        // The real thing: a PDF declaration certifies the IBAN, the file is kept and downloadable, the flag goes away.
        var ok = await CertifyAsync(http, supplier.Id, iban.Id, "dichiarazione.pdf", Pdf);
        ok.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ok.Content.ReadAsStringAsync());
        var certified = await WithDbAsync(db => db.SupplierIbans.AsNoTracking().SingleAsync(i => i.Id == iban.Id));
        certified.Status.ShouldBe(IbanStatus.Certified);
        certified.CertifiedBy.ShouldBe(Personas.FirenzeOperator);
        certified.DeclarationSha256.ShouldNotBeNull();
        var download = await http.GetAsync($"{Register}/fornitori/{supplier.Id}?handler=dichiarazione&ibanId={iban.Id}");
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(Pdf);
        (await http.GetStringAsync($"{Register}/{id}")).ShouldNotContain("IBAN non certificato");
        (await http.GetStringAsync($"{Register}?stato=iban")).ShouldNotContain("CERT-1");

        // Revocation needs a reason; then the invoice is flagged again.
        var noReason = await http.PostFormAsync(add, add + "?handler=Revoke", new Dictionary<string, string> { ["IbanId"] = iban.Id.ToString(), ["Motivo"] = "" });
        noReason.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var revoke = await http.PostFormAsync(add, add + "?handler=Revoke", new Dictionary<string, string> { ["IbanId"] = iban.Id.ToString(), ["Motivo"] = "Conto chiuso dal fornitore" });
        revoke.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await http.GetStringAsync($"{Register}/{id}")).ShouldContain("IBAN non certificato");

        await using var scope = platform.Services.CreateAsyncScope();
        var audit = await scope.ServiceProvider.GetRequiredService<KernelDb>().AuditEntries.AsNoTracking()
            .Where(a => a.Subject == $"supplier-iban:{iban.Id}").OrderBy(a => a.Sequence).ToListAsync();
        audit.Select(a => a.Action).ShouldBe(["invoicing.iban.certified", "invoicing.iban.revoked"]);
        audit.ShouldAllBe(a => a.Actor == Personas.FirenzeOperator);
        audit[1].Details.ShouldNotBeNull().ShouldContain("Conto chiuso");
    }

    [Fact]
    public async Task Partial_payments_recorded_on_the_page_add_up_to_paid_and_the_register_print_and_CSV_show_them()
    {
        using var http = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        var id = await UploadAsync(http, "400000021", SampleWithIban("PAY-1", vat: "06593810481"));
        var url = $"{Register}/{id}";
        var today = TimeProvider.System.TodayInItaly();

        var tooMuch = await http.PostFormAsync(url, url + "?handler=Payment", new Dictionary<string, string> { ["DataPagamento"] = today.ToString("yyyy-MM-dd"), ["Importo"] = "7.00" });
        tooMuch.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await tooMuch.Content.ReadAsStringAsync()).ShouldContain("supera il residuo");
        var future = await http.PostFormAsync(url, url + "?handler=Payment", new Dictionary<string, string> { ["DataPagamento"] = today.AddDays(3).ToString("yyyy-MM-dd"), ["Importo"] = "1.00" });
        future.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await future.Content.ReadAsStringAsync()).ShouldContain("non può essere futura");
        var badIban = await http.PostFormAsync(url, url + "?handler=Payment", new Dictionary<string, string> { ["DataPagamento"] = today.ToString("yyyy-MM-dd"), ["Importo"] = "1.00", ["IbanPagamento"] = "IT00X0000" });
        badIban.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await WithDbAsync(db => db.Payments.CountAsync(p => p.ReceivedInvoiceId == id))).ShouldBe(0);

        var first = await http.PostFormAsync(url, url + "?handler=Payment", new Dictionary<string, string>
        {
            ["DataPagamento"] = today.AddDays(-2).ToString("yyyy-MM-dd"), ["Importo"] = "2.10", ["Mandato"] = "MAND-2026-17",
        });
        first.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var partial = await WithDbAsync(db => db.ReceivedInvoices.AsNoTracking().SingleAsync(i => i.Id == id));
        partial.PaidCents.ShouldBe(210);
        partial.Status.ShouldNotBe(ReceivedInvoiceStatus.Paid);
        (await http.GetStringAsync($"{Register}?stato=parziali")).ShouldContain("PAY-1");

        var rest = await http.PostFormAsync(url, url + "?handler=Payment", new Dictionary<string, string> { ["DataPagamento"] = today.ToString("yyyy-MM-dd"), ["Importo"] = "4.00" });
        rest.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var paid = await WithDbAsync(db => db.ReceivedInvoices.AsNoTracking().SingleAsync(i => i.Id == id));
        paid.PaidCents.ShouldBe(610);
        paid.Status.ShouldBe(ReceivedInvoiceStatus.Paid);
        paid.LastPaidOn.ShouldBe(today);

        var detail = await http.GetStringAsync(url);
        detail.ShouldContain("MAND-2026-17");
        detail.ShouldNotContain("Registra il pagamento");
        (await http.GetStringAsync($"{Register}?stato=pagate")).ShouldContain("PAY-1");
        var csv = Encoding.UTF8.GetString(await http.GetByteArrayAsync($"{Register}?handler=csv&fornitore=06593810481"));
        csv.ShouldContain("importo_pagato;data_pagamento;stato_pagamento");
        csv.ShouldContain($"6,10;{today:dd/MM/yyyy};pagata;{InvoiceIban};si");
        (await http.GetStringAsync($"{Register}/stampa?fornitore=06593810481")).ShouldContain(today.ToString("dd/MM/yyyy"));

        await using var scope = platform.Services.CreateAsyncScope();
        var outbox = await scope.ServiceProvider.GetRequiredService<InvoicingDb>().Outbox.AsNoTracking().Where(o => o.Type.Contains("ReceivedInvoicePaid")).ToListAsync();
        outbox.Count(o => o.Payload.Contains(id.ToString())).ShouldBe(2);
    }

    [Fact]
    public async Task A_body_records_payments_and_suspensions_through_the_API_and_another_body_cannot()
    {
        using var http = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        var id = await UploadAsync(http, "400000031", SampleWithIban("API-1", vat: "01307110484"));
        var today = TimeProvider.System.TodayInItaly().ToString("yyyy-MM-dd");
        var api = await platform.ApiClientAsync("c_d612", "api.invoicing");

        var suspension = await api.PostAsJsonAsync($"/api/invoicing/c_d612/fatture/{id}/sospensioni", new { causale = "ATTNC", dal = today, note = "Nota di credito chiesta" });
        suspension.StatusCode.ShouldBe(HttpStatusCode.Created, await suspension.Content.ReadAsStringAsync());
        var overlapping = await api.PostAsJsonAsync($"/api/invoicing/c_d612/fatture/{id}/sospensioni", new { causale = "CONT", dal = today });
        overlapping.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var unknownReason = await api.PostAsJsonAsync($"/api/invoicing/c_d612/fatture/{id}/sospensioni", new { causale = "BOH", dal = today });
        unknownReason.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);

        var created = await api.PostAsJsonAsync($"/api/invoicing/c_d612/fatture/{id}/pagamenti", new { dataPagamento = today, importo = 6.10m, iban = InvoiceIban, mandato = "OPI-99" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("fullyPaid").GetBoolean().ShouldBeTrue();
        body.GetProperty("remainingCents").GetInt64().ShouldBe(0);

        var again = await api.PostAsJsonAsync($"/api/invoicing/c_d612/fatture/{id}/pagamenti", new { dataPagamento = today, importo = 1m });
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await again.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("già interamente pagata");
        var thirdDecimal = await api.PostAsJsonAsync($"/api/invoicing/c_d612/fatture/{id}/pagamenti", new { dataPagamento = today, importo = 1.001m });
        thirdDecimal.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);

        // Prato's client: neither through its own path nor through Firenze's.
        var prato = await platform.ApiClientAsync("c_g999", "api.invoicing");
        (await prato.PostAsJsonAsync($"/api/invoicing/c_d612/fatture/{id}/pagamenti", new { dataPagamento = today, importo = 1m })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await prato.PostAsJsonAsync($"/api/invoicing/c_g999/fatture/{id}/pagamenti", new { dataPagamento = today, importo = 1m })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await platform.CreateClient().PostAsJsonAsync($"/api/invoicing/c_d612/fatture/{id}/pagamenti", new { dataPagamento = today, importo = 1m })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var payment = await WithDbAsync(db => db.Payments.AsNoTracking().SingleAsync(p => p.ReceivedInvoiceId == id));
        payment.Channel.ShouldBe("api");
        payment.MandateReference.ShouldBe("OPI-99");
        (await http.GetStringAsync($"{Register}/{id}")).ShouldContain("In attesa di nota di credito");

        var openApi = await platform.CreateClient().GetStringAsync("/openapi/v1.json");
        openApi.ShouldContain("/api/invoicing/{ipa}/fatture/{id}/pagamenti");
        openApi.ShouldContain("RecordInvoicePayment");
    }

    [Fact]
    public async Task A_refused_invoice_cannot_be_paid()
    {
        using var http = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        var id = await UploadAsync(http, "400000041", SampleWithIban("REF-1", vat: "84006890481"));
        var url = $"{Register}/{id}";
        (await http.PostFormAsync(url, url + "?handler=Refuse", new Dictionary<string, string> { ["Motivo"] = "CIG_CUP", ["Motivazione"] = "Manca il CIG del contratto" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var pay = await http.PostFormAsync(url, url + "?handler=Payment", new Dictionary<string, string> { ["DataPagamento"] = TimeProvider.System.TodayInItaly().ToString("yyyy-MM-dd"), ["Importo"] = "1.00" });
        pay.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await pay.Content.ReadAsStringAsync()).ShouldContain("rifiutata");
    }

    [Fact]
    public async Task The_PCC_export_lists_due_date_suspension_and_payment_operations_of_the_range_and_refuses_a_bad_range()
    {
        using var http = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        var id = await UploadAsync(http, "400000051", SampleWithIban("PCC-1", vat: "01386030488"));
        var today = TimeProvider.System.TodayInItaly();
        var url = $"{Register}/{id}";
        (await http.PostFormAsync(url, url + "?handler=Suspend", new Dictionary<string, string> { ["Causale"] = "CONT", ["Dal"] = today.ToString("yyyy-MM-dd"), ["Al"] = today.ToString("yyyy-MM-dd") }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await http.PostFormAsync(url, url + "?handler=Payment", new Dictionary<string, string> { ["DataPagamento"] = today.ToString("yyyy-MM-dd"), ["Importo"] = "6.10", ["Mandato"] = "M-55" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var range = $"dal={today.AddDays(-1):yyyy-MM-dd}&al={today.AddDays(1):yyyy-MM-dd}";
        var csv = Encoding.UTF8.GetString(await http.GetByteArrayAsync($"{Register}/pcc?handler=csv&{range}"));
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldStartWith("IDENTIFICATIVO_SDI;NUMERO_FATTURA_LOTTO;NUMERO_FATTURA");
        var mine = lines.Where(l => l.StartsWith("400000051;", StringComparison.Ordinal)).ToList();
        mine.ShouldContain(l => l.Contains(";CS;") && l.Contains(";18/02/2017;"));
        mine.ShouldContain(l => l.Contains(";CO;") && l.Contains(";SOSP;CONT;"));
        mine.ShouldContain(l => l.Contains(";CO;") && l.Contains(";LIQ;"));
        mine.ShouldContain(l => l.Contains(";CP;") && l.Contains(";6,10;") && l.Contains(";M-55;"));
        (await http.GetStringAsync($"{Register}/pcc?{range}")).ShouldContain("Pagamento");

        // Out of range: nothing of this invoice; a reversed range is refused.
        var old = Encoding.UTF8.GetString(await http.GetByteArrayAsync($"{Register}/pcc?handler=csv&dal=2020-01-01&al=2020-12-31"));
        old.ShouldNotContain("400000051");
        var reversed = await http.GetAsync($"{Register}/pcc?handler=csv&dal={today:yyyy-MM-dd}&al={today.AddDays(-5):yyyy-MM-dd}");
        reversed.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await reversed.Content.ReadAsStringAsync()).ShouldContain("non può precedere");
    }

    [Fact]
    public async Task The_timeliness_page_shows_the_indicator_of_the_year_as_chart_and_table()
    {
        using var http = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        var id = await UploadAsync(http, "400000061", SampleWithIban("TMP-1", vat: "01386030488"));
        var today = TimeProvider.System.TodayInItaly();
        var url = $"{Register}/{id}";
        (await http.PostFormAsync(url, url + "?handler=Payment", new Dictionary<string, string> { ["DataPagamento"] = today.ToString("yyyy-MM-dd"), ["Importo"] = "6.10" }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var page = await http.GetStringAsync($"{Register}/tempestivita?anno={today.Year}");
        page.ShouldContain("canvas class=\"timeliness-chart\"");
        page.ShouldContain("<table class=\"table\" id=\"tempestivita\">");
        page.ShouldContain($"Anno {today.Year}");
        page.ShouldNotContain("nessun pagamento</span>");
        (await http.GetStringAsync($"{Register}/tempestivita?anno=2015")).ShouldContain("nessun pagamento");
    }

    [Fact]
    public async Task Another_bodys_operator_gets_404_for_this_bodys_supplier()
    {
        using var http = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        var id = await UploadAsync(http, "400000071", SampleWithIban("ISO-1"));
        var supplier = await SupplierOfAsync(id);
        var prato = await platform.SignedInClientAsync(Personas.PratoAdmin);
        (await prato.GetAsync($"/backoffice/c_g999/fatture/fornitori/{supplier.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await prato.GetAsync($"/backoffice/c_d612/fatture/fornitori/{supplier.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await prato.GetStringAsync("/backoffice/c_g999/fatture/fornitori")).ShouldNotContain(supplier.Id.ToString());
    }
}

/// <summary>Two files of a supplier the body has never seen, received at the same moment, make one supplier and lose no invoice.</summary>
public sealed class ConcurrentSupplierTests(PlatformFactory platform) : IClassFixture<PlatformFactory>
{
    [Fact]
    public async Task Two_first_invoices_of_a_new_supplier_received_together_are_both_kept_with_one_supplier()
    {
        async Task<Guid> ReceiveAsync(string sdiId, string numero)
        {
            await using var scope = platform.Services.CreateAsyncScope();
            var handler = scope.ServiceProvider.GetRequiredService<PenToscana.Modules.Invoicing.Features.ReceiveInvoice.ReceiveInvoiceHandler>();
            var (response, failure) = await handler.HandleAsync(new(sdiId, "IT01234567897_00001.xml", SuppliersAndPaymentsTests.SampleWithIban(numero, vat: "06593810481"), "sdi"), CancellationToken.None);
            failure.ShouldBeNull();
            return response!.InvoiceIds.Single();
        }

        var ids = await Task.WhenAll(ReceiveAsync("500000001", "CON-1"), ReceiveAsync("500000002", "CON-2"));

        await using var check = platform.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<InvoicingDb>();
        var invoices = await db.ReceivedInvoices.IgnoreQueryFilters().AsNoTracking().Where(i => ids.Contains(i.Id)).ToListAsync();
        invoices.Count.ShouldBe(2);
        var suppliers = await db.Suppliers.IgnoreQueryFilters().AsNoTracking().Where(s => s.Key == "IT06593810481").ToListAsync();
        suppliers.Count.ShouldBe(1);
        invoices.ShouldAllBe(i => i.SupplierId == suppliers[0].Id);
        (await db.SupplierIbans.IgnoreQueryFilters().AsNoTracking().CountAsync(i => i.SupplierId == suppliers[0].Id)).ShouldBe(1);
    }
}
