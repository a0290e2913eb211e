using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace PenToscana.Modules.Payments.Features.ImportPositions;

/// <summary>
/// Writes new rows of a mapped entity with PostgreSQL's binary <c>COPY … FROM STDIN</c>, reading the table, the columns,
/// their store types and value conversions from the EF model, so the rows are exactly what <c>SaveChanges</c> would insert.
/// Used by the bulk import only, inside the caller's transaction.
/// </summary>
internal static class PostgresCopy
{
    public static async Task WriteAsync<T>(DbContext db, NpgsqlConnection connection, IReadOnlyCollection<T> rows, CancellationToken ct)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties()
            .Select(p => (Property: p, Column: p.GetColumnName(table)))
            .Where(c => c.Column is not null)
            .Select(c => new Column(c.Property.Name, c.Column!, StoreType(c.Property.GetColumnType()), c.Property.GetGetter(), c.Property.GetTypeMapping().Converter))
            .ToArray();
        string target = table.Schema is null ? Quote(table.Name) : $"{Quote(table.Schema)}.{Quote(table.Name)}";
        string sql = $"COPY {target} ({string.Join(", ", columns.Select(c => Quote(c.Name)))}) FROM STDIN (FORMAT BINARY)";
        await using var writer = await connection.BeginBinaryImportAsync(sql, ct);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(ct);
            foreach (var column in columns)
            {
                object? value = column.Getter.GetClrValueUsingContainingEntity(row);
                if (value is not null && column.Converter is { } converter)
                {
                    value = converter.ConvertToProvider(value);
                }

                if (value is null)
                {
                    await writer.WriteNullAsync(ct);
                }
                else
                {
                    await writer.WriteAsync(value, column.StoreType, ct);
                }
            }
        }

        await writer.CompleteAsync(ct);
    }

    /// <summary>"character varying(70)" → "character varying": COPY needs the type, not its length.</summary>
    private static string StoreType(string columnType)
    {
        int paren = columnType.IndexOf('(', StringComparison.Ordinal);
        return paren < 0 ? columnType : columnType[..paren].TrimEnd();
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private sealed record Column(string Property, string Name, string StoreType, IClrPropertyGetter Getter, Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? Converter);
}
