namespace PenToscana.Modules.Invoicing.Engine;

/// <summary>Syntax and check characters of Italian partita IVA (11 digits, Luhn-like) and codice fiscale (16 characters).</summary>
public static class TaxIdentifiers
{
    private static readonly int[] OddValues =
        [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];

    public static bool IsValidVatNumber(string value)
    {
        if (value.Length != 11)
        {
            return false;
        }

        int sum = 0;
        for (int i = 0; i < 10; i++)
        {
            int d = value[i] - '0';
            if (d is < 0 or > 9)
            {
                return false;
            }

            if (i % 2 == 1)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
        }

        int check = value[10] - '0';
        return check is >= 0 and <= 9 && (10 - sum % 10) % 10 == check;
    }

    /// <summary>A personal codice fiscale (16 characters, omocodia letters allowed) or a numeric one (11 digits, as a partita IVA).</summary>
    public static bool IsValidTaxCode(string value)
    {
        if (value.Length == 11)
        {
            return IsValidVatNumber(value);
        }

        if (value.Length != 16)
        {
            return false;
        }

        int sum = 0;
        for (int i = 0; i < 15; i++)
        {
            char c = char.ToUpperInvariant(value[i]);
            int index = c is >= '0' and <= '9' ? c - '0' : c is >= 'A' and <= 'Z' ? c - 'A' : -1;
            if (index < 0)
            {
                return false;
            }

            // Positions 1, 3, 5… (odd, 1-based) use the odd table; digits and letters share it by their index.
            sum += i % 2 == 0 ? OddValues[index] : index;
        }

        return char.ToUpperInvariant(value[15]) == (char)('A' + sum % 26);
    }
}
