using Microsoft.EntityFrameworkCore;
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
/// Searches a body's register. Subject text uses a case-insensitive substring match (ILIKE on PostgreSQL, served by the
/// trigram index on the subject; LIKE on SQLite); a codice fiscale hits the correspondent index.
/// </summary>
internal sealed class SearchEntriesHandler(ProtocolDb db)
{
    public const int MaxPageSize = 100;

    public const int MaxCounted = 10_000;

    public async Task<SearchEntriesResponse> HandleAsync(SearchEntriesRequest request, CancellationToken cancellationToken)
    {
        int pageSize = Math.Clamp(request.PageSize, 1, MaxPageSize);
        int page = Math.Max(1, request.Page);
        bool postgres = db.Database.IsNpgsql();
        var query = db.Entries.AsNoTracking().Where(e => e.EnteId == request.EnteId);
        if (request.Year is { } year)
        {
            query = query.Where(e => e.Year == year);
        }

        if (request.Number is { } number)
        {
            query = query.Where(e => e.Number == number);
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

        if (Clean(request.Text) is { } text)
        {
            var pattern = "%" + Escape(text) + "%";
            query = postgres
                ? query.Where(e => EF.Functions.ILike(e.Subject, pattern, "\\"))
                : query.Where(e => EF.Functions.Like(e.Subject, pattern, "\\"));
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

        int total = await query.Take(MaxCounted + 1).CountAsync(cancellationToken);
        bool lowerBound = total > MaxCounted;
        total = Math.Min(total, MaxCounted);
        var items = await query
            .OrderByDescending(e => e.RegisteredAt).ThenByDescending(e => e.Number)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(e => new EntryRow(e.Id, e.AooCode, e.Year, e.Number, e.RegisteredAt, e.Direction, e.Subject,
                db.Correspondents.Where(c => c.EntryId == e.Id).OrderBy(c => c.Position).Select(c => c.Name).FirstOrDefault(),
                e.Classification, e.OfficeCodes, e.AnnulledAt != null))
            .ToListAsync(cancellationToken);
        return new SearchEntriesResponse(items, page, pageSize, total, lowerBound);
    }

    private static DateTimeOffset Start(DateOnly day)
    {
        var wall = day.ToDateTime(TimeOnly.MinValue);
        return ItalianTime.FromItalianWallTime(wall);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
