using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;

namespace PenToscana.Modules.Identity.Features.Saml;

/// <summary>What this platform declares about itself as a SPID public service provider.</summary>
internal sealed record ServiceProviderSettings(
    string EntityId,
    string BaseUrl,
    string OrganizationName,
    string OrganizationDisplayName,
    string OrganizationUrl,
    string IpaCode,
    string ContactEmail,
    string? ContactPhone,
    SpidLevel DefaultLevel,
    TimeSpan ClockSkew,
    TimeSpan RequestLifetime)
{
    public string AcsUrl => BaseUrl + "/spid/acs";

    public string SloUrl => BaseUrl + "/spid/slo";

    public string MetadataUrl => BaseUrl + "/spid/metadata";

    public static ServiceProviderSettings From(IConfiguration configuration)
    {
        var s = configuration.GetSection("Identity:Saml");
        var baseUrl = (s["BaseUrl"] ?? "https://localhost:5001").TrimEnd('/');
        return new ServiceProviderSettings(
            s["EntityId"] ?? baseUrl,
            baseUrl,
            s["OrganizationName"] ?? "Regione Toscana",
            s["OrganizationDisplayName"] ?? "PenToscana",
            s["OrganizationUrl"] ?? baseUrl,
            s["IpaCode"] ?? "r_toscan",
            s["ContactEmail"] ?? "spid@pentoscana.local",
            s["ContactPhone"],
            Enum.TryParse<SpidLevel>(s["DefaultLevel"], out var level) ? level : SpidLevel.L2,
            TimeSpan.FromSeconds(int.TryParse(s["ClockSkewSeconds"], out var skew) ? skew : 120),
            TimeSpan.FromMinutes(int.TryParse(s["RequestLifetimeMinutes"], out var life) ? life : 30));
    }
}

/// <summary>Loads a signing certificate from configuration (PFX path + password, or PEM files), or in development generates one under the data folder.</summary>
internal static class SigningCertificates
{
    public static X509Certificate2 Load(IConfiguration configuration, string section, string fileName, string subject, bool allowGenerate)
    {
        var s = configuration.GetSection(section);
        if (!string.IsNullOrWhiteSpace(s["CertificatePath"]))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(s["CertificatePath"]!, s["CertificatePassword"], X509KeyStorageFlags.EphemeralKeySet);
        }

        if (!string.IsNullOrWhiteSpace(s["CertificatePem"]) && !string.IsNullOrWhiteSpace(s["PrivateKeyPem"]))
        {
            using var pem = X509Certificate2.CreateFromPemFile(s["CertificatePem"]!, s["PrivateKeyPem"]);
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.EphemeralKeySet);
        }

        if (!allowGenerate)
        {
            throw new InvalidOperationException($"Manca il certificato di firma SAML: impostare {section}:CertificatePath (PFX) e {section}:CertificatePassword, oppure {section}:CertificatePem e {section}:PrivateKeyPem.");
        }

        var folder = Path.Combine(configuration["Storage:DataPath"] ?? "data", "keys");
        var path = Path.Combine(folder, fileName);
        if (File.Exists(path))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, null, X509KeyStorageFlags.EphemeralKeySet);
        }

        Directory.CreateDirectory(folder);
        var certificate = CreateSelfSigned(subject);
        var tmp = path + ".tmp";
        File.WriteAllBytes(tmp, certificate.Export(X509ContentType.Pkcs12));
        File.Move(tmp, path, overwrite: true);
        return certificate;
    }

    /// <summary>A self-signed RSA-3072/SHA-256 certificate, as SPID allows for public SPs (metadata.rst, "Certificati").</summary>
    public static X509Certificate2 CreateSelfSigned(string subject)
    {
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        var now = DateTimeOffset.UtcNow.AddDays(-1);
        using var created = request.CreateSelfSigned(now, now.AddYears(5));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.EphemeralKeySet);
    }
}
