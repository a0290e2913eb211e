using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml;

namespace PenToscana.Modules.Identity.Features.Saml;

/// <summary>The messages the SP sends: AuthnRequest (single-sign-on.rst), LogoutRequest and LogoutResponse (single-logout.rst).</summary>
internal static class SamlMessages
{
    /// <summary>An AuthnRequest as SPID wants it: Issuer with Format and NameQualifier, transient NameIDPolicy without AllowCreate, ForceAuthn above L1, ACS and attribute set by index.</summary>
    public static XmlDocument AuthnRequest(ServiceProviderSettings sp, IdentityProvider idp, string id, DateTimeOffset issueInstant, SpidLevel level, string destination)
    {
        var doc = NewDocument("AuthnRequest", id, issueInstant, destination, out var root);
        if (level > SpidLevel.L1)
        {
            root.SetAttribute("ForceAuthn", "true");
        }

        root.SetAttribute("AssertionConsumerServiceIndex", "0");
        root.SetAttribute("AttributeConsumingServiceIndex", "0");
        AddIssuer(root, sp);
        var policy = Add(root, "samlp", "NameIDPolicy", SamlNames.Protocol);
        policy.SetAttribute("Format", SamlNames.TransientFormat);
        var context = Add(root, "samlp", "RequestedAuthnContext", SamlNames.Protocol);
        context.SetAttribute("Comparison", "minimum");
        Add(context, "saml", "AuthnContextClassRef", SamlNames.Assertion).InnerText = level.Uri();
        return doc;
    }

    public static XmlDocument LogoutRequest(ServiceProviderSettings sp, string id, DateTimeOffset issueInstant, string destination, string nameId, string nameQualifier, string? sessionIndex)
    {
        var doc = NewDocument("LogoutRequest", id, issueInstant, destination, out var root);
        AddIssuer(root, sp);
        var name = Add(root, "saml", "NameID", SamlNames.Assertion);
        name.SetAttribute("Format", SamlNames.TransientFormat);
        name.SetAttribute("NameQualifier", nameQualifier);
        name.InnerText = nameId;
        if (!string.IsNullOrEmpty(sessionIndex))
        {
            Add(root, "samlp", "SessionIndex", SamlNames.Protocol).InnerText = sessionIndex;
        }

        return doc;
    }

    public static XmlDocument LogoutResponse(ServiceProviderSettings sp, string id, DateTimeOffset issueInstant, string destination, string inResponseTo, bool success)
    {
        var doc = NewDocument("LogoutResponse", id, issueInstant, destination, out var root);
        root.SetAttribute("InResponseTo", inResponseTo);
        AddIssuer(root, sp);
        var status = Add(root, "samlp", "Status", SamlNames.Protocol);
        Add(status, "samlp", "StatusCode", SamlNames.Protocol).SetAttribute("Value", success ? SamlNames.Success : SamlNames.Requester);
        return doc;
    }

    /// <summary>The HTTP-POST binding: an auto-submitting form (bindings 3.5), with a button for browsers without scripts.</summary>
    public static string PostForm(string destination, string parameter, XmlDocument message, string? relayState)
    {
        var value = Convert.ToBase64String(Encoding.UTF8.GetBytes(message.OuterXml));
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"it\"><head><meta charset=\"utf-8\"><title>Accesso in corso</title></head><body>");
        html.Append("<form id=\"saml\" method=\"post\" action=\"").Append(WebUtility.HtmlEncode(destination)).Append("\">");
        html.Append("<input type=\"hidden\" name=\"").Append(parameter).Append("\" value=\"").Append(value).Append("\">");
        if (relayState is not null)
        {
            html.Append("<input type=\"hidden\" name=\"RelayState\" value=\"").Append(WebUtility.HtmlEncode(relayState)).Append("\">");
        }

        html.Append("<noscript><p>Il browser non esegue script: premi il pulsante per proseguire.</p></noscript><button type=\"submit\">Prosegui</button></form>");
        html.Append("<script src=\"").Append(AutoPostScript).Append("\"></script></body></html>");
        return html.ToString();
    }

    /// <summary>Served from this origin, because the content security policy forbids inline scripts.</summary>
    public const string AutoPostScript = "/spid/autopost.js";

    public static void AddIssuer(XmlElement root, ServiceProviderSettings sp)
    {
        // SPID wants NameQualifier on an entity Issuer although SAML core 8.3.6 says otherwise (spid-regole-tecniche#15).
        var issuer = Add(root, "saml", "Issuer", SamlNames.Assertion);
        issuer.SetAttribute("Format", SamlNames.EntityFormat);
        issuer.SetAttribute("NameQualifier", sp.EntityId);
        issuer.InnerText = sp.EntityId;
    }

    public static XmlElement Add(XmlElement parent, string prefix, string name, string ns)
    {
        var e = parent.OwnerDocument.CreateElement(prefix, name, ns);
        parent.AppendChild(e);
        return e;
    }

    private static XmlDocument NewDocument(string name, string id, DateTimeOffset issueInstant, string destination, out XmlElement root)
    {
        var doc = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        root = doc.CreateElement("samlp", name, SamlNames.Protocol);
        root.SetAttribute("xmlns:saml", SamlNames.Assertion);
        root.SetAttribute("ID", id);
        root.SetAttribute("Version", "2.0");
        root.SetAttribute("IssueInstant", SamlXml.FormatInstant(issueInstant));
        root.SetAttribute("Destination", destination);
        doc.AppendChild(root);
        return doc;
    }

    public static XmlDocument Signed(this XmlDocument doc, X509Certificate2 certificate)
    {
        SamlXml.Sign(doc.DocumentElement!, certificate);
        return doc;
    }
}
