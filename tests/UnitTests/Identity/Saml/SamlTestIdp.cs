using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Text.Json;
using System.Xml;
using PenToscana.Modules.Identity.Features.Saml;

namespace PenToscana.UnitTests.Identity.Saml;

/// <summary>
/// A test IdP that renders the official spid-saml-check response templates ({{Placeholder}} fields) and signs them the way
/// each case of test.json says, with its own key generated at run time or with the case's foreign key.
/// </summary>
internal static class SamlTestIdp
{
    public const string IdpEntityId = "https://idp.test.example";
    public const string RequestId = "_a1b2c3d4e5f60718293a4b5c6d7e8f901234567";

    public static readonly DateTimeOffset Now = new(2026, 6, 1, 10, 0, 0, TimeSpan.Zero);

    public static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Identity", "Saml", "Reference");

    public static readonly X509Certificate2 IdpCertificate = SigningCertificates.CreateSelfSigned("CN=Test IdP, O=Test, C=IT");

    public static readonly X509Certificate2 AttackerCertificate = SigningCertificates.CreateSelfSigned("CN=Test IdP, O=Test, C=IT");

    public static readonly ServiceProviderSettings Sp = new(
        "https://sp.test.example", "https://sp.test.example", "Regione Toscana", "PenToscana", "https://sp.test.example", "r_toscan",
        "spid@sp.test.example", null, SpidLevel.L2, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(30));

    public static readonly IdentityProvider Idp = new(IdpEntityId, "Test IdP", "spid", IdpEntityId + "/sso", IdpEntityId + "/sso", IdpEntityId + "/slo", null,
        [X509CertificateLoader.LoadCertificate(IdpCertificate.RawData)]);

    public static readonly OutstandingRequest Request = new(RequestId, IdpEntityId, Now.AddMinutes(-1), SpidLevel.L2, "minimum");

    public static readonly Dictionary<string, string> DefaultAttributes = new()
    {
        ["spidCode"] = "AGID-001",
        ["name"] = "SpidValidator",
        ["familyName"] = "AgID",
        ["fiscalNumber"] = "TINIT-GDASDV00A01H501J",
        ["email"] = "spid.tech@agid.gov.it",
    };

    public static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    public static Dictionary<string, string> Defaults() => new()
    {
        ["AssertionConsumerURL"] = Sp.AcsUrl,
        ["Destination"] = Sp.AcsUrl,
        ["ResponseID"] = "_resp" + Guid.NewGuid().ToString("N"),
        ["AuthnRequestID"] = RequestId,
        ["IssueInstant"] = Instant(Now.AddSeconds(-30)),
        ["IssueInstantMillis"] = Now.AddSeconds(-30).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.123Z", System.Globalization.CultureInfo.InvariantCulture),
        ["Issuer"] = IdpEntityId,
        ["AssertionID"] = "_assert" + Guid.NewGuid().ToString("N"),
        ["NameIDNameQualifier"] = IdpEntityId,
        ["NameQualifier"] = IdpEntityId,
        ["NameID"] = "_nameid" + Guid.NewGuid().ToString("N"),
        ["NotOnOrAfter"] = Instant(Now.AddMinutes(5)),
        ["AuthnIstant"] = Instant(Now.AddSeconds(-30)),
        ["SessionIndex"] = "_session" + Guid.NewGuid().ToString("N"),
        ["AuthnContextClassRef"] = "https://www.spid.gov.it/SpidL2",
        ["Audience"] = Sp.EntityId,
        ["StatusCode"] = SamlNames.Success,
        ["SubStatus"] = SamlNames.Success,
        ["StatusMessage"] = "",
    };

    public static string Attributes(IReadOnlyDictionary<string, string> attributes, bool nameFormat)
    {
        var xml = new StringBuilder("<saml:AttributeStatement>");
        foreach (var (name, value) in attributes)
        {
            xml.Append("<saml:Attribute Name=\"").Append(name).Append('"');
            if (nameFormat)
            {
                xml.Append(" NameFormat=\"").Append(SamlNames.BasicAttributeFormat).Append('"');
            }

            xml.Append("><saml:AttributeValue xsi:type=\"xs:string\">").Append(System.Security.SecurityElement.Escape(value)).Append("</saml:AttributeValue></saml:Attribute>");
        }

        return xml.Append("</saml:AttributeStatement>").ToString();
    }

