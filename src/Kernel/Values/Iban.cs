using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace PenToscana.Kernel.Values;

/// <summary>
/// An IBAN (ISO 13616): two letters of the country, two check digits, the national account number (BBAN). The length is
/// fixed per country (the SWIFT IBAN registry; Italy 27) and the whole, rearranged with letters as 10–35, is 1 modulo 97.
/// Input may carry spaces and lower case; the value is stored compact and upper case.
/// </summary>
public sealed record Iban
{
    private static readonly Error Required = new("iban.required", "L'IBAN è obbligatorio.");
    private static readonly Error Format = new("iban.format", "L'IBAN non è nel formato corretto: due lettere del paese, due cifre di controllo e il codice del conto.");
    private static readonly Error Country = new("iban.country", "Il paese dell'IBAN non usa il formato IBAN o non esiste.");
    private static readonly Error Check = new("iban.check", "L'IBAN non è valido: le cifre di controllo non corrispondono. Controlla di averlo copiato per intero.");

    /// <summary>IBAN length per country, from the SWIFT IBAN registry (SEPA countries and the other registered ones).</summary>
    public static readonly FrozenDictionary<string, int> Lengths = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["AD"] = 24, ["AE"] = 23, ["AL"] = 28, ["AT"] = 20, ["AZ"] = 28, ["BA"] = 20, ["BE"] = 16, ["BG"] = 22, ["BH"] = 22, ["BI"] = 27,
        ["BR"] = 29, ["BY"] = 28, ["CH"] = 21, ["CR"] = 22, ["CY"] = 28, ["CZ"] = 24, ["DE"] = 22, ["DJ"] = 27, ["DK"] = 18, ["DO"] = 28,
        ["EE"] = 20, ["EG"] = 29, ["ES"] = 24, ["FI"] = 18, ["FK"] = 18, ["FO"] = 18, ["FR"] = 27, ["GB"] = 22, ["GE"] = 22, ["GI"] = 23,
        ["GL"] = 18, ["GR"] = 27, ["GT"] = 28, ["HN"] = 28, ["HR"] = 21, ["HU"] = 28, ["IE"] = 22, ["IL"] = 23, ["IQ"] = 23, ["IS"] = 26,
        ["IT"] = 27, ["JO"] = 30, ["KW"] = 30, ["KZ"] = 20, ["LB"] = 28, ["LC"] = 32, ["LI"] = 21, ["LT"] = 20, ["LU"] = 20, ["LV"] = 21,
        ["LY"] = 25, ["MC"] = 27, ["MD"] = 24, ["ME"] = 22, ["MK"] = 19, ["MN"] = 20, ["MR"] = 27, ["MT"] = 31, ["MU"] = 30, ["NI"] = 28,
        ["NL"] = 18, ["NO"] = 15, ["OM"] = 23, ["PK"] = 24, ["PL"] = 28, ["PS"] = 29, ["PT"] = 25, ["QA"] = 29, ["RO"] = 24, ["RS"] = 22,
        ["RU"] = 33, ["SA"] = 24, ["SC"] = 31, ["SD"] = 18, ["SE"] = 24, ["SI"] = 19, ["SK"] = 24, ["SM"] = 27, ["SO"] = 23, ["ST"] = 25,
        ["SV"] = 28, ["TL"] = 23, ["TN"] = 24, ["TR"] = 26, ["UA"] = 29, ["VA"] = 22, ["VG"] = 24, ["XK"] = 20, ["YE"] = 30,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private Iban(string value) => Value = value;

    /// <summary>The compact, upper-case IBAN.</summary>
    public string Value { get; }

    /// <summary>The two-letter country code.</summary>
    public string CountryCode => Value[..2];

    public static Result<Iban> Create(string? input)
    {
        var value = (input ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal).Trim().ToUpperInvariant();
        if (value.Length == 0)
        {
            return Required;
        }

        if (value.Length < 5 || !char.IsAsciiLetterUpper(value[0]) || !char.IsAsciiLetterUpper(value[1])
            || !char.IsAsciiDigit(value[2]) || !char.IsAsciiDigit(value[3]) || !value.All(char.IsAsciiLetterOrDigit))
        {
            return Format;
        }

        if (!Lengths.TryGetValue(value[..2], out int length))
        {
            return Country;
        }

        if (value.Length != length)
        {
            return new Error("iban.length", $"Un IBAN con codice paese {value[..2]} ha {length} caratteri, non {value.Length}.");
        }

        return Mod97(value) == 1 ? new Iban(value) : Check;
    }

    /// <exception cref="FormatException">The input is not a valid IBAN; the message says why, in Italian.</exception>
    public static Iban Parse(string? input)
    {
        var result = Create(input);
        return result.IsSuccess ? result.Value : throw new FormatException(result.Error.Message);
    }

    public static bool TryParse(string? input, [NotNullWhen(true)] out Iban? iban)
    {
        var result = Create(input);
        iban = result.IsSuccess ? result.Value : null;
        return iban is not null;
    }

    /// <summary>True when <paramref name="input"/> is a valid IBAN (spaces and lower case allowed).</summary>
    public static bool IsValid(string? input) => Create(input).IsSuccess;

    /// <summary>An IBAN with the check digits computed for <paramref name="country"/> and <paramref name="bban"/>.</summary>
    public static string WithCheckDigits(string country, string bban)
    {
        int check = 98 - Mod97(country.ToUpperInvariant() + "00" + bban.ToUpperInvariant());
        return country.ToUpperInvariant() + check.ToString("00", System.Globalization.CultureInfo.InvariantCulture) + bban.ToUpperInvariant();
    }

    /// <summary>Grouped by four, as printed on documents.</summary>
    public string ToPrintable() => string.Join(' ', Value.Chunk(4).Select(c => new string(c)));

    public override string ToString() => Value;

    /// <summary>The IBAN moved: BBAN first, then country and check digits; letters count as 10–35; the remainder modulo 97.</summary>
    private static int Mod97(string iban)
    {
        int remainder = 0;
        for (int n = 0; n < iban.Length; n++)
        {
            char c = iban[(n + 4) % iban.Length];
            remainder = char.IsAsciiDigit(c) ? (remainder * 10 + (c - '0')) % 97 : (remainder * 100 + (c - 'A' + 10)) % 97;
        }

        return remainder;
    }
}
