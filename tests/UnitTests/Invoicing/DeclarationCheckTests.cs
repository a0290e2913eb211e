using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using PenToscana.Modules.Invoicing.Features.Suppliers;

namespace PenToscana.UnitTests.Invoicing;

/// <summary>The supplier's signed declaration of its dedicated account: PDF or a CAdES .p7m whose signature holds.</summary>
public sealed class DeclarationCheckTests
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\nDichiarazione conto dedicato IT60X0542811101000000123456\n%%EOF\n");

    private static byte[] Signed(byte[] content)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Mario Fornitore, O=ALPHA SRL", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var cms = new SignedCms(new ContentInfo(content), detached: false);
        cms.ComputeSignature(new CmsSigner(certificate));
        return cms.Encode();
    }

    [Fact]
    public void A_PDF_is_recognised_by_its_content()
        => ManageSupplierIbansHandler.CheckDeclaration(new("dichiarazione.pdf", "application/pdf", Pdf)).Problem.ShouldBeNull();

    [Fact]
    public void A_p7m_with_a_valid_signature_is_accepted_in_DER_and_Base64_and_names_its_signer()
    {
        var p7m = Signed(Pdf);
        var der = ManageSupplierIbansHandler.CheckDeclaration(new("dichiarazione.pdf.p7m", null, p7m));
        der.Problem.ShouldBeNull();
        der.Signer.ShouldNotBeNull().Name.ShouldBe("Mario Fornitore");
        ManageSupplierIbansHandler.CheckDeclaration(new("dichiarazione.pdf.p7m", null, Encoding.ASCII.GetBytes(Convert.ToBase64String(p7m, Base64FormattingOptions.InsertLineBreaks))))
            .Problem.ShouldBeNull();
    }

    [Fact]
    public void A_p7m_whose_content_was_changed_after_signing_is_refused()
    {
        var p7m = Signed(Pdf);
        int at = p7m.AsSpan().IndexOf("IT60X"u8);
        p7m[at + 4] = (byte)'Y';
        ManageSupplierIbansHandler.CheckDeclaration(new("dichiarazione.pdf.p7m", null, p7m)).Problem.ShouldNotBeNull().ShouldContain("firma");
    }

    [Theory]
    [InlineData("dichiarazione.docx")]
    [InlineData("dichiarazione.exe")]
    public void Other_file_types_are_refused(string name)
        => ManageSupplierIbansHandler.CheckDeclaration(new(name, null, Pdf)).Problem.ShouldNotBeNull().ShouldContain("Formato non ammesso");

    [Fact]
    public void A_file_named_pdf_that_is_not_a_PDF_and_an_oversized_file_are_refused()
    {
        ManageSupplierIbansHandler.CheckDeclaration(new("x.pdf", null, Encoding.ASCII.GetBytes("<html></html>"))).Problem.ShouldNotBeNull();
        ManageSupplierIbansHandler.CheckDeclaration(new("x.pdf", null, new byte[ManageSupplierIbansHandler.MaxDeclarationBytes + 1])).Problem.ShouldNotBeNull().ShouldContain("dimensione massima");
        ManageSupplierIbansHandler.CheckDeclaration(null).Problem.ShouldNotBeNull();
    }

    [Theory]
    [InlineData("TINIT-RSSMRA80A01D612Y", "RSSMRA80A01D612Y")]
    [InlineData("tinit-rssmra80a01d612y", "RSSMRA80A01D612Y")]
    [InlineData("IT:RSSMRA80A01D612Y", "RSSMRA80A01D612Y")]
    [InlineData("TINIT-RSSMRA80A01D612X", null)]
    [InlineData("VATIT-01234567897", null)]
    [InlineData("12345", null)]
    [InlineData(null, null)]
    public void The_signers_codice_fiscale_is_read_from_the_certificates_serialNumber(string? serialNumber, string? expected)
        => ManageSupplierIbansHandler.TaxCodeOf(serialNumber).ShouldBe(expected);

    [Fact]
    public void A_p7m_whose_certificate_had_expired_when_it_was_signed_is_refused_with_the_validity_dates()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Mario Rossi, SERIALNUMBER=TINIT-RSSMRA80A01D612Y", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddYears(-3), DateTimeOffset.UtcNow.AddYears(-1));
        var cms = new SignedCms(new ContentInfo(Pdf), detached: false);
        var signer = new CmsSigner(certificate);
        signer.SignedAttributes.Add(new Pkcs9SigningTime(DateTime.UtcNow));
        cms.ComputeSignature(signer);

        var check = ManageSupplierIbansHandler.CheckDeclaration(new("dichiarazione.pdf.p7m", null, cms.Encode()));
        check.Kind.ShouldBeNull();
        check.Problem.ShouldNotBeNull().ShouldContain("non era valido al momento della firma");
        check.Signer.ShouldNotBeNull().TaxCode.ShouldBe("RSSMRA80A01D612Y");
    }
}
