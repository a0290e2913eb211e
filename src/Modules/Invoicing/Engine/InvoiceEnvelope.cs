using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace PenToscana.Modules.Invoicing.Engine;

public enum EnvelopeKind
{
    PlainXml,
    CadesBinary,
    CadesBase64,
}

/// <summary>What the signature layer found: the signer, the certificate chain, and problems as SdI codes (001xx).</summary>
public sealed record SignatureInfo(
    string Kind,
    string? Signer,
    DateTimeOffset? SigningTime,
    DateTimeOffset? CertificateNotBefore,
    DateTimeOffset? CertificateNotAfter,
    IReadOnlyList<string> Chain,
    bool Intact);

/// <summary>
/// The outer layer of a received file: a plain XML, or a CAdES <c>.p7m</c> envelope in DER, Base64 or Base64 with line breaks.
/// Unwrapping checks the CMS signature (00102 when the content does not match), the signer certificate's validity at the
/// signing time (00100) and reports the chain; trust in the root is a warning (00104) because test certificates are common.
/// </summary>
public static class InvoiceEnvelope
{
    public const long MaxFileBytes = 5 * 1024 * 1024;

    public static EnvelopeKind Sniff(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > 0 && bytes[0] == 0x30)
        {
            return EnvelopeKind.CadesBinary;
        }

        // Base64 of a DER SEQUENCE starts with "MI" (0x30 0x8x); leading whitespace or line breaks are tolerated.
        int i = 0;
        while (i < bytes.Length && bytes[i] is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t')
        {
            i++;
        }

        return bytes.Length - i > 2 && bytes[i] == (byte)'M' && bytes[i + 1] == (byte)'I' ? EnvelopeKind.CadesBase64 : EnvelopeKind.PlainXml;
    }

    /// <summary>Returns the XML content of the file, the signature found on the way and the problems met.</summary>
    public static (byte[]? Xml, SignatureInfo? Signature, List<ValidationIssue> Issues) Unwrap(byte[] bytes)
    {
        var issues = new List<ValidationIssue>();
        var kind = Sniff(bytes);
        if (kind == EnvelopeKind.PlainXml)
        {
            return (bytes, null, issues);
        }

        byte[] der = bytes;
        if (kind == EnvelopeKind.CadesBase64)
        {
            var text = Encoding.ASCII.GetString(bytes);
            var compact = new StringBuilder(text.Length);
            foreach (char c in text)
            {
                if (!char.IsWhiteSpace(c))
                {
                    compact.Append(c);
                }
            }

            try
            {
                der = Convert.FromBase64String(compact.ToString());
            }
            catch (FormatException)
            {
                issues.Add(new("00102", "File non integro: la busta .p7m in Base64 non è decodificabile.", "/"));
                return (null, null, issues);
            }
        }

        var cms = new SignedCms();
        try
        {
            cms.Decode(der);
        }
        catch (CryptographicException ex)
        {
            issues.Add(new("00102", $"File non integro: la busta CAdES non è leggibile ({ex.Message}).", "/"));
            return (null, null, issues);
        }

        if (cms.Detached || cms.ContentInfo.Content.Length == 0)
        {
            issues.Add(new("00102", "La busta CAdES non contiene il documento firmato (firma staccata).", "/"));
            return (null, null, issues);
        }

        if (cms.SignerInfos.Count == 0)
        {
            issues.Add(new("00102", "La busta CAdES non contiene alcuna firma.", "/"));
            return (cms.ContentInfo.Content, null, issues);
        }

        var signer = cms.SignerInfos[0];
        bool intact = true;
        try
        {
            cms.CheckSignature(verifySignatureOnly: true);
        }
        catch (CryptographicException)
        {
            intact = false;
            issues.Add(new("00102", "File non integro: la firma non corrisponde al contenuto (firma non valida).", "/"));
        }

        var info = Describe("CAdES-BES", signer.Certificate, SigningTimeOf(signer), cms.Certificates, issues);
        return (cms.ContentInfo.Content, info with { Intact = intact }, issues);
    }

    private static DateTimeOffset? SigningTimeOf(SignerInfo signer)
    {
        foreach (var attribute in signer.SignedAttributes)
        {
            if (attribute.Oid.Value == "1.2.840.113549.1.9.5")
            {
                foreach (var value in attribute.Values)
                {
                    if (value is Pkcs9SigningTime time)
                    {
                        return new DateTimeOffset(time.SigningTime.ToUniversalTime(), TimeSpan.Zero);
                    }
                }
            }
        }

        return null;
    }

    /// <summary>Certificate checks shared by CAdES and XAdES.</summary>
    internal static SignatureInfo Describe(
        string kind, X509Certificate2? certificate, DateTimeOffset? signingTime, X509Certificate2Collection extra, List<ValidationIssue> issues)
    {
        if (certificate is null)
        {
            issues.Add(new("00107", "Certificato di firma assente o non valido.", "/"));
            return new SignatureInfo(kind, null, signingTime, null, null, [], false);
        }

        if (signingTime is null)
        {
            issues.Add(new("00103", "La firma non reca il riferimento temporale (signing time): la validità è verificata alla data odierna.", "/", IssueSeverity.Warning));
        }

        var when = signingTime ?? DateTimeOffset.UtcNow;
        var notBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);
        var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        if (when > notAfter)
        {
            issues.Add(new("00100", $"Certificato di firma scaduto al momento della firma (scadenza {notAfter:dd/MM/yyyy}).", "/"));
        }
        else if (when < notBefore)
        {
            issues.Add(new("00105", $"Riferimento temporale anteriore alla validità del certificato (valido dal {notBefore:dd/MM/yyyy}).", "/"));
        }

        var chainNames = new List<string>();
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = when.UtcDateTime;
        chain.ChainPolicy.ExtraStore.AddRange(extra);
        bool trusted = chain.Build(certificate);
        foreach (var element in chain.ChainElements)
        {
            chainNames.Add(element.Certificate.Subject);
        }

        if (!trusted)
        {
            issues.Add(new("00104", "Il certificato di firma non risale a un'autorità di certificazione riconosciuta: catena " + string.Join(" ← ", chainNames) + ".", "/", IssueSeverity.Warning));
        }

        return new SignatureInfo(kind, certificate.GetNameInfo(X509NameType.SimpleName, false), signingTime, notBefore, notAfter, chainNames, true);
    }
}
