namespace PenToscana.Kernel.Values;

/// <summary>
/// The check digit of 11-digit Italian codes (partita IVA, codice fiscale of bodies and companies,
/// DM 23 December 1976): a Luhn sum of the first ten digits, doubling those in even places.
/// </summary>
internal static class NumericCheckDigit
{
    public static bool IsAllDigits(string value) => value.Length > 0 && value.All(char.IsAsciiDigit);

    public static bool IsValid(string elevenDigits)
    {
        var sum = 0;
        for (var i = 0; i < 10; i++)
        {
            var digit = elevenDigits[i] - '0';
            if (i % 2 == 1)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
        }

        return (10 - (sum % 10)) % 10 == elevenDigits[10] - '0';
    }
}
