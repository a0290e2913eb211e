using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using PenToscana.Modules.Invoicing.Engine;

namespace PenToscana.Modules.Invoicing.Features.ReceiveInvoice;

/// <summary>
/// What a received invoice handed over outside SdICoop (the upload page, the API) must be before it is read: the SdI
/// identifier it was given, and an .xml or .xml.p7m file of at most 5 MB. The same words on the page and in the API.
/// </summary>
internal static partial class UploadChecks
{
    public const string TooLarge = "Il file supera i 5 MB ammessi da SdI per una fattura.";

    /// <summary>Null when the identifier is SdI's: digits only, at most 20.</summary>
    public static string? IdentificativoSdI(string? id)
        => id is { Length: > 0 } && SdiId().IsMatch(id)
            ? null
            : "Indica l'identificativo SdI della fattura: solo cifre, al massimo 20 (si trova nella notifica di consegna o sul portale SdI).";

    /// <summary>Null when the file can be received; otherwise what is wrong (<see cref="TooLarge"/> when it is too large).</summary>
    public static string? File(IFormFile? file)
    {
        if (file is null || file.Length == 0)
        {
            return "Manca il file della fattura (.xml o .xml.p7m).";
        }

        if (file.Length > InvoiceEnvelope.MaxFileBytes)
        {
            return TooLarge;
        }

        return HasInvoiceExtension(file.FileName) ? null : "Il file deve essere una fattura elettronica .xml o firmata .xml.p7m.";
    }

    /// <summary>An invoice file name ends in .xml or .xml.p7m.</summary>
    public static bool HasInvoiceExtension(string fileName)
        => fileName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || fileName.EndsWith(".xml.p7m", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("^[0-9]{1,20}$")]
    private static partial Regex SdiId();
}
