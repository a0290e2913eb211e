using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text.RegularExpressions;
using System.Xml;
using PenToscana.Kernel.Security;

namespace PenToscana.Modules.Identity.Features.Saml;

/// <summary>Hardened XML loading and the narrow XML-DSig profile SPID uses: one enveloped signature per element, RSA-SHA2, exc-c14n.</summary>
internal static partial class SamlXml
{
    /// <summary>Larger than any honest SPID message (a full attribute set is ~10 KB).</summary>
    public const int MaxCharacters = 256 * 1024;

    private static readonly HashSet<string> SignatureAlgorithms = [SamlNames.RsaSha256, SamlNames.RsaSha384, SamlNames.RsaSha512];
    private static readonly HashSet<string> DigestAlgorithms = [SamlNames.Sha256, SamlNames.Sha384, SamlNames.Sha512];
    private static readonly HashSet<string> AllowedTransforms = [SamlNames.Enveloped, SamlNames.ExcC14n];

    /// <summary>Parses untrusted XML: no DTD (XXE, entity expansion), no resolver, bounded size, whitespace kept for signatures.</summary>
    public static XmlDocument Load(string xml)
    {
        if (xml.Length > MaxCharacters)
        {
            throw new XmlException("Documento troppo grande.");
        }

        var settings = SafeXml.ReaderSettings();
        settings.MaxCharactersInDocument = MaxCharacters;
        settings.MaxCharactersFromEntities = 0;
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        document.Load(reader);
        return document;
    }

    public static XmlNamespaceManager Namespaces(XmlDocument document)
    {
        var ns = new XmlNamespaceManager(document.NameTable);
        ns.AddNamespace("saml", SamlNames.Assertion);
        ns.AddNamespace("samlp", SamlNames.Protocol);
        ns.AddNamespace("md", SamlNames.Metadata);
        ns.AddNamespace("ds", SamlNames.Dsig);
        return ns;
    }

    public static IEnumerable<XmlElement> Children(this XmlElement element, string ns, string localName)
        => element.ChildNodes.OfType<XmlElement>().Where(e => e.LocalName == localName && e.NamespaceURI == ns);

    public static XmlElement? Child(this XmlElement element, string ns, string localName)
        => element.Children(ns, localName).FirstOrDefault();

    /// <summary>An attribute that is present (possibly empty) or null when missing.</summary>
    public static string? Attr(this XmlElement element, string name)
        => element.HasAttribute(name) ? element.GetAttribute(name) : null;

    /// <summary>xs:dateTime in UTC as SPID requires (Z suffix, optional fraction of a second).</summary>
    public static DateTimeOffset? ParseInstant(string? value)
    {
        if (value is null || !InstantPattern().IsMatch(value))
        {
            return null;
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : null;
    }

    public static string FormatInstant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    /// <summary>An ID that is a valid NCName and unguessable (SAML core 1.3.4).</summary>
    public static string NewId() => "_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));

    /// <summary>Signs an element with an enveloped signature placed right after its Issuer (the SAML schemas' order), or first.</summary>
    public static void Sign(XmlElement element, X509Certificate2 certificate)
    {
        var id = element.GetAttribute("ID");
        var signed = new SignedXml(element) { SigningKey = certificate.GetRSAPrivateKey() };
        signed.SignedInfo!.CanonicalizationMethod = SamlNames.ExcC14n;
        signed.SignedInfo.SignatureMethod = SamlNames.RsaSha256;
        var reference = new Reference("#" + id) { DigestMethod = SamlNames.Sha256 };
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        reference.AddTransform(new XmlDsigExcC14NTransform());
        signed.AddReference(reference);
        var keyInfo = new KeyInfo();
        keyInfo.AddClause(new KeyInfoX509Data(certificate));
        signed.KeyInfo = keyInfo;
        signed.ComputeSignature();
        var signature = (XmlElement)element.OwnerDocument.ImportNode(signed.GetXml(), true);
        var issuer = element.Child(SamlNames.Assertion, "Issuer");
        if (issuer is not null)
        {
            element.InsertAfter(signature, issuer);
        }
        else
        {
            element.PrependChild(signature);
        }
    }

    public static bool HasSignature(XmlElement element) => element.Children(SamlNames.Dsig, "Signature").Any();

    /// <summary>
    /// Verifies the enveloped signature of exactly this element with trusted certificates only (never the KeyInfo it carries).
    /// Guards against signature wrapping: a single signature, a single Reference pointing to this element's own ID,
    /// an ID no other element shares, and only the enveloped and exc-c14n transforms.
    /// </summary>
    public static bool Verify(XmlElement element, IReadOnlyCollection<X509Certificate2> trusted)
    {
        var signatures = element.Children(SamlNames.Dsig, "Signature").ToList();
        var id = element.GetAttribute("ID");
        if (signatures.Count != 1 || id.Length == 0 || trusted.Count == 0 || CountId(element.OwnerDocument, id) != 1)
        {
            return false;
        }

        try
        {
            var signed = new SignedXml(element);
            signed.LoadXml(signatures[0]);
            if (signed.SignedInfo is null || signed.SignedInfo.References.Count != 1
                || !SignatureAlgorithms.Contains(signed.SignedInfo.SignatureMethod ?? "")
                || signed.SignedInfo.CanonicalizationMethod != SamlNames.ExcC14n)
            {
                return false;
            }

            var reference = (Reference)signed.SignedInfo.References[0]!;
            if (reference.Uri != "#" + id || !DigestAlgorithms.Contains(reference.DigestMethod ?? "")
                || !OnlyAllowedTransforms(reference.TransformChain)
                || !ReferenceEquals(signed.GetIdElement(element.OwnerDocument, id), element))
            {
                return false;
            }

            return trusted.Any(certificate => signed.CheckSignature(certificate, verifySignatureOnly: true));
        }
        catch (Exception e) when (e is CryptographicException or FormatException or XmlException or InvalidOperationException)
        {
            return false;
        }
    }

    private static bool OnlyAllowedTransforms(TransformChain chain)
    {
        for (int i = 0; i < chain.Count; i++)
        {
            if (!AllowedTransforms.Contains(chain[i].Algorithm ?? ""))
            {
                return false;
            }
        }

        return true;
    }

    private static int CountId(XmlDocument document, string id)
    {
        int count = 0;
        foreach (XmlElement e in document.GetElementsByTagName("*"))
        {
            if (e.GetAttribute("ID") == id || e.GetAttribute("Id") == id || e.GetAttribute("id") == id)
            {
                count++;
            }
        }

        return count;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z$")]
    private static partial Regex InstantPattern();
}
