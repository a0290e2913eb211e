using System.Formats.Asn1;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Kernel.Data;
using PenToscana.Modules.Identity.Data;

namespace PenToscana.IntegrationTests.Identity;

/// <summary>A platform that trusts a test CNS certification authority and reads forwarded client certificates.</summary>
public sealed class CnsPlatformFactory : PlatformFactory
{
    public const string Header = "X-Client-Cert";

    public TestCertificates Certificates { get; } = new();

    private string rootsFile = "";

    protected override void Prepare(TestDatabase database)
    {
        rootsFile = Path.Combine(database.Folder, "cns-roots.pem");
        File.WriteAllText(rootsFile, Certificates.Authority.ExportCertificatePem());
    }

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Identity:Cns:TrustedRootsFile"] = rootsFile,
        ["Identity:Cns:RevocationMode"] = "NoCheck",
        ["Identity:Cns:ForwardedHeader"] = Header,
    };

    public HttpClient HttpsClient()
        => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("https://localhost") });
}

/// <summary>A test certification authority and the CNS-shaped certificates it issues.</summary>
public sealed class TestCertificates
{
    private readonly RSA authorityKey = RSA.Create(2048);

    public TestCertificates()
    {
        var request = new CertificateRequest("CN=Certificatore CNS di prova, O=PenToscana test, C=IT", authorityKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        Authority = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }

    public X509Certificate2 Authority { get; }

    /// <summary>A CNS authentication certificate: CN "CF/card.hash", serialNumber "TINIT-CF", given name and surname.</summary>
    public X509Certificate2 Cns(string taxCode, string givenName, string surname, bool withSerialNumber = true, bool withCfInCommonName = true)
    {
        var name = new X500DistinguishedNameBuilder();
        name.AddCountryOrRegion("IT");
        name.Add("2.5.4.4", surname);
        name.Add("2.5.4.42", givenName);
        if (withSerialNumber)
        {
            name.Add("2.5.4.5", "TINIT-" + taxCode, UniversalTagNumber.PrintableString);
        }

        name.AddCommonName(withCfInCommonName ? taxCode + "/7420091000049623.fbaXCm4bwKsHgkm8zqv0ZBOLeRY=" : $"{surname} {givenName}");
        return Issue(name.Build(), Authority, authorityKey);
    }

    /// <summary>A certificate with the right shape signed by nobody the platform trusts.</summary>
    public static X509Certificate2 SelfSigned(string taxCode)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={taxCode}/123.abc, C=IT", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }

    /// <summary>A TLS server certificate for 127.0.0.1, as PFX bytes with its key.</summary>
    public static byte[] LoopbackServerPfx(string password)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return certificate.Export(X509ContentType.Pfx, password);
    }

    private static X509Certificate2 Issue(X500DistinguishedName subject, X509Certificate2 issuer, RSA issuerKey)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        var signer = X509SignatureGenerator.CreateForRSA(issuerKey, RSASignaturePadding.Pkcs1);
        using var issued = request.Create(issuer.SubjectName, signer, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMonths(6), RandomNumberGenerator.GetBytes(12));
        return issued.CopyWithPrivateKey(key);
    }
}

public sealed class CnsSignInTests(CnsPlatformFactory platform) : IClassFixture<CnsPlatformFactory>
{
    private static string Forwarded(X509Certificate2 certificate) => Convert.ToBase64String(certificate.RawData);

    [Fact]
    public async Task A_valid_cns_certificate_forwarded_by_the_proxy_signs_in_a_new_person_by_codice_fiscale()
    {
        const string taxCode = "VRDGPP80A01D612Y";
        var client = platform.HttpsClient();
        client.DefaultRequestHeaders.Add(CnsPlatformFactory.Header, Forwarded(platform.Certificates.Cns(taxCode, "GIUSEPPE", "VERDI")));

        var response = await client.GetAsync("/accedi/cns?ReturnUrl=/area-personale");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/area-personale");
        var personal = await client.GetStringAsync("/area-personale");
        personal.ShouldContain(taxCode);
        await using var scope = platform.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<IdentityDb>().People.SingleAsync(p => p.TaxCode == taxCode)).FamilyName.ShouldBe("VERDI");
        (await scope.ServiceProvider.GetRequiredService<KernelDb>().AuditEntries.AnyAsync(a => a.Action == "identity.sign-in" && a.Actor == taxCode && a.Details == "cns")).ShouldBeTrue();
    }

    [Fact]
    public async Task A_certificate_on_the_tls_connection_signs_in_a_known_person()
    {
        var certificate = platform.Certificates.Cns(Personas.CitizenMario, "MARIO", "ROSSI", withSerialNumber: false);

        var context = await platform.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Scheme = "https";
            c.Request.Host = new HostString("localhost");
            c.Request.Path = "/accedi/cns";
            c.Connection.ClientCertificate = certificate;
        });

        context.Response.StatusCode.ShouldBe(StatusCodes.Status302Found);
        context.Response.Headers.SetCookie.ToString().ShouldContain("pentoscana.session");
    }

    [Fact]
    public async Task A_certificate_with_the_codice_fiscale_only_in_the_serial_number_is_accepted()
    {
        var client = platform.HttpsClient();
        client.DefaultRequestHeaders.Add(CnsPlatformFactory.Header, Forwarded(platform.Certificates.Cns(Personas.PratoAdmin, "PAOLA", "GALLI", withCfInCommonName: false)));

        (await client.GetAsync("/accedi/cns")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.GetStringAsync("/area-personale")).ShouldContain(Personas.PratoAdmin);
    }

    [Fact]
    public async Task A_certificate_from_an_untrusted_issuer_is_rejected_and_no_session_starts()
    {
        var client = platform.HttpsClient();
        client.DefaultRequestHeaders.Add(CnsPlatformFactory.Header, Forwarded(TestCertificates.SelfSigned(Personas.CitizenMario)));

        var response = await client.GetAsync("/accedi/cns");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).ShouldContain("non è valido per l");
        (response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : []).ShouldNotContain(c => c.StartsWith("pentoscana.session", StringComparison.Ordinal));
        (await client.GetAsync("/area-personale")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_trusted_certificate_without_a_codice_fiscale_is_rejected()
    {
        var client = platform.HttpsClient();
        client.DefaultRequestHeaders.Add(CnsPlatformFactory.Header,
            Forwarded(platform.Certificates.Cns("NOTACODICE", "ANNA", "NERI", withSerialNumber: false, withCfInCommonName: false)));

        (await client.GetAsync("/accedi/cns")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Without_a_certificate_the_page_explains_how_to_use_the_card()
    {
        var response = await platform.HttpsClient().GetAsync("/accedi/cns");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Nessun certificato presentato");
    }
}
