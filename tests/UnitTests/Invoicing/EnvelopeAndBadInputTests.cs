using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;
using PenToscana.Modules.Invoicing.Engine;

namespace PenToscana.UnitTests.Invoicing;

public sealed class EnvelopeAndBadInputTests
{
    private static readonly ValidationOptions Options = new() { ReceivedOn = new DateOnly(2026, 11, 26) };

    private static X509Certificate2 Certificate(DateTimeOffset? notAfter = null)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Verdi Costruzioni, O=Test, C=IT", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddYears(-2), notAfter ?? DateTimeOffset.UtcNow.AddYears(1));
    }

    private static byte[] ValidXml()
    {
        using var stream = new MemoryStream();
        Samples.Valid().Save(stream);
        return stream.ToArray();
    }

    private static byte[] Cades(byte[] content, X509Certificate2 certificate, DateTime? signingTime = null)
    {
        var cms = new SignedCms(new ContentInfo(content), detached: false);
        var signer = new CmsSigner(certificate);
        signer.SignedAttributes.Add(new Pkcs9SigningTime(signingTime ?? DateTime.UtcNow));
        cms.ComputeSignature(signer);
        return cms.Encode();
    }

    [Fact]
    public void A_binary_p7m_is_unwrapped_and_its_invoice_validated()
    {
        using var certificate = Certificate();
        var report = InvoiceValidator.Validate(Cades(ValidXml(), certificate), Options with { FileName = "IT01234567897_00001.xml.p7m" });
        report.Envelope.ShouldBe(EnvelopeKind.CadesBinary);
        report.Signature!.Intact.ShouldBeTrue();
        report.Signature.Signer.ShouldBe("Verdi Costruzioni");
        report.IsValid.ShouldBeTrue(string.Join("\n", report.Issues));
        report.Facts.Bodies.Single().Numero.ShouldBe("123");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_base64_p7m_with_or_without_line_breaks_is_unwrapped(bool lineBreaks)
    {
        using var certificate = Certificate();
        var base64 = Convert.ToBase64String(Cades(ValidXml(), certificate), lineBreaks ? Base64FormattingOptions.InsertLineBreaks : Base64FormattingOptions.None);
        var report = InvoiceValidator.Validate(Encoding.ASCII.GetBytes(base64 + "\r\n"), Options);
        report.Envelope.ShouldBe(EnvelopeKind.CadesBase64);
        report.IsValid.ShouldBeTrue(string.Join("\n", report.Issues));
    }

    [Fact]
    public void A_p7m_whose_content_was_altered_is_refused_with_00102()
    {
        using var certificate = Certificate();
        byte[] signed = Cades(ValidXml(), certificate);
        int at = signed.AsSpan().IndexOf("AMMINISTRAZIONE BETA"u8);
        signed[at] = (byte)'X';
        var report = InvoiceValidator.Validate(signed, Options);
        report.Codes().ShouldContain("00102");
        report.Signature!.Intact.ShouldBeFalse();
    }

    [Fact]
    public void A_p7m_signed_after_the_certificate_expired_is_refused_with_00100()
    {
        using var certificate = Certificate(DateTimeOffset.UtcNow.AddDays(-10));
        var report = InvoiceValidator.Validate(Cades(ValidXml(), certificate, DateTime.UtcNow.AddDays(-1)), Options);
        report.Codes().ShouldContain("00100");
    }

    [Fact]
    public void A_self_signed_certificate_is_reported_as_untrusted_but_not_refused()
    {
        using var certificate = Certificate();
        var report = InvoiceValidator.Validate(Cades(ValidXml(), certificate), Options);
        report.Issues.ShouldContain(i => i.Code == "00104" && i.Severity == IssueSeverity.Warning);
        report.Signature!.Chain.ShouldContain(s => s.Contains("Verdi Costruzioni"));
    }

    [Fact]
    public void A_garbled_base64_p7m_is_refused_with_a_reason()
    {
        var report = InvoiceValidator.Validate("MIIxx!!not base64"u8.ToArray(), Options);
        report.Codes().ShouldBe(["00102"]);
    }

    private static byte[] Xades(byte[] xml, X509Certificate2 certificate, bool tamper)
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        document.Load(new MemoryStream(xml));
        var signed = new SignedXml(document) { SigningKey = certificate.GetRSAPrivateKey() };
        var reference = new Reference("");
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        signed.AddReference(reference);
        var keyInfo = new KeyInfo();
        keyInfo.AddClause(new KeyInfoX509Data(certificate));
        signed.KeyInfo = keyInfo;
        signed.ComputeSignature();
        document.DocumentElement!.AppendChild(document.ImportNode(signed.GetXml(), true));
        var text = document.OuterXml;
        if (tamper)
        {
            text = text.Replace("AMMINISTRAZIONE BETA", "AMMINISTRAZIONE GAMMA", StringComparison.Ordinal);
        }

        return Encoding.UTF8.GetBytes(text);
    }

    [Fact]
    public void An_xades_signed_invoice_is_verified()
    {
        using var certificate = Certificate();
        var report = InvoiceValidator.Validate(Xades(ValidXml(), certificate, tamper: false), Options);
        report.Signature.ShouldNotBeNull();
        report.Signature.Kind.ShouldBe("XAdES-BES");
        report.Signature.Intact.ShouldBeTrue();
        report.IsValid.ShouldBeTrue(string.Join("\n", report.Issues));
    }

    [Fact]
    public void An_xades_signed_invoice_altered_after_signing_is_refused_with_00102()
    {
        using var certificate = Certificate();
        var report = InvoiceValidator.Validate(Xades(ValidXml(), certificate, tamper: true), Options);
        report.Codes().ShouldContain("00102");
    }

    [Theory]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><x>&xxe;</x>")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\"><!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]><lolz>&lol3;</lolz>")]
    public void Dtds_xxe_and_entity_expansion_are_refused_without_being_processed(string xml)
    {
        var report = InvoiceValidator.Validate(Encoding.UTF8.GetBytes(xml), Options);
        var issue = report.Issues.Single();
        issue.Code.ShouldBe("00200");
        issue.Message.ShouldContain("DTD");
    }

    [Theory]
    [InlineData("this is not xml")]
    [InlineData("%PDF-1.4 binary")]
    [InlineData("<p:FatturaElettronica xmlns:p=\"http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2\" versione=\"FPA12\"><FatturaElettronicaHeader>")]
    public void Truncated_or_non_xml_files_are_refused_with_00200(string content)
    {
        var report = InvoiceValidator.Validate(Encoding.UTF8.GetBytes(content), Options);
        report.Codes().ShouldContain("00200");
        report.IsValid.ShouldBeFalse();
    }

    [Fact]
    public void A_document_that_is_not_an_invoice_is_refused()
    {
        var report = InvoiceValidator.Validate("<html><body>ciao</body></html>"u8.ToArray(), Options);
        report.Codes().ShouldContain("00200");
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        InvoiceValidator.Validate([], Options).Codes().ShouldBe(["00200"]);
    }
}
