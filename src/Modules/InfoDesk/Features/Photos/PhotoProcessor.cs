using System.Buffers.Binary;
using SkiaSharp;
using PenToscana.Kernel.Values;

namespace PenToscana.Modules.InfoDesk.Features.Photos;

/// <summary>A photo ready to store: re-encoded JPEG bytes without any metadata, and the place the camera recorded.</summary>
internal sealed record CleanPhoto(byte[] Jpeg, int Width, int Height, double? Latitude, double? Longitude);

/// <summary>
/// Photos from citizens are decoded and re-encoded: whatever the upload carried besides pixels (EXIF camera serials, dates,
/// thumbnails, comments, scripts hidden in metadata) is dropped. The GPS position is read first and kept as data, since it
/// tells the office where the picture was taken.
/// </summary>
internal static class PhotoProcessor
{
    public const int MaxPhotos = 5;
    public const long MaxBytes = 10L * 1024 * 1024;
    private const int MaxSide = 2048;
    private const int MaxPixels = 50_000_000;

    public static Result<CleanPhoto> Process(byte[] upload, string fileName)
    {
        if (upload.Length == 0)
        {
            return new Error("foto_vuota", $"La foto «{fileName}» è vuota.");
        }

        if (upload.Length > MaxBytes)
        {
            return new Error("foto_troppo_grande", $"La foto «{fileName}» supera i 10 MB.");
        }

        using var data = SKData.CreateCopy(upload);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.EncodedFormat is not (SKEncodedImageFormat.Jpeg or SKEncodedImageFormat.Png or SKEncodedImageFormat.Webp or SKEncodedImageFormat.Heif))
        {
            return new Error("foto_non_immagine", $"Il file «{fileName}» non è una foto (sono accettati JPEG, PNG e WebP).");
        }

        if ((long)codec.Info.Width * codec.Info.Height > MaxPixels)
        {
            return new Error("foto_troppo_grande", $"La foto «{fileName}» ha troppi pixel.");
        }

        var (lat, lon) = codec.EncodedFormat == SKEncodedImageFormat.Jpeg ? ExifGps.Read(upload) : (null, null);
        using var decoded = SKBitmap.Decode(codec);
        if (decoded is null)
        {
            return new Error("foto_non_immagine", $"La foto «{fileName}» è danneggiata e non si può leggere.");
        }

        using var oriented = Orient(decoded, codec.EncodedOrigin);
        double scale = Math.Min(1.0, (double)MaxSide / Math.Max(oriented.Width, oriented.Height));
        int w = Math.Max(1, (int)(oriented.Width * scale));
        int h = Math.Max(1, (int)(oriented.Height * scale));
        using var resized = scale < 1.0 ? oriented.Resize(new SKImageInfo(w, h), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear)) : oriented.Copy();
        using var image = SKImage.FromBitmap(resized);
        using var jpeg = image.Encode(SKEncodedImageFormat.Jpeg, 85);
        return new CleanPhoto(jpeg.ToArray(), resized.Width, resized.Height, lat, lon);
    }

    private static SKBitmap Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft or SKEncodedOrigin.Default)
        {
            return source.Copy();
        }

        bool swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var result = new SKBitmap(swap ? source.Height : source.Width, swap ? source.Width : source.Height);
        using var canvas = new SKCanvas(result);
        switch (origin)
        {
            case SKEncodedOrigin.BottomRight:
                canvas.RotateDegrees(180, source.Width / 2f, source.Height / 2f);
                break;
            case SKEncodedOrigin.RightTop:
                canvas.Translate(result.Width, 0);
                canvas.RotateDegrees(90);
                break;
            case SKEncodedOrigin.LeftBottom:
                canvas.Translate(0, result.Height);
                canvas.RotateDegrees(270);
                break;
            default:
                break;
        }

        canvas.DrawBitmap(source, 0, 0);
        return result;
    }
}

/// <summary>Reads the GPS position (tags 1-4 of the GPS IFD) from a JPEG's EXIF block; anything malformed yields no position.</summary>
internal static class ExifGps
{
    public static (double? Latitude, double? Longitude) Read(byte[] jpeg)
    {
        try
        {
            return ReadUnchecked(jpeg);
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or IndexOutOfRangeException or ArgumentException)
        {
            return (null, null);
        }
    }

    private static (double?, double?) ReadUnchecked(byte[] b)
    {
        if (b.Length < 4 || b[0] != 0xFF || b[1] != 0xD8)
        {
            return (null, null);
        }

        int pos = 2;
        while (pos + 4 <= b.Length && b[pos] == 0xFF)
        {
            byte marker = b[pos + 1];
            int length = (b[pos + 2] << 8) | b[pos + 3];
            if (marker == 0xE1 && length > 8 && b.AsSpan(pos + 4, 6).SequenceEqual("Exif\0\0"u8))
            {
                return FromTiff(b.AsSpan(pos + 10, length - 8).ToArray());
            }

            if (marker == 0xDA)
            {
                break;
            }

            pos += 2 + length;
        }

        return (null, null);
    }

    private static (double?, double?) FromTiff(byte[] t)
    {
        bool little = t[0] == 'I';
        uint U32(int o) => little ? BinaryPrimitives.ReadUInt32LittleEndian(t.AsSpan(o)) : BinaryPrimitives.ReadUInt32BigEndian(t.AsSpan(o));
        ushort U16(int o) => little ? BinaryPrimitives.ReadUInt16LittleEndian(t.AsSpan(o)) : BinaryPrimitives.ReadUInt16BigEndian(t.AsSpan(o));
        double Rational(int o) => U32(o + 4) == 0 ? double.NaN : (double)U32(o) / U32(o + 4);
        double Degrees(int o) => Rational(o) + (Rational(o + 8) / 60) + (Rational(o + 16) / 3600);

        int ifd0 = (int)U32(4);
        int count = U16(ifd0);
        int gps = -1;
        for (int i = 0; i < count; i++)
        {
            int entry = ifd0 + 2 + (i * 12);
            if (U16(entry) == 0x8825)
            {
                gps = (int)U32(entry + 8);
            }
        }

        if (gps < 0)
        {
            return (null, null);
        }

        char latRef = 'N', lonRef = 'E';
        double? lat = null, lon = null;
        int n = U16(gps);
        for (int i = 0; i < n; i++)
        {
            int entry = gps + 2 + (i * 12);
            switch (U16(entry))
            {
                case 1: latRef = (char)t[entry + 8]; break;
                case 3: lonRef = (char)t[entry + 8]; break;
                case 2: lat = Degrees((int)U32(entry + 8)); break;
                case 4: lon = Degrees((int)U32(entry + 8)); break;
                default: break;
            }
        }

        if (lat is null || lon is null || double.IsNaN(lat.Value) || double.IsNaN(lon.Value))
        {
            return (null, null);
        }

        return (latRef == 'S' ? -lat : lat, lonRef == 'W' ? -lon : lon);
    }
}
