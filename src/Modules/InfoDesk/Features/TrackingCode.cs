using System.Security.Cryptography;
using System.Text;

namespace PenToscana.Modules.InfoDesk.Features;

/// <summary>
/// The code an anonymous reporter keeps to follow a report: 60 random bits in Crockford base 32 (no I, L, O, U), read
/// aloud at the desk without ambiguity. Only its SHA-256 is stored.
/// </summary>
internal static class TrackingCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New()
    {
        Span<byte> bytes = stackalloc byte[12];
        RandomNumberGenerator.Fill(bytes);
        var sb = new StringBuilder(14);
        for (int i = 0; i < 12; i++)
        {
            if (i is 4 or 8)
            {
                sb.Append('-');
            }

            sb.Append(Alphabet[bytes[i] % 32]);
        }

        return sb.ToString();
    }

    public static string Normalise(string code) => code.Trim().ToUpperInvariant().Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal)
        .Replace('O', '0').Replace('I', '1').Replace('L', '1');

    public static string Hash(string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalise(code))));
}
