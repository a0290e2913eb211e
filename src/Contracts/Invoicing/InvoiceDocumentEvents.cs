namespace PenToscana.Contracts.Invoicing;

/// <summary>
/// An e-invoicing document a body has to keep is stored in the blob store and is handed to preservation (conservazione a norma,
/// DM 17 giugno 2014): an invoice file received or issued (<see cref="InvoiceDocumentTypes.Invoice"/>), the metadata file SdI
/// delivers with a received one, a notification SdI sent about a file, or the outcome the body sent. Published through the
/// outbox in the same transaction that records the document, once per document; the Preservation module builds its
/// submission packages (pacchetti di versamento) from it. <see cref="Invoices"/> lists the invoices the file holds or concerns
/// (a lot holds several), with the metadata preservation indexes them by.
/// </summary>
public sealed record InvoiceDocumentStored(
    string EnteIpa,
    string Flow,
    string DocumentType,
    InvoiceFile File,
    string? IdentificativoSdI,
    string? ProtocolNumber,
    DateTimeOffset StoredAt,
    IReadOnlyList<InvoiceReference> Invoices);

/// <summary>A file in the blob store, found by its SHA-256.</summary>
public sealed record InvoiceFile(string FileName, string MediaType, string Sha256, long Length);

/// <summary>
/// One invoice a document holds or concerns: its number and date, the other party (the supplier of a received invoice, the
/// customer of an issued one) with its VAT number or tax code, and its total in euro cents.
/// </summary>
public sealed record InvoiceReference(Guid InvoiceId, string? Number, DateOnly? Date, string CounterpartyName, string? CounterpartyTaxId, long TotalCents);

/// <summary>Values of <see cref="InvoiceDocumentStored.Flow"/>.</summary>
public static class InvoiceFlows
{
    /// <summary>Fatturazione passiva: invoices the body received.</summary>
    public const string Received = "passiva";

    /// <summary>Fatturazione attiva: invoices the body issued.</summary>
    public const string Issued = "attiva";
}

/// <summary>
/// Values of <see cref="InvoiceDocumentStored.DocumentType"/>: the invoice itself, or the SdI message type as the SdI
/// specifications name it (RC ricevuta di consegna, NS scarto, MC mancata consegna, NE esito, DT decorrenza termini, AT
/// attestazione di avvenuta trasmissione, EC esito committente, SE scarto esito, MT metadati).
/// </summary>
public static class InvoiceDocumentTypes
{
    public const string Invoice = "FATTURA";

    public const string Metadata = "MT";

    public const string DeliveryReceipt = "RC";

    public const string Rejection = "NS";

    public const string FailedDelivery = "MC";

    public const string Outcome = "NE";

    public const string TermsElapsed = "DT";

    public const string TransmissionCertificate = "AT";

    public const string RecipientOutcome = "EC";

    public const string OutcomeRejection = "SE";
}
