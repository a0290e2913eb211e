using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;
using PenToscana.Modules.Invoicing.Engine;

namespace PenToscana.UnitTests.Invoicing;

public sealed class XadesSignerTests
{
    private static readonly DateTimeOffset SignedAt = new(2026, 11, 26, 9, 30, 0, TimeSpan.Zero);

    private static X509Certificate2 Certificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Comune di Firenze, O=PenToscana test, C=IT", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddYears(-1), DateTimeOffset.UtcNow.AddYears(1));
    }

    private static byte[] Signed(X509Certificate2 certificate)
    {
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using (var stream = new MemoryStream())
        {
            Samples.Valid().Save(stream);
            stream.Position = 0;
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            document.Load(reader);
        }

        XadesSigner.Sign(document, certificate, SignedAt);
        using var output = new MemoryStream();
        using (var writer = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            document.Save(writer);
        }

        return output.ToArray();
    }

    private static XmlDocument Load(byte[] xml)
    {
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        document.Load(new MemoryStream(xml));
        return document;
    }

    [Fact]
    public void An_invoice_signed_XAdES_BES_verifies_with_its_signing_time_and_certificate_under_the_signature()
    {
        using var certificate = Certificate();
        var xml = Signed(certificate);

        var report = InvoiceValidator.Validate(xml, new ValidationOptions { ReceivedOn = new DateOnly(2026, 11, 26) });
        report.Errors.ShouldBeEmpty();
        report.Signature!.Kind.ShouldBe("XAdES-BES");
        report.Signature.Intact.ShouldBeTrue();
        report.Signature.Signer.ShouldBe("Comune di Firenze");
        report.Signature.SigningTime.ShouldBe(SignedAt);

        // Two references: the document, and the signed properties with the certificate's SHA-256 digest.
        var document = Load(xml);
        var ns = new XmlNamespaceManager(document.NameTable);
        ns.AddNamespace("ds", SignedXml.XmlDsigNamespaceUrl);
        ns.AddNamespace("xades", XadesSigner.XadesNamespace);
        document.SelectNodes("//ds:SignedInfo/ds:Reference", ns)!.Count.ShouldBe(2);
        document.SelectSingleNode("//ds:Reference[@Type='http://uri.etsi.org/01903#SignedProperties']", ns).ShouldNotBeNull();
        document.SelectSingleNode("//xades:SigningCertificate/xades:Cert/xades:CertDigest/ds:DigestValue", ns)!.InnerText
            .ShouldBe(Convert.ToBase64String(SHA256.HashData(certificate.RawData)));
    }

    [Fact]
    public void Changing_the_signing_time_after_signing_breaks_the_signature()
    {
        using var certificate = Certificate();
        var document = Load(Signed(certificate));
        var time = document.GetElementsByTagName("SigningTime", XadesSigner.XadesNamespace)[0]!;
        time.InnerText = "2020-01-01T00:00:00Z";
        using var tampered = new MemoryStream();
        document.Save(tampered);

        var report = InvoiceValidator.Validate(tampered.ToArray(), new ValidationOptions { ReceivedOn = new DateOnly(2026, 11, 26) });
        report.Signature!.Intact.ShouldBeFalse();
        report.Errors.ShouldContain(e => e.Code == "00102");
    }
}
