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

    /// <summary>
    /// PostgreSQL: let the driver prepare the statements a connection runs often (<c>Max Auto Prepare=64</c>) and keep them,
    /// with the connection's state, while it goes back and forth to the pool (<c>No Reset On Close=true</c>; the platform sets
    /// no session state). The server then parses a repeated statement once per connection instead of once per run, and the
    /// pool sends no <c>DISCARD ALL</c> before every statement: a one-query public lookup went from 690 to 1,140 answers a
    /// second on two cores (bench/README). Each run is still planned for its own values
    /// (<c>-c plan_cache_mode=force_custom_plan</c>): a plan chosen once for every value would, for instance, walk the whole
    /// register for a rare word. Set to <c>false</c> behind a pooler in transaction mode that does not keep prepared
    /// statements or refuses startup options; values given in the connection string always win.
    /// </summary>
    public bool PostgresPreparedStatements { get; set; } = true;

    /// <summary>The connection string as the platform opens it (with <see cref="PostgresJitOff"/> and <see cref="PostgresPreparedStatements"/> applied).</summary>
    public string EffectiveConnectionString => ParsedProvider == DatabaseProvider.Postgres && (PostgresJitOff || PostgresPreparedStatements)
        ? PostgresEffective(ConnectionString)
        : ConnectionString;

    private string PostgresEffective(string connectionString)
    {
        var builder = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        bool Given(params string[] keys) => keys.Any(builder.ContainsKey);
        string options = builder.TryGetValue("Options", out var o) ? o?.ToString() ?? "" : "";
        string original = options;
        if (PostgresJitOff && !options.Contains("jit", StringComparison.OrdinalIgnoreCase))
        {
            options += " -c jit=off";
        }

        bool changed = false;
        if (PostgresPreparedStatements)
        {
            if (!options.Contains("plan_cache_mode", StringComparison.OrdinalIgnoreCase))
            {
                options += " -c plan_cache_mode=force_custom_plan";
            }

            if (!Given("Max Auto Prepare", "MaxAutoPrepare"))
            {
                builder["Max Auto Prepare"] = "64";
                changed = true;
            }

            if (!Given("No Reset On Close", "NoResetOnClose"))
            {
                builder["No Reset On Close"] = "true";
                changed = true;
            }
        }

        if (options == original && !changed)
        {
            return connectionString;
        }

        builder["Options"] = options.Trim();
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
