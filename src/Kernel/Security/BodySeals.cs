using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PenToscana.Kernel.Security;

/// <summary>
/// What the platform knows of a body's electronic seal (sigillo elettronico, eIDAS art. 35-36): the certificate that signs
/// in the body's name (issued invoices, segnature), whether it is a generated test certificate, and why it cannot be used
/// when it cannot. <see cref="Error"/> is an Italian sentence naming the setting to fix.
/// </summary>
public sealed record BodySeal(string Ipa, X509Certificate2? Certificate, bool IsTestCertificate, string Origin, string? Error)
{
    public bool IsUsable => Certificate is not null && Error is null;

    public string? Subject => Certificate?.Subject;

    public string? Issuer => Certificate?.Issuer;

    public string? SerialNumber => Certificate?.SerialNumber;

    public string? Thumbprint => Certificate?.GetCertHashString(HashAlgorithmName.SHA256);

    public DateTimeOffset? NotBefore => Certificate is null ? null : new DateTimeOffset(Certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);

    public DateTimeOffset? NotAfter => Certificate is null ? null : new DateTimeOffset(Certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
}

/// <summary>
/// The bodies' signing certificates. Per body IPA code, <c>Seals:Bodies:&lt;ipa&gt;:CertificatePath</c> (PKCS#12) with
/// <c>CertificatePassword</c> (given by an environment variable or user secrets, never in a file of the repository), or
/// <c>CertificatePem</c> + <c>PrivateKeyPem</c>. Each configuration is read once and checked (file, password, private key,
/// RSA or ECDSA key, key usage); validity is checked at every use against the platform's clock. Only when
/// <c>Seals:AllowTestCertificates</c> is on (the embedded mode, tests) a body without a configured seal gets a self-signed
/// "certificato di prova", kept under <c>Storage:DataPath</c>/keys so that it survives restarts and every node signs with the
/// same one. A body whose configured seal is broken never falls back to a test certificate.
/// </summary>
public sealed partial class BodySeals(IConfiguration configuration, IHostEnvironment environment, TimeProvider time, ILogger<BodySeals> logger) : IDisposable
{
    public const string Section = "Seals";

    private readonly ConcurrentDictionary<string, Lazy<BodySeal>> loaded = new(StringComparer.OrdinalIgnoreCase);
    private static readonly Lock CreateGate = new();

    /// <summary>Test certificates are allowed when the setting says so; without the setting, everywhere but in production.</summary>
    public bool AllowTestCertificates => configuration[$"{Section}:AllowTestCertificates"] is { } set
        ? string.Equals(set, "true", StringComparison.OrdinalIgnoreCase)
        : !environment.IsProduction();

    /// <summary>The IPA codes that have a seal configured.</summary>
    public IReadOnlyList<string> ConfiguredBodies => configuration.GetSection($"{Section}:Bodies").GetChildren().Select(c => c.Key).Order(StringComparer.Ordinal).ToList();

    /// <summary>The seal of a body, checked now. Never throws: an unusable seal carries its <see cref="BodySeal.Error"/>.</summary>
    public BodySeal For(string ipa, string bodyName)
    {
        var seal = loaded.GetOrAdd(ipa, key => new Lazy<BodySeal>(() => Load(key, bodyName))).Value;
        if (seal.Certificate is null || seal.Error is not null)
        {
            return seal;
        }

        var now = time.GetUtcNow();
        string setting = SettingName(ipa);
        if (now < seal.NotBefore)
        {
            return seal with { Error = $"Il sigillo elettronico di {ipa} non è ancora valido: lo sarà dal {seal.NotBefore:dd/MM/yyyy HH:mm} UTC ({setting}). The seal certificate is not yet valid." };
        }

        if (now > seal.NotAfter)
        {
            return seal with { Error = $"Il sigillo elettronico di {ipa} è scaduto il {seal.NotAfter:dd/MM/yyyy HH:mm} UTC: sostituire il certificato indicato in {setting}. The seal certificate has expired." };
        }

        return seal;
    }

    private static string SettingName(string ipa) => $"{Section}:Bodies:{ipa}";

