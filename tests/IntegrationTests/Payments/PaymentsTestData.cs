using System.Xml.Linq;
using System.Xml.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Modules.Payments.Data;
using PenToscana.Modules.Payments.Domain;
using PenToscana.Modules.Payments.Soap;

namespace PenToscana.IntegrationTests.Payments;

internal static class PaymentsTestData
{
    public const string Regione = "01386030488";
    public const string Firenze = "01307110484";
    public const string Prato = "84006890481";
    public const string Usl = "06593810481";

    /// <summary>The unpaid notices of a demo position (by its seed key).</summary>
    public static async Task<List<Instalment>> NoticesAsync(PlatformFactory platform, string sourceKey)
    {
        await using var scope = platform.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaymentsDb>();
        var position = await db.Positions.AsNoTracking().SingleAsync(p => p.SourceKey == sourceKey);
        return await db.Instalments.AsNoTracking().Include(i => i.Transfers).Where(i => i.PositionId == position.Id)
            .OrderBy(i => i.OptionId).ThenBy(i => i.Ordinal).ToListAsync();
    }

    public static async Task<DebtPosition> PositionAsync(PlatformFactory platform, string sourceKey)
    {
        await using var scope = platform.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaymentsDb>();
        return await db.Positions.AsNoTracking().Include(p => p.Options).ThenInclude(o => o.Instalments).SingleAsync(p => p.SourceKey == sourceKey);
    }

    public static async Task<int> ReceiptCountAsync(PlatformFactory platform, string noticeNumber)
    {
        await using var scope = platform.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PaymentsDb>().Receipts.CountAsync(r => r.NoticeNumber == noticeNumber);
    }

    /// <summary>Posts a SOAP envelope to the station as the node does and returns the payload element of the answer.</summary>
    public static async Task<XElement> SoapAsync(HttpClient http, string action, XElement payload)
    {
        XNamespace env = NodeSchemas.SoapEnvelope;
        var envelope = new XElement(env + "Envelope", new XAttribute(XNamespace.Xmlns + "soapenv", env.NamespaceName), new XElement(env + "Body", payload));
        using var content = new StringContent(envelope.ToString(), System.Text.Encoding.UTF8, "text/xml");
        content.Headers.Add("SOAPAction", action);
        var response = await http.PostAsync("/pagopa/paForNode", content);
        var doc = XDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.Root!.Element(env + "Body")!.Elements().First();
    }

    public static XElement Header(string name, string idPA, params object[] content)
    {
        XNamespace paf = NodeSchemas.PaForNode;
        return new XElement(paf + name,
            new XElement("idPA", idPA),
            new XElement("idBrokerPA", "01386030488"),
            new XElement("idStation", "01386030488_01"),
            content);
    }

    public static XElement QrCode(string cf, string notice)
        => new("qrCode", new XElement("fiscalCode", cf), new XElement("noticeNumber", notice));

    public static string? FaultCode(XElement response) => response.Element("fault")?.Element("faultCode")?.Value;

    /// <summary>Validates a response payload against paForNode.xsd; returns the validation errors.</summary>
    public static List<string> SchemaErrors(XElement payload)
    {
        var errors = new List<string>();
        new XDocument(new XElement(payload)).Validate(NodeSchemas.Node, (_, e) => errors.Add(e.Message));
        return errors;
    }
}
