namespace PenToscana.Modules.Payments.Simulator;

/// <summary>What the simulated node collected: one row per notice paid through it, used to build reporting flows.</summary>
internal sealed class SimulatedPayment
{
    public Guid Id { get; set; }

    public required string ReceiptId { get; set; }

    public required string BodyTaxCode { get; set; }

    public required string NoticeNumber { get; set; }

    public required string Iuv { get; set; }

    public required string Iur { get; set; }

    public required string PspId { get; set; }

    public required string Channel { get; set; }

    public long AmountCents { get; set; }

    /// <summary>Transfers as "index:beneficiaryCF:cents" separated by semicolons (the node keeps them per receipt).</summary>
    public required string Transfers { get; set; }

    public DateTimeOffset PaidAt { get; set; }

    public string? FlowId { get; set; }
}

/// <summary>
/// A simulated checkout session, kept in the database so that it survives a restart and is found by every node: the request
/// as JSON, and its state — open, being paid (claimed by one request) or done.
/// </summary>
internal sealed class SimulatedCheckoutSession
{
    public required string Id { get; set; }

    public required string RequestJson { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public CheckoutState State { get; set; }

    public DateTimeOffset? ClaimedAt { get; set; }
}

internal enum CheckoutState
{
    Open = 0,
    Paying = 1,
    Done = 2,
}

