namespace PenToscana.Contracts.Protocol;

/// <summary>
/// The protocol register as other modules see it: registering a document gives it a number in the body's register (DPR 445/2000
/// art. 53), in the same way the operator pages and the public API do.
/// </summary>
public interface IProtocolApi
{
    /// <summary>
    /// Registers a document whose files are already in the blob store. Idempotent on <see cref="ProtocolRequest.SourceKey"/>:
    /// calling again with the same key returns the first registration instead of consuming a new number, so a caller may retry
    /// after a crash or a timeout without creating a duplicate.
    /// </summary>
    Task<ProtocolOutcome> RegisterAsync(ProtocolRequest request, CancellationToken cancellationToken = default);

    /// <summary>A registered entry of the body, or null when there is none with that year and number.</summary>
    Task<ProtocolEntryInfo?> FindAsync(string enteIpa, int year, long number, CancellationToken cancellationToken = default);

    /// <summary>A registered entry by its id, in any body, or null.</summary>
    Task<ProtocolEntryInfo?> FindByIdAsync(Guid entryId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The outgoing entries of every body addressed to the person or company with this tax code (a recipient of the entry),
    /// newest first, annulled ones excluded: what the personal area shows as "communications received".
    /// </summary>
    Task<IReadOnlyList<ProtocolEntryInfo>> ListOutgoingToAsync(string correspondentTaxCode, int take, CancellationToken cancellationToken = default);
}

public enum ProtocolDirection
{
    Incoming,
    Outgoing,
    Internal,
}

/// <summary>How the document reached the body or leaves it.</summary>
public static class ProtocolChannels
{
    public const string Web = "web";
    public const string Pec = "pec";
    public const string Email = "email";
    public const string Paper = "paper";
    public const string Api = "api";
    public const string Desk = "desk";
    public const string Phone = "phone";
    public const string Sdi = "sdi";
}

/// <summary>
/// A document to register. <see cref="EnteIpa"/> names the body; <see cref="AooCode"/> defaults to the body's main AOO.
/// <see cref="SourceKey"/> is the caller's own stable identity for this registration (for example "applications:{id}:submission").
/// </summary>
public sealed record ProtocolRequest(
    string EnteIpa,
    ProtocolDirection Direction,
    string Subject,
    IReadOnlyList<ProtocolCorrespondent> Correspondents,
    ProtocolDocument Document,
    string Channel,
    string SourceKey)
{
    public string? AooCode { get; init; }

    public IReadOnlyList<ProtocolDocument> Attachments { get; init; } = [];

    /// <summary>The sender's own protocol number and date, when the document carries one.</summary>
    public string? SenderReference { get; init; }

    /// <summary>Code of a node of the body's classification scheme (titolario), e.g. "6.3".</summary>
    public string? Classification { get; init; }

    /// <summary>Offices (by code) the entry is assigned to.</summary>
    public IReadOnlyList<string> OfficeCodes { get; init; } = [];

    public string? DossierReference { get; init; }

    /// <summary>Tax code of the person who performed the registration, when a person did; null for automatic registrations.</summary>
    public string? RegisteredByTaxCode { get; init; }
}

/// <summary>A person, company or body sending or receiving the document.</summary>
public sealed record ProtocolCorrespondent(string Name)
{
    /// <summary>Codice fiscale of a person, or codice fiscale / partita IVA of a company or body.</summary>
    public string? TaxCode { get; init; }

    /// <summary>IPA code, for a public body.</summary>
    public string? IpaCode { get; init; }

    /// <summary>E-mail or PEC address.</summary>
    public string? DigitalAddress { get; init; }

    public string? PostalAddress { get; init; }
}

/// <summary>A file already stored in the blob store (<see cref="Sha256"/> is its address) with the name it had.</summary>
public sealed record ProtocolDocument(string FileName, string MediaType, string Sha256, long Length);

/// <summary>Either a registration or the reason there is none; a failure never consumes a number.</summary>
public sealed record ProtocolOutcome(ProtocolRegistration? Registration, string? ErrorCode, string? ErrorMessage)
{
    public bool Succeeded => Registration is not null;

    public static ProtocolOutcome Success(ProtocolRegistration registration) => new(registration, null, null);

    public static ProtocolOutcome Failure(string code, string message) => new(null, code, message);
}

/// <summary>The number given to a document: <c>Formatted</c> is how people read it, e.g. "c_d612 AOO1 2026/0000123".</summary>
public sealed record ProtocolRegistration(Guid EntryId, string EnteIpa, string AooCode, int Year, long Number, DateTimeOffset RegisteredAt)
{
    /// <summary>The number as printed: at least seven digits.</summary>
    public string NumberText => Number.ToString("0000000", System.Globalization.CultureInfo.InvariantCulture);

    public string Formatted => $"{AooCode} {Year}/{NumberText}";
}

/// <summary>A registered entry as other modules may read it.</summary>
public sealed record ProtocolEntryInfo(
    ProtocolRegistration Registration,
    ProtocolDirection Direction,
    string Subject,
    IReadOnlyList<ProtocolCorrespondent> Correspondents,
    ProtocolDocument Document,
    IReadOnlyList<ProtocolDocument> Attachments,
    bool Annulled);
