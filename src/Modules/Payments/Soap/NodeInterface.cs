using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using PenToscana.Modules.Payments.Domain;
using PenToscana.Modules.Payments.Features.NodePrimitives;

namespace PenToscana.Modules.Payments.Soap;

/// <summary>The station this platform is for the node: intermediary (broker) id and station id.</summary>
internal sealed record StationOptions(string BrokerId, string StationId)
{
    public static StationOptions From(IConfiguration configuration) => new(
        configuration["Payments:Node:BrokerId"] ?? "01386030488",
        configuration["Payments:Node:StationId"] ?? "01386030488_01");
}

/// <summary>
/// The body's side of the SANP node interface over SOAP 1.1: reads the envelope with DTDs off, validates the payload
/// against paForNode.xsd, answers paVerifyPaymentNotice, paGetPayment(V2) and paSendRT(V2) with OK or a node fault.
/// </summary>
internal sealed partial class NodeInterface(NodePrimitivesHandler primitives, StationOptions station, ILogger<NodeInterface> logger)
{
    private static readonly XNamespace Env = NodeSchemas.SoapEnvelope;
    private static readonly XNamespace Paf = NodeSchemas.PaForNode;

    public async Task<(int Status, string Xml)> ProcessAsync(Stream body, CancellationToken ct)
    {
        XDocument envelope;
        try
        {
            using var reader = XmlReader.Create(body, NodeSchemas.SafeReaderSettings(async: true));
            envelope = await XDocument.LoadAsync(reader, LoadOptions.None, ct);
        }
        catch (XmlException ex)
        {
            LogMalformed(logger, ex.Message);
            return (500, SoapFault("soapenv:Client", "Messaggio SOAP non leggibile: " + ex.Message));
        }

        var payload = envelope.Root is { } root && root.Name == Env + "Envelope"
            ? root.Element(Env + "Body")?.Elements().FirstOrDefault()
            : null;
        if (payload is null || payload.Name.Namespace != Paf)
        {
            return (500, SoapFault("soapenv:Client", "Busta SOAP senza una richiesta paForNode nel Body."));
        }

        string primitive = payload.Name.LocalName;
        string? responseName = primitive switch
        {
            "paVerifyPaymentNoticeReq" => "paVerifyPaymentNoticeRes",
            "paGetPaymentReq" => "paGetPaymentRes",
            "paGetPaymentV2Request" => "paGetPaymentV2Response",
            "paSendRTReq" => "paSendRTRes",
            "paSendRTV2Request" => "paSendRTV2Response",
            _ => null,
        };
        if (responseName is null)
        {
            return (500, SoapFault("soapenv:Client", $"Primitiva non supportata: {primitive}."));
        }

        string idPA = payload.Element("idPA")?.Value ?? "";
        var errors = new List<string>();
        new XDocument(new XElement(payload)).Validate(NodeSchemas.Node, (_, e) => errors.Add(e.Message));
        if (errors.Count > 0)
        {
            return (200, Ko(responseName, NodeFaults.Syntax, idPA, string.Join(" ", errors.Take(3))));
        }

        if (payload.Element("idBrokerPA")!.Value != station.BrokerId)
        {
            return (200, Ko(responseName, NodeFaults.WrongBroker, idPA));
        }

        if (payload.Element("idStation")!.Value != station.StationId)
        {
            return (200, Ko(responseName, NodeFaults.WrongStation, idPA));
        }

        try
        {
            return (200, primitive switch
            {
                "paVerifyPaymentNoticeReq" => await VerifyAsync(payload, idPA, responseName, ct),
                "paGetPaymentReq" or "paGetPaymentV2Request" => await GetPaymentAsync(payload, idPA, responseName, primitive == "paGetPaymentV2Request", ct),
                _ => await SendReceiptAsync(payload, idPA, responseName, ct),
            });
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPrimitiveFailed(logger, primitive, ex);
            return (200, Ko(responseName, NodeFaults.System, idPA));
        }
    }

