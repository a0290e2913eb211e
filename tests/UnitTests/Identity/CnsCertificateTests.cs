using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using PenToscana.Modules.Identity;
using PenToscana.Modules.Identity.Features.Cns;

namespace PenToscana.UnitTests.Identity;

public sealed class CnsCertificateTests
{
    private static X509Certificate2 WithSubject(Action<X500DistinguishedNameBuilder> build)
    {
        var name = new X500DistinguishedNameBuilder();
        build(name);
        using var key = RSA.Create(2048);
        return new CertificateRequest(name.Build(), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    [Fact]
    public void The_codice_fiscale_is_read_from_a_cns_common_name_with_card_serial()
    {
        var holder = CnsCertificate.Read(WithSubject(n =>
        {
            n.Add("2.5.4.4", "ROSSI");
            n.Add("2.5.4.42", "MARIO");
            n.AddCommonName("RSSMRA80A01D612Y/7420091000049623.fbaXCm4bwKsHgkm8zqv0ZBOLeRY=");
        }));

        holder.ShouldBe(new CnsHolder("RSSMRA80A01D612Y", "MARIO", "ROSSI"));
    }

    [Theory]
    [InlineData("TINIT-RSSMRA80A01D612Y")]
    [InlineData("IT:RSSMRA80A01D612Y")]
    [InlineData("rssmra80a01d612y")]
    public void The_codice_fiscale_is_read_from_the_serial_number_in_its_common_forms(string serialNumber)
    {
        var holder = CnsCertificate.Read(WithSubject(n =>
        {
            n.Add("2.5.4.5", serialNumber, UniversalTagNumber.PrintableString);
            n.AddCommonName("ROSSI MARIO");
        }));

        holder!.TaxCode.ShouldBe("RSSMRA80A01D612Y");
    }

    [Theory]
    [InlineData("RSSMRA80A01D612X/123.abc")]
    [InlineData("01234567897/123.abc")]
    [InlineData("ROSSI MARIO")]
    public void A_subject_without_a_valid_personal_codice_fiscale_yields_nobody(string commonName)
        => CnsCertificate.Read(WithSubject(n => n.AddCommonName(commonName))).ShouldBeNull();

    [Fact]
    public void A_forwarded_certificate_is_read_from_base64_der_or_url_encoded_pem()
    {
        var certificate = WithSubject(n => n.AddCommonName("RSSMRA80A01D612Y/1.a"));

        RepresentationRegistration.ParseForwardedCertificate(Convert.ToBase64String(certificate.RawData)).Thumbprint.ShouldBe(certificate.Thumbprint);
        RepresentationRegistration.ParseForwardedCertificate(Uri.EscapeDataString(certificate.ExportCertificatePem())).Thumbprint.ShouldBe(certificate.Thumbprint);
    }
}
