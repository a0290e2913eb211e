using System.Globalization;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.Modules.Payments.Data;
using PenToscana.Modules.Payments.Domain;
using PenToscana.Modules.Payments.Soap;

namespace PenToscana.Modules.Payments.Simulator;

/// <summary>A payment service provider the simulator plays, with the channel it pays through.</summary>
internal sealed record SimulatedPsp(string Key, string Label, string PspId, string CompanyName, string ChannelId, string ChannelDescription, string PaymentMethod)
{
    public static readonly SimulatedPsp Card = new("carta", "Carta di pagamento", "SIMPSP00001", "Banca Simulata S.p.A.", "SIMPSP00001_01", "Checkout carta", "CP");
    public static readonly SimulatedPsp BankTransfer = new("bonifico", "Bonifico (MyBank)", "SIMPSP00002", "Banca Simulata Bonifici S.p.A.", "SIMPSP00002_01", "Checkout bonifico", "BBT");
    public static readonly SimulatedPsp Tobacconist = new("tabaccheria", "Tabaccheria (rete Banca ITB)", "SIMPSP00003", "Tabaccherie Simulate S.p.A.", "SIMPSP00003_01", "Tabaccheria", "CONT");
    public static readonly SimulatedPsp Sisal = new("sisal", "Punto SISAL / Mooney", "SIMPSP00004", "Sisal Simulata S.p.A.", "SIMPSP00004_01", "Punto SISAL", "CONT");
    public static readonly SimulatedPsp Poste = new("poste", "Ufficio postale", "SIMPSP00005", "Poste Simulate S.p.A.", "SIMPSP00005_01", "Ufficio postale", "CONT");
    public static readonly SimulatedPsp Retail = new("gdo", "Grande distribuzione (supermercato)", "SIMPSP00006", "GDO Simulata S.p.A.", "SIMPSP00006_01", "Cassa supermercato", "CONT");

    public static readonly IReadOnlyList<SimulatedPsp> Counters = [Tobacconist, Sisal, Poste, Retail];

    public static SimulatedPsp? ByKey(string? key) => new[] { Card, BankTransfer, Tobacconist, Sisal, Poste, Retail }.FirstOrDefault(p => p.Key == key);
}

internal sealed record VerifiedNotice(string BodyTaxCode, string NoticeNumber, long AmountCents, string Description, string CompanyName, string? DueDate);

internal sealed record NodeOutcome(bool Ok, string? FaultCode, string? FaultString, string? Description)
{
    public static NodeOutcome Success { get; } = new(true, null, null, null);

    public string Message => FaultCode switch
    {
        null => "Operazione riuscita.",
        "PAA_PAGAMENTO_SCONOSCIUTO" => "L'avviso non risulta all'ente creditore.",
        "PAA_PAGAMENTO_SCADUTO" => "L'avviso è scaduto e non può più essere pagato.",
        "PAA_PAGAMENTO_ANNULLATO" => "L'avviso è stato annullato dall'ente.",
        "PAA_PAGAMENTO_DUPLICATO" => "L'avviso risulta già pagato.",
        "PPT_STAZIONE_INT_PA_TIMEOUT" => "L'ente creditore non ha risposto in tempo.",
        _ => $"L'ente creditore ha risposto con l'errore {FaultCode}.",
    };
}

/// <summary>
/// Plays the pagoPA node and its PSPs: verifies and activates notices and pushes receipts to the body's station with
/// the same SOAP primitives the node uses (paVerifyPaymentNotice, paGetPaymentV2, paSendRTV2), and keeps what it
/// collected to produce reporting flows.
/// </summary>
internal sealed class NodeSimulator(INodeStation station, StationOptions stationOptions, IServiceScopeFactory scopes, TimeProvider time)
{
    private static readonly XNamespace Env = NodeSchemas.SoapEnvelope;
    private static readonly XNamespace Paf = NodeSchemas.PaForNode;

