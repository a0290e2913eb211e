using System.Globalization;

namespace PenToscana.Modules.Payments.Domain;

/// <summary>
/// The 18-digit codice avviso (NAV) and its IUV, per pagoPA SACI "Generazione dell'IUV":
/// <c>aux(1) [application or segregation code(2)] base check(2)</c>. The check digit is the 16-digit number
/// formed by aux, code and base, modulo 93, written on two digits (00–92).
/// </summary>
internal readonly record struct NoticeNumber(string Value)
{
    /// <summary>Aux digit 3: IUV = segregation code + base(13) + check(2), 17 digits.</summary>
    public const char AuxSegregated = '3';

    /// <summary>Aux digit 0: the application code is in the notice but not in the IUV, which has 15 digits.</summary>
    public const char AuxApplication = '0';

    public char AuxDigit => Value[0];

    /// <summary>The IUV (creditorReferenceId) this notice number carries.</summary>
    public string Iuv => AuxDigit switch
    {
        '0' => Value[3..],
        _ => Value[1..],
    };

    /// <summary>The notice number printed in groups of four, as on the paper notice.</summary>
    public string Grouped => $"{Value[..4]} {Value[4..8]} {Value[8..12]} {Value[12..16]} {Value[16..]}";

    public override string ToString() => Value;

    /// <summary>Builds a notice number from its parts; the base has 13 digits (aux 0 and 3).</summary>
    public static NoticeNumber Create(char auxDigit, string code, long sequence)
    {
        if (auxDigit is not (AuxSegregated or AuxApplication))
        {
            throw new ArgumentOutOfRangeException(nameof(auxDigit), auxDigit, "Solo le cifre ausiliarie 0 e 3 sono generate dalla piattaforma.");
        }

        if (code.Length != 2 || !code.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("Il codice di segregazione o applicazione ha due cifre.", nameof(code));
        }

        if (sequence is < 0 or > 9_999_999_999_999)
        {
            throw new ArgumentOutOfRangeException(nameof(sequence), "La base dello IUV ha 13 cifre.");
        }

        string head = auxDigit + code + sequence.ToString("D13", CultureInfo.InvariantCulture);
        return new NoticeNumber(head + CheckDigits(head));
    }

    /// <summary>The two check digits over the first 16 digits (aux + code + base).</summary>
    public static string CheckDigits(string head16)
        => (ulong.Parse(head16, NumberStyles.None, CultureInfo.InvariantCulture) % 93).ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>Parses and validates a notice number; spaces (as printed) are ignored.</summary>
    public static bool TryParse(string? text, out NoticeNumber notice, out string? error)
    {
        notice = default;
        string digits = new((text ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray());
        if (digits.Length != 18 || !digits.All(char.IsAsciiDigit))
        {
            error = "Il codice avviso è formato da 18 cifre.";
            return false;
        }

        switch (digits[0])
        {
            case '1':
                // Aux 1: a 17-digit IUV without check digits (legacy generators).
                break;
            case '0' or '2' or '3':
                if (CheckDigits(digits[..16]) != digits[16..])
                {
                    error = "Il codice avviso non è valido: le cifre di controllo non corrispondono. Controlla di averlo trascritto correttamente.";
                    return false;
                }

                break;
            default:
                error = "Il codice avviso non è valido: la prima cifra deve essere 0, 1, 2 o 3.";
                return false;
        }

        notice = new NoticeNumber(digits);
        error = null;
        return true;
    }

    public static bool IsValid(string? text) => TryParse(text, out _, out _);
}
