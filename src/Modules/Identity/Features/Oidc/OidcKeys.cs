using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace PenToscana.Modules.Identity.Features.Oidc;

/// <summary>
/// Signing and encryption certificates of the OpenID Connect provider. Production reads them from configuration
/// (<c>Identity:Oidc:SigningCertificate</c>/<c>EncryptionCertificate</c>, PFX path and password) and refuses to start
/// without them; the embedded mode makes self-signed ones once under <c>Storage:DataPath</c>/oidc, never in the repository.
/// </summary>
internal static class OidcKeys
{
    public static void Configure(OpenIddictServerOptions options, IConfiguration configuration, IHostEnvironment environment)
    {
        var signing = Load(configuration, "SigningCertificate");
        var encryption = Load(configuration, "EncryptionCertificate");
        if (signing is null || encryption is null)
        {
            if (environment.IsProduction())
            {
                throw new InvalidOperationException(
                    "Il provider OpenID Connect richiede in produzione i certificati di firma e cifratura: impostare " +
                    "Identity:Oidc:SigningCertificate:Path/Password e Identity:Oidc:EncryptionCertificate:Path/Password (file PFX).");
            }

            string folder = Path.Combine(Path.GetFullPath(configuration["Storage:DataPath"] ?? "data"), "oidc");
            signing ??= DevelopmentCertificate(Path.Combine(folder, "signing.pfx"), X509KeyUsageFlags.DigitalSignature);
            encryption ??= DevelopmentCertificate(Path.Combine(folder, "encryption.pfx"), X509KeyUsageFlags.KeyEncipherment);
        }

        options.SigningCredentials.Add(new SigningCredentials(new X509SecurityKey(signing), SecurityAlgorithms.RsaSha256));
        options.EncryptionCredentials.Add(new EncryptingCredentials(new X509SecurityKey(encryption),
            SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512));
    }

    private static X509Certificate2? Load(IConfiguration configuration, string name)
    {
        var section = configuration.GetSection($"Identity:Oidc:{name}");
        string? path = section["Path"];
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Certificato OpenID Connect non trovato: {path} (Identity:Oidc:{name}:Path).");
        }

        return X509CertificateLoader.LoadPkcs12FromFile(path, section["Password"], X509KeyStorageFlags.EphemeralKeySet);
    }

    private static readonly Lock CreateGate = new();

    /// <summary>A self-signed RSA certificate kept in the data folder, so tokens survive restarts of the embedded mode.</summary>
    private static X509Certificate2 DevelopmentCertificate(string file, X509KeyUsageFlags usage)
    {
        lock (CreateGate)
        {
            if (!File.Exists(file))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                using var rsa = RSA.Create(2048);
                var request = new CertificateRequest("CN=PenToscana OIDC (sviluppo)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
                // Valid from a fixed past date, not from "now": OpenIddict checks validity on the platform's clock, which an
                // installation (or a test) may set in the past; a certificate that is "not yet valid" stops the provider.
                var now = DateTimeOffset.UtcNow;
                using var certificate = request.CreateSelfSigned(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), now.AddYears(2));
                File.WriteAllBytes(file, certificate.Export(X509ContentType.Pfx));
            }

            return X509CertificateLoader.LoadPkcs12FromFile(file, null, X509KeyStorageFlags.EphemeralKeySet);
        }
    }
}