    private async Task<string> VerifyAsync(XElement req, string idPA, string responseName, CancellationToken ct)
    {
        var qr = req.Element("qrCode")!;
        string bodyCf = qr.Element("fiscalCode")!.Value;
        if (idPA != bodyCf)
        {
            return Ko(responseName, NodeFaults.WrongDomain, idPA, "idPA diverso dal codice fiscale dell'avviso.");
        }

        var (notice, fault) = await primitives.FindPayableAsync(bodyCf, qr.Element("noticeNumber")!.Value, ct);
        if (notice is null)
        {
            return Ko(responseName, fault!, idPA);
        }

        var i = notice.Instalment;
        bool allCcp = i.Transfers.All(t => t.Iban is null && t.PostalAccount is not null);
        return Ok(responseName,
            new XElement("paymentList",
                new XElement("paymentOptionDescription",
                    new XElement("amount", PaymentCodes.SoapAmount(i.AmountCents)),
                    new XElement("options", "EQ"),
                    new XElement("dueDate", i.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                    new XElement("detailDescription", Text(i.Description, 140)),
                    new XElement("allCCP", allCcp ? "true" : "false"))),
            new XElement("paymentDescription", Text(notice.Position.Description, 140)),
            new XElement("fiscalCodePA", notice.Body.TaxCode),
            new XElement("companyName", Text(notice.Body.Name, 140)),
            notice.OfficeName is { Length: > 0 } office ? new XElement("officeName", Text(office, 140)) : null);
    }

    private async Task<string> GetPaymentAsync(XElement req, string idPA, string responseName, bool v2, CancellationToken ct)
    {
        var qr = req.Element("qrCode")!;
        string bodyCf = qr.Element("fiscalCode")!.Value;
        if (idPA != bodyCf)
        {
            return Ko(responseName, NodeFaults.WrongDomain, idPA, "idPA diverso dal codice fiscale dell'avviso.");
        }

        var (notice, fault) = await primitives.FindPayableAsync(bodyCf, qr.Element("noticeNumber")!.Value, ct);
        if (notice is null)
        {
            return Ko(responseName, fault!, idPA);
        }

        var i = notice.Instalment;
        if (req.Element("amount")?.Value is { } amountText && PaymentCodes.TryParseSoapAmount(amountText, out var asked) && asked != i.AmountCents)
        {
            return Ko(responseName, NodeFaults.Semantics, idPA, $"Importo richiesto {amountText} diverso dal dovuto {PaymentCodes.SoapAmount(i.AmountCents)}.");
        }

        var p = notice.Position;
        var transfers = new XElement("transferList", i.Transfers.Select(t => new XElement("transfer",
            new XElement("idTransfer", t.Index),
            new XElement("transferAmount", PaymentCodes.SoapAmount(t.AmountCents)),
            new XElement("fiscalCodePA", t.BeneficiaryTaxCode),
            new XElement("IBAN", t.Iban ?? t.PostalAccount),
            new XElement("remittanceInformation", Text(t.RemittanceInformation, 140)),
            new XElement("transferCategory", t.Category))));
        return Ok(responseName,
            new XElement("data",
                new XElement("creditorReferenceId", i.Iuv),
                new XElement("paymentAmount", PaymentCodes.SoapAmount(i.AmountCents)),
                new XElement("dueDate", i.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                new XElement("lastPayment", "false"),
                new XElement("description", Text(i.Description, 140)),
                new XElement("companyName", Text(notice.Body.Name, 140)),
                notice.OfficeName is { Length: > 0 } office ? new XElement("officeName", Text(office, 140)) : null,
                new XElement("debtor",
                    new XElement("uniqueIdentifier",
                        new XElement("entityUniqueIdentifierType", p.DebtorKind == DebtorKind.Person ? "F" : "G"),
                        new XElement("entityUniqueIdentifierValue", p.DebtorTaxCode)),
                    new XElement("fullName", Text(p.DebtorName, 70)),
                    p.DebtorEmail is { Length: > 0 } mail ? new XElement("e-mail", mail) : null),
                transfers));
    }

    private async Task<string> SendReceiptAsync(XElement req, string idPA, string responseName, CancellationToken ct)
    {
        var r = req.Element("receipt")!;
        if (r.Element("fiscalCode")!.Value != idPA)
        {
            return Ko(responseName, NodeFaults.WrongDomain, idPA, "idPA diverso dal codice fiscale della ricevuta.");
        }

        long amount = PaymentCodes.ParseSoapAmount(r.Element("paymentAmount")!.Value);
        long? fee = r.Element("fee")?.Value is { } feeText && PaymentCodes.TryParseSoapAmount(feeText, out var f) ? f : null;
        var payer = r.Element("payer");
        var receipt = new IncomingReceipt(
            r.Element("receiptId")!.Value,
            r.Element("noticeNumber")!.Value,
            r.Element("fiscalCode")!.Value,
            r.Element("outcome")!.Value,
            r.Element("creditorReferenceId")!.Value,
            amount,
            r.Element("description")!.Value,
            r.Element("debtor")?.Element("uniqueIdentifier")?.Element("entityUniqueIdentifierValue")?.Value,
            r.Element("idPSP")!.Value,
            r.Element("PSPCompanyName")!.Value,
            r.Element("channelDescription")!.Value,
            r.Element("paymentMethod")?.Value,
            payer?.Element("uniqueIdentifier")?.Element("entityUniqueIdentifierValue")?.Value,
            payer?.Element("fullName")?.Value,
            fee,
            r.Element("paymentNote")?.Value,
            r.Element("paymentDateTime")?.Value is { } when && DateTimeOffset.TryParse(when, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var at) ? at : null,
            r.Element("standIn")?.Value == "true",
            r.Element("transferList")!.Elements("transfer").Select(t => new NodeTransfer(
                int.Parse(t.Element("idTransfer")!.Value, CultureInfo.InvariantCulture),
                PaymentCodes.TryParseSoapAmount(t.Element("transferAmount")!.Value, out var c) ? c : 0,
                t.Element("fiscalCodePA")!.Value,
                t.Element("IBAN")?.Value,
                t.Element("remittanceInformation")!.Value,
                t.Element("transferCategory")!.Value)).ToList(),
            r.ToString(SaveOptions.DisableFormatting));
        var fault = await primitives.RecordReceiptAsync(receipt, ct);
        return fault is null ? Ok(responseName) : Ko(responseName, fault, idPA);
    }

    private static string Ok(string responseName, params object?[] content)
        => Envelope(new XElement(Paf + responseName, new XElement("outcome", "OK"), content));

    private static string Ko(string responseName, string faultCode, string idPA, string? description = null)
        => Envelope(new XElement(Paf + responseName,
            new XElement("outcome", "KO"),
            new XElement("fault",
                new XElement("faultCode", faultCode),
                new XElement("faultString", NodeFaults.Describe(faultCode)),
                new XElement("id", idPA.Length > 0 ? idPA : "NodoDeiPagamentiSPC"),
                description is null ? null : new XElement("description", description))));

    private static string Envelope(XElement payload)
        => "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + new XElement(Env + "Envelope",
            new XAttribute(XNamespace.Xmlns + "soapenv", Env.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "paf", Paf.NamespaceName),
            new XElement(Env + "Body", payload)).ToString(SaveOptions.DisableFormatting);

    private static string SoapFault(string code, string message)
        => new XElement(Env + "Envelope", new XAttribute(XNamespace.Xmlns + "soapenv", Env.NamespaceName),
            new XElement(Env + "Body", new XElement(Env + "Fault", new XElement("faultcode", code), new XElement("faultstring", message))))
            .ToString(SaveOptions.DisableFormatting);

    private static string Text(string s, int max) => s.Length <= max ? s : s[..max];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Malformed SOAP request from the node: {Reason}")]
    private static partial void LogMalformed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Node primitive {Primitive} failed")]
    private static partial void LogPrimitiveFailed(ILogger logger, string primitive, Exception exception);
}
