using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;
using PdfSharp.Pdf.Content;
using PdfSharp.Pdf.Content.Objects;
using PdfSharp.Pdf.IO;

namespace PenToscana.UnitTests.Invoicing;

/// <summary>
/// Reads back the text a PDF shows: re-opens it with PDFsharp, walks every page's content stream and maps the glyph codes
/// of each text operator to Unicode through the font's ToUnicode CMap (as a PDF viewer's copy-and-paste does).
/// </summary>
internal static partial class PdfTextReader
{
    /// <summary>The text of every page, one string per text-showing operator, in drawing order.</summary>
    public static IReadOnlyList<string> Read(byte[] pdf)
    {
        using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        var texts = new List<string>();
        foreach (var page in document.Pages)
        {
            var fonts = page.Resources.Elements.GetDictionary("/Font");
            var maps = new Dictionary<string, Dictionary<int, string>>(StringComparer.Ordinal);
            Dictionary<int, string>? current = null;
            Walk(ContentReader.ReadContent(page));

            void Walk(CSequence sequence)
            {
                foreach (var item in sequence)
                {
                    if (item is not COperator op)
                    {
                        continue;
                    }

                    switch (op.OpCode.OpCodeName)
                    {
                        case OpCodeName.Tf when op.Operands.Count > 0 && op.Operands[0] is CName name:
                            current = MapOf(name.Name);
                            break;
                        case OpCodeName.Tj or OpCodeName.QuoteSingle or OpCodeName.QuoteDouble when op.Operands[^1] is CString s:
                            texts.Add(Decode(s.Value, current));
                            break;
                        case OpCodeName.TJ when op.Operands[0] is CArray array:
                            texts.Add(string.Concat(array.OfType<CString>().Select(s => Decode(s.Value, current))));
                            break;
                    }
                }
            }

            Dictionary<int, string> MapOf(string name)
            {
                if (maps.TryGetValue(name, out var map))
                {
                    return map;
                }

                map = [];
                var font = fonts?.Elements.GetDictionary(name);
                if (font?.Elements.GetReference("/ToUnicode")?.Value is PdfDictionary cmap && cmap.Stream is not null)
                {
                    Parse(Encoding.ASCII.GetString(cmap.Stream.UnfilteredValue), map);
                }

                maps[name] = map;
                return map;
            }
        }

        return texts;
    }

    /// <summary>All the text joined with spaces, for "contains" checks.</summary>
    public static string Text(byte[] pdf) => string.Join(" ", Read(pdf));

    private static string Decode(string value, Dictionary<int, string>? map)
    {
        if (map is null || map.Count == 0)
        {
            // A simple font in WinAnsiEncoding: one byte a character, Latin-1 except for 0x80–0x9F.
            return string.Concat(value.Select(c => c is >= '\u0080' and <= '\u009F' && WinAnsi.TryGetValue(c, out var mapped) ? mapped : c));
        }

        // Composite fonts show two-byte glyph codes; each char of the string holds one byte.
        var text = new StringBuilder();
        for (int i = 0; i + 1 < value.Length; i += 2)
        {
            int code = (value[i] << 8) | value[i + 1];
            text.Append(map.TryGetValue(code, out var unicode) ? unicode : "\uFFFD");
        }

        return text.ToString();
    }

    private static readonly Dictionary<char, char> WinAnsi = new()
    {
        ['\u0080'] = '€', ['\u0082'] = '‚', ['\u0084'] = '„', ['\u0085'] = '…', ['\u0091'] = '‘', ['\u0092'] = '’',
        ['\u0093'] = '“', ['\u0094'] = '”', ['\u0095'] = '•', ['\u0096'] = '–', ['\u0097'] = '—',
    };

    private static void Parse(string cmap, Dictionary<int, string> map)
    {
        foreach (Match block in BfChar().Matches(cmap))
        {
            foreach (Match pair in Pair().Matches(block.Groups[1].Value))
            {
                map[Hex(pair.Groups[1].Value)] = Unicode(pair.Groups[2].Value);
            }
        }

        foreach (Match block in BfRange().Matches(cmap))
        {
            foreach (Match range in Range().Matches(block.Groups[1].Value))
            {
                int from = Hex(range.Groups[1].Value), to = Hex(range.Groups[2].Value), start = Hex(range.Groups[3].Value);
                for (int code = from; code <= to; code++)
                {
                    map[code] = char.ConvertFromUtf32(start + code - from);
                }
            }
        }
    }

    private static int Hex(string hex) => int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static string Unicode(string hex)
    {
        var text = new StringBuilder();
        for (int i = 0; i + 4 <= hex.Length; i += 4)
        {
            text.Append((char)Hex(hex.Substring(i, 4)));
        }

        return text.ToString();
    }

    [GeneratedRegex(@"beginbfchar(.*?)endbfchar", RegexOptions.Singleline)]
    private static partial Regex BfChar();

    [GeneratedRegex(@"beginbfrange(.*?)endbfrange", RegexOptions.Singleline)]
    private static partial Regex BfRange();

    [GeneratedRegex(@"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")]
    private static partial Regex Pair();

    [GeneratedRegex(@"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")]
    private static partial Regex Range();
}
