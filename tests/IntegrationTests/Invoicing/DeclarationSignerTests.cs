using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PenToscana.IntegrationTests.Infrastructure;
using PenToscana.Kernel.Data;
using PenToscana.Modules.Invoicing.Data;

namespace PenToscana.IntegrationTests.Invoicing;

/// <summary>
/// Who signed a supplier's IBAN declaration: shown from the certificate (name, codice fiscale from TINIT-, issuer,
/// validity), checked against the supplier's legal representative when known, confirmed by the operator otherwise, and
/// refused when the certificate was not valid at signing time.
/// </summary>
public sealed class DeclarationSignerTests(PlatformFactory platform) : IClassFixture<PlatformFactory>
{
    private const string Register = "/backoffice/c_d612/fatture";
    private const string LucaVerdi = "VRDLCU75C10D612T";
    private const string MarioRossi = "RSSMRA80A01D612Y";
    private const string Issuer = "Certificatore Qualificato di Prova CA";

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    /// <summary>
    /// A CAdES-BES envelope of the declaration signed by a qualified-style certificate (serialNumber TINIT-codice fiscale)
    /// issued by a test CA, valid in the given window, with the signing time the signature declares.
    /// </summary>
    private static byte[] SignedBy(string name, string taxCode, DateTimeOffset validFrom, DateTimeOffset validTo, DateTimeOffset signedAt)
    {
        using var caKey = RSA.Create(2048);
        var caName = new X500DistinguishedNameBuilder();
        caName.AddCommonName(Issuer);
        caName.AddOrganizationName("Certificatore di Prova S.p.A.");
        var caRequest = new CertificateRequest(caName.Build(), caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var ca = caRequest.CreateSelfSigned(validFrom.AddYears(-1), validTo.AddYears(1));

        using var key = RSA.Create(2048);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCountryOrRegion("IT");
        subject.Add("2.5.4.42", name.Split(' ')[0]);
        subject.Add("2.5.4.4", name.Split(' ')[1]);
        subject.Add("2.5.4.5", "TINIT-" + taxCode, System.Formats.Asn1.UniversalTagNumber.PrintableString);
        subject.AddCommonName(name);
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var issued = request.Create(ca, validFrom, validTo, RandomNumberGenerator.GetBytes(8));
        using var signer = issued.CopyWithPrivateKey(key);

        var cms = new SignedCms(new ContentInfo(Pdf), detached: false);
        var cmsSigner = new CmsSigner(signer);
        cmsSigner.SignedAttributes.Add(new Pkcs9SigningTime(signedAt.UtcDateTime));
        cms.ComputeSignature(cmsSigner);
        return cms.Encode();
    }

    private static byte[] ValidlySignedBy(string name, string taxCode)
        => SignedBy(name, taxCode, DateTimeOffset.UtcNow.AddYears(-1), DateTimeOffset.UtcNow.AddYears(2), DateTimeOffset.UtcNow.AddMinutes(-5));

    private async Task<T> WithDbAsync<T>(Func<InvoicingDb, Task<T>> read)
    {
        await using var scope = platform.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<InvoicingDb>());
    }

