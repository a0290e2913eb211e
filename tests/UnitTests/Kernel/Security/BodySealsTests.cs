using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PenToscana.Kernel.Security;
using PenToscana.Modules.Invoicing.Engine;

namespace PenToscana.UnitTests.Kernel.Security;

public sealed class BodySealsTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    private readonly string folder = Path.Combine(Path.GetTempPath(), "seals-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider time = new(Now);

    public BodySealsTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "PenToscana";

        public string ContentRootPath { get; set; } = "";

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }

    private BodySeals Seals(Dictionary<string, string?> settings, string environment = "Production")
    {
        settings["Storage:DataPath"] = folder;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new BodySeals(configuration, new Environment(environment), time, NullLogger<BodySeals>.Instance);
    }

    private static X509Certificate2 Certificate(string cn, DateTimeOffset from, DateTimeOffset to, X509KeyUsageFlags? usage = X509KeyUsageFlags.NonRepudiation, bool ecdsa = false)
    {
        using AsymmetricAlgorithm key = ecdsa ? ECDsa.Create(ECCurve.NamedCurves.nistP256) : RSA.Create(2048);
        var request = key is ECDsa ec
            ? new CertificateRequest($"CN={cn}, C=IT", ec, HashAlgorithmName.SHA256)
            : new CertificateRequest($"CN={cn}, C=IT", (RSA)key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        if (usage is { } flags)
        {
            request.CertificateExtensions.Add(new X509KeyUsageExtension(flags, true));
        }

        using var created = request.CreateSelfSigned(from, to);
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.EphemeralKeySet);
    }

    private string Pkcs12(X509Certificate2 certificate, string password)
    {
        var path = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".p12");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));
        return path;
    }

    private Dictionary<string, string?> Configured(string path, string? password) => new()
    {
        ["Seals:Bodies:c_d612:CertificatePath"] = path,
        ["Seals:Bodies:c_d612:CertificatePassword"] = password,
    };

    [Fact]
    public void A_configured_PKCS12_seal_is_loaded_with_its_password_and_is_not_a_test_certificate()
    {
        using var certificate = Certificate("Comune di Firenze", Now.AddDays(-10), Now.AddYears(2));
        using var seals = Seals(Configured(Pkcs12(certificate, "segreta"), "segreta"));

        var seal = seals.For("c_d612", "Comune di Firenze");

        seal.Error.ShouldBeNull();
        seal.IsUsable.ShouldBeTrue();
        seal.IsTestCertificate.ShouldBeFalse();
        seal.Certificate!.Thumbprint.ShouldBe(certificate.Thumbprint);
        seal.Certificate.HasPrivateKey.ShouldBeTrue();
    }

    [Fact]
    public void A_seal_given_as_PEM_certificate_and_key_is_loaded()
    {
        using var certificate = Certificate("Comune di Firenze", Now.AddDays(-10), Now.AddYears(2));
        var pem = Path.Combine(folder, "seal.crt");
        var key = Path.Combine(folder, "seal.key");
        File.WriteAllText(pem, certificate.ExportCertificatePem());
        using (var rsa = certificate.GetRSAPrivateKey()!)
        {
            File.WriteAllText(key, rsa.ExportPkcs8PrivateKeyPem());
        }

        using var seals = Seals(new() { ["Seals:Bodies:c_d612:CertificatePem"] = pem, ["Seals:Bodies:c_d612:PrivateKeyPem"] = key });

        seals.For("c_d612", "Comune di Firenze").Certificate!.Thumbprint.ShouldBe(certificate.Thumbprint);
    }

    [Fact]
    public void A_wrong_password_is_an_error_naming_the_password_setting()
    {
        using var certificate = Certificate("Comune di Firenze", Now.AddDays(-10), Now.AddYears(2));
        using var seals = Seals(Configured(Pkcs12(certificate, "segreta"), "sbagliata"));

        var seal = seals.For("c_d612", "Comune di Firenze");

        seal.IsUsable.ShouldBeFalse();
        seal.Error!.ShouldContain("password errata");
        seal.Error!.ShouldContain("Seals:Bodies:c_d612:CertificatePassword");
    }

    [Fact]
    public void A_missing_file_is_an_error_naming_the_path_and_its_setting()
    {
        var path = Path.Combine(folder, "non-esiste.p12");
        using var seals = Seals(Configured(path, "x"));

        var error = seals.For("c_d612", "Comune di Firenze").Error!;

        error.ShouldContain("non esiste");
        error.ShouldContain(path);
        error.ShouldContain("Seals:Bodies:c_d612:CertificatePath");
    }

    [Fact]
    public void A_seal_is_refused_before_its_validity_and_after_its_expiry_on_the_platforms_clock()
    {
        using var certificate = Certificate("Comune di Firenze", Now.AddDays(5), Now.AddDays(30));
        using var seals = Seals(Configured(Pkcs12(certificate, "p"), "p"));

        seals.For("c_d612", "Comune di Firenze").Error!.ShouldContain("non è ancora valido");
        time.Advance(TimeSpan.FromDays(10));
        seals.For("c_d612", "Comune di Firenze").Error.ShouldBeNull();
        time.Advance(TimeSpan.FromDays(30));
        seals.For("c_d612", "Comune di Firenze").Error!.ShouldContain("è scaduto");
    }

    [Fact]
    public void A_certificate_without_its_private_key_is_refused()
    {
        using var certificate = Certificate("Comune di Firenze", Now.AddDays(-10), Now.AddYears(2));
        using var publicOnly = X509CertificateLoader.LoadCertificate(certificate.RawData);
        var path = Path.Combine(folder, "solo-certificato.p12");
        File.WriteAllBytes(path, publicOnly.Export(X509ContentType.Pkcs12, "p"));
        using var seals = Seals(Configured(path, "p"));

        seals.For("c_d612", "Comune di Firenze").Error!.ShouldContain("non contiene la chiave privata");
    }

    [Theory]
    [InlineData(X509KeyUsageFlags.KeyEncipherment)]
    [InlineData(null)]
    public void A_certificate_not_enabled_for_signing_is_refused(X509KeyUsageFlags? usage)
    {
        using var certificate = Certificate("Comune di Firenze", Now.AddDays(-10), Now.AddYears(2), usage);
        using var seals = Seals(Configured(Pkcs12(certificate, "p"), "p"));

        seals.For("c_d612", "Comune di Firenze").Error!.ShouldContain("digitalSignature o nonRepudiation");
    }

    [Fact]
    public void In_production_a_body_without_a_seal_gets_an_error_and_no_test_certificate()
    {
        using var seals = Seals([]);

        var seal = seals.For("c_d612", "Comune di Firenze");

        seals.AllowTestCertificates.ShouldBeFalse();
        seal.Certificate.ShouldBeNull();
        seal.Error!.ShouldContain("Nessun sigillo elettronico configurato per c_d612");
        Directory.Exists(Path.Combine(folder, "keys")).ShouldBeFalse();
    }

    [Fact]
    public void Where_allowed_a_test_seal_is_generated_once_named_as_such_and_survives_a_restart()
    {
        string first;
        using (var seals = Seals(new() { ["Seals:AllowTestCertificates"] = "true" }))
        {
            var seal = seals.For("c_d612", "Comune di Firenze");
            seal.IsUsable.ShouldBeTrue();
            seal.IsTestCertificate.ShouldBeTrue();
            seal.Subject!.ShouldContain("Comune di Firenze (certificato di prova)");
            first = seal.Thumbprint!;
        }

        File.Exists(Path.Combine(folder, "keys", "seal-c_d612.pfx")).ShouldBeTrue();
        using var restarted = Seals([], environment: "Development");
        restarted.For("c_d612", "Comune di Firenze").Thumbprint.ShouldBe(first);
    }

    [Fact]
    public void A_broken_configured_seal_never_falls_back_to_a_test_certificate()
    {
        var settings = Configured(Path.Combine(folder, "manca.p12"), "x");
        settings["Seals:AllowTestCertificates"] = "true";
        using var seals = Seals(settings);

        var seal = seals.For("c_d612", "Comune di Firenze");

        seal.Certificate.ShouldBeNull();
        seal.IsTestCertificate.ShouldBeFalse();
        seal.IsUsable.ShouldBeFalse();
    }

    [Fact]
    public void A_CAdES_BES_envelope_is_DER_with_the_content_inside_SHA_256_signing_time_and_signing_certificate_v2()
    {
        using var certificate = Certificate("Comune di Firenze", Now.AddDays(-10), Now.AddYears(2));
        var content = Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><documento>contenuto</documento>");

        var p7m = CadesSigner.Sign(content, certificate, Now);

        p7m[0].ShouldBe((byte)0x30);
        var cms = new SignedCms();
        cms.Decode(p7m);
        cms.Detached.ShouldBeFalse();
        cms.ContentInfo.Content.ShouldBe(content);
        cms.CheckSignature(verifySignatureOnly: true);
        var signer = cms.SignerInfos[0];
        signer.DigestAlgorithm.Value.ShouldBe("2.16.840.1.101.3.4.2.1");
        var attributes = signer.SignedAttributes.Cast<CryptographicAttributeObject>().ToDictionary(a => a.Oid.Value!);
        ((Pkcs9SigningTime)attributes["1.2.840.113549.1.9.5"].Values[0]).SigningTime.ShouldBe(Now.UtcDateTime);

        // signing-certificate-v2: certs[0].certHash is the SHA-256 of the signer's certificate, and its serial follows.
        var reader = new System.Formats.Asn1.AsnReader(attributes["1.2.840.113549.1.9.16.2.47"].Values[0].RawData, System.Formats.Asn1.AsnEncodingRules.DER);
        var essCertId = reader.ReadSequence().ReadSequence().ReadSequence();
        essCertId.ReadOctetString().ShouldBe(SHA256.HashData(certificate.RawData));
        var issuerSerial = essCertId.ReadSequence();
        issuerSerial.ReadSequence();
        Convert.ToHexString(issuerSerial.ReadIntegerBytes().Span).ShouldBe(certificate.SerialNumber);
    }

    [Fact]
    public void An_ECDSA_seal_signs_XAdES_BES_that_verifies()
    {
        using var certificate = Certificate("Comune di Firenze", Now.AddDays(-10), Now.AddYears(2), ecdsa: true);
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        document.LoadXml("<segnatura><oggetto>Delibera</oggetto></segnatura>");

        XmlSignatures.SignXades(document, certificate, Now);

        var reloaded = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        reloaded.LoadXml(document.OuterXml);
        XmlSignatures.VerifyEnveloped(reloaded)!.Thumbprint.ShouldBe(certificate.Thumbprint);
        reloaded.OuterXml.ShouldContain(XmlSignatures.EcdsaSha256Url);
    }

    [Fact]
    public void An_ECDSA_seal_is_accepted_by_the_loader_and_its_CAdES_envelope_verifies_in_the_invoice_engine()
    {
        using var certificate = Certificate("Comune di Firenze", Now.AddDays(-10), Now.AddYears(2), ecdsa: true);
        using var seals = Seals(Configured(Pkcs12(certificate, "p"), "p"));
        seals.For("c_d612", "Comune di Firenze").IsUsable.ShouldBeTrue();

        var (xml, signature, issues) = InvoiceEnvelope.Unwrap(CadesSigner.Sign("<a/>"u8.ToArray(), certificate, Now));

        issues.Where(i => i.Severity == IssueSeverity.Error).ShouldBeEmpty();
        xml.ShouldBe("<a/>"u8.ToArray());
        signature!.Intact.ShouldBeTrue();
        signature.Signer.ShouldBe("Comune di Firenze");
    }
}
