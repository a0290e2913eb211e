using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PenToscana.Modules.Payments.Documents;

/// <summary>Collections of one day for one service: how many payments and how much, in cents.</summary>
internal sealed record CollectionRow(DateOnly Day, string ServiceCode, int Payments, long AmountCents);

/// <summary>
/// The collections export as an Excel workbook (Office Open XML, one sheet "Incassi"): day as a real date, service,
/// number of payments, amount in cents and in euro as numbers with a two-decimal format, and a total row.
/// </summary>
internal static class CollectionsWorkbook
{
    private const uint DateStyle = 1;
    private const uint EuroStyle = 2;
    private const uint HeaderStyle = 3;

    public static byte[] Create(string bodyName, IReadOnlyList<CollectionRow> rows)
    {
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Stylesheet();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            uint r = 1;
            data.Append(Row(r++, Text($"Incassi di {bodyName}", HeaderStyle)));
            data.Append(Row(r++, Text("Giorno", HeaderStyle), Text("Servizio", HeaderStyle), Text("Pagamenti", HeaderStyle), Text("Importo (centesimi)", HeaderStyle), Text("Importo (euro)", HeaderStyle)));
            foreach (var row in rows)
            {
                data.Append(Row(r++,
                    Number(row.Day.ToDateTime(TimeOnly.MinValue).ToOADate(), DateStyle),
                    Text(row.ServiceCode),
                    Number(row.Payments),
                    Number(row.AmountCents),
                    Number(row.AmountCents / 100m, EuroStyle)));
            }

            data.Append(Row(r, Text("Totale", HeaderStyle), Text(""), Number(rows.Sum(x => x.Payments)), Number(rows.Sum(x => x.AmountCents)), Number(rows.Sum(x => x.AmountCents) / 100m, EuroStyle)));
            var columns = new Columns(
                new Column { Min = 1, Max = 1, Width = 14, CustomWidth = true },
                new Column { Min = 2, Max = 2, Width = 24, CustomWidth = true },
                new Column { Min = 3, Max = 5, Width = 20, CustomWidth = true });
            sheetPart.Worksheet = new Worksheet(columns, data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "Incassi" }));
            workbook.Workbook.Save();
        }

        return buffer.ToArray();
    }

    private static Row Row(uint index, params Cell[] cells)
    {
        var row = new Row { RowIndex = index };
        for (int i = 0; i < cells.Length; i++)
        {
            cells[i].CellReference = $"{(char)('A' + i)}{index}";
            row.Append(cells[i]);
        }

        return row;
    }

    private static Cell Text(string value, uint style = 0)
        => new() { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(value)), StyleIndex = style == 0 ? null : style };

    private static Cell Number(double value, uint style = 0)
        => new() { CellValue = new CellValue(value.ToString("R", CultureInfo.InvariantCulture)), StyleIndex = style == 0 ? null : style };

    private static Cell Number(decimal value, uint style = 0)
        => new() { CellValue = new CellValue(value.ToString(CultureInfo.InvariantCulture)), StyleIndex = style == 0 ? null : style };

    private static Cell Number(long value, uint style = 0)
        => new() { CellValue = new CellValue(value.ToString(CultureInfo.InvariantCulture)), StyleIndex = style == 0 ? null : style };

    private static Stylesheet Stylesheet() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "dd/mm/yyyy" }) { Count = 1 },
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 4, ApplyNumberFormat = true },
            new CellFormat { FontId = 1, ApplyFont = true }) { Count = 4 });
}
