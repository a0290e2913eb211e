namespace PenToscana.Contracts.Payments;

/// <summary>Debt positions as other modules create and read them (for example a fee due with an application).</summary>
public interface IPaymentsApi
{
    /// <summary>
    /// Creates and publishes a single-payment position for the body. Idempotent on <see cref="DebtPositionRequest.SourceKey"/>:
    /// a second call with the same key returns the position created first.
    /// </summary>
    Task<DebtPositionOutcome> CreatePositionAsync(DebtPositionRequest request, CancellationToken cancellationToken = default);

    /// <summary>The position with this IUPD in the body, or null.</summary>
    Task<DebtPositionInfo?> FindPositionAsync(string enteIpa, string iupd, CancellationToken cancellationToken = default);
}

public sealed record DebtPositionRequest(
    string EnteIpa,
    string DebtorTaxCode,
    string DebtorName,
    string Description,
    long AmountCents,
    DateOnly DueDate,
    string SourceKey)
{
    /// <summary>The body's service (taxonomy) code; defaults to the body's generic service.</summary>
    public string? ServiceCode { get; init; }
}

public sealed record DebtPositionOutcome(DebtPositionInfo? Position, string? ErrorCode, string? ErrorMessage)
{
    public bool Succeeded => Position is not null;
}

public sealed record DebtPositionInfo(string EnteIpa, string Iupd, string Status, IReadOnlyList<NoticeInfo> Notices);

public sealed record NoticeInfo(string NoticeNumber, string Iuv, long AmountCents, DateOnly DueDate, bool Paid);

/// <summary>Published when a position (all of its chosen option) is paid, whatever the channel.</summary>
public sealed record DebtPositionPaid(string EnteIpa, string Iupd, string? SourceKey, long AmountCents, DateTimeOffset PaidAt);
