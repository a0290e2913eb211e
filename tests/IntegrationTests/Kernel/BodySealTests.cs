using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.IntegrationTests.Invoicing;
using PenToscana.IntegrationTests.Protocol;
using PenToscana.Kernel.Blobs;
using PenToscana.Kernel.Data;
using PenToscana.Kernel.Security;
using PenToscana.Modules.Invoicing.Data;
using PenToscana.Modules.Invoicing.Engine;

namespace PenToscana.IntegrationTests.Kernel;

/// <summary>
/// The platform with real seals configured: Firenze's from a PKCS#12 file with its password in configuration and CAdES
/// invoices, Prato's with a wrong password, the USL's expired; the Region has none and gets a test seal.
/// </summary>
public sealed class SealPlatform : SdiPlatform
{
    public const string FirenzePassword = "sigillo-firenze-2026";

    public X509Certificate2 FirenzeSeal { get; private set; } = null!;

    private string firenzeFile = "";
    private string pratoFile = "";
    private string uslFile = "";

    protected override void Prepare(TestDatabase database)
    {
        var folder = Path.Combine(database.Folder, "sigilli");
        Directory.CreateDirectory(folder);
        var now = DateTimeOffset.UtcNow;
        FirenzeSeal = Seal("Comune di Firenze - sigillo qualificato", now.AddDays(-30), now.AddYears(3));
        firenzeFile = Write(folder, "firenze.p12", FirenzeSeal, FirenzePassword);
        using (var prato = Seal("Comune di Prato - sigillo", now.AddDays(-30), now.AddYears(3)))
        {
            pratoFile = Write(folder, "prato.p12", prato, "la-password-giusta");
        }

        using (var usl = Seal("USL Toscana Centro - sigillo", now.AddYears(-3), now.AddDays(-2)))
        {
            uslFile = Write(folder, "usl.p12", usl, "usl-password");
        }
    }

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Seals:Bodies:c_d612:CertificatePath"] = firenzeFile,
        ["Seals:Bodies:c_d612:CertificatePassword"] = FirenzePassword,
        ["Invoicing:Bodies:c_d612:SignatureFormat"] = "CAdES",
        ["Seals:Bodies:c_g999:CertificatePath"] = pratoFile,
        ["Seals:Bodies:c_g999:CertificatePassword"] = "una-password-sbagliata",
        ["Seals:Bodies:usl_tc:CertificatePath"] = uslFile,
        ["Seals:Bodies:usl_tc:CertificatePassword"] = "usl-password",
    };

    private static X509Certificate2 Seal(string commonName, DateTimeOffset from, DateTimeOffset to)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={commonName}, O=Test, C=IT", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.NonRepudiation, true));
        using var created = request.CreateSelfSigned(from, to);
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.EphemeralKeySet);
    }

    private static string Write(string folder, string name, X509Certificate2 certificate, string password)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));
        return path;
    }
}

public sealed class BodySealTests(SealPlatform platform) : IClassFixture<SealPlatform>
{
    private const string UslAdmin = "FRNLRA90B41G999V";

    private static object ToRegion(string description) => new
    {
        codiceUfficio = "UFRTOS",
        descrizione = description,
        imponibile = 250.00m,
        aliquotaIva = 22m,
        cig = "ZAB1234567",
    };

