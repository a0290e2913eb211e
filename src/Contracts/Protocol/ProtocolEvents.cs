namespace PenToscana.Contracts.Protocol;

/// <summary>Published in the same transaction as a registration.</summary>
public sealed record ProtocolEntryRegistered(
    Guid EntryId, string EnteIpa, string AooCode, int Year, long Number, DateTimeOffset RegisteredAt, ProtocolDirection Direction, string? SourceKey);

/// <summary>A protocol entry was annulled (art. 54 DPR 445/2000).</summary>
public sealed record ProtocolEntryAnnulled(Guid EntryId, string EnteIpa, string AooCode, int Year, long Number, string Reason, DateTimeOffset AnnulledAt);

/// <summary>
/// The daily register of one AOO for one day is ready for preservation: its files are in the blob store with these fingerprints.
/// </summary>
public sealed record DailyRegisterProduced(
    Guid DailyRegisterId, string EnteIpa, string AooCode, DateOnly Day, int EntryCount, long? FirstNumber, long? LastNumber,
    IReadOnlyList<ProtocolDocument> Files);
