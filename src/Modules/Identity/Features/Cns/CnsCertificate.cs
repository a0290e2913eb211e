using System.Security.Cryptography.X509Certificates;
using PenToscana.Kernel.Values;

namespace PenToscana.Modules.Identity.Features.Cns;

/// <summary>The person a CNS / TS-CNS authentication certificate names.</summary>
internal sealed record CnsHolder(string TaxCode, string? GivenName, string? FamilyName);

/// <summary>
/// Reads the codice fiscale from a CNS certificate subject. CNS cards put it in the common name as
/// <c>CF/card-serial.hash</c> (DPR 117/2004 technical rules); newer ones also (or only) in serialNumber as <c>TINIT-CF</c>
/// (ETSI EN 319 412-1 natural-person semantics), older ones as <c>IT:CF</c> or bare.
/// </summary>
internal static class CnsCertificate
{
    private const string CommonNameOid = "2.5.4.3";
    private const string SerialNumberOid = "2.5.4.5";
    private const string SurnameOid = "2.5.4.4";
    private const string GivenNameOid = "2.5.4.42";

    public static CnsHolder? Read(X509Certificate2 certificate)
    {
        string? taxCode = null;
        string? given = null;
        string? family = null;
        foreach (var rdn in certificate.SubjectName.EnumerateRelativeDistinguishedNames())
        {
            if (rdn.HasMultipleElements)
            {
                continue;
            }

            var oid = rdn.GetSingleElementType().Value;
            var value = rdn.GetSingleElementValue();
            if (value is null)
            {
                continue;
            }

            switch (oid)
            {
                case SerialNumberOid:
                    taxCode ??= FromSerialNumber(value);
                    break;
                case CommonNameOid:
                    taxCode ??= FromCommonName(value);
                    break;
                case SurnameOid:
                    family = value.Trim();
                    break;
                case GivenNameOid:
                    given = value.Trim();
                    break;
            }
        }

        return taxCode is null ? null : new CnsHolder(taxCode, given, family);
    }

    private static string? FromSerialNumber(string value)
    {
        var v = value.Trim();
        foreach (var prefix in new[] { "TINIT-", "IT:", "TIN:IT-" })
        {
            if (v.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                v = v[prefix.Length..];
                break;
            }
        }

        return PersonCode(v);
    }

    private static string? FromCommonName(string value)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        return PersonCode(slash > 0 ? value[..slash] : value);
    }

    private static string? PersonCode(string candidate)
        => TaxCode.TryParse(candidate.Trim(), out var code) && code.IsPerson ? code.Value : null;
}
