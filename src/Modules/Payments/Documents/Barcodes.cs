using QRCoder;
using ZXing;
using ZXing.Datamatrix;
using ZXing.Datamatrix.Encoder;

namespace PenToscana.Modules.Payments.Documents;

/// <summary>The two symbols of the payment notice as module matrices (true = dark), drawn as vector squares in the PDF.</summary>
internal static class Barcodes
{
    /// <summary>pagoPA QR code: ISO/IEC 18004, error correction M, with its quiet zone.</summary>
    public static bool[,] QrModules(string payload)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        var rows = data.ModuleMatrix;
        var matrix = new bool[rows.Count, rows.Count];
        for (int y = 0; y < rows.Count; y++)
        {
            for (int x = 0; x < rows.Count; x++)
            {
                matrix[x, y] = rows[y][x];
            }
        }

        return matrix;
    }

    /// <summary>Poste Data Matrix (ECC 200, square), with a quiet zone of two modules.</summary>
    public static bool[,] DataMatrixModules(string payload)
    {
        var writer = new DataMatrixWriter();
        var hints = new Dictionary<EncodeHintType, object> { [EncodeHintType.DATA_MATRIX_SHAPE] = SymbolShapeHint.FORCE_SQUARE };
        var bits = writer.encode(payload, BarcodeFormat.DATA_MATRIX, 0, 0, hints);
        const int quiet = 2;
        var matrix = new bool[bits.Width + (2 * quiet), bits.Height + (2 * quiet)];
        for (int y = 0; y < bits.Height; y++)
        {
            for (int x = 0; x < bits.Width; x++)
            {
                matrix[x + quiet, y + quiet] = bits[x, y];
            }
        }

        return matrix;
    }

    /// <summary>An 8-bit grey raster of a module matrix (for decoding checks and previews).</summary>
    public static (byte[] Pixels, int Width, int Height) Raster(bool[,] modules, int scale)
    {
        int w = modules.GetLength(0) * scale, h = modules.GetLength(1) * scale;
        var pixels = new byte[w * h];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                pixels[(y * w) + x] = modules[x / scale, y / scale] ? (byte)0 : (byte)255;
            }
        }

        return (pixels, w, h);
    }
}
