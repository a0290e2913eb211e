using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;

namespace PenToscana.Modules.Invoicing.Engine;

/// <summary>
/// Signs a FatturaPA document with an enveloped XAdES-BES signature (ETSI TS 101 903, namespace 1.3.2, as the FatturaPA
/// specifications ask for XML signatures): the document reference (enveloped, exclusive canonicalisation, SHA-256) and a
/// second reference to the signed properties — the signing time and the signing certificate (its SHA-256 digest, issuer and
/// serial number) — so that the signer's certificate and the time are covered by the signature itself. Checked by
/// <see cref="XadesVerifier"/>.
/// </summary>
public static class XadesSigner
{
    public const string XadesNamespace = "http://uri.etsi.org/01903/v1.3.2#";
    private const string SignedPropertiesType = "http://uri.etsi.org/01903#SignedProperties";

    public static void Sign(XmlDocument document, X509Certificate2 signer, DateTimeOffset signingTime)
    {
        using var key = signer.GetRSAPrivateKey() ?? throw new InvalidOperationException("The signing certificate has no RSA private key.");
        var id = "Signature-" + Guid.NewGuid().ToString("N");
        var signed = new PropertiesResolvingSignedXml(document) { SigningKey = key };
        signed.Signature.Id = id;
        signed.SignedInfo!.SignatureMethod = SignedXml.XmlDsigRSASHA256Url;
        signed.SignedInfo.CanonicalizationMethod = SignedXml.XmlDsigExcC14NTransformUrl;

        var content = new Reference("") { DigestMethod = SignedXml.XmlDsigSHA256Url };
        content.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        content.AddTransform(new XmlDsigExcC14NTransform());
        signed.AddReference(content);

        var properties = QualifyingProperties(id, signer, signingTime);
        signed.AddObject(new DataObject { Data = properties.ChildNodes });
        var propertiesReference = new Reference("#" + id + "-SignedProperties") { Type = SignedPropertiesType, DigestMethod = SignedXml.XmlDsigSHA256Url };
        propertiesReference.AddTransform(new XmlDsigExcC14NTransform());
        signed.AddReference(propertiesReference);

        var info = new KeyInfo();
        info.AddClause(new KeyInfoX509Data(signer));
        signed.KeyInfo = info;
        signed.ComputeSignature();
        document.DocumentElement!.AppendChild(document.ImportNode(signed.GetXml(), true));
    }

    private static XmlDocument QualifyingProperties(string signatureId, X509Certificate2 signer, DateTimeOffset signingTime)
    {
        var doc = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        XmlElement X(string name) => doc.CreateElement("xades", name, XadesNamespace);
        XmlElement Ds(string name) => doc.CreateElement("ds", name, SignedXml.XmlDsigNamespaceUrl);
        XmlElement Text(XmlElement element, string text)
        {
            element.InnerText = text;
            return element;
        }

        var qualifying = X("QualifyingProperties");
        qualifying.SetAttribute("Target", "#" + signatureId);
        doc.AppendChild(qualifying);
        var signedProperties = X("SignedProperties");
        signedProperties.SetAttribute("Id", signatureId + "-SignedProperties");
        qualifying.AppendChild(signedProperties);
        var signatureProperties = X("SignedSignatureProperties");
        signedProperties.AppendChild(signatureProperties);
        signatureProperties.AppendChild(Text(X("SigningTime"), signingTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));

        var certificate = X("SigningCertificate");
        var cert = X("Cert");
        var digest = X("CertDigest");
        var method = Ds("DigestMethod");
        method.SetAttribute("Algorithm", SignedXml.XmlDsigSHA256Url);
        digest.AppendChild(method);
        digest.AppendChild(Text(Ds("DigestValue"), Convert.ToBase64String(SHA256.HashData(signer.RawData))));
        cert.AppendChild(digest);
        var issuerSerial = X("IssuerSerial");
        issuerSerial.AppendChild(Text(Ds("X509IssuerName"), signer.IssuerName.Name));
        issuerSerial.AppendChild(Text(Ds("X509SerialNumber"), new System.Numerics.BigInteger(signer.GetSerialNumber(), isUnsigned: true, isBigEndian: false).ToString(CultureInfo.InvariantCulture)));
        cert.AppendChild(issuerSerial);
        certificate.AppendChild(cert);
        signatureProperties.AppendChild(certificate);
        return doc;
    }

    /// <summary>
    /// While signing, the signed properties are not in the document yet but in the signature's ds:Object: the stock
    /// <see cref="SignedXml"/> finds only ds:Object elements by id there, not the elements inside them.
    /// </summary>
    private sealed class PropertiesResolvingSignedXml(XmlDocument document) : SignedXml(document)
    {
        public override XmlElement? GetIdElement(XmlDocument? document, string idValue)
        {
            if (base.GetIdElement(document, idValue) is { } found)
            {
                return found;
            }

            foreach (var data in Signature.ObjectList.OfType<DataObject>())
            {
                foreach (var element in data.Data.OfType<XmlElement>())
                {
                    if (element.GetAttribute("Id") == idValue)
                    {
                        return element;
                    }

                    if (element.SelectSingleNode($"descendant::*[@Id='{idValue}']") is XmlElement inner)
                    {
                        return inner;
                    }
                }
            }

            return null;
        }
    }
}
