using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace PenToscana.Kernel.Values;

/// <summary>
/// An amount in euro, held as whole cents so that sums are exact and portable across databases.
/// Reads and writes the Italian notation: "1.234,56 €". Arithmetic that overflows throws.
/// </summary>
public readonly record struct Money : IComparable<Money>
{
    private static readonly Error Required = new("money.required", "L'importo è obbligatorio");
    private static readonly Error Malformed = new("money.format", "Importo non valido: scrivere ad esempio 1.234,56");
    private static readonly Error TooManyDecimals = new("money.decimals", "L'importo può avere al massimo 2 decimali");
    private static readonly Error TooLarge = new("money.range", "L'importo è troppo grande");

    private Money(long cents) => Cents = cents;

    public static Money Zero => default;

    public long Cents { get; }

    public bool IsZero => Cents == 0;

    public bool IsNegative => Cents < 0;

    public static Money FromCents(long cents) => new(cents);

    public static Money FromEuros(long euros) => new(checked(euros * 100));

    /// <summary>
    /// Reads an amount written the Italian way: "12", "1234,5", "1.234,56", "-7,10", optionally with
    /// "€" before or after. Dots group thousands (so "1.500" is fifteen hundred); the comma marks
    /// at most two decimals.
    /// </summary>
    public static Result<Money> Create(string? input)
    {
        var text = input?.Trim() ?? "";
        if (text.EndsWith('€'))
        {
            text = text[..^1].TrimEnd();
        }
        else if (text.StartsWith('€'))
        {
            text = text[1..].TrimStart();
        }

        if (text.Length == 0)
        {
            return Required;
        }

        var negative = text[0] == '-';
        if (negative)
        {
            text = text[1..];
        }

        var comma = text.IndexOf(',', StringComparison.Ordinal);
        var integerPart = comma < 0 ? text : text[..comma];
        var decimalPart = comma < 0 ? "" : text[(comma + 1)..];

        if (!IsItalianInteger(integerPart) || (comma >= 0 && decimalPart.Length == 0) || !decimalPart.All(char.IsAsciiDigit))
        {
            return Malformed;
        }

        if (decimalPart.Length > 2)
        {
            return TooManyDecimals;
        }

        long cents = 0;
        foreach (var c in integerPart.Replace(".", "", StringComparison.Ordinal) + decimalPart.PadRight(2, '0'))
        {
            var digit = c - '0';
            if (cents > (long.MaxValue - digit) / 10)
            {
                return TooLarge;
            }

            cents = (cents * 10) + digit;
        }

        return new Money(negative ? -cents : cents);
    }

    /// <exception cref="FormatException">The input is not an amount; the message says why, in Italian.</exception>
    public static Money Parse(string? input)
    {
        var result = Create(input);
        return result.IsSuccess ? result.Value : throw new FormatException(result.Error.Message);
    }

    public static bool TryParse(string? input, out Money money)
    {
        var result = Create(input);
        money = result.IsSuccess ? result.Value : default;
        return result.IsSuccess;
    }

    public static Money operator +(Money left, Money right) => new(checked(left.Cents + right.Cents));

    public static Money operator -(Money left, Money right) => new(checked(left.Cents - right.Cents));

    public static Money operator -(Money money) => new(checked(-money.Cents));

    public static Money operator *(Money money, long factor) => new(checked(money.Cents * factor));

    public static Money operator *(long factor, Money money) => money * factor;

    public static bool operator <(Money left, Money right) => left.Cents < right.Cents;

    public static bool operator >(Money left, Money right) => left.Cents > right.Cents;

    public static bool operator <=(Money left, Money right) => left.Cents <= right.Cents;

    public static bool operator >=(Money left, Money right) => left.Cents >= right.Cents;

    public int CompareTo(Money other) => Cents.CompareTo(other.Cents);

    /// <summary>The amount for an Italian page: "1.234,56 €", "-0,50 €".</summary>
    public override string ToString()
    {
        // Through ulong, so that the smallest long has a magnitude too.
        var magnitude = Cents < 0 ? (ulong)(-(Cents + 1)) + 1 : (ulong)Cents;
        var euros = (magnitude / 100).ToString(CultureInfo.InvariantCulture);
        var text = new StringBuilder(euros.Length + 8);
        if (Cents < 0)
        {
            text.Append('-');
        }

        for (var i = 0; i < euros.Length; i++)
        {
            if (i > 0 && (euros.Length - i) % 3 == 0)
            {
                text.Append('.');
            }

            text.Append(euros[i]);
        }

        return text.Append(',').Append((magnitude % 100).ToString("00", CultureInfo.InvariantCulture)).Append(" €").ToString();
    }

    // Either plain digits ("1234") or groups of three after a first group of one to three ("1.234").
    private static bool IsItalianInteger(string text)
    {
        if (text.Length == 0 || !text.All(c => char.IsAsciiDigit(c) || c == '.'))
        {
            return false;
        }

        var groups = text.Split('.');
        return groups.Length == 1 || (groups[0].Length is >= 1 and <= 3 && groups.Skip(1).All(g => g.Length == 3));
    }
}
