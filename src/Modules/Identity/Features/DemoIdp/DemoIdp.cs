using System.Security.Cryptography.X509Certificates;
using System.Xml;
using Microsoft.Extensions.Configuration;
using PenToscana.Modules.Identity.Features.Saml;
using PenToscana.Modules.Identity.Features.SignIn;

namespace PenToscana.Modules.Identity.Features.DemoIdp;

/// <summary>
/// The demo identity provider: a real SAML IdP inside the platform, with its own key, that authenticates the demo personas
/// and answers with signed responses to /spid/acs. Only where Identity:DemoSignIn is true (never in production: the module refuses to start).
/// </summary>
internal sealed class DemoIdpDescriptor(IConfiguration configuration)
{
    public const string Path = "/demo-idp";

    private readonly Lazy<X509Certificate2> certificate = new(() => SigningCertificates.Load(
        configuration, "Identity:DemoIdp", "demo-idp.pfx", "CN=IdP dimostrativo PenToscana, O=PenToscana, C=IT", allowGenerate: true));

    public bool Enabled => IdentityModule.DemoSignInEnabled(configuration);

    public X509Certificate2 Certificate => certificate.Value;

    public static string EntityId(string baseUrl) => baseUrl + Path;

    public IdentityProvider Describe(string baseUrl)
        => new(EntityId(baseUrl), "Demo", "demo", baseUrl + Path, baseUrl + Path, baseUrl + Path + "/slo", null, [X509CertificateLoader.LoadCertificate(Certificate.RawData)]);
}

/// <summary>What the demo IdP keeps between the AuthnRequest and the persona choice (protected in a hidden field).</summary>
internal sealed record DemoTicket(string RequestId, string SpEntityId, string AcsUrl, string? RelayState, int Level);

internal static class DemoIdpMessages
{
    /// <summary>Reads and checks an AuthnRequest the way an IdP must: SP Issuer, signature with the SP's certificate, level.</summary>
    public static (DemoTicket? Ticket, string? Problem) ReadAuthnRequest(string xml, bool xmlSignatureRequired, bool redirectSignatureValid, ServiceProviderSettings sp, X509Certificate2 spCertificate, string? relayState)
    {
        XmlElement root;
        try
        {
            root = SamlXml.Load(xml).DocumentElement!;
        }
        catch (XmlException)
        {
            return (null, "Richiesta di autenticazione non leggibile.");
        }

        if (root.LocalName != "AuthnRequest" || root.NamespaceURI != SamlNames.Protocol || string.IsNullOrEmpty(root.Attr("ID")))
        {
            return (null, "Il messaggio ricevuto non è una richiesta di autenticazione.");
        }

        var issuer = root.Child(SamlNames.Assertion, "Issuer");
        if (issuer?.InnerText.Trim() != sp.EntityId)
        {
            return (null, "La richiesta proviene da un fornitore di servizi sconosciuto.");
        }

        bool signed = xmlSignatureRequired ? SamlXml.Verify(root, [spCertificate]) : redirectSignatureValid;
        if (!signed)
        {
            return (null, "La firma della richiesta di autenticazione non è valida.");
        }

        var classRef = root.Child(SamlNames.Protocol, "RequestedAuthnContext")?.Child(SamlNames.Assertion, "AuthnContextClassRef")?.InnerText.Trim();
        var level = SpidLevels.FromUri(classRef) ?? SpidLevel.L1;
        return (new DemoTicket(root.GetAttribute("ID"), sp.EntityId, sp.AcsUrl, relayState, (int)level), null);
    }