    private BodySeal Load(string ipa, string bodyName)
    {
        var section = configuration.GetSection(SettingName(ipa));
        string setting = SettingName(ipa);
        string? path = section["CertificatePath"];
        string? pem = section["CertificatePem"];
        string? keyPem = section["PrivateKeyPem"];
        if (!string.IsNullOrWhiteSpace(path))
        {
            if (!File.Exists(path))
            {
                return Broken(ipa, $"PKCS#12 {path}", $"Il file del sigillo elettronico di {ipa} non esiste: {path} ({setting}:CertificatePath). The seal file does not exist.");
            }

            X509Certificate2 certificate;
            try
            {
                certificate = X509CertificateLoader.LoadPkcs12FromFile(path, section["CertificatePassword"], X509KeyStorageFlags.EphemeralKeySet);
            }
            catch (CryptographicException)
            {
                return Broken(ipa, $"PKCS#12 {path}", $"Il file del sigillo elettronico di {ipa} non si apre: password errata ({setting}:CertificatePassword) o file PKCS#12 danneggiato ({path}). Wrong password or damaged PKCS#12 file.");
            }

            return Checked(ipa, certificate, $"PKCS#12 {path}", setting);
        }

        if (!string.IsNullOrWhiteSpace(pem) || !string.IsNullOrWhiteSpace(keyPem))
        {
            if (string.IsNullOrWhiteSpace(pem) || string.IsNullOrWhiteSpace(keyPem))
            {
                return Broken(ipa, "PEM", $"Per il sigillo elettronico di {ipa} in formato PEM servono sia {setting}:CertificatePem sia {setting}:PrivateKeyPem. Both PEM files are required.");
            }

            foreach (var file in new[] { pem, keyPem })
            {
                if (!File.Exists(file))
                {
                    return Broken(ipa, $"PEM {pem}", $"Il file del sigillo elettronico di {ipa} non esiste: {file} ({setting}). The seal file does not exist.");
                }
            }

            try
            {
                using var fromPem = X509Certificate2.CreateFromPemFile(pem, keyPem);
                var certificate = X509CertificateLoader.LoadPkcs12(fromPem.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.EphemeralKeySet);
                return Checked(ipa, certificate, $"PEM {pem}", setting);
            }
            catch (CryptographicException)
            {
                return Broken(ipa, $"PEM {pem}", $"Il sigillo elettronico di {ipa} non si legge: il certificato ({setting}:CertificatePem) e la chiave privata ({setting}:PrivateKeyPem) non sono PEM validi o non corrispondono. Invalid or mismatched PEM files.");
            }
        }

        if (!AllowTestCertificates)
        {
            return Broken(ipa, "nessuno", $"Nessun sigillo elettronico configurato per {ipa}: impostare {setting}:CertificatePath (PKCS#12) e {setting}:CertificatePassword, oppure {setting}:CertificatePem e {setting}:PrivateKeyPem. No seal configured.");
        }

        return new BodySeal(ipa, TestCertificate(ipa, bodyName), IsTestCertificate: true, "certificato di prova generato dalla piattaforma", null);
    }

    private BodySeal Broken(string ipa, string origin, string error)
    {
        LogBrokenSeal(logger, ipa, error);
        return new BodySeal(ipa, null, false, origin, error);
    }

    private BodySeal Checked(string ipa, X509Certificate2 certificate, string origin, string setting)
    {
        string? error = null;
        if (!certificate.HasPrivateKey)
        {
            error = $"Il certificato del sigillo elettronico di {ipa} non contiene la chiave privata ({setting}): serve il file PKCS#12 completo. The certificate has no private key.";
        }
        else if (UsableKey(certificate) is { } keyProblem)
        {
            error = $"La chiave del sigillo elettronico di {ipa} non è utilizzabile: {keyProblem} ({setting}). The key is not a usable RSA or ECDSA key.";
        }
        else if (certificate.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault() is not { } usage
                 || (usage.KeyUsages & (X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation)) == 0)
        {
            error = $"Il certificato del sigillo elettronico di {ipa} non è abilitato alla firma: mancano gli usi della chiave digitalSignature o nonRepudiation ({setting}). Missing digitalSignature/nonRepudiation key usage.";
        }

        if (error is not null)
        {
            LogBrokenSeal(logger, ipa, error);
        }

        return new BodySeal(ipa, certificate, IsTestCertificate: false, origin, error);
    }

