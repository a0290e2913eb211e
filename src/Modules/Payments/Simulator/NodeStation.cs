using System.Text;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.Modules.Payments.Soap;

namespace PenToscana.Modules.Payments.Simulator;

/// <summary>How the simulated node reaches the body's station: the SOAP envelope as bytes, the answer as bytes.</summary>
internal interface INodeStation
{
    Task<XDocument> CallAsync(string soapAction, string envelope, CancellationToken ct);
}

/// <summary>
/// Embedded mode: the envelope goes through the very pipeline the HTTP endpoint uses (parsing with DTDs off, XSD
/// validation, dispatch) in a scope of its own, without a network hop.
/// </summary>
internal sealed class LoopbackStation(IServiceScopeFactory scopes) : INodeStation
{
    public async Task<XDocument> CallAsync(string soapAction, string envelope, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var node = scope.ServiceProvider.GetRequiredService<NodeInterface>();
        using var request = new MemoryStream(Encoding.UTF8.GetBytes(envelope));
        var (_, xml) = await node.ProcessAsync(request, ct);
        return XDocument.Parse(xml);
    }
}

/// <summary>A station reached over HTTP (another process, or the bench driving this one), like the real node does.</summary>
internal sealed class HttpStation(HttpClient http) : INodeStation
{
    public async Task<XDocument> CallAsync(string soapAction, string envelope, CancellationToken ct)
    {
        using var content = new StringContent(envelope, Encoding.UTF8, "text/xml");
        content.Headers.Add("SOAPAction", soapAction);
        using var response = await http.PostAsync("", content, ct);
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        return await XDocument.LoadAsync(System.Xml.XmlReader.Create(stream, NodeSchemas.SafeReaderSettings(async: true)), LoadOptions.None, ct);
    }
}
