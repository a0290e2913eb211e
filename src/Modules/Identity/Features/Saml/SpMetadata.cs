using System.Security.Cryptography.X509Certificates;
using System.Xml;

namespace PenToscana.Modules.Identity.Features.Saml;

/// <summary>The SP metadata of a SPID public service provider (Regole Tecniche, metadata.rst; Avviso 29 ContactPerson), signed.</summary>
internal static class SpMetadata
{
    /// <summary>The attributes asked for at AttributeConsumingServiceIndex 0: what a citizen's file needs.</summary>
    public static readonly string[] RequestedAttributes = ["spidCode", "name", "familyName", "fiscalNumber", "email", "dateOfBirth"];

    public static XmlDocument Build(ServiceProviderSettings sp, X509Certificate2 certificate)
    {
        var doc = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        var root = doc.CreateElement("md", "EntityDescriptor", SamlNames.Metadata);
        root.SetAttribute("xmlns:ds", SamlNames.Dsig);
        root.SetAttribute("xmlns:spid", SamlNames.Spid);
        root.SetAttribute("ID", SamlXml.NewId());
        root.SetAttribute("entityID", sp.EntityId);
        doc.AppendChild(root);

        var descriptor = Md(root, "SPSSODescriptor");
        descriptor.SetAttribute("protocolSupportEnumeration", SamlNames.Protocol);
        descriptor.SetAttribute("AuthnRequestsSigned", "true");
        descriptor.SetAttribute("WantAssertionsSigned", "true");
        var key = Md(descriptor, "KeyDescriptor");
        key.SetAttribute("use", "signing");
        var keyInfo = Add(key, "ds", "KeyInfo", SamlNames.Dsig);
        var data = Add(keyInfo, "ds", "X509Data", SamlNames.Dsig);
        Add(data, "ds", "X509Certificate", SamlNames.Dsig).InnerText = Convert.ToBase64String(certificate.RawData);
        foreach (var binding in new[] { SamlNames.HttpRedirect, SamlNames.HttpPost })
        {
            var slo = Md(descriptor, "SingleLogoutService");
            slo.SetAttribute("Binding", binding);
            slo.SetAttribute("Location", sp.SloUrl);
        }

        Md(descriptor, "NameIDFormat").InnerText = SamlNames.TransientFormat;
        var acs = Md(descriptor, "AssertionConsumerService");
        acs.SetAttribute("Binding", SamlNames.HttpPost);
        acs.SetAttribute("Location", sp.AcsUrl);
        acs.SetAttribute("index", "0");
        acs.SetAttribute("isDefault", "true");
        var consuming = Md(descriptor, "AttributeConsumingService");
        consuming.SetAttribute("index", "0");
        Localized(consuming, "ServiceName", "Servizi online");
        foreach (var name in RequestedAttributes)
        {
            Md(consuming, "RequestedAttribute").SetAttribute("Name", name);
        }

        var organization = Md(root, "Organization");
        Localized(organization, "OrganizationName", sp.OrganizationName);
        Localized(organization, "OrganizationDisplayName", sp.OrganizationDisplayName);
        Localized(organization, "OrganizationURL", sp.OrganizationUrl);
        var contact = Md(root, "ContactPerson");
        contact.SetAttribute("contactType", "other");
        var extensions = Md(contact, "Extensions");
        Add(extensions, "spid", "IPACode", SamlNames.Spid).InnerText = sp.IpaCode;
        Add(extensions, "spid", "Public", SamlNames.Spid);
        Md(contact, "EmailAddress").InnerText = sp.ContactEmail;
        if (!string.IsNullOrWhiteSpace(sp.ContactPhone))
        {
            Md(contact, "TelephoneNumber").InnerText = sp.ContactPhone;
        }

        SamlXml.Sign(root, certificate);
        return doc;
    }

    private static XmlElement Md(XmlElement parent, string name) => Add(parent, "md", name, SamlNames.Metadata);

    private static XmlElement Add(XmlElement parent, string prefix, string name, string ns)
    {
        var e = parent.OwnerDocument.CreateElement(prefix, name, ns);
        parent.AppendChild(e);
        return e;
    }

    private static void Localized(XmlElement parent, string name, string value)
    {
        var e = Md(parent, name);
        var lang = parent.OwnerDocument.CreateAttribute("xml", "lang", "http://www.w3.org/XML/1998/namespace");
        lang.Value = "it";
        e.Attributes.Append(lang);
        e.InnerText = value;
    }
}
