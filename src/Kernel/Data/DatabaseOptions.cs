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
