using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;
using PenToscana.Contracts.Protocol;
using PenToscana.Kernel.Calendar;
using PenToscana.Modules.Protocol.Data;

namespace PenToscana.Modules.Protocol.Features.SearchEntries;

/// <summary>Search criteria of the register; every one optional. Dates are Italian calendar days, both ends included.</summary>
internal sealed record SearchEntriesRequest(Guid EnteId)
{
    public int? Year { get; init; }

    public long? Number { get; init; }

    public DateOnly? From { get; init; }

    public DateOnly? To { get; init; }

    /// <summary>Words of the subject.</summary>
    public string? Text { get; init; }

    /// <summary>Name or codice fiscale / partita IVA of a sender or recipient.</summary>
    public string? Correspondent { get; init; }

    public string? Office { get; init; }

    public string? Classification { get; init; }

    public ProtocolDirection? Direction { get; init; }

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = 20;
}

internal sealed record EntryRow(Guid Id, string AooCode, int Year, long Number, DateTimeOffset RegisteredAt, ProtocolDirection Direction, string Subject,
    string? FirstCorrespondent, string? Classification, string? OfficeCodes, bool Annulled)
{
    public string NumberText => Number.ToString("0000000", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A page of results. <see cref="Total"/> counts at most <see cref="SearchEntriesHandler.MaxCounted"/> matches; beyond
/// that <see cref="TotalIsLowerBound"/> is true (counting a million matches would cost more than the search itself).</summary>
internal sealed record SearchEntriesResponse(IReadOnlyList<EntryRow> Items, int Page, int PageSize, int Total, bool TotalIsLowerBound = false)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// Searches a body's register. Subject text is split into words and every word must be found: on PostgreSQL as a whole
/// word of the subject (full-text index on the stored <c>SubjectWords</c> vector, ADR 0017), on SQLite anywhere in
/// the subject (LIKE; embedded registers are small). A codice fiscale hits the correspondent index; a name uses the
/// trigram index of the correspondents.
/// </summary>
internal sealed class SearchEntriesHandler(ProtocolDb db, CommonWords commonWords)
{
    public const int MaxPageSize = 100;

    public const int MaxCounted = 1_000;

    /// <summary>How many of the newest entries in range a search for common words reads before it gives up on them.</summary>
    public const int WalkBudget = 50_000;

    /// <summary>How many of the newest entries in range the page of a search with over a thousand matches may walk.</summary>
    public const int PageWalkLimit = 200_000;

    public async Task<SearchEntriesResponse> HandleAsync(SearchEntriesRequest request, CancellationToken cancellationToken)
    {
        int pageSize = Math.Clamp(request.PageSize, 1, MaxPageSize);
        int page = Math.Max(1, request.Page);
        bool postgres = db.Database.IsNpgsql();
        var matches = Filter(Range(request), request, postgres);

        // Words found in one subject in twenty or more (a topic, a kind of request): walking the newest entries in range
        // finds more than MaxCounted of them in a few thousand rows, while the word index would first gather every one of
        // hundreds of thousands of matches. The walk is tried only when the database's own statistics say the words are
        // that common, and its result is used only when it holds more than MaxCounted matches (the total is then "over
        // 1,000" whatever lies beyond the walk) and the page asked for.
        if (postgres && Words(request) is { Count: > 0 } words && await commonWords.AllCommonAsync(db, words, cancellationToken))
        {
            var walked = await WalkAsync(request, postgres, WalkBudget, 0, MaxCounted + 1, cancellationToken);
            if (walked.Count > MaxCounted && page * pageSize <= MaxCounted)
            {
                var pageIds = walked.Skip((page - 1) * pageSize).Take(pageSize).ToList();
                return new SearchEntriesResponse(await RowsAsync(ById(pageIds), cancellationToken), page, pageSize, MaxCounted, TotalIsLowerBound: true);
            }
        }

        // The matches' order keys first, at most MaxCounted + 1 of them: with few matches (a file number, a name) the
        // word index finds them at once and the page is cut from them by id, whatever the planner guesses about word
        // frequencies (left to itself it walked the date index through the whole register for a rare number). With
        // many, the page is walked (below); only a page past the first thousand matches is left to the planner.
        var keys = await matches.Select(e => new { e.Id, e.RegisteredAt, e.Number }).Take(MaxCounted + 1).ToListAsync(cancellationToken);
        bool lowerBound = keys.Count > MaxCounted;
        int total = Math.Min(keys.Count, MaxCounted);
        IQueryable<ProtocolEntry> pageQuery;
        if (lowerBound && page * pageSize <= MaxCounted)
        {
            // More than a thousand matches: the page is found walking the newest entries in range, which stops as soon as
            // the page is full — the planner, guessing word frequencies as independent, may instead fetch and sort every
            // match ("via dei Servi": ten thousand rows for twenty).
            var walkedIds = await WalkAsync(request, postgres, PageWalkLimit, (page - 1) * pageSize, pageSize, cancellationToken);
            if (walkedIds.Count == pageSize)
            {
                return new SearchEntriesResponse(await RowsAsync(ById(walkedIds), cancellationToken), page, pageSize, MaxCounted, TotalIsLowerBound: true);
            }
        }

        if (lowerBound)
        {
            pageQuery = matches
                .OrderByDescending(e => e.RegisteredAt).ThenByDescending(e => e.Number)
                .Skip((page - 1) * pageSize).Take(pageSize);
        }
        else
        {
            var ids = keys.OrderByDescending(k => k.RegisteredAt).ThenByDescending(k => k.Number)
                .Skip((page - 1) * pageSize).Take(pageSize).Select(k => k.Id).ToList();
            pageQuery = ById(ids);
        }

        return new SearchEntriesResponse(await RowsAsync(pageQuery, cancellationToken), page, pageSize, total, lowerBound);
    }

    /// <summary>The ids of the matches among the newest <paramref name="limit"/> entries in range, newest first, from <paramref name="skip"/>.</summary>
    private Task<List<Guid>> WalkAsync(SearchEntriesRequest request, bool postgres, int limit, int skip, int take, CancellationToken cancellationToken) =>
        Filter(Range(request).OrderByDescending(e => e.RegisteredAt).ThenByDescending(e => e.Number).Take(limit), request, postgres)
            .OrderByDescending(e => e.RegisteredAt).ThenByDescending(e => e.Number)
            .Skip(skip).Take(take).Select(e => e.Id).ToListAsync(cancellationToken);

    private IQueryable<ProtocolEntry> ById(List<Guid> ids) => db.Entries.AsNoTracking().Where(e => ids.Contains(e.Id));

    private Task<List<EntryRow>> RowsAsync(IQueryable<ProtocolEntry> pageQuery, CancellationToken cancellationToken) =>
        pageQuery
            .OrderByDescending(e => e.RegisteredAt).ThenByDescending(e => e.Number)
            .Select(e => new EntryRow(e.Id, e.AooCode, e.Year, e.Number, e.RegisteredAt, e.Direction, e.Subject,
                db.Correspondents.Where(c => c.EntryId == e.Id).OrderBy(c => c.Position).Select(c => c.Name).FirstOrDefault(),
                e.Classification, e.OfficeCodes, e.AnnulledAt != null))
            .ToListAsync(cancellationToken);

    private static IReadOnlyList<string> Words(SearchEntriesRequest request) =>
        Clean(request.Text) is { } text ? SubjectWords.Of(text) : [];

    /// <summary>The body and the time range (year, from, to): what the (body, time) index can walk.</summary>
    private IQueryable<ProtocolEntry> Range(SearchEntriesRequest request)
    {
        var query = db.Entries.AsNoTracking().Where(e => e.EnteId == request.EnteId);
        if (request.Year is < 1 or > 9998)
        {
            return query.Where(e => false);
        }

        if (request.Year is { } year)
        {
            // The protocol year is the Italian calendar year of the registration: said also as a time range, so a walk of
            // the (body, time) index starts at the year's end instead of reading every later year first.
            var yearStart = Start(new DateOnly(year, 1, 1));
            var yearEnd = Start(new DateOnly(year + 1, 1, 1));
            query = query.Where(e => e.Year == year && e.RegisteredAt >= yearStart && e.RegisteredAt < yearEnd);
        }

        if (request.From is { } from)
        {
            var start = Start(from);
            query = query.Where(e => e.RegisteredAt >= start);
        }

        if (request.To is { } to)
        {
            var end = Start(to.AddDays(1));
            query = query.Where(e => e.RegisteredAt < end);
        }

        return query;
    }

    /// <summary>Every other criterion, over <paramref name="query"/> (the range, or a window of it).</summary>
    private IQueryable<ProtocolEntry> Filter(IQueryable<ProtocolEntry> query, SearchEntriesRequest request, bool postgres)
    {
        if (request.Number is { } number)
        {
            query = query.Where(e => e.Number == number);
        }

        if (Words(request) is { Count: > 0 } words)
        {
            if (postgres)
            {
                var tsQuery = SubjectWords.ToTsQuery(words);
                query = query.Where(e => EF.Property<NpgsqlTsVector>(e, ProtocolDb.SubjectWordsColumn).Matches(EF.Functions.ToTsQuery("simple", tsQuery)));
            }
            else
            {
                foreach (var word in words)
                {
                    var pattern = "%" + Escape(word) + "%";
                    query = query.Where(e => EF.Functions.Like(e.Subject, pattern, "\\"));
                }
            }
        }

        if (Clean(request.Correspondent) is { } who)
        {
            var upper = who.ToUpperInvariant();
            if (upper.Length is 11 or 16 && upper.All(char.IsAsciiLetterOrDigit))
            {
                query = query.Where(e => db.Correspondents.Any(c => c.EntryId == e.Id && c.TaxCode == upper));
            }
            else
            {
                var pattern = "%" + Escape(who) + "%";
                query = postgres
                    ? query.Where(e => db.Correspondents.Any(c => c.EntryId == e.Id && EF.Functions.ILike(c.Name, pattern, "\\")))
                    : query.Where(e => db.Correspondents.Any(c => c.EntryId == e.Id && EF.Functions.Like(c.Name, pattern, "\\")));
            }
        }

        if (Clean(request.Office) is { } office)
        {
            // Office codes are stored comma-separated: match a whole code.
            query = query.Where(e => ("," + e.OfficeCodes + ",").Contains("," + office + ","));
        }

        if (Clean(request.Classification) is { } classification)
        {
            query = query.Where(e => e.Classification == classification || e.Classification!.StartsWith(classification + "."));
        }

        if (request.Direction is { } direction)
        {
            query = query.Where(e => e.Direction == direction);
        }

        return query;
    }

    private static DateTimeOffset Start(DateOnly day)
    {
        var wall = day.ToDateTime(TimeOnly.MinValue);
        return ItalianTime.FromItalianWallTime(wall);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}

/// <summary>
/// The words of a subject search, as the full-text index sees them: runs of letters and digits, lower case. The index
/// side (<see cref="ProtocolDb.SubjectWordsSql"/>) turns every other character into a space before PostgreSQL's
/// <c>simple</c> parser runs, so "2024/12345" or "dell'affitto" are two words on both sides.
/// </summary>
internal static partial class SubjectWords
{
    /// <summary>More words than this add nothing to a register search and only cost index work.</summary>
    public const int MaxWords = 8;

    public static IReadOnlyList<string> Of(string text)
        => [.. NonWord().Split(text.ToLowerInvariant()).Where(w => w.Length > 0).Distinct(StringComparer.Ordinal).Take(MaxWords)];

    /// <summary>Every word must occur, whole. (A prefix match would make the index merge the entries of every word that
    /// starts alike before intersecting: "via" also reads "viale", "pratica" reads the whole register.)</summary>
    public static string ToTsQuery(IEnumerable<string> words)
        => string.Join(" & ", words.Select(w => $"'{w}'"));

    [GeneratedRegex(@"[^\p{L}\p{N}]+")]
    private static partial Regex NonWord();
}
