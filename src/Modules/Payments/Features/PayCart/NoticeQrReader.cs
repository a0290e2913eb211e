using System.Globalization;
using PenToscana.Kernel.Blobs;
using PenToscana.Kernel.Values;
using PenToscana.Modules.Payments.Domain;
using SkiaSharp;
using ZXing;
using ZXing.Common;

namespace PenToscana.Modules.Payments.Features.PayCart;

/// <summary>What a pagoPA QR code names: the notice, the creditor body and the amount printed on the notice.</summary>
internal sealed record ScannedNotice(string NoticeNumber, string BodyTaxCode, long AmountCents);

/// <summary>
/// Reads the pagoPA QR code (<c>PAGOPA|002|notice|body CF|cents</c>) from a photo or scan of a payment notice. The upload
/// is judged by its bytes (PNG or JPEG only, at most <see cref="MaxBytes"/> and <see cref="MaxPixels"/>), decoded with
/// SkiaSharp, turned into grey levels and searched for a QR code with ZXing; the payload must be a version-002 pagoPA code with a
/// notice number whose check digits are right.
/// </summary>
internal static class NoticeQrReader
{
    public const long MaxBytes = 8 * 1024 * 1024;

    public const long MaxPixels = 40_000_000;

    /// <summary>Images are scaled down to this longest side before the search: a notice's QR stays far above ZXing's needs.</summary>
    private const int MaxSide = 2400;

    public static Result<ScannedNotice> Read(byte[] upload)
    {
        if (upload.Length == 0)
        {
            return new Error("payments.qr_empty", "Il file caricato è vuoto.");
        }

        if (upload.Length > MaxBytes)
        {
            return new Error("payments.qr_size", "L'immagine supera gli 8 MB: caricane una più piccola.");
        }

        if (FileSignature.Detect(upload.AsSpan(0, Math.Min(upload.Length, FileSignature.HeaderLength))) is not (FileSignature.Png or FileSignature.Jpeg))
        {
            return new Error("payments.qr_type", "Carica una foto o una scansione dell'avviso in formato PNG o JPEG.");
        }

        using var data = SKData.CreateCopy(upload);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            return new Error("payments.qr_type", "L'immagine è danneggiata e non si può leggere.");
        }

        if ((long)codec.Info.Width * codec.Info.Height > MaxPixels)
        {
            return new Error("payments.qr_size", "L'immagine ha troppi pixel: caricane una più piccola.");
        }

        using var decoded = SKBitmap.Decode(codec, codec.Info.WithColorType(SKColorType.Bgra8888).WithAlphaType(SKAlphaType.Premul));
        if (decoded is null)
        {
            return new Error("payments.qr_type", "L'immagine è danneggiata e non si può leggere.");
        }

        string? text = Decode(decoded);
        if (text is null && Math.Max(decoded.Width, decoded.Height) > MaxSide)
        {
            double scale = (double)MaxSide / Math.Max(decoded.Width, decoded.Height);
            using var smaller = decoded.Resize(new SKImageInfo(Math.Max(1, (int)(decoded.Width * scale)), Math.Max(1, (int)(decoded.Height * scale)), SKColorType.Bgra8888, SKAlphaType.Premul),
                new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None));
            text = smaller is null ? null : Decode(smaller);
        }

        if (text is null)
        {
            return new Error("payments.qr_not_found", "Nell'immagine non è stato trovato un codice QR: inquadra il QR dell'avviso per intero, a fuoco e ben illuminato.");
        }

        return Parse(text);
    }

    /// <summary>Checks a decoded QR payload: <c>PAGOPA|002|&lt;18-digit notice&gt;|&lt;11-digit body CF&gt;|&lt;cents&gt;</c>.</summary>
    public static Result<ScannedNotice> Parse(string text)
    {
        var parts = text.Trim().Split('|');
        if (parts.Length != 5 || parts[0] != "PAGOPA" || parts[1] != "002")
        {
            return new Error("payments.qr_not_pagopa", "Il codice QR letto non è quello di un avviso di pagamento pagoPA.");
        }

        if (!NoticeNumber.TryParse(parts[2], out var notice, out _))
        {
            return new Error("payments.qr_notice", "Il codice QR contiene un codice avviso non valido: digita a mano il codice stampato sull'avviso.");
        }

        if (parts[3].Length != 11 || !parts[3].All(char.IsAsciiDigit))
        {
            return new Error("payments.qr_body", "Il codice QR contiene un codice fiscale dell'ente non valido.");
        }

        if (!long.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var cents) || cents < 1)
        {
            return new Error("payments.qr_amount", "Il codice QR contiene un importo non valido.");
        }

        return new ScannedNotice(notice.Value, parts[3], cents);
    }

    private static string? Decode(SKBitmap image)
    {
        int width = image.Width, height = image.Height, stride = image.RowBytes;
        var span = image.GetPixelSpan();
        var grey = new byte[width * height];
        for (int y = 0; y < height; y++)
        {
            var row = span.Slice(y * stride, width * 4);
            for (int x = 0; x < width; x++)
            {
                // BGRA, ITU-R BT.601 weights in integers.
                grey[(y * width) + x] = (byte)(((row[(x * 4) + 2] * 299) + (row[(x * 4) + 1] * 587) + (row[x * 4] * 114)) / 1000);
            }
        }

        var reader = new BarcodeReaderGeneric
        {
            AutoRotate = true,
            Options = new DecodingOptions { PossibleFormats = [BarcodeFormat.QR_CODE], TryHarder = true },
        };
        return reader.Decode(new RGBLuminanceSource(grey, width, height, RGBLuminanceSource.BitmapFormat.Gray8))?.Text;
    }
}
