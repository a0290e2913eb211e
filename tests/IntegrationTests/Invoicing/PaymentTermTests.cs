using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Kernel.Calendar;
using PenToscana.Modules.Invoicing.Data;
using PenToscana.Modules.Invoicing.Features.Timeliness;

namespace PenToscana.IntegrationTests.Invoicing;

/// <summary>
/// The payment term of invoices that state no DataScadenzaPagamento (D.Lgs. 231/2002, art. 4): 30 days from receipt for a
/// Comune, 60 for a health-service body such as the USL; the body's administrator may set another term up to 60 days.
/// The term gives the due date in the register, on the invoice page, in the PCC export and in the timeliness indicator.
/// </summary>
public sealed class PaymentTermTests(PlatformFactory platform) : IClassFixture<PlatformFactory>
{
    private const string UslAdmin = "FRNLRA90B41G999V";

    /// <summary>The official sample for a billing office, without DataScadenzaPagamento, from the given supplier.</summary>
    private static byte[] WithoutDueDate(string office, string numero, string vat)
    {
        var xml = Encoding.UTF8.GetString(InvoiceBackOfficeTests.Sample(office, numero: numero))
            .Replace("<DataScadenzaPagamento>2017-02-18</DataScadenzaPagamento>", "", StringComparison.Ordinal)
            .Replace("01234567897", vat, StringComparison.Ordinal);
        xml.ShouldNotContain("DataScadenzaPagamento");
        return Encoding.UTF8.GetBytes(xml);
    }

