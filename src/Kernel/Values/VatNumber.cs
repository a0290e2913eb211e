using System.Diagnostics.CodeAnalysis;

namespace PenToscana.Kernel.Values;

/// <summary>
/// A partita IVA (DPR 633/1972 art. 35): 11 digits, the last a check digit. Input is trimmed and may
/// carry the "IT" country prefix of VIES and FatturaPA; the value is stored without it.
/// </summary>
public sealed record VatNumber
{
    private static readonly Error Required = new("vat_number.required", "La partita IVA è obbligatoria");
    private static readonly Error WrongLength = new("vat_number.length", "La partita IVA deve avere 11 cifre");
    private static readonly Error NotDigits = new("vat_number.format", "La partita IVA deve contenere solo cifre");
    private static readonly Error AllZeros = new("vat_number.format", "La partita IVA non può essere composta solo da zeri");
    private static readonly Error WrongCheckDigit = new("vat_number.check", "Cifra di controllo errata");

    private VatNumber(string value) => Value = value;

    /// <summary>The 11 digits, without country prefix.</summary>
    public string Value { get; }

    public static Result<VatNumber> Create(string? input)
    {
        var value = input?.Trim().ToUpperInvariant() ?? "";
        if (value.StartsWith("IT", StringComparison.Ordinal))
        {
            value = value[2..].TrimStart();
        }

        if (value.Length == 0)
        {
            return Required;
        }

        if (!NumericCheckDigit.IsAllDigits(value))
        {
            return NotDigits;
        }

        if (value.Length != 11)
        {
            return WrongLength;
        }

        if (value.All(c => c == '0'))
        {
            return AllZeros;
        }

        return NumericCheckDigit.IsValid(value) ? new VatNumber(value) : WrongCheckDigit;
    }

    /// <exception cref="FormatException">The input is not a valid partita IVA; the message says why, in Italian.</exception>
    public static VatNumber Parse(string? input)
    {
        var result = Create(input);
        return result.IsSuccess ? result.Value : throw new FormatException(result.Error.Message);
    }

    public static bool TryParse(string? input, [NotNullWhen(true)] out VatNumber? vatNumber)
    {
        var result = Create(input);
        vatNumber = result.IsSuccess ? result.Value : null;
        return vatNumber is not null;
    }

    /// <summary>The number with the "IT" prefix, as in VIES and in the FatturaPA IdFiscaleIVA.</summary>
    public string WithCountryPrefix() => "IT" + Value;

    public override string ToString() => Value;
}