    private async Task<byte[]> BlobAsync(string sha256)
    {
        await using var scope = platform.Services.CreateAsyncScope();
        await using var stream = await scope.ServiceProvider.GetRequiredService<IBlobStore>().OpenReadAsync(sha256);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private async Task<IssuedInvoice> IssuedAsync(Guid id, Func<IssuedInvoice, bool> until)
    {
        IssuedInvoice? invoice = null;
        for (int i = 0; i < 200; i++)
        {
            await using var scope = platform.Services.CreateAsyncScope();
            invoice = await scope.ServiceProvider.GetRequiredService<InvoicingDb>().IssuedInvoices.AsNoTracking().SingleAsync(x => x.Id == id);
            if (until(invoice))
            {
                return invoice;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Issued invoice {id} stuck in {invoice?.Status}: {await platform.OutboxErrorsAsync()}");
    }

    private async Task<Guid> BodyIdAsync(string ipa)
    {
        await using var scope = platform.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<KernelDb>().Enti.Where(e => e.IpaCode == ipa).Select(e => e.Id).SingleAsync();
    }

    [Fact]
    public async Task A_body_configured_for_CAdES_signs_with_its_configured_seal_and_the_Region_receives_and_reads_the_p7m()
    {
        using var firenze = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        var response = await firenze.PostAsJsonAsync("/api/invoicing/c_d612/fatture-emesse", ToRegion("Manutenzione degli impianti sportivi"));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var issued = await response.Content.ReadFromJsonAsync<JsonElement>();
        issued.GetProperty("nomeFile").GetString()!.ShouldMatch("^IT01307110484_[0-9A-Z]{5}\\.xml\\.p7m$");

        var delivered = await IssuedAsync(issued.GetProperty("id").GetGuid(), i => i.Status == IssuedInvoiceStatus.Consegnata);

        // The file sent is a DER CAdES envelope signed by THE configured certificate, with the CAdES-BES signed attributes.
        var file = await BlobAsync(delivered.FileSha256);
        InvoiceEnvelope.Sniff(file).ShouldBe(EnvelopeKind.CadesBinary);
        var cms = new SignedCms();
        cms.Decode(file);
        cms.CheckSignature(verifySignatureOnly: true);
        var signer = cms.SignerInfos[0];
        signer.Certificate!.Thumbprint.ShouldBe(platform.FirenzeSeal.Thumbprint);
        signer.Certificate.SerialNumber.ShouldBe(platform.FirenzeSeal.SerialNumber);
        signer.DigestAlgorithm.Value.ShouldBe("2.16.840.1.101.3.4.2.1");
        signer.SignedAttributes.Cast<CryptographicAttributeObject>().Select(a => a.Oid.Value)
            .ShouldContain("1.2.840.113549.1.9.16.2.47"); // signing-certificate-v2
        var report = InvoiceValidator.Validate(file, new ValidationOptions { FileName = delivered.FileName });
        report.Errors.ShouldBeEmpty();
        report.Signature!.Kind.ShouldBe("CAdES-BES");
        report.Signature.Intact.ShouldBeTrue();
        report.Signature.Signer.ShouldBe("Comune di Firenze - sigillo qualificato");

        // The Region received the very file and reads it: the invoice page and its PDF.
        var receivedId = await OutcomeTransmissionTests.ReceivedIdAsync(platform, long.Parse(delivered.IdentificativoSdI!));
        await using (var scope = platform.Services.CreateAsyncScope())
        {
            var received = await scope.ServiceProvider.GetRequiredService<InvoicingDb>().ReceivedInvoices.IgnoreQueryFilters().AsNoTracking().SingleAsync(i => i.Id == receivedId);
            received.FileName.ShouldBe(delivered.FileName);
        }

        using var region = await platform.SignedInClientAsync(OutcomeTransmissionTests.RegionAdmin);
        var page = await region.GetAsync($"/backoffice/r_toscan/fatture/{receivedId}");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).ShouldContain("Manutenzione degli impianti sportivi");
    }

    [Fact]
    public async Task A_body_whose_seal_has_a_wrong_password_is_refused_with_the_setting_to_fix_and_nothing_is_issued_or_taken()
    {
        using var prato = await platform.SignedInClientAsync(Personas.PratoAdmin);

        var response = await prato.PostAsJsonAsync("/api/invoicing/c_g999/fatture-emesse", ToRegion("Servizio di pulizia"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
        detail.ShouldContain("password errata");
        detail.ShouldContain("Seals:Bodies:c_g999:CertificatePassword");
        detail.ShouldContain("nessuna fattura è stata emessa");
        var pratoId = await BodyIdAsync("c_g999");
        await using var scope = platform.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InvoicingDb>();
        (await db.IssuedInvoices.IgnoreQueryFilters().CountAsync(i => i.EnteId == pratoId)).ShouldBe(0);
        var taxCode = await scope.ServiceProvider.GetRequiredService<KernelDb>().Enti.Where(e => e.Id == pratoId).Select(e => e.TaxCode).SingleAsync();
        (await db.IssuedFileNames.CountAsync(n => n.IdCodice == taxCode)).ShouldBe(0);
    }

    [Fact]
    public async Task A_body_whose_seal_has_expired_is_refused_with_the_expiry_and_never_falls_back_to_a_test_certificate()
    {
        using var usl = await platform.SignedInClientAsync(UslAdmin);

        var response = await usl.PostAsJsonAsync("/api/invoicing/usl_tc/fatture-emesse", ToRegion("Prestazioni sanitarie"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
        detail.ShouldContain("è scaduto");
        detail.ShouldContain("Seals:Bodies:usl_tc");
        var seal = platform.Service<BodySeals>().For("usl_tc", "USL Toscana Centro");
        seal.IsTestCertificate.ShouldBeFalse();
        seal.IsUsable.ShouldBeFalse();
    }

    [Fact]
    public async Task The_segnatura_is_sealed_XAdES_BES_by_the_bodys_configured_certificate_and_still_validates_against_the_AgID_schema()
    {
        using var api = await ProtocolApiClient.ForBodyAsync(platform, "c_d612");
        var metadata = new { direction = "outgoing", subject = "Trasmissione della delibera", correspondents = new[] { new { name = "Comune di Prato", ipaCode = "c_g999" } } };
        var created = await (await api.PostAsync("/api/protocol/c_d612/entries", ProtocolApiClient.Registration(metadata, ProtocolApiClient.Pdf("delibera")))).Content.ReadFromJsonAsync<JsonElement>();

        var text = await api.GetStringAsync(created.GetProperty("links").GetProperty("segnatura").GetString());

        var schemaErrors = new List<string>();
        XDocument.Parse(text, LoadOptions.PreserveWhitespace).Validate(ProtocolApiTests.ReferenceSchemas(), (_, e) => schemaErrors.Add(e.Message));
        schemaErrors.ShouldBeEmpty();
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using (var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null }))
        {
            document.Load(reader);
        }

        var signer = XmlSignatures.VerifyEnveloped(document);
        signer.ShouldNotBeNull();
        signer.Thumbprint.ShouldBe(platform.FirenzeSeal.Thumbprint);
        document.GetElementsByTagName("SigningTime", XmlSignatures.XadesNamespace).Count.ShouldBe(1);
        document.GetElementsByTagName("CertDigest", XmlSignatures.XadesNamespace)[0]!.InnerText
            .ShouldBe(Convert.ToBase64String(SHA256.HashData(platform.FirenzeSeal.RawData)));

        // Tampering with the sealed segnatura breaks the seal.
        var tampered = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        tampered.LoadXml(text.Replace("Trasmissione della delibera", "Trasmissione della determina", StringComparison.Ordinal));
        XmlSignatures.VerifyEnveloped(tampered).ShouldBeNull();
    }

    [Fact]
    public async Task A_body_with_a_broken_seal_gets_503_with_the_reason_instead_of_an_unsealed_segnatura()
    {
        using var api = await ProtocolApiClient.ForBodyAsync(platform, "c_g999");
        var created = await (await api.PostAsync("/api/protocol/c_g999/entries", ProtocolApiClient.Registration(new { direction = "internal", subject = "Nota interna" }, ProtocolApiClient.Pdf("nota")))).Content.ReadFromJsonAsync<JsonElement>();

        var response = await api.GetAsync(created.GetProperty("links").GetProperty("segnatura").GetString());

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!.ShouldContain("CertificatePassword");
    }

    [Fact]
    public async Task The_admin_sees_each_bodys_seal_with_its_certificate_or_its_error_and_the_health_check_reports_the_broken_ones()
    {
        using var admin = await platform.SignedInClientAsync(Personas.PlatformAdmin);

        var firenze = await admin.GetStringAsync($"/admin/enti/{await BodyIdAsync("c_d612")}");
        firenze.ShouldContain("Sigillo elettronico");
        firenze.ShouldContain("CN=Comune di Firenze - sigillo qualificato");
        firenze.ShouldContain(platform.FirenzeSeal.SerialNumber);
        firenze.ShouldContain("Certificato configurato");

        var prato = await admin.GetStringAsync($"/admin/enti/{await BodyIdAsync("c_g999")}");
        prato.ShouldContain("Sigillo non utilizzabile");
        prato.ShouldContain("Seals:Bodies:c_g999:CertificatePassword");

        var region = await admin.GetStringAsync($"/admin/enti/{await BodyIdAsync("r_toscan")}");
        region.ShouldContain("(certificato di prova)");
        region.ShouldContain("Certificato di prova");

        var health = await platform.CreateClient().GetAsync("/health/ready");
        health.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await health.Content.ReadAsStringAsync()).ShouldBe("Degraded");
    }
}