    public static string Render(string template, IReadOnlyDictionary<string, string> values)
    {
        var text = File.ReadAllText(Path.Combine(Folder, "templates", template));
        foreach (var (key, value) in values)
        {
            text = text.Replace("{{" + key + "}}", value, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>Signs Assertion (if asked and present) then Response, as spid-saml-check does; an element without ID is signed over the whole document.</summary>
    public static string Sign(string xml, bool signResponse, bool signAssertion, X509Certificate2 key)
    {
        var doc = new XmlDocument { PreserveWhitespace = true };
        doc.LoadXml(xml);
        var root = doc.DocumentElement!;
        if (signAssertion && root.Child(SamlNames.Assertion, "Assertion") is { } assertion)
        {
            SignElement(assertion, key);
        }

        if (signResponse)
        {
            SignElement(root, key);
        }

        return doc.OuterXml;
    }

    public static void SignElement(XmlElement element, X509Certificate2 key)
    {
        if (element.GetAttribute("ID").Length > 0)
        {
            SamlXml.Sign(element, key);
            return;
        }

        var signed = new SignedXml(element.OwnerDocument) { SigningKey = key.GetRSAPrivateKey() };
        signed.SignedInfo!.CanonicalizationMethod = SamlNames.ExcC14n;
        signed.SignedInfo.SignatureMethod = SamlNames.RsaSha256;
        var reference = new Reference("") { DigestMethod = SamlNames.Sha256 };
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        reference.AddTransform(new XmlDsigExcC14NTransform());
        signed.AddReference(reference);
        signed.ComputeSignature();
        element.PrependChild(element.OwnerDocument.ImportNode(signed.GetXml(), true));
    }

    public static string Encode(string xml) => Convert.ToBase64String(Encoding.UTF8.GetBytes(xml));

    public static (SamlIdentity? Identity, SamlFailure? Failure) Validate(string xml, OutstandingRequest? request = null, DateTimeOffset? now = null)
    {
        var (parsed, failure) = ResponseValidator.Read(Encode(xml));
        return parsed is null ? (null, failure) : ResponseValidator.Validate(parsed, request ?? Request, Idp, Sp, now ?? Now);
    }

    /// <summary>A correct signed response (case 1) built from the base template, for the attack tests to tamper with.</summary>
    public static XmlDocument Valid(Action<Dictionary<string, string>>? change = null)
    {
        var values = Defaults();
        values["Attributes"] = Attributes(DefaultAttributes, nameFormat: true);
        change?.Invoke(values);
        var doc = new XmlDocument { PreserveWhitespace = true };
        doc.LoadXml(Sign(Render("base.xml", values), signResponse: true, signAssertion: true, IdpCertificate));
        return doc;
    }
}

/// <summary>One case of spid-saml-check test.json suite 1.</summary>
public sealed record ConformanceCase(string Id, string Name, string Description, string Template, bool SignResponse, bool SignAssertion,
    IReadOnlyDictionary<string, string> Overrides, IReadOnlyDictionary<string, string>? Attributes, bool AttributeNameFormat, string? ForeignCertificate, string? ForeignKey)
{
    public override string ToString() => Name;

    public static IEnumerable<ConformanceCase> Load()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(SamlTestIdp.Folder, "test.json")));
        foreach (var c in json.RootElement.GetProperty("test-suite-1").GetProperty("cases").EnumerateObject())
        {
            var v = c.Value;
            var overrides = new Dictionary<string, string>();
            Dictionary<string, string>? attributes = null;
            if (v.TryGetProperty("response", out var response))
            {
                foreach (var p in response.EnumerateObject())
                {
                    if (p.Name == "Attributes")
                    {
                        attributes = p.Value.ValueKind == JsonValueKind.Object ? p.Value.EnumerateObject().ToDictionary(a => a.Name, a => a.Value.GetString() ?? "") : null;
                    }
                    else if (p.Value.ValueKind == JsonValueKind.String && p.Value.GetString() is { Length: > 0 } s)
                    {
                        overrides[p.Name] = s;
                    }
                }
            }

            string? cert = null, key = null;
            if (v.TryGetProperty("sign_credentials", out var credentials))
            {
                cert = credentials.GetProperty("certificate").GetString();
                key = credentials.GetProperty("privateKey").GetString();
            }

            yield return new ConformanceCase(c.Name, v.GetProperty("name").GetString()!, v.GetProperty("description").GetString()!,
                Path.GetFileName(v.GetProperty("path").GetString()!), v.TryGetProperty("sign_response", out var sr) && sr.GetBoolean(),
                v.TryGetProperty("sign_assertion", out var sa) && sa.GetBoolean(), overrides, attributes,
                !v.TryGetProperty("attributesNameFormat", out var nf) || nf.GetBoolean(), cert, key);
        }
    }

    public X509Certificate2 SigningKey()
    {
        if (ForeignCertificate is null || ForeignKey is null)
        {
            return SamlTestIdp.IdpCertificate;
        }

        using var rsa = RSA.Create();
        rsa.ImportRSAPrivateKey(Convert.FromBase64String(ForeignKey), out _);
        using var cert = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(ForeignCertificate));
        using var withKey = cert.CopyWithPrivateKey(rsa);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    public string Build()
    {
        var values = SamlTestIdp.Defaults();
        values["Attributes"] = Attributes is null ? "" : SamlTestIdp.Attributes(Attributes, AttributeNameFormat);
        foreach (var (k, v) in Overrides)
        {
            values[k] = v;
        }

        return SamlTestIdp.Sign(SamlTestIdp.Render(Template, values), SignResponse, SignAssertion, SigningKey());
    }
}