    public async Task<(VerifiedNotice? Notice, NodeOutcome Outcome)> VerifyAsync(string bodyTaxCode, string noticeNumber, CancellationToken ct)
    {
        var res = await CallAsync("paVerifyPaymentNotice", new XElement(Paf + "paVerifyPaymentNoticeReq",
            Header(bodyTaxCode),
            new XElement("qrCode", new XElement("fiscalCode", bodyTaxCode), new XElement("noticeNumber", noticeNumber))), ct);
        var outcome = OutcomeOf(res);
        if (!outcome.Ok)
        {
            return (null, outcome);
        }

        var option = res.Element("paymentList")!.Element("paymentOptionDescription")!;
        long cents = PaymentCodes.ParseSoapAmount(option.Element("amount")!.Value);
        return (new VerifiedNotice(bodyTaxCode, noticeNumber, cents,
            res.Element("paymentDescription")?.Value ?? option.Element("detailDescription")?.Value ?? "",
            res.Element("companyName")?.Value ?? bodyTaxCode, option.Element("dueDate")?.Value), outcome);
    }

    /// <summary>Activates the notice and, once the PSP has the money, sends the receipt: one notice, one receipt.</summary>
    public async Task<(NodeOutcome Outcome, string? ReceiptId)> PayAsync(string bodyTaxCode, string noticeNumber, SimulatedPsp psp, string? payerTaxCode, string? payerName,
        string? paymentNote, CancellationToken ct)
    {
        var activation = await CallAsync("paGetPaymentV2", new XElement(Paf + "paGetPaymentV2Request",
            Header(bodyTaxCode),
            new XElement("qrCode", new XElement("fiscalCode", bodyTaxCode), new XElement("noticeNumber", noticeNumber)),
            paymentNote is { Length: > 0 } ? new XElement("paymentNote", paymentNote) : null), ct);
        var outcome = OutcomeOf(activation);
        if (!outcome.Ok)
        {
            return (outcome, null);
        }

        var data = activation.Element("data")!;
        var now = time.GetUtcNow();
        string receiptId = Guid.NewGuid().ToString("N");
        string iur = "SIM" + now.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + Random.Shared.Next(100000, 999999).ToString(CultureInfo.InvariantCulture);
        var transfers = data.Element("transferList")!.Elements("transfer").ToList();
        var receipt = new XElement(Paf + "paSendRTV2Request",
            Header(bodyTaxCode),
            new XElement("receipt",
                new XElement("receiptId", receiptId),
                new XElement("noticeNumber", noticeNumber),
                new XElement("fiscalCode", bodyTaxCode),
                new XElement("outcome", "OK"),
                new XElement("creditorReferenceId", data.Element("creditorReferenceId")!.Value),
                new XElement("paymentAmount", data.Element("paymentAmount")!.Value),
                new XElement("description", data.Element("description")!.Value),
                new XElement("companyName", data.Element("companyName")!.Value),
                data.Element("officeName") is { } office ? new XElement("officeName", office.Value) : null,
                new XElement(data.Element("debtor")!),
                new XElement("transferList", transfers.Select(t => new XElement("transfer",
                    new XElement("idTransfer", t.Element("idTransfer")!.Value),
                    new XElement("transferAmount", t.Element("transferAmount")!.Value),
                    new XElement("fiscalCodePA", t.Element("fiscalCodePA")!.Value),
                    new XElement("IBAN", t.Element("IBAN")?.Value ?? "IT00X0000000000000000000000"),
                    new XElement("remittanceInformation", t.Element("remittanceInformation")!.Value),
                    new XElement("transferCategory", t.Element("transferCategory")!.Value)))),
                new XElement("idPSP", psp.PspId),
                new XElement("pspFiscalCode", psp.PspId),
                new XElement("PSPCompanyName", psp.CompanyName),
                new XElement("idChannel", psp.ChannelId),
                new XElement("channelDescription", psp.ChannelDescription),
                payerTaxCode is { Length: >= 2 and <= 16 }
                    ? new XElement("payer",
                        new XElement("uniqueIdentifier",
                            new XElement("entityUniqueIdentifierType", payerTaxCode.Length == 16 ? "F" : "G"),
                            new XElement("entityUniqueIdentifierValue", payerTaxCode)),
                        new XElement("fullName", string.IsNullOrWhiteSpace(payerName) ? payerTaxCode : payerName))
                    : null,
                new XElement("paymentMethod", psp.PaymentMethod),
                paymentNote is { Length: > 0 } ? new XElement("paymentNote", paymentNote) : null,
                new XElement("fee", "1.00"),
                new XElement("paymentDateTime", now.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
                new XElement("applicationDate", now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                new XElement("transferDate", now.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                new XElement("standIn", "false")));

        // The PSP has taken the money: keep it before telling the body, so a lost answer never loses the payment.
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PaymentsDb>();
            long cents = PaymentCodes.ParseSoapAmount(data.Element("paymentAmount")!.Value);
            db.SimulatedPayments.Add(new SimulatedPayment
            {
                Id = Guid.CreateVersion7(now),
                ReceiptId = receiptId,
                BodyTaxCode = bodyTaxCode,
                NoticeNumber = noticeNumber,
                Iuv = data.Element("creditorReferenceId")!.Value,
                Iur = iur,
                PspId = psp.PspId,
                Channel = psp.Key,
                AmountCents = cents,
                Transfers = string.Join(';', transfers.Select(t => $"{t.Element("idTransfer")!.Value}:{t.Element("fiscalCodePA")!.Value}:{(PaymentCodes.TryParseSoapAmount(t.Element("transferAmount")!.Value, out var c) ? c : 0)}")),
                PaidAt = now,
            });
            await db.SaveChangesAsync(ct);
        }

        var sent = await SendReceiptAsync(receipt, ct);
        return (sent, receiptId);
    }

    /// <summary>Delivers (or redelivers) a receipt; the node retries until the body answers OK or a final fault.</summary>
    public async Task<NodeOutcome> SendReceiptAsync(XElement paSendRTV2Request, CancellationToken ct)
        => OutcomeOf(await CallAsync("paSendRTV2", paSendRTV2Request, ct));

    private IEnumerable<XElement> Header(string bodyTaxCode) =>
    [
        new XElement("idPA", bodyTaxCode),
        new XElement("idBrokerPA", stationOptions.BrokerId),
        new XElement("idStation", stationOptions.StationId),
    ];

    private async Task<XElement> CallAsync(string action, XElement payload, CancellationToken ct)
    {
        string envelope = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + new XElement(Env + "Envelope",
            new XAttribute(XNamespace.Xmlns + "soapenv", Env.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "nod", Paf.NamespaceName),
            new XElement(Env + "Header"),
            new XElement(Env + "Body", payload)).ToString(SaveOptions.DisableFormatting);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(action == "paSendRTV2" ? 15 : 7));
        try
        {
            var doc = await station.CallAsync(action, envelope, timeout.Token);
            return doc.Root?.Element(Env + "Body")?.Elements().FirstOrDefault()
                ?? throw new InvalidOperationException("Risposta della stazione senza Body.");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new XElement("timeout", new XElement("outcome", "KO"), new XElement("fault", new XElement("faultCode", "PPT_STAZIONE_INT_PA_TIMEOUT"), new XElement("faultString", "Timeout")));
        }
    }

    private static NodeOutcome OutcomeOf(XElement response)
    {
        if (response.Name == Env + "Fault")
        {
            return new NodeOutcome(false, "PPT_STAZIONE_INT_PA_ERRORE_RESPONSE", response.Element("faultstring")?.Value, null);
        }

        if (response.Element("outcome")?.Value == "OK")
        {
            return NodeOutcome.Success;
        }

        var fault = response.Element("fault");
        return new NodeOutcome(false, fault?.Element("faultCode")?.Value ?? "PPT_SYSTEM_ERROR", fault?.Element("faultString")?.Value, fault?.Element("description")?.Value);
    }
}
