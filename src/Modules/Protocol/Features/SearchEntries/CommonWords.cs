using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PenToscana.Modules.Protocol.Data;

namespace PenToscana.Modules.Protocol.Features.SearchEntries;

/// <summary>
/// The subject words that PostgreSQL's own statistics count in at least <see cref="Threshold"/> of the entries (the
/// <c>most_common_elems</c> that ANALYZE keeps for the full-text column), read at most every ten minutes per process. A
/// search for such words is answered by walking the newest entries instead of gathering every match from the word index
/// (see <see cref="SearchEntriesHandler"/>). When the statistics cannot be read, no word counts as common and every search
/// takes the word index, as it would anyway.
/// </summary>
internal sealed class CommonWords(TimeProvider time, ILogger<CommonWords> log)
{
    /// <summary>One entry in 25: a walk of <see cref="SearchEntriesHandler.WalkBudget"/> entries then expects some 2,000 matches
    /// and stops at the 1,001st, some 25,000 entries in.</summary>
    public const double Threshold = 0.04;

    private static readonly TimeSpan Freshness = TimeSpan.FromMinutes(10);

    private Snapshot? _snapshot;

    public async Task<bool> AllCommonAsync(ProtocolDb db, IReadOnlyList<string> words, CancellationToken cancellationToken)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        var now = time.GetUtcNow();
        if (snapshot is null || now - snapshot.ReadAt > Freshness)
        {
            snapshot = new Snapshot(await ReadAsync(db, cancellationToken), now);
            Volatile.Write(ref _snapshot, snapshot);
        }

        return words.Count > 0 && words.All(snapshot.Words.Contains);
    }

    private async Task<FrozenSet<string>> ReadAsync(ProtocolDb db, CancellationToken cancellationToken)
    {
        string table = db.Model.FindEntityType(typeof(ProtocolEntry))!.GetTableName()!;
        try
        {
            var words = await db.Database.SqlQuery<string>($"""
                SELECT s.word AS "Value"
                FROM pg_catalog.pg_stats p,
                     unnest(p.most_common_elems::text::text[], p.most_common_elem_freqs) AS s(word, frequency)
                WHERE p.schemaname = current_schema() AND p.tablename = {table} AND p.attname = {ProtocolDb.SubjectWordsColumn}
                  AND s.word IS NOT NULL AND s.frequency >= {Threshold}
                """).ToListAsync(cancellationToken);
            return words.ToFrozenSet(StringComparer.Ordinal);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Statistiche delle parole dell'oggetto non leggibili: ogni ricerca usa l'indice delle parole");
            return FrozenSet<string>.Empty;
        }
    }

    private sealed record Snapshot(FrozenSet<string> Words, DateTimeOffset ReadAt);
}
