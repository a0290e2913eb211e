using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PenToscana.IntegrationTests.Infrastructure;

namespace PenToscana.IntegrationTests.Protocol;

/// <summary>Calls the protocol API as a body's machine client would: OIDC client credentials, then multipart.</summary>
internal static class ProtocolApiClient
{
    public static Task<HttpClient> ForBodyAsync(PlatformFactory platform, string ipa, string scope = "api.protocol")
        => platform.ApiClientAsync(ipa, scope);

    public static MultipartFormDataContent Registration(object metadata, byte[] document, string fileName = "documento.pdf", params (string Name, byte[] Bytes)[] attachments)
    {
        var content = new MultipartFormDataContent
        {
            { new StringContent(JsonSerializer.Serialize(metadata, JsonSerializerOptions.Web), System.Text.Encoding.UTF8, "application/json"), "metadata" },
            { new ByteArrayContent(document), "document", fileName },
        };
        foreach (var (name, bytes) in attachments)
        {
            content.Add(new ByteArrayContent(bytes), "attachments", name);
        }

        return content;
    }

    public static byte[] Pdf(string text) => System.Text.Encoding.ASCII.GetBytes($"%PDF-1.4\n% {text}\n%%EOF\n");

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
}
