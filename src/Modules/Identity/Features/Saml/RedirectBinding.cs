using System.IO.Compression;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace PenToscana.Modules.Identity.Features.Saml;

/// <summary>SAML HTTP-Redirect binding (bindings 3.4): DEFLATE + base64 + URL encoding, signature over the raw query string.</summary>
internal static class RedirectBinding
{
    public static string Deflate(string xml)
    {
        using var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, CompressionLevel.Optimal))
        {
            deflate.Write(Encoding.UTF8.GetBytes(xml));
        }

        return Convert.ToBase64String(output.ToArray());
    }

    /// <summary>Inflates at most <see cref="SamlXml.MaxCharacters"/> bytes: a deflate bomb stops there.</summary>
    public static string Inflate(string base64)
    {
        using var input = new MemoryStream(Convert.FromBase64String(base64));
        using var deflate = new DeflateStream(input, CompressionMode.Decompress);
        var buffer = new byte[SamlXml.MaxCharacters + 1];
        int total = 0, read;
        while (total < buffer.Length && (read = deflate.Read(buffer, total, buffer.Length - total)) > 0)
        {
            total += read;
        }

        if (total > SamlXml.MaxCharacters)
        {
            throw new FormatException("Messaggio troppo grande.");
        }

        return Encoding.UTF8.GetString(buffer, 0, total);
    }

    /// <summary>Builds destination?SAMLRequest|SAMLResponse=…&amp;RelayState=…&amp;SigAlg=…&amp;Signature=…</summary>
    public static string SignedUrl(string destination, string parameter, string xml, string? relayState, X509Certificate2 certificate)
    {
        var query = new StringBuilder();
        query.Append(parameter).Append('=').Append(Uri.EscapeDataString(Deflate(xml)));
        if (relayState is not null)
        {
            query.Append("&RelayState=").Append(Uri.EscapeDataString(relayState));
        }

        query.Append("&SigAlg=").Append(Uri.EscapeDataString(SamlNames.RsaSha256));
        using var rsa = certificate.GetRSAPrivateKey()!;
        var signature = rsa.SignData(Encoding.UTF8.GetBytes(query.ToString()), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        query.Append("&Signature=").Append(Uri.EscapeDataString(Convert.ToBase64String(signature)));
        return destination + (destination.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query;
    }

    /// <summary>A received Redirect message: the XML and whether its query signature verifies with one of the trusted certificates.</summary>
    public sealed record Received(string Xml, string? RelayState, bool SignatureValid);

    /// <summary>Reads a message from the raw query string (as received: URL encoding is not canonical, so the signed bytes are the original substrings).</summary>
    public static Received? Read(string rawQuery, string parameter, IReadOnlyCollection<X509Certificate2> trusted)
    {
        var pairs = rawQuery.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .GroupBy(p => p[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count() == 1 && g.First().Length == 2 ? g.First()[1] : null, StringComparer.Ordinal);
        if (!pairs.TryGetValue(parameter, out var message) || message is null)
        {
            return null;
        }

        var xml = Inflate(Uri.UnescapeDataString(message.Replace('+', ' ')));
        pairs.TryGetValue("RelayState", out var relay);
        pairs.TryGetValue("SigAlg", out var sigAlg);
        pairs.TryGetValue("Signature", out var signature);
        bool valid = false;
        if (sigAlg is not null && signature is not null)
        {
            var algorithm = Uri.UnescapeDataString(sigAlg.Replace('+', ' '));
            HashAlgorithmName? hash = algorithm switch
            {
                SamlNames.RsaSha256 => HashAlgorithmName.SHA256,
                SamlNames.RsaSha384 => HashAlgorithmName.SHA384,
                SamlNames.RsaSha512 => HashAlgorithmName.SHA512,
                _ => null,
            };
            var signed = $"{parameter}={message}" + (relay is null ? "" : $"&RelayState={relay}") + $"&SigAlg={sigAlg}";
            if (hash is not null)
            {
                var bytes = Convert.FromBase64String(Uri.UnescapeDataString(signature.Replace('+', ' ')));
                valid = trusted.Any(c =>
                {
                    using var rsa = c.GetRSAPublicKey();
                    return rsa is not null && rsa.VerifyData(Encoding.UTF8.GetBytes(signed), bytes, hash.Value, RSASignaturePadding.Pkcs1);
                });
            }
        }

        return new Received(xml, relay is null ? null : Uri.UnescapeDataString(relay.Replace('+', ' ')), valid);
    }
}
