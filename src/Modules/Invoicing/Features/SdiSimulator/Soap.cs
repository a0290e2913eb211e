using System.Security;
using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Http;
using PenToscana.Kernel.Security;

namespace PenToscana.Modules.Invoicing.Features.SdiSimulator;

/// <summary>The SOAP 1.1 document/literal messages of the SdICoop services: one operation element with flat fields.</summary>
internal static class Soap
{
    public const string EnvelopeNamespace = "http://schemas.xmlsoap.org/soap/envelope/";
    public const string TrasmissioneTypes = "http://www.fatturapa.gov.it/sdi/ws/trasmissione/v1.0/types";
    public const string RicezioneTypes = "http://www.fatturapa.gov.it/sdi/ws/ricezione/v1.0/types";
    public const int MaxEnvelopeBytes = 8 * 1024 * 1024;

    /// <summary>A parsed message: the operation element's local name and its child fields (text content).</summary>
    public sealed record Message(string Operation, IReadOnlyDictionary<string, string> Fields)
    {
        public string? this[string name] => Fields.TryGetValue(name, out var v) ? v : null;
    }

    public static async Task<Message?> ReadAsync(Stream body, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, ct);
        if (buffer.Length > MaxEnvelopeBytes)
        {
            return null;
        }

        buffer.Position = 0;
        return Read(buffer);
    }

    public static Message? Read(Stream stream)
    {
        var settings = SafeXml.ReaderSettings();
        settings.IgnoreWhitespace = true;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        string? operation = null;
        int operationDepth = -1;
        try
        {
            using var reader = XmlReader.Create(stream, settings);
            reader.MoveToContent();
            while (!reader.EOF)
            {
                if (reader.NodeType == XmlNodeType.Element && operation is null && !(reader.NamespaceURI == EnvelopeNamespace && reader.LocalName is "Envelope" or "Header" or "Body"))
                {
                    operation = reader.LocalName;
                    operationDepth = reader.Depth;
                    reader.Read();
                    continue;
                }

                if (reader.NodeType == XmlNodeType.Element && operation is not null && reader.Depth == operationDepth + 1)
                {
                    string name = reader.LocalName;
                    if (reader.IsEmptyElement)
                    {
                        fields[name] = "";
                        reader.Read();
                        continue;
                    }

                    // A structured field (ScartoEsito) keeps its children flattened under "Parent.Child".
                    var subtree = reader.ReadSubtree();
                    subtree.Read();
                    subtree.Read();
                    var text = new StringBuilder();
                    while (!subtree.EOF)
                    {
                        if (subtree.NodeType == XmlNodeType.Element && subtree.Depth == 1)
                        {
                            fields[name + "." + subtree.LocalName] = subtree.ReadElementContentAsString();
                            continue;
                        }

                        if (subtree.NodeType is XmlNodeType.Text or XmlNodeType.CDATA)
                        {
                            text.Append(subtree.Value);
                        }

                        subtree.Read();
                    }

                    subtree.Dispose();
                    fields[name] = text.ToString();
                    reader.Read();
                    continue;
                }

                reader.Read();
            }
        }
        catch (XmlException)
        {
            return null;
        }

        // A SOAP answer with an empty Body (a one-way operation's answer) has no operation element.
        return new Message(operation ?? "", fields);
    }

    public static string Envelope(string body) =>
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope xmlns:soapenv=\"{EnvelopeNamespace}\"><soapenv:Body>{body}</soapenv:Body></soapenv:Envelope>";

    /// <summary>An operation element with simple fields, in the given types namespace.</summary>
    public static string Operation(string ns, string operation, params (string Name, string Value)[] fields)
    {
        var text = new StringBuilder();
        text.Append("<types:").Append(operation).Append(" xmlns:types=\"").Append(ns).Append("\">");
        foreach (var (name, value) in fields)
        {
            text.Append('<').Append(name).Append('>').Append(SecurityElement.Escape(value)).Append("</").Append(name).Append('>');
        }

        return text.Append("</types:").Append(operation).Append('>').ToString();
    }

    public static IResult Ok(string body) => Results.Text(Envelope(body), "text/xml; charset=utf-8", Encoding.UTF8);

    public static IResult Fault(string message) =>
        Results.Text(Envelope($"<soapenv:Fault><faultcode>soapenv:Client</faultcode><faultstring xml:lang=\"it\">{SecurityElement.Escape(message)}</faultstring></soapenv:Fault>"),
            "text/xml; charset=utf-8", Encoding.UTF8, StatusCodes.Status500InternalServerError);

    /// <summary>Posts a SOAP request; returns the parsed answer, or throws <see cref="SdiUnreachableException"/> on transport failure or fault.</summary>
    public static async Task<Message> CallAsync(HttpClient http, string path, string action, string body, CancellationToken ct)
    {
        HttpResponseMessage response;
        using var content = new StringContent(Envelope(body), Encoding.UTF8, "text/xml");
        content.Headers.Add("SOAPAction", action);
        try
        {
            response = await http.PostAsync(path, content, ct);
        }
        catch (HttpRequestException ex)
        {
            throw new SdiUnreachableException($"Servizio {path} non raggiungibile: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new SdiUnreachableException($"Servizio {path} non ha risposto in tempo.", ex);
        }

        using (response)
        {
            var stream = await response.Content.ReadAsStreamAsync(ct);
            var message = Read(stream);
            if (message is null)
            {
                throw new SdiUnreachableException($"Servizio {path}: risposta {(int)response.StatusCode} non leggibile.");
            }

            if (message.Operation == "Fault" || !response.IsSuccessStatusCode)
            {
                throw new SdiFaultException(message["faultstring"] ?? $"Errore {(int)response.StatusCode}");
            }

            return message;
        }
    }
}

/// <summary>The other side could not be reached (transport error, timeout, unreadable answer): worth retrying.</summary>
internal class SdiUnreachableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The other side answered with a SOAP fault: it refused the message.</summary>
internal sealed class SdiFaultException(string message) : SdiUnreachableException(message);
