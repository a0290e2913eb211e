using PenToscana.Kernel.Data;
using PenToscana.Modules.InfoDesk.Domain;

namespace PenToscana.Modules.InfoDesk.Data;

/// <summary>A body's settings for reports: anonymous reports, radius of the duplicate search, reopening window.</summary>
internal sealed class DeskSettings : IEnteScoped, IVersioned
{
    public Guid EnteId { get; set; }

    public bool AllowAnonymous { get; set; } = true;

    public int NearbyRadiusMeters { get; set; } = 150;

    public int ReopenDays { get; set; } = 30;

    public long Version { get; set; }
}

/// <summary>A category of reports defined by one body; its code is the Open311 <c>service_code</c>.</summary>
internal sealed class ReportCategory : IEnteScoped, IVersioned
{
    public Guid Id { get; set; }

    public Guid EnteId { get; set; }

    public required string Code { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public string? Group { get; set; }

    public string? Keywords { get; set; }

    /// <summary>Days (calendar) the body gives itself for a first answer.</summary>
    public int ResponseDays { get; set; } = 30;

    public Guid? DefaultOfficeId { get; set; }

    public bool Active { get; set; } = true;

    public long Version { get; set; }

    public List<CategoryQuestion> Questions { get; set; } = [];
}

/// <summary>An extra question of a category (an Open311 attribute). <see cref="Values"/> is "key=label" lines for list types.</summary>
internal sealed class CategoryQuestion
{
    public Guid Id { get; set; }

    public Guid CategoryId { get; set; }

    public required string Code { get; set; }

    public required string Label { get; set; }

    /// <summary>string, number, datetime, text, singlevaluelist, multivaluelist.</summary>
    public required string Datatype { get; set; }

    public bool Required { get; set; }

    public int Order { get; set; }

    public string? Values { get; set; }

    public IEnumerable<(string Key, string Name)> ValueList => (Values ?? "")
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(l => l.Split('=', 2))
        .Select(p => (p[0].Trim(), (p.Length > 1 ? p[1] : p[0]).Trim()));
}

/// <summary>A polygon (GeoJSON, WGS 84) a body answers for: its territory, or a road or site it manages inside another's.</summary>
internal sealed class RoutingArea : IEnteScoped, IVersioned
{
    public Guid Id { get; set; }

    /// <summary>The body responsible inside the polygon.</summary>
    public Guid EnteId { get; set; }

    public required string Name { get; set; }

    /// <summary>A territory bounds where the body takes reports at all; other areas are roads, parks, buildings.</summary>
    public bool IsTerritory { get; set; }

    public required string GeoJson { get; set; }

    public Guid? OfficeId { get; set; }

    public long Version { get; set; }
}

/// <summary>
/// Where a report filed with a body goes: the first rule (lowest <see cref="Priority"/>) whose category, type and area match
/// assigns the report to <see cref="TargetEnteId"/> and its office.
/// </summary>
internal sealed class RoutingRule : IEnteScoped, IVersioned
{
    public Guid Id { get; set; }

    /// <summary>The body the report is filed with.</summary>
    public Guid EnteId { get; set; }

    public int Priority { get; set; }

    public string? CategoryCode { get; set; }

    public ReportType? Type { get; set; }

    public Guid? AreaId { get; set; }

    public Guid TargetEnteId { get; set; }

    public Guid? TargetOfficeId { get; set; }

    public long Version { get; set; }
}

/// <summary>A report, complaint or suggestion. <see cref="EnteId"/> is the body handling it, which routing may change.</summary>
internal sealed class Report : IEnteScoped, IVersioned
{
    public Guid Id { get; set; }

    public Guid EnteId { get; set; }

    public Guid FiledWithEnteId { get; set; }

    public Guid? OfficeId { get; set; }

    public ReportType Type { get; set; }

    public Guid CategoryId { get; set; }

    public required string CategoryCode { get; set; }

    public required string CategoryName { get; set; }

    public required string Description { get; set; }

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    public string? Address { get; set; }

    public ReportChannel Channel { get; set; }

    public ReportState State { get; set; }

    public string? StateReason { get; set; }

    public bool IsPublic { get; set; } = true;

    public Moderation Moderation { get; set; }

    /// <summary>Answers to the category's extra questions, as JSON {code: value}.</summary>
    public string? Answers { get; set; }

    public string? ReporterTaxCode { get; set; }

    public string? ReporterName { get; set; }

    public string? ReporterEmail { get; set; }

    public string? ReporterPhone { get; set; }

    public string? ReporterAddress { get; set; }

    public ContactPreference ContactPreference { get; set; }

    /// <summary>SHA-256 (hex) of the tracking code given to the reporter; the code itself is never stored.</summary>
    public string? TrackingHash { get; set; }

    public string? RegisteredByTaxCode { get; set; }

    public int Supporters { get; set; }

    public int ReopenCount { get; set; }

