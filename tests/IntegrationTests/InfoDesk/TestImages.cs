using System.Buffers.Binary;
using SkiaSharp;

namespace PenToscana.IntegrationTests.InfoDesk;

/// <summary>Photos as phones make them: a JPEG with an EXIF block carrying a camera model and a GPS position.</summary>
internal static class TestImages
{
    public static byte[] JpegWithGps(double latitude, double longitude, string cameraModel = "SecretCam 3000 SN-998877")
    {
        using var bitmap = new SKBitmap(64, 48);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.OrangeRed);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 90);
        var jpeg = data.ToArray();
        var exif = Exif(latitude, longitude, cameraModel);
        var segment = new byte[4 + exif.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(exif.Length + 2));
        exif.CopyTo(segment, 4);
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    /// <summary>"Exif\0\0" + a little-endian TIFF with IFD0 (Model, GPS pointer) and a GPS IFD (refs and rationals).</summary>
    private static byte[] Exif(double lat, double lon, string model)
    {
        var t = new byte[400];
        "II"u8.CopyTo(t);
        BinaryPrimitives.WriteUInt16LittleEndian(t.AsSpan(2), 42);
        BinaryPrimitives.WriteUInt32LittleEndian(t.AsSpan(4), 8);
        // IFD0 at 8: 2 entries
        BinaryPrimitives.WriteUInt16LittleEndian(t.AsSpan(8), 2);
        var modelBytes = System.Text.Encoding.ASCII.GetBytes(model + "\0");
        Entry(t, 10, 0x0110, 2, (uint)modelBytes.Length, 200); // Model -> offset 200
        Entry(t, 22, 0x8825, 4, 1, 50); // GPS IFD pointer -> 50
        modelBytes.CopyTo(t, 200);
        // GPS IFD at 50: 4 entries
        BinaryPrimitives.WriteUInt16LittleEndian(t.AsSpan(50), 4);
        Entry(t, 52, 1, 2, 2, lat >= 0 ? 'N' : (uint)'S');
        Entry(t, 64, 2, 5, 3, 120);
        Entry(t, 76, 3, 2, 2, lon >= 0 ? 'E' : (uint)'W');
        Entry(t, 88, 4, 5, 3, 150);
        Dms(t, 120, Math.Abs(lat));
        Dms(t, 150, Math.Abs(lon));
        return [.. "Exif\0\0"u8.ToArray(), .. t];
    }

    private static void Entry(byte[] t, int at, ushort tag, ushort type, uint count, uint value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(t.AsSpan(at), tag);
        BinaryPrimitives.WriteUInt16LittleEndian(t.AsSpan(at + 2), type);
        BinaryPrimitives.WriteUInt32LittleEndian(t.AsSpan(at + 4), count);
        BinaryPrimitives.WriteUInt32LittleEndian(t.AsSpan(at + 8), value);
    }

    private static void Dms(byte[] t, int at, double value)
    {
        uint deg = (uint)value;
        double minutes = (value - deg) * 60;
        uint min = (uint)minutes;
        uint sec100 = (uint)Math.Round((minutes - min) * 60 * 100);
        uint[] parts = [deg, 1, min, 1, sec100, 100];
        for (int i = 0; i < 6; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(t.AsSpan(at + (i * 4)), parts[i]);
        }
    }
}
