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
/// (no shadow properties; columns the database computes are left to it). A constraint violation surfaces as <see cref="DbUpdateException"/>,
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
        var shapes = groups.Select(g => (Shape: Shapes.GetOrAdd((FindEntityType(db, g.Key), db.GetType()), key => TableShape.For(key.Item1)), Rows: g.ToList())).ToList();
        if (db.Database.IsSqlite())
        {
            InsertOneByOne(connection, transaction.GetDbTransaction(), shapes);
            return;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        var sql = new StringBuilder();
        AppendInserts(command, sql, shapes);
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

    /// <summary>Appends multi-row <c>INSERT</c> statements for the rows to <paramref name="sql"/>, their parameters to <paramref name="command"/>.</summary>
    private static void AppendInserts(DbCommand command, StringBuilder sql, List<(TableShape Shape, List<object> Rows)> shapes)
    {
        int parameterIndex = command.Parameters.Count;
        foreach (var (shape, list) in shapes)
        {
            int perStatement = Math.Max(1, MaxParametersPerStatement / shape.Columns.Length);
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
    }

    private static IEntityType FindEntityType(DbContext db, Type type)
        => db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not an entity of {db.GetType().Name}.");

    /// <summary>
    /// SQLite runs in process, so round trips cost nothing, while binding parameters by name scans the statement's
    /// parameter list: one prepared single-row statement per table, executed once per row, is the fastest path there.
    /// </summary>
    private static void InsertOneByOne(DbConnection connection, DbTransaction transaction, List<(TableShape Shape, List<object> Rows)> tables)
    {
        try
        {
            foreach (var (shape, rows) in tables)
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = shape.SingleRowSql;
                foreach (var row in rows)
                {
                    command.Parameters.Clear();
                    for (int c = 0; c < shape.Columns.Length; c++)
                    {
                        var column = shape.Columns[c];
                        command.Parameters.Add(column.Mapping.CreateParameter(command, ParameterNames[c], column.Property.GetGetter().GetClrValueUsingContainingEntity(row), column.Property.IsNullable));
                    }

                    command.ExecuteNonQuery();
                }
            }
        }
        catch (DbException ex)
        {
            throw new DbUpdateException("Inserimento non riuscito: " + ex.Message, ex);
        }
    }

    private static readonly string[] ParameterNames = [.. Enumerable.Range(0, 200).Select(i => "@c" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    private sealed record Column(IProperty Property, RelationalTypeMapping Mapping);

    private sealed record TableShape(string InsertPrefix, string SingleRowSql, Column[] Columns)
    {
        public static TableShape For(IEntityType entityType)
        {
            string table = entityType.GetTableName() ?? throw new InvalidOperationException($"{entityType.DisplayName()} has no table.");
            var store = StoreObjectIdentifier.Table(table, entityType.GetSchema());
            var columns = new List<Column>();
            foreach (var property in entityType.GetProperties())
            {
                if (property.GetComputedColumnSql() is not null)
                {
                    continue; // computed by the database (e.g. a stored full-text vector)
                }

                if (property.IsShadowProperty())
                {
                    throw new NotSupportedException($"{entityType.DisplayName()}.{property.Name}: only plain, client-set columns can be bulk inserted.");
                }

                columns.Add(new Column(property, (RelationalTypeMapping)property.GetTypeMapping()));
            }

            // Both providers accept double-quoted identifiers and multi-row VALUES lists.
            string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            string names = string.Join(',', columns.Select(c => Quote(c.Property.GetColumnName(store)!)));
            string qualified = entityType.GetSchema() is { } schema ? Quote(schema) + "." + Quote(table) : Quote(table);
            string values = string.Join(',', ParameterNames.Take(columns.Count));
            return new TableShape($"INSERT INTO {qualified} ({names}) VALUES ", $"INSERT INTO {qualified} ({names}) VALUES ({values})", [.. columns]);
        }
    }
}
