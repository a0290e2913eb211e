namespace PenToscana.Modules.Protocol.Data;

/// <summary>
/// PostgreSQL search indexes that EF cannot describe, installed by the Initial migration: trigram (pg_trgm) GIN indexes so
/// that a substring search on the subject or on a correspondent's name (ILIKE '%…%') stays fast on millions of entries.
/// SQLite has none: its embedded registers are small. The subject's trigram index was replaced by the word index of the
/// SubjectWordSearch migration (ADR 0017), which drops it.
/// </summary>
internal static class SearchIndexes
{
    public const string Postgres = """
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        CREATE INDEX "IX_protocol_entry_Subject_trgm" ON protocol_entry USING gin ("Subject" gin_trgm_ops);
        CREATE INDEX "IX_protocol_correspondent_Name_trgm" ON protocol_correspondent USING gin ("Name" gin_trgm_ops);
        """;
}
