using System.Diagnostics.CodeAnalysis;

namespace PenToscana.Kernel.Values;

/// <summary>
/// A codice fiscale (DM 23 December 1976, DPR 605/1973): 16 characters for a person, or 11 digits
/// for a body or a company (and for provisional codes), checked like a partita IVA. Input is trimmed
/// and upper-cased; a person's code may carry omocodia substitutions (digits replaced by L-V).
/// </summary>
public sealed record TaxCode
{
    private const string OmocodiaLetters = "LMNPQRSTUV";
    private const string MonthLetters = "ABCDEHLMPRST";
    private const int FemaleDayOffset = 40;

    // Positions of the year, day and place digits: only these can be replaced for omocodia.
    private static readonly int[] DigitPositions = [6, 7, 9, 10, 12, 13, 14];

    // Values of characters in odd (1-based) positions, indexed A-Z; digits 0-9 take the values of A-J.
    private static readonly int[] OddPositionValues =
        [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];

    private static readonly Error Required = new("tax_code.required", "Il codice fiscale è obbligatorio");
    private static readonly Error WrongLength = new("tax_code.length", "Il codice fiscale deve avere 16 caratteri (11 cifre per enti e società)");
    private static readonly Error NotDigits = new("tax_code.format", "Il codice fiscale di 11 caratteri deve contenere solo cifre");
    private static readonly Error Malformed = new("tax_code.format", "Il codice fiscale non ha il formato previsto: 6 lettere, 2 cifre, 1 lettera, 2 cifre, 1 lettera, 3 cifre, 1 lettera");
    private static readonly Error WrongMonth = new("tax_code.month", "Il mese di nascita nel codice fiscale non è valido");
    private static readonly Error WrongDay = new("tax_code.day", "Il giorno di nascita nel codice fiscale non è valido");
    private static readonly Error WrongCheckCharacter = new("tax_code.check", "Carattere di controllo errato");
    private static readonly Error WrongCheckDigit = new("tax_code.check", "Cifra di controllo errata");
    private static readonly Error AllZeros = new("tax_code.format", "Il codice fiscale non può essere composto solo da zeri");

    private TaxCode(string value) => Value = value;

    public string Value { get; }

    /// <summary>True for the 16-character code of a natural person.</summary>
    public bool IsPerson => Value.Length == 16;

    /// <summary>The sex encoded in a person's code (day of birth plus 40 for women); null for 11-digit codes.</summary>
    public Sex? Sex => IsPerson ? (DayField() > FemaleDayOffset ? Values.Sex.Female : Values.Sex.Male) : null;

    public static Result<TaxCode> Create(string? input)
    {
        var value = input?.Trim().ToUpperInvariant() ?? "";
        if (value.Length == 0)
        {
            return Required;
        }

        if (value.Length == 11)
        {
            if (!NumericCheckDigit.IsAllDigits(value))
            {
                return NotDigits;
            }

            if (value.All(c => c == '0'))
            {
                return AllZeros;
            }

            return NumericCheckDigit.IsValid(value) ? new TaxCode(value) : WrongCheckDigit;
        }

        return value.Length == 16 ? CreatePerson(value) : WrongLength;
    }

    /// <exception cref="FormatException">The input is not a valid codice fiscale; the message says why, in Italian.</exception>
    public static TaxCode Parse(string? input)
    {
        var result = Create(input);
        return result.IsSuccess ? result.Value : throw new FormatException(result.Error.Message);
    }

    public static bool TryParse(string? input, [NotNullWhen(true)] out TaxCode? taxCode)
    {
        var result = Create(input);
        taxCode = result.IsSuccess ? result.Value : null;
        return taxCode is not null;
    }

    /// <summary>
    /// The birth date in a person's code. The code holds only two digits of the year: the century is
    /// the one that puts the birth date on or before <paramref name="today"/>, within the last 100 years.
    /// Null for 11-digit codes, and when the encoded day does not exist in that month.
    /// </summary>
    public DateOnly? BirthDate(DateOnly today)
    {
        if (!IsPerson)
        {
            return null;
        }

        var month = MonthLetters.IndexOf(Value[8], StringComparison.Ordinal) + 1;
        var day = DayField() % FemaleDayOffset;
        var year = (today.Year - (today.Year % 100)) + NumberAt(6);
        if (year > today.Year || (year == today.Year && (month > today.Month || (month == today.Month && day > today.Day))))
        {
            year -= 100;
        }

        return day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;
    }

    public override string ToString() => Value;

    private static Result<TaxCode> CreatePerson(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var valid = DigitPositions.Contains(i)
                ? char.IsAsciiDigit(c) || OmocodiaLetters.Contains(c, StringComparison.Ordinal)
                : char.IsAsciiLetterUpper(c);
            if (!valid)
            {
                return Malformed;
            }
        }

        if (!MonthLetters.Contains(value[8], StringComparison.Ordinal))
        {
            return WrongMonth;
        }

        var code = new TaxCode(value);
        if (code.DayField() is < 1 or > 31 + FemaleDayOffset or (> 31 and <= FemaleDayOffset))
        {
            return WrongDay;
        }

        return value[15] == CheckCharacter(value) ? code : WrongCheckCharacter;
    }

    private static char CheckCharacter(string value)
    {
        var sum = 0;
        for (var i = 0; i < 15; i++)
        {
            var c = value[i];
            var index = char.IsAsciiDigit(c) ? c - '0' : c - 'A';

            // Position i + 1 is odd when i is even.
            sum += i % 2 == 0 ? OddPositionValues[index] : index;
        }

        return (char)('A' + (sum % 26));
    }

    private int DayField() => NumberAt(9);

    // The two-digit number at a digit position, undoing omocodia.
    private int NumberAt(int position) => (DigitAt(position) * 10) + DigitAt(position + 1);

    private int DigitAt(int position)
    {
        var c = Value[position];
        return char.IsAsciiDigit(c) ? c - '0' : OmocodiaLetters.IndexOf(c, StringComparison.Ordinal);
    }
}