    /// <summary>A supplier known from an invoice, and one more IBAN of it added by the operator.</summary>
    private async Task<(Guid SupplierId, Guid IbanId)> SupplierWithIbanAsync(HttpClient http, string sdiId, string vat, string iban)
    {
        var invoiceId = await SuppliersAndPaymentsTests.UploadAsync(http, sdiId, SuppliersAndPaymentsTests.SampleWithIban("FIRMA-" + sdiId, vat: vat));
        var supplierId = await WithDbAsync(db => db.ReceivedInvoices.AsNoTracking().Where(i => i.Id == invoiceId).Select(i => i.SupplierId!.Value).SingleAsync());
        var page = $"{Register}/fornitori/{supplierId}";
        (await http.PostFormAsync(page, page + "?handler=Add", new Dictionary<string, string> { ["Iban"] = iban })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var ibanId = await WithDbAsync(db => db.SupplierIbans.AsNoTracking().Where(i => i.SupplierId == supplierId && i.Iban == iban).Select(i => i.Id).SingleAsync());
        return (supplierId, ibanId);
    }

    private static async Task<HttpResponseMessage> CertifyAsync(HttpClient http, Guid supplierId, Guid ibanId, byte[] p7m, bool confirm = false)
    {
        var url = $"{Register}/fornitori/{supplierId}";
        var page = await http.GetStringAsync(url);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Antiforgery.TokenFrom(page)), "__RequestVerificationToken" },
            { new StringContent(ibanId.ToString()), "IbanId" },
            { new StringContent("2026-11-01"), "DataDichiarazione" },
            { new ByteArrayContent(p7m), "Dichiarazione", "dichiarazione.pdf.p7m" },
        };
        if (confirm)
        {
            form.Add(new StringContent("true"), "ConfermaFirmatario");
        }

        return await http.PostAsync(url + "?handler=Certify", form);
    }

    private static Task<HttpResponseMessage> SetLegalRepresentativeAsync(HttpClient http, Guid supplierId, string taxCode)
    {
        var page = $"{Register}/fornitori/{supplierId}";
        return http.PostFormAsync(page, page + "?handler=LegalRepresentative", new Dictionary<string, string> { ["LegaleRappresentante"] = taxCode });
    }

    [Fact]
    public async Task A_declaration_signed_by_the_registered_legal_representative_certifies_the_IBAN_and_the_signer_is_shown()
    {
        using var http = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        var (supplierId, ibanId) = await SupplierWithIbanAsync(http, "410000001", "01386030488", "IT07X0542811101000000654321");

        var set = await SetLegalRepresentativeAsync(http, supplierId, "vrdlcu75c10d612t");
        set.StatusCode.ShouldBe(HttpStatusCode.Redirect, await set.Content.ReadAsStringAsync());
        (await http.GetStringAsync($"{Register}/fornitori/{supplierId}")).ShouldContain($"codice fiscale {LucaVerdi}");

        var ok = await CertifyAsync(http, supplierId, ibanId, ValidlySignedBy("Luca Verdi", LucaVerdi));
        ok.StatusCode.ShouldBe(HttpStatusCode.Redirect, await ok.Content.ReadAsStringAsync());

        var iban = await WithDbAsync(db => db.SupplierIbans.AsNoTracking().SingleAsync(i => i.Id == ibanId));
        iban.Status.ShouldBe(IbanStatus.Certified);
        iban.SignerName.ShouldBe("Luca Verdi");
        iban.SignerTaxCode.ShouldBe(LucaVerdi);
        iban.SignerIssuer.ShouldBe(Issuer);
        iban.SignedAt.ShouldNotBeNull();
        iban.SignerUncheckedAcknowledged.ShouldBeFalse();
        var page = await http.GetStringAsync($"{Register}/fornitori/{supplierId}");
        page.ShouldContain("Firmata digitalmente da <strong>Luca Verdi</strong>");
        page.ShouldContain($"codice fiscale {LucaVerdi}");
        page.ShouldContain(Issuer);
    }

    [Fact]
    public async Task A_declaration_signed_by_someone_else_than_the_legal_representative_is_refused_and_nothing_is_certified()
    {
        using var http = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        var (supplierId, ibanId) = await SupplierWithIbanAsync(http, "410000011", "01234567897", "IT61X0306909606100000012345");
        (await SetLegalRepresentativeAsync(http, supplierId, LucaVerdi)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var refused = await CertifyAsync(http, supplierId, ibanId, ValidlySignedBy("Mario Rossi", MarioRossi), confirm: true);
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var text = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        text.ShouldContain("firmata da Mario Rossi (codice fiscale RSSMRA80A01D612Y)");
        text.ShouldContain($"non è il legale rappresentante del fornitore (codice fiscale {LucaVerdi})");
        (await WithDbAsync(db => db.SupplierIbans.AsNoTracking().SingleAsync(i => i.Id == ibanId))).Status.ShouldBe(IbanStatus.Uncertified);

        // A malformed codice fiscale is not recorded.
        var bad = await SetLegalRepresentativeAsync(http, supplierId, "RSSMRA80A01D612X");
        bad.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await WithDbAsync(db => db.Suppliers.AsNoTracking().SingleAsync(s => s.Id == supplierId))).LegalRepresentativeTaxCode.ShouldBe(LucaVerdi);
    }

    [Fact]
    public async Task Without_a_legal_representative_the_operator_must_confirm_the_signer_shown_in_the_warning_and_the_confirmation_is_audited()
    {
        using var http = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        var (supplierId, ibanId) = await SupplierWithIbanAsync(http, "410000021", "05432109873", "IT53X0200802435000100000001");
        (await SetLegalRepresentativeAsync(http, supplierId, "")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var p7m = ValidlySignedBy("Mario Rossi", MarioRossi);

        var warned = await CertifyAsync(http, supplierId, ibanId, p7m);
        warned.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var text = WebUtility.HtmlDecode(await warned.Content.ReadAsStringAsync());
        text.ShouldContain("Il legale rappresentante del fornitore non è registrato");
        text.ShouldContain($"Mario Rossi (codice fiscale {MarioRossi}), certificato emesso da {Issuer}");
        text.ShouldContain("name=\"ConfermaFirmatario\"");
        (await WithDbAsync(db => db.SupplierIbans.AsNoTracking().SingleAsync(i => i.Id == ibanId))).Status.ShouldBe(IbanStatus.Uncertified);

        var confirmed = await CertifyAsync(http, supplierId, ibanId, p7m, confirm: true);
        confirmed.StatusCode.ShouldBe(HttpStatusCode.Redirect, await confirmed.Content.ReadAsStringAsync());
        var iban = await WithDbAsync(db => db.SupplierIbans.AsNoTracking().SingleAsync(i => i.Id == ibanId));
        iban.Status.ShouldBe(IbanStatus.Certified);
        iban.SignerTaxCode.ShouldBe(MarioRossi);
        iban.SignerUncheckedAcknowledged.ShouldBeTrue();
        (await http.GetStringAsync($"{Register}/fornitori/{supplierId}")).ShouldContain("firmatario non verificato con il legale rappresentante");

        await using var scope = platform.Services.CreateAsyncScope();
        var audit = await scope.ServiceProvider.GetRequiredService<KernelDb>().AuditEntries.AsNoTracking()
            .SingleAsync(a => a.Subject == $"supplier-iban:{ibanId}" && a.Action == "invoicing.iban.certified");
        audit.Details.ShouldNotBeNull().ShouldContain("confermato dall'operatore");
        audit.Details.ShouldContain(MarioRossi);
    }

    [Fact]
    public async Task A_declaration_signed_with_a_certificate_expired_at_signing_time_is_refused_with_the_reason()
    {
        using var http = await platform.SignedInClientAsync(Personas.FirenzeOperator);
        var (supplierId, ibanId) = await SupplierWithIbanAsync(http, "410000031", "06112233447", "IT67X0760102800000012345678");
        (await SetLegalRepresentativeAsync(http, supplierId, LucaVerdi)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var expired = SignedBy("Luca Verdi", LucaVerdi, DateTimeOffset.UtcNow.AddYears(-3), DateTimeOffset.UtcNow.AddYears(-1), DateTimeOffset.UtcNow.AddMinutes(-5));

        var refused = await CertifyAsync(http, supplierId, ibanId, expired);
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var text = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        text.ShouldContain("Il certificato del firmatario non era valido al momento della firma");
        text.ShouldContain($"valido dal {DateTimeOffset.UtcNow.AddYears(-3).UtcDateTime:dd/MM/yyyy} al {DateTimeOffset.UtcNow.AddYears(-1).UtcDateTime:dd/MM/yyyy}");
        (await WithDbAsync(db => db.SupplierIbans.AsNoTracking().SingleAsync(i => i.Id == ibanId))).Status.ShouldBe(IbanStatus.Uncertified);
    }
}
