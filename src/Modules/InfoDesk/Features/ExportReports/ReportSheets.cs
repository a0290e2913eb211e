using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using CsvHelper;
using CsvHelper.Configuration;

namespace PenToscana.Modules.InfoDesk.Features.ExportReports;

/// <summary>A row-by-row writer of a table: nothing is kept in memory but the current row.</summary>
internal interface IReportSheet : IAsyncDisposable
{
    Task WriteRowAsync(IReadOnlyList<object?> cells, bool header = false);
}

/// <summary>
/// CSV as Italian spreadsheets open it: semicolon-separated, UTF-8 with BOM, decimal comma, dates as dd/MM/yyyy HH:mm.
/// Text that a spreadsheet would take for a formula (=, +, -, @) is prefixed with an apostrophe.
/// </summary>
internal sealed class CsvReportSheet : IReportSheet
{
    private static readonly CultureInfo Italian = CultureInfo.GetCultureInfo("it-IT");
    private readonly StreamWriter text;
    private readonly CsvWriter csv;

    public CsvReportSheet(Stream output)
    {
        text = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true);
        csv = new CsvWriter(text, new CsvConfiguration(Italian) { Delimiter = ";", NewLine = "\r\n", InjectionOptions = InjectionOptions.Escape });
    }

    public async Task WriteRowAsync(IReadOnlyList<object?> cells, bool header = false)
    {
        foreach (var cell in cells)
        {
            csv.WriteField(cell switch
            {
                null => "",
                DateTime d => d.ToString("dd/MM/yyyy HH:mm", Italian),
                double n => n.ToString("0.######", Italian),
                int i => i.ToString(Italian),
                _ => cell.ToString() ?? "",
            });
        }

        await csv.NextRecordAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await csv.FlushAsync();
        await csv.DisposeAsync();
        await text.DisposeAsync();
    }
}

/// <summary>
/// An Excel workbook (Office Open XML) written as a stream: the zip entries are created in order and the sheet's XML is
/// written row by row with inline strings, so a large export never sits in memory (the SDK's package API would buffer the
/// whole package when opened for update). Dates are real dates in Italian time; numbers are numbers.
/// </summary>
internal sealed class XlsxReportSheet : IReportSheet
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private readonly ZipArchive zip;
    private readonly Stream sheetStream;
    private readonly XmlWriter xml;
    private int rowIndex;

    public XlsxReportSheet(Stream output, string sheetName)
    {
        zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        Entry("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>""");
        Entry("_rels/.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
        Entry("xl/workbook.xml", $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{Main}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{System.Security.SecurityElement.Escape(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>""");
        Entry("xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>""");
        // Style 1: date and time (dd/mm/yyyy hh:mm); style 2: bold header.
        Entry("xl/styles.xml", $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="{Main}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy hh:mm"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs></styleSheet>""");
        sheetStream = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open();
        xml = XmlWriter.Create(sheetStream, new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(false) });
        xml.WriteStartDocument(standalone: true);
        xml.WriteStartElement("worksheet", Main);
        xml.WriteStartElement("sheetData", Main);
    }

    public async Task WriteRowAsync(IReadOnlyList<object?> cells, bool header = false)
    {
        rowIndex++;
        await xml.WriteStartElementAsync(null, "row", Main);
        await xml.WriteAttributeStringAsync(null, "r", null, rowIndex.ToString(CultureInfo.InvariantCulture));
        for (int i = 0; i < cells.Count; i++)
        {
            var cell = cells[i];
            if (cell is null)
            {
                continue;
            }

            await xml.WriteStartElementAsync(null, "c", Main);
            await xml.WriteAttributeStringAsync(null, "r", null, ColumnName(i) + rowIndex.ToString(CultureInfo.InvariantCulture));
            switch (cell)
            {
                case DateTime d:
                    await xml.WriteAttributeStringAsync(null, "s", null, "1");
                    await xml.WriteElementStringAsync(null, "v", Main, d.ToOADate().ToString("R", CultureInfo.InvariantCulture));
                    break;
                case double n:
                    await xml.WriteElementStringAsync(null, "v", Main, n.ToString("R", CultureInfo.InvariantCulture));
                    break;
                case int n:
                    await xml.WriteElementStringAsync(null, "v", Main, n.ToString(CultureInfo.InvariantCulture));
                    break;
                default:
                    await xml.WriteAttributeStringAsync(null, "t", null, "inlineStr");
                    if (header)
                    {
                        await xml.WriteAttributeStringAsync(null, "s", null, "2");
                    }

                    await xml.WriteStartElementAsync(null, "is", Main);
                    await xml.WriteStartElementAsync(null, "t", Main);
                    await xml.WriteAttributeStringAsync("xml", "space", null, "preserve");
                    await xml.WriteStringAsync(XmlSafe(cell.ToString() ?? ""));
                    await xml.WriteEndElementAsync();
                    await xml.WriteEndElementAsync();
                    break;
            }

            await xml.WriteEndElementAsync();
        }

        await xml.WriteEndElementAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await xml.WriteEndElementAsync();
        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
        await xml.FlushAsync();
        xml.Dispose();
        await sheetStream.DisposeAsync();
        zip.Dispose();
    }

    private void Entry(string name, string content)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        var bytes = new UTF8Encoding(false).GetBytes(content);
        stream.Write(bytes);
    }

    internal static string ColumnName(int index)
    {
        var name = "";
        for (int n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    /// <summary>XML 1.0 cannot carry most control characters; a description pasted from elsewhere may contain them.</summary>
    private static string XmlSafe(string text)
        => text.Any(c => c < 0x20 && c is not ('\t' or '\n' or '\r'))
            ? new string(text.Where(c => c >= 0x20 || c is '\t' or '\n' or '\r').ToArray())
            : text;
}
