using System.Globalization;

namespace PenToscana.Modules.Payments.Domain;

/// <summary>The payloads printed on a payment notice so that apps and counters can read it.</summary>
internal static class PaymentCodes
{
    /// <summary>pagoPA QR code, version 002: <c>PAGOPA|002|&lt;notice&gt;|&lt;body CF&gt;|&lt;cents&gt;</c> (amount unpadded).</summary>
    public static string QrPayload(string noticeNumber, string bodyTaxCode, long amountCents)
        => string.Create(CultureInfo.InvariantCulture, $"PAGOPA|002|{noticeNumber}|{bodyTaxCode}|{amountCents}");

    /// <summary>
    /// Poste Italiane Data Matrix of the Bollettino Postale PA (256 characters): codfase, the 50-character codeline
    /// (notice, postal account, amount, document type 896), then body CF, debtor id and name, subject, filler and "A".
    /// </summary>
    public static string PosteDataMatrix(string noticeNumber, string postalAccount, long amountCents, string bodyTaxCode,
        string debtorTaxCode, string debtorName, string subject)
    {
        var sb = new System.Text.StringBuilder(256);
        sb.Append("codfase=NBPA;");
        sb.Append("18").Append(noticeNumber);
        sb.Append("12").Append(postalAccount.PadLeft(12, '0'));
        sb.Append("10").Append(amountCents.ToString("D10", CultureInfo.InvariantCulture));
        sb.Append("3896");
        sb.Append("1P1");
        sb.Append(Fixed(bodyTaxCode, 11));
        sb.Append(Fixed(debtorTaxCode, 16));
        sb.Append(Fixed(debtorName, 40));
        sb.Append(Fixed(subject, 110));
        sb.Append(' ', 12);
        sb.Append('A');
        return sb.ToString();
    }

    private static string Fixed(string text, int length)
    {
        // Data Matrix text mode here is plain ASCII: accents are folded, longer texts cut.
        string ascii = new(text.Normalize(System.Text.NormalizationForm.FormD)
            .Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            .Select(c => c < 128 ? c : ' ').ToArray());
        return ascii.Length >= length ? ascii[..length] : ascii.PadRight(length);
    }

    /// <summary>Amount as the SOAP interface wants it: euro with two decimals and a dot.</summary>
    public static string SoapAmount(long cents) => (cents / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    public static bool TryParseSoapAmount(string? text, out long cents)
    {
        cents = 0;
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var euro))
        {
            return false;
        }

        cents = (long)Math.Round(euro * 100m, MidpointRounding.AwayFromZero);
        return true;
    }

    /// <summary>An amount already validated against the schema (\d+\.\d{2}).</summary>
    public static long ParseSoapAmount(string text)
        => TryParseSoapAmount(text, out var cents) ? cents : throw new FormatException("Importo non valido: " + text);

    public static string Euro(long cents) => (cents / 100m).ToString("#,##0.00", CultureInfo.GetCultureInfo("it-IT")) + " €";
}