    /// <summary>A SPID response for a persona: Response and Assertion both signed, attributes as the SPID IdPs send them.</summary>
    public static XmlDocument Response(DemoTicket ticket, DemoPersona persona, string idpEntityId, DateTimeOffset now, X509Certificate2 certificate)
    {
        var doc = Envelope(ticket, idpEntityId, now, out var root);
        var status = SamlMessages.Add(root, "samlp", "Status", SamlNames.Protocol);
        SamlMessages.Add(status, "samlp", "StatusCode", SamlNames.Protocol).SetAttribute("Value", SamlNames.Success);

        var assertion = SamlMessages.Add(root, "saml", "Assertion", SamlNames.Assertion);
        assertion.SetAttribute("xmlns:xs", SamlNames.Xs);
        assertion.SetAttribute("xmlns:xsi", SamlNames.Xsi);
        assertion.SetAttribute("ID", SamlXml.NewId());
        assertion.SetAttribute("Version", "2.0");
        assertion.SetAttribute("IssueInstant", SamlXml.FormatInstant(now));
        EntityIssuer(assertion, idpEntityId);
        var subject = SamlMessages.Add(assertion, "saml", "Subject", SamlNames.Assertion);
        var nameId = SamlMessages.Add(subject, "saml", "NameID", SamlNames.Assertion);
        nameId.SetAttribute("Format", SamlNames.TransientFormat);
        nameId.SetAttribute("NameQualifier", idpEntityId);
        nameId.InnerText = SamlXml.NewId();
        var confirmation = SamlMessages.Add(subject, "saml", "SubjectConfirmation", SamlNames.Assertion);
        confirmation.SetAttribute("Method", SamlNames.BearerMethod);
        var data = SamlMessages.Add(confirmation, "saml", "SubjectConfirmationData", SamlNames.Assertion);
        data.SetAttribute("InResponseTo", ticket.RequestId);
        data.SetAttribute("NotOnOrAfter", SamlXml.FormatInstant(now.AddMinutes(5)));
        data.SetAttribute("Recipient", ticket.AcsUrl);
        var conditions = SamlMessages.Add(assertion, "saml", "Conditions", SamlNames.Assertion);
        conditions.SetAttribute("NotBefore", SamlXml.FormatInstant(now));
        conditions.SetAttribute("NotOnOrAfter", SamlXml.FormatInstant(now.AddMinutes(5)));
        SamlMessages.Add(SamlMessages.Add(conditions, "saml", "AudienceRestriction", SamlNames.Assertion), "saml", "Audience", SamlNames.Assertion).InnerText = ticket.SpEntityId;
        var statement = SamlMessages.Add(assertion, "saml", "AuthnStatement", SamlNames.Assertion);
        statement.SetAttribute("AuthnInstant", SamlXml.FormatInstant(now));
        if (ticket.Level == 1)
        {
            statement.SetAttribute("SessionIndex", SamlXml.NewId());
        }

        SamlMessages.Add(SamlMessages.Add(statement, "saml", "AuthnContext", SamlNames.Assertion), "saml", "AuthnContextClassRef", SamlNames.Assertion).InnerText = ((SpidLevel)ticket.Level).Uri();
        var attributes = SamlMessages.Add(assertion, "saml", "AttributeStatement", SamlNames.Assertion);
        foreach (var (name, value) in new[]
        {
            ("spidCode", "DEMO" + persona.TaxCode[..10]),
            ("name", persona.GivenName),
            ("familyName", persona.FamilyName),
            ("fiscalNumber", "TINIT-" + persona.TaxCode),
            ("email", persona.Email),
        })
        {
            var attribute = SamlMessages.Add(attributes, "saml", "Attribute", SamlNames.Assertion);
            attribute.SetAttribute("Name", name);
            attribute.SetAttribute("NameFormat", SamlNames.BasicAttributeFormat);
            var v = SamlMessages.Add(attribute, "saml", "AttributeValue", SamlNames.Assertion);
            v.SetAttribute("type", SamlNames.Xsi, "xs:string");
            v.InnerText = value;
        }

        SamlXml.Sign(assertion, certificate);
        SamlXml.Sign(root, certificate);
        return doc;
    }

    /// <summary>A refusal with a SPID anomaly code (e.g. 25, the user cancelled).</summary>
    public static XmlDocument Anomaly(DemoTicket ticket, string idpEntityId, DateTimeOffset now, int errorCode, X509Certificate2 certificate)
    {
        var doc = Envelope(ticket, idpEntityId, now, out var root);
        var status = SamlMessages.Add(root, "samlp", "Status", SamlNames.Protocol);
        var code = SamlMessages.Add(status, "samlp", "StatusCode", SamlNames.Protocol);
        code.SetAttribute("Value", SamlNames.Responder);
        SamlMessages.Add(code, "samlp", "StatusCode", SamlNames.Protocol).SetAttribute("Value", SamlNames.AuthnFailed);
        SamlMessages.Add(status, "samlp", "StatusMessage", SamlNames.Protocol).InnerText = $"ErrorCode nr{errorCode}";
        SamlXml.Sign(root, certificate);
        return doc;
    }

    public static XmlDocument LogoutResponse(string idpEntityId, string destination, string inResponseTo, DateTimeOffset now)
    {
        var doc = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        var root = doc.CreateElement("samlp", "LogoutResponse", SamlNames.Protocol);
        root.SetAttribute("xmlns:saml", SamlNames.Assertion);
        root.SetAttribute("ID", SamlXml.NewId());
        root.SetAttribute("Version", "2.0");
        root.SetAttribute("IssueInstant", SamlXml.FormatInstant(now));
        root.SetAttribute("Destination", destination);
        root.SetAttribute("InResponseTo", inResponseTo);
        doc.AppendChild(root);
        EntityIssuer(root, idpEntityId);
        var status = SamlMessages.Add(root, "samlp", "Status", SamlNames.Protocol);
        SamlMessages.Add(status, "samlp", "StatusCode", SamlNames.Protocol).SetAttribute("Value", SamlNames.Success);
        return doc;
    }

    private static XmlDocument Envelope(DemoTicket ticket, string idpEntityId, DateTimeOffset now, out XmlElement root)
    {
        var doc = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        root = doc.CreateElement("samlp", "Response", SamlNames.Protocol);
        root.SetAttribute("xmlns:saml", SamlNames.Assertion);
        root.SetAttribute("ID", SamlXml.NewId());
        root.SetAttribute("Version", "2.0");
        root.SetAttribute("IssueInstant", SamlXml.FormatInstant(now));
        root.SetAttribute("Destination", ticket.AcsUrl);
        root.SetAttribute("InResponseTo", ticket.RequestId);
        doc.AppendChild(root);
        EntityIssuer(root, idpEntityId);
        return doc;
    }

    private static void EntityIssuer(XmlElement parent, string entityId)
    {
        var issuer = SamlMessages.Add(parent, "saml", "Issuer", SamlNames.Assertion);
        issuer.SetAttribute("Format", SamlNames.EntityFormat);
        issuer.InnerText = entityId;
    }
}
