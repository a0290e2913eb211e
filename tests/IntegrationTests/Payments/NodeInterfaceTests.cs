using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using System.Xml.Linq;
using PenToscana.IntegrationTests.Infrastructure;
using static PenToscana.IntegrationTests.Payments.PaymentsTestData;

namespace PenToscana.IntegrationTests.Payments;

/// <summary>The body's side of the node interface over real HTTP SOAP: verify, activate, receipt, and every fault.</summary>
public sealed class NodeInterfaceTests(PlatformFactory platform) : IClassFixture<PlatformFactory>
{
    [Fact]
    public async Task Verifying_a_published_notice_answers_ok_with_amount_body_and_a_schema_valid_response()
    {
        var notice = (await NoticesAsync(platform, "demo-ticket-1"))[0];
        using var http = platform.CreateClient();
        var res = await SoapAsync(http, "paVerifyPaymentNotice", Header("paVerifyPaymentNoticeReq", Usl, QrCode(Usl, notice.NoticeNumber)));
        res.Name.LocalName.ShouldBe("paVerifyPaymentNoticeRes");
        res.Element("outcome")!.Value.ShouldBe("OK");
        res.Element("paymentList")!.Element("paymentOptionDescription")!.Element("amount")!.Value.ShouldBe("36.15");
        res.Element("companyName")!.Value.ShouldBe("Azienda USL Toscana Centro");
        SchemaErrors(res).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_unknown_notice_is_answered_with_PAA_PAGAMENTO_SCONOSCIUTO()
    {
        using var http = platform.CreateClient();
        var res = await SoapAsync(http, "paVerifyPaymentNotice", Header("paVerifyPaymentNoticeReq", Usl, QrCode(Usl, "300694561000991121")));
        res.Element("outcome")!.Value.ShouldBe("KO");
        FaultCode(res).ShouldBe("PAA_PAGAMENTO_SCONOSCIUTO");
        SchemaErrors(res).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_request_that_breaks_the_schema_is_answered_with_PAA_SINTASSI_XSD()
    {
        using var http = platform.CreateClient();
        var res = await SoapAsync(http, "paVerifyPaymentNotice", Header("paVerifyPaymentNoticeReq", Usl, QrCode(Usl, "12345")));
        FaultCode(res).ShouldBe("PAA_SINTASSI_XSD");
    }

    [Fact]
    public async Task A_wrong_station_is_refused_with_PAA_STAZIONE_INT_ERRATA()
    {
        XNamespace paf = PenToscana.Modules.Payments.Soap.NodeSchemas.PaForNode;
        using var http = platform.CreateClient();
        var req = new XElement(paf + "paVerifyPaymentNoticeReq", new XElement("idPA", Usl), new XElement("idBrokerPA", "01386030488"),
            new XElement("idStation", "99999999999_01"), QrCode(Usl, "300694561000991121"));
        FaultCode(await SoapAsync(http, "paVerifyPaymentNotice", req)).ShouldBe("PAA_STAZIONE_INT_ERRATA");
    }

    [Fact]
    public async Task Malformed_xml_and_documents_with_a_dtd_get_a_soap_fault_and_nothing_is_resolved()
    {
        using var http = platform.CreateClient();
        var broken = await http.PostAsync("/pagopa/paForNode", new StringContent("<soapenv:Envelope", System.Text.Encoding.UTF8, "text/xml"));
        broken.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        (await broken.Content.ReadAsStringAsync()).ShouldContain("Fault");

        const string withDtd = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>&e;</soapenv:Body></soapenv:Envelope>";
        var dtd = await http.PostAsync("/pagopa/paForNode", new StringContent(withDtd, System.Text.Encoding.UTF8, "text/xml"));
        dtd.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        (await dtd.Content.ReadAsStringAsync()).ShouldNotContain("root:");
    }

    [Fact]
    public async Task Activation_returns_the_transfers_and_a_receipt_closes_the_position_exactly_once()
    {
        var notice = (await NoticesAsync(platform, "demo-lampade-2026"))[0];
        using var http = platform.CreateClient();
        var get = await SoapAsync(http, "paGetPaymentV2", Header("paGetPaymentV2Request", Prato, QrCode(Prato, notice.NoticeNumber), new XElement("amount", "25.00")));
        get.Element("outcome")!.Value.ShouldBe("OK");
        SchemaErrors(get).ShouldBeEmpty();
        var data = get.Element("data")!;
        data.Element("creditorReferenceId")!.Value.ShouldBe(notice.Iuv);
        data.Element("transferList")!.Elements("transfer").Single().Element("transferAmount")!.Value.ShouldBe("25.00");

        var receipt = Receipt(Prato, notice.NoticeNumber, notice.Iuv, "25.00", "rcpt-lampade-1", data);
        var first = await SoapAsync(http, "paSendRTV2", receipt);
        first.Element("outcome")!.Value.ShouldBe("OK");
        SchemaErrors(first).ShouldBeEmpty();

        // The node redelivers the same receipt: nothing is recorded twice.
        var again = await SoapAsync(http, "paSendRTV2", receipt);
        FaultCode(again).ShouldBe("PAA_RECEIPT_DUPLICATA");
        (await ReceiptCountAsync(platform, notice.NoticeNumber)).ShouldBe(1);
        var paid = await PositionAsync(platform, "demo-lampade-2026");
        paid.Status.ShouldBe(PenToscana.Modules.Payments.Domain.PositionStatus.Paid);
        await using (var scope = platform.Services.CreateAsyncScope())
        {
            // Other modules learn of the payment from the outbox, once.
            var db = scope.ServiceProvider.GetRequiredService<PenToscana.Modules.Payments.Data.PaymentsDb>();
            (await db.Outbox.AsNoTracking().Where(m => m.Type.Contains("DebtPositionPaid")).Select(m => m.Payload).ToListAsync())
                .Count(p => p.Contains(paid.Iupd, StringComparison.Ordinal)).ShouldBe(1);
        }

        // A later verify of the paid notice says it is already paid.
        var verify = await SoapAsync(http, "paVerifyPaymentNotice", Header("paVerifyPaymentNoticeReq", Prato, QrCode(Prato, notice.NoticeNumber)));
        FaultCode(verify).ShouldBe("PAA_PAGAMENTO_DUPLICATO");

        // A second, different payment of the same notice is kept as an anomaly to refund, not as a second payment.
        var second = await SoapAsync(http, "paSendRTV2", Receipt(Prato, notice.NoticeNumber, notice.Iuv, "25.00", "rcpt-lampade-2", data));
        FaultCode(second).ShouldBe("PAA_PAGAMENTO_DUPLICATO");
        (await ReceiptCountAsync(platform, notice.NoticeNumber)).ShouldBe(2);
        var position = await PositionAsync(platform, "demo-lampade-2026");
        position.Options.SelectMany(o => o.Instalments).Count(i => i.Status == PenToscana.Modules.Payments.Domain.InstalmentStatus.Paid).ShouldBe(1);
    }

    [Fact]
    public async Task Paying_the_reduced_fine_makes_the_full_amount_option_unpayable()
    {
        var notices = await NoticesAsync(platform, "demo-multa-1");
        var (reduced, full) = (notices.Single(n => n.AmountCents == 2940), notices.Single(n => n.AmountCents == 4200));
        using var http = platform.CreateClient();
        var get = await SoapAsync(http, "paGetPaymentV2", Header("paGetPaymentV2Request", Firenze, QrCode(Firenze, reduced.NoticeNumber)));
        (await SoapAsync(http, "paSendRTV2", Receipt(Firenze, reduced.NoticeNumber, reduced.Iuv, "29.40", "rcpt-multa-1", get.Element("data")!)))
            .Element("outcome")!.Value.ShouldBe("OK");
        var verifyFull = await SoapAsync(http, "paVerifyPaymentNotice", Header("paVerifyPaymentNoticeReq", Firenze, QrCode(Firenze, full.NoticeNumber)));
        FaultCode(verifyFull).ShouldBe("PAA_PAGAMENTO_DUPLICATO");
    }

    [Fact]
    public async Task A_receipt_for_an_unknown_notice_is_kept_as_an_anomaly_and_answered_PAA_PAGAMENTO_SCONOSCIUTO()
    {
        using var http = platform.CreateClient();
        var fake = new XElement("data", new XElement("description", "x"), new XElement("companyName", "Comune di Firenze"),
            new XElement("debtor", new XElement("uniqueIdentifier", new XElement("entityUniqueIdentifierType", "F"), new XElement("entityUniqueIdentifierValue", "RSSMRA80A01D612Y")), new XElement("fullName", "Mario Rossi")),
            new XElement("transferList", new XElement("transfer", new XElement("idTransfer", "1"), new XElement("transferAmount", "10.00"), new XElement("fiscalCodePA", Firenze),
                new XElement("IBAN", "IT60X0542811101000000123456"), new XElement("remittanceInformation", "x"), new XElement("transferCategory", "0101100IM"))));
        var res = await SoapAsync(http, "paSendRTV2", Receipt(Firenze, "300694561000991121", "00694561000991121", "10.00", "rcpt-unknown", fake));
        FaultCode(res).ShouldBe("PAA_PAGAMENTO_SCONOSCIUTO");
        (await ReceiptCountAsync(platform, "300694561000991121")).ShouldBe(1);
    }

    private static XElement Receipt(string cf, string notice, string iuv, string amount, string receiptId, XElement data)
        => Header("paSendRTV2Request", cf,
            new XElement("receipt",
                new XElement("receiptId", receiptId),
                new XElement("noticeNumber", notice),
                new XElement("fiscalCode", cf),
                new XElement("outcome", "OK"),
                new XElement("creditorReferenceId", iuv),
                new XElement("paymentAmount", amount),
                new XElement("description", data.Element("description")!.Value),
                new XElement("companyName", data.Element("companyName")!.Value),
                new XElement(data.Element("debtor")!),
                new XElement("transferList", data.Element("transferList")!.Elements("transfer").Select(t => new XElement("transfer",
                    t.Element("idTransfer"), t.Element("transferAmount"), t.Element("fiscalCodePA"), t.Element("IBAN"),
                    t.Element("remittanceInformation"), t.Element("transferCategory")))),
                new XElement("idPSP", "TESTPSP0001"),
                new XElement("PSPCompanyName", "PSP di prova"),
                new XElement("idChannel", "TESTPSP0001_01"),
                new XElement("channelDescription", "app"),
                new XElement("paymentMethod", "CP"),
                new XElement("paymentDateTime", "2026-11-26T10:00:00")));
}
