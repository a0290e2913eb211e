using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;
using PenToscana.Kernel.Security;

namespace PenToscana.Modules.Invoicing.Engine;

/// <summary>
/// Verifies an enveloped XAdES-BES signature (ds:Signature child of the root). This needs the document as a DOM, which is
/// built only for signed XML files; the certificate is then checked as for CAdES.
/// </summary>
public static class XadesVerifier
{
    public static SignatureInfo? Verify(byte[] xml, List<ValidationIssue> issues)
    {
        try
        {
            return VerifyDocument(xml, issues);
        }
        catch (Exception ex) when (ex is XmlException or System.Security.Cryptography.CryptographicException or FormatException)
        {
            issues.Add(new("00102", $"Firma XAdES non verificabile: {ex.Message}", "/"));
            return null;
        }
    }

    private static SignatureInfo? VerifyDocument(byte[] xml, List<ValidationIssue> issues)
    {
        var document = SafeXml.LoadXmlDocument(xml, preserveWhitespace: true);
        var nodes = document.DocumentElement?.GetElementsByTagName("Signature", FatturaSchemas.XmlDsigNamespace);
        if (nodes is null || nodes.Count == 0)
        {
            return null;
        }

        PenToscana.Kernel.Security.XmlSignatures.RegisterAlgorithms();
        var signed = new SignedXml(document);
        signed.LoadXml((XmlElement)nodes[0]!);
        var certificate = signed.KeyInfo?.OfType<KeyInfoX509Data>().SelectMany(d => d.Certificates?.OfType<X509Certificate2>() ?? []).FirstOrDefault();
        bool intact;
        try
        {
            intact = certificate is not null ? signed.CheckSignature(certificate, verifySignatureOnly: true) : signed.CheckSignature();
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            intact = false;
        }

        if (!intact)
        {
            issues.Add(new("00102", "File non integro: la firma XAdES non corrisponde al contenuto.", "/" + document.DocumentElement!.LocalName + "/Signature"));
        }

        DateTimeOffset? signingTime = null;
        var times = document.GetElementsByTagName("SigningTime", "http://uri.etsi.org/01903/v1.3.2#");
        if (times.Count > 0 && DateTimeOffset.TryParse(times[0]!.InnerText, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t))
        {
            signingTime = t;
        }

        var info = InvoiceEnvelope.Describe("XAdES-BES", certificate, signingTime, [], issues);
        return info with { Intact = intact };
    }
}
