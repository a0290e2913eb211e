namespace PenToscana.Kernel.Data;

/// <summary>The <c>Database</c> configuration section: which provider, which connection.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>sqlite</c> (embedded default) or <c>postgres</c>.</summary>
    public string Provider { get; set; } = "sqlite";

    public string ConnectionString { get; set; } = "Data Source=data/pentoscana.db";

    /// <summary>Apply pending migrations when the host starts (embedded mode); otherwise use the <c>db migrate</c> verb.</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>
    /// PostgreSQL: turn off the server's JIT compilation for the platform's sessions (sent as the startup option
    /// <c>-c jit=off</c>). The platform's queries are short; the JIT's fixed cost (tens of milliseconds per query whose
    /// estimate crosses <c>jit_above_cost</c>, for instance a walk limited to many rows) is paid on answers that should
    /// take a few. Set to <c>false</c> behind a pooler that refuses startup options (PgBouncer without
    /// <c>ignore_startup_parameters = options</c>) and use <c>ALTER DATABASE … SET jit = off</c> instead.
    /// </summary>
    public bool PostgresJitOff { get; set; } = true;

    /// <summary>The connection string as the platform opens it (with <see cref="PostgresJitOff"/> applied).</summary>
    public string EffectiveConnectionString => ParsedProvider == DatabaseProvider.Postgres && PostgresJitOff
        ? PostgresWithoutJit(ConnectionString)
        : ConnectionString;

    private static string PostgresWithoutJit(string connectionString)
    {
        var builder = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        string options = builder.TryGetValue("Options", out var o) ? o?.ToString() ?? "" : "";
        if (options.Contains("jit", StringComparison.OrdinalIgnoreCase))
        {
            return connectionString;
        }

        builder["Options"] = (options + " -c jit=off").Trim();
        return builder.ConnectionString;
    }

    public DatabaseProvider ParsedProvider => Provider.Trim().ToLowerInvariant() switch
    {
        "sqlite" => DatabaseProvider.Sqlite,
        "postgres" or "postgresql" or "npgsql" => DatabaseProvider.Postgres,
        _ => throw new InvalidOperationException(
            $"Impostazione 'Database:Provider' non valida: '{Provider}'. Valori ammessi: 'sqlite' oppure 'postgres'."),
    };
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
