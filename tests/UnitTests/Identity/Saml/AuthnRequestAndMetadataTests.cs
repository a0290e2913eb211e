using System.Xml;
using System.Xml.Schema;
using PenToscana.Modules.Identity.Features.Saml;

namespace PenToscana.UnitTests.Identity.Saml;

/// <summary>What the SP sends: AuthnRequest (POST and Redirect, signed, SPID-shaped) and its metadata (signed, valid against the SPID XSDs).</summary>
public sealed class AuthnRequestAndMetadataTests
{
    private static readonly System.Security.Cryptography.X509Certificates.X509Certificate2 SpKey = SigningCertificates.CreateSelfSigned("CN=Test SP, O=Regione Toscana, C=IT");

    private static XmlElement Build(SpidLevel level, bool sign)
    {
        var doc = SamlMessages.AuthnRequest(SamlTestIdp.Sp, SamlTestIdp.Idp, SamlXml.NewId(), SamlTestIdp.Now, level, SamlTestIdp.Idp.SsoPost!);
        if (sign)
        {
            doc.Signed(SpKey);
        }

        return SamlXml.Load(doc.OuterXml).DocumentElement!;
    }

    [Fact]
    public void A_post_authn_request_is_signed_and_verifies_with_the_sp_certificate_only()
    {
        var request = Build(SpidLevel.L2, sign: true);
        SamlXml.Verify(request, [SpKey]).ShouldBeTrue();
        SamlXml.Verify(request, [SamlTestIdp.IdpCertificate]).ShouldBeFalse();
    }

    [Fact]
    public void An_authn_request_has_the_spid_shape()
    {
        var request = Build(SpidLevel.L2, sign: true);
        request.GetAttribute("ID").ShouldStartWith("_");
        request.GetAttribute("Version").ShouldBe("2.0");
        request.GetAttribute("IssueInstant").ShouldEndWith("Z");
        request.GetAttribute("Destination").ShouldBe(SamlTestIdp.Idp.SsoPost);
        request.GetAttribute("AssertionConsumerServiceIndex").ShouldBe("0");
        request.GetAttribute("AttributeConsumingServiceIndex").ShouldBe("0");
        request.HasAttribute("AssertionConsumerServiceURL").ShouldBeFalse();
        request.HasAttribute("ProtocolBinding").ShouldBeFalse();
        request.HasAttribute("IsPassive").ShouldBeFalse();
        var issuer = request.Child(SamlNames.Assertion, "Issuer")!;
        issuer.InnerText.ShouldBe(SamlTestIdp.Sp.EntityId);
        issuer.GetAttribute("Format").ShouldBe(SamlNames.EntityFormat);
        issuer.GetAttribute("NameQualifier").ShouldBe(SamlTestIdp.Sp.EntityId);
        var policy = request.Child(SamlNames.Protocol, "NameIDPolicy")!;
        policy.GetAttribute("Format").ShouldBe(SamlNames.TransientFormat);
        policy.HasAttribute("AllowCreate").ShouldBeFalse();
        var context = request.Child(SamlNames.Protocol, "RequestedAuthnContext")!;
        context.GetAttribute("Comparison").ShouldBe("minimum");
        context.Children(SamlNames.Assertion, "AuthnContextClassRef").Single().InnerText.ShouldBe("https://www.spid.gov.it/SpidL2");
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(3, true)]
    public void ForceAuthn_is_set_above_level_1(int level, bool force)
        => (Build((SpidLevel)level, sign: false).GetAttribute("ForceAuthn") == "true").ShouldBe(force);

    [Fact]
    public void A_post_authn_request_validates_against_the_saml_protocol_schema()
    {
        var request = Build(SpidLevel.L3, sign: true);
        var doc = new XmlDocument();
        doc.LoadXml(request.OuterXml);
        Errors(doc, Schemas("saml-schema-protocol-2.0.xsd")).ShouldBeEmpty();
    }

    [Fact]
    public void A_redirect_authn_request_carries_no_xml_signature_and_its_query_signature_verifies()
    {
        var doc = SamlMessages.AuthnRequest(SamlTestIdp.Sp, SamlTestIdp.Idp, SamlXml.NewId(), SamlTestIdp.Now, SpidLevel.L2, SamlTestIdp.Idp.SsoRedirect!);
        var url = RedirectBinding.SignedUrl(SamlTestIdp.Idp.SsoRedirect!, "SAMLRequest", doc.OuterXml, "opaque123", SpKey);
        var query = new Uri(url).Query;
        query.ShouldContain("SAMLRequest=");
        query.ShouldContain("&RelayState=opaque123&SigAlg=");
        var received = RedirectBinding.Read(query, "SAMLRequest", [SpKey])!;
        received.SignatureValid.ShouldBeTrue();
        received.RelayState.ShouldBe("opaque123");
        SamlXml.HasSignature(SamlXml.Load(received.Xml).DocumentElement!).ShouldBeFalse();
        RedirectBinding.Read(query.Replace("opaque123", "opaque124", StringComparison.Ordinal), "SAMLRequest", [SpKey])!.SignatureValid.ShouldBeFalse();
        RedirectBinding.Read(query, "SAMLRequest", [SamlTestIdp.IdpCertificate])!.SignatureValid.ShouldBeFalse();
    }

