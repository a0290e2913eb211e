using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;

namespace PenToscana.Kernel.Security;

/// <summary>
/// Enveloped XML signatures made by the platform: plain XML-DSig (SdI notifications) and XAdES-BES (ETSI TS 101 903,
/// namespace 1.3.2 — issued invoices, segnature). Both: the whole document by an enveloped reference with exclusive
/// canonicalisation and SHA-256, RSA-SHA256 or ECDSA-SHA256 by the key, the signer's certificate in KeyInfo. XAdES-BES adds a
/// second reference to the signed properties — the signing time and the signing certificate (its SHA-256 digest, issuer and
/// serial number) — so that the certificate and the time are covered by the signature itself.
/// </summary>
public static class XmlSignatures
{
    public const string XadesNamespace = "http://uri.etsi.org/01903/v1.3.2#";
    public const string EcdsaSha256Url = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";
    private const string SignedPropertiesType = "http://uri.etsi.org/01903#SignedProperties";

    static XmlSignatures() => RegisterAlgorithms();

    /// <summary>
    /// Makes ECDSA-SHA256 (RFC 4051) known to <see cref="SignedXml"/>, which knows RSA only; call before verifying a
    /// signature that may use it. Idempotent.
    /// </summary>
    public static void RegisterAlgorithms()
    {
        if (CryptoConfig.CreateFromName(EcdsaSha256Url) is null)
        {
            CryptoConfig.AddAlgorithm(typeof(EcdsaSha256SignatureDescription), EcdsaSha256Url);
        }
    }

    /// <summary>Appends an enveloped XML-DSig signature to the document's root.</summary>
    public static void SignEnveloped(XmlDocument document, X509Certificate2 signer)
    {
        using var key = PrivateKey(signer);
        var signed = new SignedXml(document) { SigningKey = key };
        Prepare(signed, key);
        signed.AddReference(DocumentReference());
        signed.KeyInfo = CertificateKeyInfo(signer);
        signed.ComputeSignature();
        document.DocumentElement!.AppendChild(document.ImportNode(signed.GetXml(), true));
    }

    /// <summary>Appends an enveloped XAdES-BES signature to the document's root.</summary>
    public static void SignXades(XmlDocument document, X509Certificate2 signer, DateTimeOffset signingTime)
    {
        using var key = PrivateKey(signer);
        var id = "Signature-" + Guid.NewGuid().ToString("N");
        var signed = new PropertiesResolvingSignedXml(document) { SigningKey = key };
        signed.Signature.Id = id;
        Prepare(signed, key);
        signed.AddReference(DocumentReference());

        var properties = QualifyingProperties(id, signer, signingTime);
        signed.AddObject(new DataObject { Data = properties.ChildNodes });
        var propertiesReference = new Reference("#" + id + "-SignedProperties") { Type = SignedPropertiesType, DigestMethod = SignedXml.XmlDsigSHA256Url };
        propertiesReference.AddTransform(new XmlDsigExcC14NTransform());
        signed.AddReference(propertiesReference);

        signed.KeyInfo = CertificateKeyInfo(signer);
        signed.ComputeSignature();
        document.DocumentElement!.AppendChild(document.ImportNode(signed.GetXml(), true));
    }

    /// <summary>
    /// Checks the enveloped signature of a document with the certificate in its KeyInfo and returns that certificate, or
    /// null when there is no single signature, no certificate, or the signature does not verify.
    /// </summary>
    public static X509Certificate2? VerifyEnveloped(XmlDocument document)
    {
        var nodes = document.DocumentElement?.GetElementsByTagName("Signature", SignedXml.XmlDsigNamespaceUrl);
        if (nodes is not { Count: 1 })
        {
            return null;
        }

        var signed = new SignedXml(document);
        signed.LoadXml((XmlElement)nodes[0]!);
        var certificate = signed.KeyInfo?.OfType<KeyInfoX509Data>().SelectMany(d => d.Certificates?.OfType<X509Certificate2>() ?? []).FirstOrDefault();
        try
        {
            return certificate is not null && signed.CheckSignature(certificate, verifySignatureOnly: true) ? certificate : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static AsymmetricAlgorithm PrivateKey(X509Certificate2 signer)
        => (AsymmetricAlgorithm?)signer.GetRSAPrivateKey() ?? signer.GetECDsaPrivateKey()
           ?? throw new InvalidOperationException("The signing certificate has no RSA or ECDSA private key.");

    private static void Prepare(SignedXml signed, AsymmetricAlgorithm key)
    {
        signed.SignedInfo!.SignatureMethod = key is ECDsa ? EcdsaSha256Url : SignedXml.XmlDsigRSASHA256Url;
        signed.SignedInfo.CanonicalizationMethod = SignedXml.XmlDsigExcC14NTransformUrl;
    }

    private static Reference DocumentReference()
    {
        var content = new Reference(string.Empty) { DigestMethod = SignedXml.XmlDsigSHA256Url };
        content.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        content.AddTransform(new XmlDsigExcC14NTransform());
        return content;
    }

    private static KeyInfo CertificateKeyInfo(X509Certificate2 signer)
    {
        var info = new KeyInfo();
        info.AddClause(new KeyInfoX509Data(signer));
        return info;
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

/// <summary>
/// ECDSA with SHA-256 for XML-DSig (RFC 4051): the signature value is r || s, as <see cref="ECDsa.SignHash(byte[])"/> gives it.
/// Public because <see cref="CryptoConfig"/> registers only types visible outside their assembly.
/// </summary>
public sealed class EcdsaSha256SignatureDescription : SignatureDescription
{
    public EcdsaSha256SignatureDescription()
    {
        KeyAlgorithm = typeof(ECDsa).AssemblyQualifiedName;
        DigestAlgorithm = typeof(SHA256).AssemblyQualifiedName;
    }

    public override HashAlgorithm CreateDigest() => SHA256.Create();

    public override AsymmetricSignatureFormatter CreateFormatter(AsymmetricAlgorithm key) => new Formatter((ECDsa)key);

    public override AsymmetricSignatureDeformatter CreateDeformatter(AsymmetricAlgorithm key) => new Deformatter((ECDsa)key);

    private sealed class Formatter(ECDsa key) : AsymmetricSignatureFormatter
    {
        public override byte[] CreateSignature(byte[] rgbHash) => key.SignHash(rgbHash);

        public override void SetHashAlgorithm(string strName)
        {
        }

        public override void SetKey(AsymmetricAlgorithm key) => throw new NotSupportedException();
    }

    private sealed class Deformatter(ECDsa key) : AsymmetricSignatureDeformatter
    {
        public override bool VerifySignature(byte[] rgbHash, byte[] rgbSignature) => key.VerifyHash(rgbHash, rgbSignature);

        public override void SetHashAlgorithm(string strName)
        {
        }

        public override void SetKey(AsymmetricAlgorithm key) => throw new NotSupportedException();
    }
}
