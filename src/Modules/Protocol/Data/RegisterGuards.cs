namespace PenToscana.Modules.Protocol.Data;

/// <summary>
/// Database-level protection of the register (DPR 445/2000 art. 53-54), installed by the Initial migration: the art. 53
/// columns of an entry can never be updated, and no entry, correspondent, document fingerprint or history row can be
/// deleted, whatever code (or person with a SQL console) tries it.
/// </summary>
internal static class RegisterGuards
{
    private const string Message = "Il registro di protocollo è immodificabile (DPR 445/2000 art. 53): si annulla, non si modifica né si cancella";

    private static readonly string[] WriteOnceTables = ["protocol_correspondent", "protocol_document", "protocol_entry_history"];

    public static string Postgres
    {
        get
        {
            string changed = string.Join(" OR ", ProtocolEntry.ImmutableColumns.Select(c => $"OLD.\"{c}\" IS DISTINCT FROM NEW.\"{c}\""));
            var sql = new System.Text.StringBuilder();
            sql.AppendLine($$"""
                CREATE FUNCTION protocol_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                  RAISE EXCEPTION '{{Message}} (% su %)', TG_OP, TG_TABLE_NAME USING ERRCODE = 'P0001';
                END
                $fn$;
                CREATE FUNCTION protocol_entry_guard() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                  IF TG_OP = 'DELETE' OR {{changed}} THEN
                    RAISE EXCEPTION '{{Message}} (% su %)', TG_OP, TG_TABLE_NAME USING ERRCODE = 'P0001';
                  END IF;
                  RETURN NEW;
                END
                $fn$;
                CREATE TRIGGER protocol_entry_guard BEFORE UPDATE OR DELETE ON protocol_entry FOR EACH ROW EXECUTE FUNCTION protocol_entry_guard();
                CREATE TRIGGER protocol_entry_no_truncate BEFORE TRUNCATE ON protocol_entry FOR EACH STATEMENT EXECUTE FUNCTION protocol_refuse_change();
                """);
            foreach (var table in WriteOnceTables)
            {
                sql.AppendLine($"CREATE TRIGGER {table}_guard BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION protocol_refuse_change();");
                sql.AppendLine($"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION protocol_refuse_change();");
            }

            return sql.ToString();
        }
    }

    public static string[] Sqlite
    {
        get
        {
            string changed = string.Join(" OR ", ProtocolEntry.ImmutableColumns.Select(c => $"OLD.\"{c}\" IS NOT NEW.\"{c}\""));
            var statements = new List<string>
            {
                $"CREATE TRIGGER protocol_entry_no_update BEFORE UPDATE ON protocol_entry WHEN {changed} BEGIN SELECT RAISE(ABORT, '{Message}'); END;",
                $"CREATE TRIGGER protocol_entry_no_delete BEFORE DELETE ON protocol_entry BEGIN SELECT RAISE(ABORT, '{Message}'); END;",
            };
            foreach (var table in WriteOnceTables)
            {
                statements.Add($"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} BEGIN SELECT RAISE(ABORT, '{Message}'); END;");
                statements.Add($"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} BEGIN SELECT RAISE(ABORT, '{Message}'); END;");
            }

            return [.. statements];
        }
    }
}