    [Fact]
    public void The_spid_sp_test_redirect_samples_are_decoded()
    {
        // Their signatures were made with keys no longer published: only the decoding is tested (reference SOURCES.md).
        var query = new Uri("https://idp.example/sso?SAMLRequest=" + Uri.EscapeDataString(RedirectBinding.Deflate("<a/>"))).Query;
        RedirectBinding.Read(query, "SAMLRequest", [SpKey])!.Xml.ShouldBe("<a/>");
    }

    [Fact]
    public void The_sp_metadata_is_signed_and_validates_against_the_spid_metadata_schemas()
    {
        var metadata = SpMetadata.Build(SamlTestIdp.Sp, SpKey);
        var root = SamlXml.Load(metadata.OuterXml).DocumentElement!;
        SamlXml.Verify(root, [SpKey]).ShouldBeTrue();

        var doc = new XmlDocument();
        doc.LoadXml(metadata.OuterXml);
        Errors(doc, Schemas("saml-schema-metadata-2.0.xsd", "spid.xsd")).ShouldBeEmpty();
        var av29 = new XmlDocument();
        av29.LoadXml(metadata.OuterXml);
        Errors(av29, Schemas("saml-schema-metadata-sp-spid-av29.xsd", "spid.xsd")).ShouldBeEmpty();
    }

    [Fact]
    public void The_sp_metadata_declares_what_spid_requires_of_a_public_sp()
    {
        var root = SamlXml.Load(SpMetadata.Build(SamlTestIdp.Sp, SpKey).OuterXml).DocumentElement!;
        root.GetAttribute("entityID").ShouldBe(SamlTestIdp.Sp.EntityId);
        var sp = root.Child(SamlNames.Metadata, "SPSSODescriptor")!;
        sp.GetAttribute("AuthnRequestsSigned").ShouldBe("true");
        sp.GetAttribute("WantAssertionsSigned").ShouldBe("true");
        var acs = sp.Child(SamlNames.Metadata, "AssertionConsumerService")!;
        (acs.GetAttribute("index"), acs.GetAttribute("isDefault"), acs.GetAttribute("Binding"), acs.GetAttribute("Location"))
            .ShouldBe(("0", "true", SamlNames.HttpPost, SamlTestIdp.Sp.AcsUrl));
        sp.Children(SamlNames.Metadata, "SingleLogoutService").Count().ShouldBe(2);
        sp.Child(SamlNames.Metadata, "AttributeConsumingService")!.Children(SamlNames.Metadata, "RequestedAttribute")
            .Select(a => a.GetAttribute("Name")).ShouldContain("fiscalNumber");
        var contact = root.Child(SamlNames.Metadata, "ContactPerson")!;
        contact.GetAttribute("contactType").ShouldBe("other");
        var extensions = contact.Child(SamlNames.Metadata, "Extensions")!;
        extensions.Child(SamlNames.Spid, "IPACode")!.InnerText.ShouldBe("r_toscan");
        extensions.Child(SamlNames.Spid, "Public").ShouldNotBeNull();
    }

    [Fact]
    public void Metadata_with_a_telephone_number_still_validates()
    {
        var doc = new XmlDocument { PreserveWhitespace = true };
        doc.LoadXml(SpMetadata.Build(SamlTestIdp.Sp with { ContactPhone = "+390551234567" }, SpKey).OuterXml);
        Errors(doc, Schemas("saml-schema-metadata-2.0.xsd", "spid.xsd")).ShouldBeEmpty();
    }

    private static XmlSchemaSet Schemas(params string[] names)
    {
        var folder = Path.Combine(SamlTestIdp.Folder, "xsd");
        var set = new XmlSchemaSet { XmlResolver = new LocalResolver(folder) };
        // Trusted local schemas: xmldsig-core-schema.xsd carries a DTD; nothing is fetched from the network.
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = new LocalResolver(folder) };
        foreach (var name in names)
        {
            using var reader = XmlReader.Create(Path.Combine(folder, name), settings);
            set.Add(null, reader);
        }

        set.Compile();
        return set;
    }

    private static List<string> Errors(XmlDocument doc, XmlSchemaSet schemas)
    {
        var errors = new List<string>();
        doc.Schemas = schemas;
        doc.Validate((_, e) => errors.Add(e.Message));
        return errors;
    }

    /// <summary>Resolves schema imports (even http://www.w3.org/2001/xml.xsd) to the local copies; external DTDs to nothing.</summary>
    private sealed class LocalResolver(string folder) : XmlUrlResolver
    {
        public override object? GetEntity(Uri absoluteUri, string? role, Type? ofObjectToReturn)
        {
            var local = Path.Combine(folder, Path.GetFileName(absoluteUri.AbsolutePath));
            return File.Exists(local) ? File.OpenRead(local) : new MemoryStream();
        }
    }
}