    private static string? UsableKey(X509Certificate2 certificate)
    {
        using (var rsa = certificate.GetRSAPrivateKey())
        {
            if (rsa is not null)
            {
                return rsa.KeySize < 2048 ? $"chiave RSA di {rsa.KeySize} bit, ne servono almeno 2048" : null;
            }
        }

        using (var ecdsa = certificate.GetECDsaPrivateKey())
        {
            if (ecdsa is not null)
            {
                return ecdsa.KeySize < 256 ? $"chiave ECDSA di {ecdsa.KeySize} bit, ne servono almeno 256" : null;
            }
        }

        return "né RSA né ECDSA";
    }

    /// <summary>
    /// The generated test seal of a body: RSA 3072, digitalSignature + nonRepudiation, valid from a fixed past date (tests
    /// and installations may run on a clock set in the past). Written once to a temporary file and moved into place: when two
    /// nodes race, the loser reads the winner's file.
    /// </summary>
    private X509Certificate2 TestCertificate(string ipa, string bodyName)
    {
        string folder = Path.Combine(Path.GetFullPath(configuration["Storage:DataPath"] ?? "data"), "keys");
        string file = Path.Combine(folder, $"seal-{Sanitize(ipa)}.pfx");
        lock (CreateGate)
        {
            if (!File.Exists(file))
            {
                Directory.CreateDirectory(folder);
                using var created = CreateTestCertificate(bodyName, time.GetUtcNow());
                string temporary = file + "." + Guid.NewGuid().ToString("N") + ".tmp";
                File.WriteAllBytes(temporary, created.Export(X509ContentType.Pkcs12));
                try
                {
                    File.Move(temporary, file, overwrite: false);
                }
                catch (IOException) when (File.Exists(file))
                {
                    File.Delete(temporary);
                }
            }

            return X509CertificateLoader.LoadPkcs12FromFile(file, null, X509KeyStorageFlags.EphemeralKeySet);
        }
    }

    /// <summary>A self-signed seal certificate for tests and demonstrations, named as such.</summary>
    public static X509Certificate2 CreateTestCertificate(string bodyName, DateTimeOffset now)
    {
        using var rsa = RSA.Create(3072);
        string name = bodyName.Replace(",", " ", StringComparison.Ordinal).Replace("=", " ", StringComparison.Ordinal);
        var request = new CertificateRequest($"CN={name} (certificato di prova), O={name}, C=IT", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        using var created = request.CreateSelfSigned(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), now.AddYears(10));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.EphemeralKeySet);
    }

    private static string Sanitize(string ipa) => new(ipa.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? char.ToLowerInvariant(c) : '_').ToArray());

    public void Dispose()
    {
        foreach (var seal in loaded.Values.Where(l => l.IsValueCreated))
        {
            seal.Value.Certificate?.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Body seal of {Ipa} unusable: {Error}")]
    private static partial void LogBrokenSeal(ILogger logger, string ipa, string error);
}

/// <summary>
/// Health of the seals: every configured seal must load and be in its validity period, and in production (no test
/// certificates) every body must have one. Reported as Degraded, not Unhealthy: one body's seal does not take a node out.
/// </summary>
internal sealed class BodySealsHealthCheck(BodySeals seals, Data.KernelDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var bodies = await db.Enti.AsNoTracking().Select(e => new { e.IpaCode, e.Name }).ToListAsync(cancellationToken);
        var errors = new List<string>();
        foreach (var body in bodies)
        {
            if (!seals.AllowTestCertificates || seals.ConfiguredBodies.Contains(body.IpaCode, StringComparer.OrdinalIgnoreCase))
            {
                var seal = seals.For(body.IpaCode, body.Name);
                if (seal.Error is not null)
                {
                    errors.Add(seal.Error);
                }
            }
        }

        return errors.Count == 0 ? HealthCheckResult.Healthy("Sigilli elettronici degli enti utilizzabili.") : HealthCheckResult.Degraded(string.Join(" ", errors));
    }
}
