using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using Microsoft.AspNetCore.Http;
using PenToscana.Kernel.Calendar;

namespace PenToscana.Modules.InfoDesk.Features.Open311;

/// <summary>
/// One response model (JSON nodes) written in either of the two formats of GeoReport v2. Lists become repeated elements
/// in XML (<c>services/service</c>, <c>service_requests/request</c>, <c>attributes/attribute</c>, …); ids are strings.
/// </summary>
internal static class Open311Format
{
    private static readonly Dictionary<string, string> ItemNames = new(StringComparer.Ordinal)
    {
        ["services"] = "service",
        ["service_requests"] = "request",
        ["errors"] = "error",
        ["attributes"] = "attribute",
        ["values"] = "value",
        ["endpoints"] = "endpoint",
        ["formats"] = "format",
    };

    public static bool TryParse(string? format, out bool json)
    {
        json = string.Equals(format, "json", StringComparison.OrdinalIgnoreCase);
        return json || string.Equals(format, "xml", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>GeoReport dates: ISO 8601 with the Italian offset of that instant.</summary>
    public static string Date(DateTimeOffset instant)
        => TimeZoneInfo.ConvertTime(instant, ItalianTime.Rome).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static IResult Write(bool json, string root, JsonNode body, int status = StatusCodes.Status200OK)
    {
        if (json)
        {
            return Results.Text(body.ToJsonString(new JsonSerializerOptions { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }),
                "application/json; charset=utf-8", Encoding.UTF8, status);
        }

        var sb = new StringBuilder();
        using (var writer = XmlWriter.Create(new Utf8StringWriter(sb), new XmlWriterSettings { Encoding = Encoding.UTF8, Indent = true }))
        {
            writer.WriteStartDocument();
            WriteElement(writer, root, body);
            writer.WriteEndDocument();
        }

        return Results.Text(sb.ToString(), "text/xml; charset=utf-8", Encoding.UTF8, status);
    }

    public static IResult Error(bool json, int status, string description)
    {
        var errors = new JsonArray(new JsonObject { ["code"] = status, ["description"] = description });
        return Write(json, "errors", errors, status);
    }

    private static void WriteElement(XmlWriter writer, string name, JsonNode? node)
    {
        writer.WriteStartElement(name);
        switch (node)
        {
            case null:
                break;
            case JsonArray array:
                var item = ItemNames.GetValueOrDefault(name, "item");
                foreach (var child in array)
                {
                    WriteElement(writer, item, child);
                }

                break;
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    WriteElement(writer, key, value);
                }

                break;
            case JsonValue value:
                writer.WriteString(value.GetValueKind() switch
                {
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    JsonValueKind.Number => value.ToJsonString(),
                    _ => value.GetValue<string>(),
                });
                break;
            default:
                break;
        }

        writer.WriteEndElement();
    }

    private sealed class Utf8StringWriter(StringBuilder sb) : StringWriter(sb, CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding => Encoding.UTF8;
    }
}
