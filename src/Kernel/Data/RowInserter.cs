using System.Collections.Concurrent;
using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace PenToscana.Kernel.Data;

/// <summary>
/// Inserts many new rows in one database round trip inside the context's current transaction, without the change tracker:
/// multi-row <c>INSERT</c> statements built from the EF model (table and column names, value converters, provider types),
/// so the mapping stays the one migrations create. For hot paths that write hundreds of rows per transaction (the
/// protocol's group commit); everything else uses <c>SaveChangesAsync</c>. Entities must have all their values set
/// (no store-generated columns, no shadow properties). A constraint violation surfaces as <see cref="DbUpdateException"/>,
/// as it would from <c>SaveChangesAsync</c>.
/// </summary>
public static class RowInserter
{
    /// <summary>Parameters per statement: below SQLite's 32,766 and PostgreSQL's 65,535 limits with room to spare.</summary>
    private const int MaxParametersPerStatement = 8000;

    private static readonly ConcurrentDictionary<(IEntityType, Type), TableShape> Shapes = new();

    /// <summary>Inserts the rows (grouped by type, in the order the types first appear) in the current transaction.</summary>
    public static async Task InsertRowsAsync(this DbContext db, IEnumerable<object> rows, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("InsertRowsAsync runs inside a transaction begun on the context.");
        var groups = rows.GroupBy(r => r.GetType()).ToList();
        if (groups.Count == 0)
        {
            return;
        }

        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        var sql = new StringBuilder();
        int parameterIndex = 0;
        foreach (var group in groups)
        {
            var entityType = db.Model.FindEntityType(group.Key)
                ?? throw new InvalidOperationException($"{group.Key.Name} is not an entity of {db.GetType().Name}.");
            var shape = Shapes.GetOrAdd((entityType, db.GetType()), key => TableShape.For(key.Item1));
            int perStatement = Math.Max(1, MaxParametersPerStatement / shape.Columns.Length);
            var list = group.ToList();
            for (int start = 0; start < list.Count; start += perStatement)
            {
                sql.Append(shape.InsertPrefix);
                int end = Math.Min(list.Count, start + perStatement);
                for (int i = start; i < end; i++)
                {
                    sql.Append(i == start ? "(" : ",(");
                    for (int c = 0; c < shape.Columns.Length; c++)
                    {
                        var column = shape.Columns[c];
                        string name = "@r" + parameterIndex++.ToString(System.Globalization.CultureInfo.InvariantCulture);
                        if (c > 0)
                        {
                            sql.Append(',');
                        }

                        sql.Append(name);
                        command.Parameters.Add(column.Mapping.CreateParameter(command, name, column.Property.GetGetter().GetClrValueUsingContainingEntity(list[i]), column.Property.IsNullable));
                    }

                    sql.Append(')');
                }

                sql.Append(";\n");
            }
        }

        command.CommandText = sql.ToString();
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (DbException ex)
        {
            throw new DbUpdateException("Inserimento non riuscito: " + ex.Message, ex);
        }
    }

    private sealed record Column(IProperty Property, RelationalTypeMapping Mapping);

    private sealed record TableShape(string InsertPrefix, Column[] Columns)
    {
        public static TableShape For(IEntityType entityType)
        {
            string table = entityType.GetTableName() ?? throw new InvalidOperationException($"{entityType.DisplayName()} has no table.");
            var store = StoreObjectIdentifier.Table(table, entityType.GetSchema());
            var columns = new List<Column>();
            foreach (var property in entityType.GetProperties())
            {
                if (property.IsShadowProperty() || property.GetComputedColumnSql() is not null)
                {
                    throw new NotSupportedException($"{entityType.DisplayName()}.{property.Name}: only plain, client-set columns can be bulk inserted.");
                }

                columns.Add(new Column(property, (RelationalTypeMapping)property.GetTypeMapping()));
            }

            // Both providers accept double-quoted identifiers and multi-row VALUES lists.
            string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            string names = string.Join(',', columns.Select(c => Quote(c.Property.GetColumnName(store)!)));
            string qualified = entityType.GetSchema() is { } schema ? Quote(schema) + "." + Quote(table) : Quote(table);
            return new TableShape($"INSERT INTO {qualified} ({names}) VALUES ", [.. columns]);
        }
    }
}
