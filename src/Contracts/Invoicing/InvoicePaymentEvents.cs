namespace PenToscana.Contracts.Invoicing;

/// <summary>
/// Published (through the outbox, in the same transaction) when a payment of a received invoice is recorded.
/// <see cref="FullyPaid"/> is true when the payments so far cover the invoice's total.
/// </summary>
public sealed record ReceivedInvoicePaid(
    string EnteIpa, Guid InvoiceId, string IdentificativoSdI, string? InvoiceNumber, string SupplierName, string? SupplierVatId,
    long AmountCents, long PaidCents, long TotalCents, DateOnly PaidOn, string? MandateReference, bool FullyPaid);
