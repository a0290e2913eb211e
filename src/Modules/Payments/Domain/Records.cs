using PenToscana.Kernel.Data;
using PenToscana.Kernel.Tenancy;

namespace PenToscana.Modules.Payments.Domain;

/// <summary>A body's pagoPA settings: how its notice numbers are made and where its money goes.</summary>
internal sealed class BodyPaymentSettings : IEnteScoped, IVersioned
{
    public Guid Id { get; set; }

    public Guid EnteId { get; set; }

    /// <summary>3 (segregation code, the current rule) or 0 (application code, being phased out).</summary>
    public char AuxDigit { get; set; } = NoticeNumber.AuxSegregated;

    /// <summary>Segregation code (aux 3) or application code (aux 0), two digits.</summary>
    public required string Code { get; set; }

    /// <summary>The last IUV base handed out; the next one is this plus one. Never goes back (IUVs are unique forever).</summary>
    public long LastSequence { get; set; }

    public required string Iban { get; set; }

    /// <summary>Conto corrente postale (12 digits): when set, notices carry the Poste slip with its Data Matrix.</summary>
    public string? PostalAccount { get; set; }

    /// <summary>CBILL code of the body, printed on the notice when present.</summary>
    public string? Cbill { get; set; }

    public string? OfficeName { get; set; }

    public long Version { get; set; }
}

/// <summary>A service a body collects money for (TARI, multe, mensa…), with its taxonomy code and tariff when fixed.</summary>
internal sealed class PaymentService : IEnteScoped
{
    public Guid Id { get; set; }

    public Guid EnteId { get; set; }

    public required string Code { get; set; }

    public required string Name { get; set; }

    public required string Category { get; set; }

    /// <summary>Whether the citizen can start a payment for it themselves (pagamento spontaneo).</summary>
    public bool Spontaneous { get; set; }

    /// <summary>The tariff when it is fixed (licenza di pesca); null when it depends on the case.</summary>
    public long? FixedAmountCents { get; set; }
}

/// <summary>
/// A payment receipt (ricevuta telematica) as the node delivered it with paSendRTV2. Append-only: a receipt
/// sent again is recognised by its receiptId and changes nothing.
/// </summary>
internal sealed class Receipt : IEnteScoped
{
    public Guid Id { get; set; }

    public Guid EnteId { get; set; }

    public required string ReceiptId { get; set; }

    public required string NoticeNumber { get; set; }

    public required string Iuv { get; set; }

    public Guid? InstalmentId { get; set; }

    public Guid? PositionId { get; set; }

    public long AmountCents { get; set; }

    public long? FeeCents { get; set; }

    public required string Description { get; set; }

    public required string PspId { get; set; }

    public required string PspName { get; set; }

    public required string ChannelDescription { get; set; }

    public string? PaymentMethod { get; set; }

    public string? PayerTaxCode { get; set; }

    public string? PayerName { get; set; }

    public string? DebtorTaxCode { get; set; }

    public string? PaymentNote { get; set; }

    public DateTimeOffset PaymentDateTime { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public bool StandIn { get; set; }

    /// <summary>Set when the receipt did not match a payable instalment (unknown IUV, already paid, different amount).</summary>
    public string? Anomaly { get; set; }

    public required string Xml { get; set; }
}

/// <summary>A citizen's cart: notices of any body paid in one checkout, split into node carts of at most five.</summary>
internal sealed class Cart
{
    public Guid Id { get; set; }

    public required string OwnerTaxCode { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public string? Outcome { get; set; }

    public List<CartItem> Items { get; set; } = [];
}

internal sealed class CartItem
{
    public Guid Id { get; set; }

    public Guid CartId { get; set; }

    public Guid EnteId { get; set; }

    public required string BodyTaxCode { get; set; }

    public required string NoticeNumber { get; set; }

    public long AmountCents { get; set; }

    public required string Description { get; set; }

    public required string BodyName { get; set; }

    /// <summary>Which node cart (0, 1, …) the notice travels in.</summary>
    public int NodeCart { get; set; }
}

/// <summary>A demo vehicle register used by the spontaneous car-tax payment (bollo auto by plate).</summary>
internal sealed class DemoVehicle
{
    public required string Plate { get; set; }

    public required string OwnerTaxCode { get; set; }

    public required string Model { get; set; }

    public int KiloWatts { get; set; }

    public long AnnualTaxCents { get; set; }
}

/// <summary>A reporting flow (flusso di rendicontazione) received for a body.</summary>
internal sealed class ReportingFlow : IEnteScoped
{
    public Guid Id { get; set; }

    public Guid EnteId { get; set; }

    public required string FlowId { get; set; }

    public required string PspId { get; set; }

    public DateOnly SettlementDate { get; set; }

    public required string SettlementReference { get; set; }

    public int DeclaredCount { get; set; }

    public long DeclaredTotalCents { get; set; }

    public DateTimeOffset ImportedAt { get; set; }

    public List<ReportedPayment> Payments { get; set; } = [];
}

internal enum ReportMatch
{
    Matched,
    UnknownPayment,
    AmountMismatch,
}

internal sealed class ReportedPayment
{
    public Guid Id { get; set; }

    public Guid FlowId { get; set; }

    public required string Iuv { get; set; }

    public required string Iur { get; set; }

    public int TransferIndex { get; set; }

    public long AmountCents { get; set; }

    public required string OutcomeCode { get; set; }

    public DateOnly OutcomeDate { get; set; }

    public ReportMatch Match { get; set; }
}

internal enum ImportStatus
{
    Queued,
    Running,
    Completed,
    Failed,
}

/// <summary>A bulk import of positions from a CSV or JSON file: rows are committed in batches, bad rows are reported.</summary>
internal sealed class ImportJob : IEnteScoped, IVersioned
{
    public Guid Id { get; set; }

    public Guid EnteId { get; set; }

    public required string FileName { get; set; }

    public required string Format { get; set; }

    public required string BlobSha256 { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public ImportStatus Status { get; set; }

    public long RowsRead { get; set; }

    public long RowsImported { get; set; }

    public long RowsRejected { get; set; }

    public long? TotalBytes { get; set; }

    public long BytesRead { get; set; }

    public string? Failure { get; set; }

    public long Version { get; set; }
}

internal sealed class ImportRowError
{
    public Guid Id { get; set; }

    public Guid JobId { get; set; }

    public long Row { get; set; }

    public required string Message { get; set; }
}