    public string? IncomingProtocol { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset DueAt { get; set; }

    public DateTimeOffset? FirstAnsweredAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public DateTimeOffset? RemindedAt { get; set; }

    public DateTimeOffset? EscalatedAt { get; set; }

    public DateTimeOffset? AnonymisedAt { get; set; }

    public long Version { get; set; }

    public List<ReportPhoto> Photos { get; set; } = [];

    public List<ReportEvent> Events { get; set; } = [];
}

/// <summary>A re-encoded photo (no metadata) in the blob store; the place the camera recorded is kept as data.</summary>
internal sealed class ReportPhoto
{
    public Guid Id { get; set; }

    public Guid ReportId { get; set; }

    public required string Sha256 { get; set; }

    public required string MediaType { get; set; }

    public long Length { get; set; }

    public int Width { get; set; }

    public int Height { get; set; }

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    public bool Approved { get; set; }
}

/// <summary>One step in a report's history. Internal notes are never shown to the citizen.</summary>
internal sealed class ReportEvent
{
    public Guid Id { get; set; }

    public Guid ReportId { get; set; }

    public ReportEventKind Kind { get; set; }

    public required string Text { get; set; }

    public bool IsPublic { get; set; }

    public string? ByTaxCode { get; set; }

    public string? ByName { get; set; }

    public string? Protocol { get; set; }

    public DateTimeOffset At { get; set; }
}

/// <summary>Someone who follows a report and is told of its answers.</summary>
internal sealed class ReportObserver
{
    public Guid ReportId { get; set; }

    public required string TaxCode { get; set; }

    public DateTimeOffset Since { get; set; }
}

/// <summary>A ready text for official answers.</summary>
internal sealed class AnswerTemplate : IEnteScoped
{
    public Guid Id { get; set; }

    public Guid EnteId { get; set; }

    public required string Title { get; set; }

    public required string Text { get; set; }
}

/// <summary>An Open311 integrator's key (stored as SHA-256), valid for the listed bodies or for every body ("*").</summary>
internal sealed class Open311Key
{
    public Guid Id { get; set; }

    public required string KeyHash { get; set; }

    public required string Name { get; set; }

    public required string Bodies { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public bool Covers(string ipa) => RevokedAt is null && (Bodies == "*" || Bodies.Split(',').Contains(ipa, StringComparer.Ordinal));
}

/// <summary>
/// An information card of the desks' knowledge base: what a desk operator (of any body) or a citizen needs to know about a
/// service or procedure. Each save is kept as a <see cref="InfoCardRevision"/>.
/// </summary>
internal sealed class InfoCard : IEnteScoped, IVersioned
{
    public Guid Id { get; set; }

    public Guid EnteId { get; set; }

    public required string Title { get; set; }

    public required string Body { get; set; }

    public string? Audience { get; set; }

    public string? WhereWhenHow { get; set; }

    public string? Documents { get; set; }

    public string? Costs { get; set; }

    public string? Links { get; set; }

    public string? Tags { get; set; }

    public DateOnly? ValidFrom { get; set; }

    public DateOnly? ValidTo { get; set; }

    public DateOnly ReviewBy { get; set; }

    public bool Published { get; set; }

    public int Revision { get; set; }

    /// <summary>Lower-case text of title, tags and body, for the portable search.</summary>
    public required string SearchText { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }

    public long Version { get; set; }
}

/// <summary>A saved version of a card, as JSON, with who saved it.</summary>
internal sealed class InfoCardRevision
{
    public Guid Id { get; set; }

    public Guid CardId { get; set; }

    public int Number { get; set; }

    public required string Snapshot { get; set; }

    public string? By { get; set; }

    public DateTimeOffset At { get; set; }
}

internal enum ExportStatus
{
    Queued = 0,
    Running = 1,
    Completed = 2,
    Failed = 3,
}

/// <summary>
/// An export of the back-office report list (CSV or Excel) with the filters it was asked with; a background worker writes
/// the file to the blob store and counts the rows as it goes, so the page can show the progress.
/// </summary>
internal sealed class ReportExport : IEnteScoped, IVersioned
{
    public Guid Id { get; set; }

    public Guid EnteId { get; set; }

    /// <summary>csv or xlsx.</summary>
    public required string Format { get; set; }

    /// <summary>The list's filters as JSON (<c>ReportFilter</c>).</summary>
    public required string Filters { get; set; }

    public ExportStatus Status { get; set; }

    public int Total { get; set; }

    public int Done { get; set; }

    public string? BlobSha256 { get; set; }

    public long Length { get; set; }

    public string? Error { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>
    /// Written by the node running the export at every batch: a running export whose heartbeat is older than
    /// <c>ExportWorker.StaleAfter</c> lost its node (crash, kill, power cut) and is started again by another worker.
    /// </summary>
    public DateTimeOffset? HeartbeatAt { get; set; }

    public long Version { get; set; }
}

/// <summary>
/// An e-mail taken from a body's intake mailbox folder, by its Message-ID (or the SHA-256 of the file when it has none):
/// written in the same transaction as the report, so a message read again after a crash is recognised and not filed twice.
/// </summary>
internal sealed class MailIntakeMessage : IEnteScoped
{
    public Guid Id { get; set; }

    public Guid EnteId { get; set; }

    public required string MessageId { get; set; }

    public Guid ReportId { get; set; }

    public DateTimeOffset At { get; set; }
}