    private async Task<DateOnly> ReceivedOnAsync(Guid id)
    {
        await using var scope = platform.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<InvoicingDb>().ReceivedInvoices.AsNoTracking().SingleAsync(i => i.Id == id)).ReceivedAt.ItalianDate();
    }

    private static string It(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    [Fact]
    public void Worked_examples_the_stated_date_wins_otherwise_receipt_plus_the_term()
    {
        var received = new DateOnly(2026, 3, 1);
        TimelinessIndicator.DueOn(received, null, PaymentTerms.HealthService).ShouldBe(new DateOnly(2026, 4, 30));
        TimelinessIndicator.DueOn(received, null, PaymentTerms.Ordinary).ShouldBe(new DateOnly(2026, 3, 31));
        TimelinessIndicator.DueOn(received, new DateOnly(2026, 3, 15), PaymentTerms.HealthService).ShouldBe(new DateOnly(2026, 3, 15));
        PaymentTerms.DefaultFor(PenToscana.Kernel.Tenancy.EnteKind.Asl).ShouldBe(60);
        PaymentTerms.DefaultFor(PenToscana.Kernel.Tenancy.EnteKind.Comune).ShouldBe(30);
    }

    [Fact]
    public async Task A_USL_invoice_without_due_date_is_due_60_days_after_receipt_and_a_Comunes_30_everywhere_the_due_date_is_used()
    {
        using var usl = await platform.SignedInClientAsync(UslAdmin);
        var uslInvoice = await SuppliersAndPaymentsTests.UploadAsync(usl, "420000001", WithoutDueDate("UFUSL1", "USL-60", "01386030488"), ipa: "usl_tc");
        using var firenze = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        var comuneInvoice = await SuppliersAndPaymentsTests.UploadAsync(firenze, "420000002", WithoutDueDate("UFCFI1", "COM-30", "01386030488"));

        var uslDue = (await ReceivedOnAsync(uslInvoice)).AddDays(60);
        var comuneDue = (await ReceivedOnAsync(comuneInvoice)).AddDays(30);

        // The invoice page and the register (page and CSV).
        var uslPage = await usl.GetStringAsync($"/backoffice/usl_tc/fatture/{uslInvoice}");
        uslPage.ShouldContain($"id=\"scadenza-pagamento\">{It(uslDue)}");
        uslPage.ShouldContain("60 giorni dalla ricezione");
        (await firenze.GetStringAsync($"/backoffice/c_d612/fatture/{comuneInvoice}")).ShouldContain($"id=\"scadenza-pagamento\">{It(comuneDue)}");
        (await usl.GetStringAsync("/backoffice/usl_tc/fatture")).ShouldContain($"<td class=\"scadenza-pagamento\">{It(uslDue)}");
        var csv = Encoding.UTF8.GetString(await firenze.GetByteArrayAsync("/backoffice/c_d612/fatture?handler=csv"));
        csv.Split("\r\n").Single(l => l.Contains("420000002", StringComparison.Ordinal)).ShouldContain($";{It(comuneDue)};");

        // The PCC export: the CS operation carries the due date.
        var today = TimeProvider.System.TodayInItaly();
        var range = $"dal={today.AddDays(-2):yyyy-MM-dd}&al={today.AddDays(2):yyyy-MM-dd}";
        var pcc = Encoding.UTF8.GetString(await usl.GetByteArrayAsync($"/backoffice/usl_tc/fatture/pcc?handler=csv&{range}"));
        pcc.Split("\r\n").Single(l => l.StartsWith("420000001;", StringComparison.Ordinal) && l.Contains(";CS;", StringComparison.Ordinal)).ShouldContain($";{It(uslDue)};");

        // The timeliness indicator: paid on the day of receipt, 60 days early at the USL, 30 at the Comune.
        foreach (var (client, ipa, id) in new[] { (usl, "usl_tc", uslInvoice), (firenze, "c_d612", comuneInvoice) })
        {
            var url = $"/backoffice/{ipa}/fatture/{id}";
            var received = await ReceivedOnAsync(id);
            (await client.PostFormAsync(url, url + "?handler=Payment", new Dictionary<string, string> { ["DataPagamento"] = received.ToString("yyyy-MM-dd"), ["Importo"] = "6.10" }))
                .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        int year = (await ReceivedOnAsync(uslInvoice)).Year;
        (await usl.GetStringAsync($"/backoffice/usl_tc/fatture/tempestivita?anno={year}")).ShouldContain("<span id=\"indicatore-anno\">-60,00 giorni</span>");
        (await firenze.GetStringAsync($"/backoffice/c_d612/fatture/tempestivita?anno={year}")).ShouldContain("<span id=\"indicatore-anno\">-30,00 giorni</span>");
    }

    [Fact]
    public async Task The_bodys_administrator_sets_another_term_an_operator_cannot_and_more_than_60_days_is_refused()
    {
        const string page = "/backoffice/c_g999/fatture/tempestivita";
        using var admin = await platform.SignedInClientAsync(Personas.PratoAdmin);
        var before = await admin.GetStringAsync(page);
        before.ShouldContain("<span id=\"termine-pagamento\">30</span>");
        before.ShouldContain("(termine ordinario)");

        var tooLong = await admin.PostFormAsync(page, page + "?handler=Termine", new Dictionary<string, string> { ["Termine"] = "90" });
        tooLong.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await tooLong.Content.ReadAsStringAsync()).ShouldContain("tra 1 e 60 giorni");

        var set = await admin.PostFormAsync(page, page + "?handler=Termine", new Dictionary<string, string> { ["Termine"] = "45" });
        set.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = WebUtility.HtmlDecode(await admin.GetStringAsync(page));
        after.ShouldContain("<span id=\"termine-pagamento\">45</span>");
        after.ShouldContain("(termine impostato dall'ente)");

        var id = await SuppliersAndPaymentsTests.UploadAsync(admin, "420000011", WithoutDueDate("UFCPO1", "PRATO-45", "01386030488"), ipa: "c_g999");
        (await admin.GetStringAsync($"/backoffice/c_g999/fatture/{id}")).ShouldContain($"id=\"scadenza-pagamento\">{It((await ReceivedOnAsync(id)).AddDays(45))}");

        // The USL's default is the health-service term, and a Firenze operator (not an administrator) sees no form and cannot post.
        using var uslAdmin = await platform.SignedInClientAsync(UslAdmin);
        (await uslAdmin.GetStringAsync("/backoffice/usl_tc/fatture/tempestivita")).ShouldContain("termine ordinario degli enti del Servizio sanitario nazionale");
        using var operatorClient = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        const string firenze = "/backoffice/c_d612/fatture/tempestivita";
        (await operatorClient.GetStringAsync(firenze)).ShouldNotContain("name=\"Termine\"");
        var page2 = await operatorClient.GetStringAsync("/backoffice/c_d612/fatture/carica");
        var token = Antiforgery.TokenFrom(page2);
        var forbidden = await operatorClient.PostAsync(firenze + "?handler=Termine", new FormUrlEncodedContent(new Dictionary<string, string> { ["Termine"] = "60", ["__RequestVerificationToken"] = token }));
        forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await operatorClient.GetStringAsync(firenze)).ShouldContain("<span id=\"termine-pagamento\">30</span>");
    }
}
