using Microsoft.EntityFrameworkCore;
using PenToscana.Kernel.Data;

namespace PenToscana.Modules.Invoicing.Data;

/// <summary>
/// A file received by the SdI simulator on its SdIRiceviFile service: the national edge's own record, not a body's
/// (no body filter). Identified by the IdentificativoSdI the simulator assigned.
/// </summary>
internal sealed class SdiSimFile : IVersioned
{
    public Guid Id { get; set; }

    public long IdentificativoSdI { get; set; }

    public required string NomeFile { get; set; }

    public required string FileSha256 { get; set; }

    public string? CodiceDestinatario { get; set; }

    public string? Formato { get; set; }

    public string? Numero { get; set; }

    public int? Anno { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public SdiSimFileState State { get; set; }

    public int DeliveryAttempts { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    public DateTimeOffset? OutcomeAt { get; set; }

    public string? Esito { get; set; }

    public string? LastError { get; set; }

    public long Version { get; set; }
}

internal enum SdiSimFileState
{
    /// <summary>Received, checks and delivery pending.</summary>
    Ricevuto,

    /// <summary>Refused with NS.</summary>
    Scartato,

    /// <summary>Delivered to the recipient (RC sent), outcome awaited.</summary>
    Consegnato,

    /// <summary>Delivery failed (MC sent), retried until the retry period ends.</summary>
    MancataConsegna,

    /// <summary>Retry period over without delivery: AT sent (final for PA recipients).</summary>
    Attestato,

    /// <summary>The recipient's outcome (EC01/EC02) forwarded to the sender as NE.</summary>
    Esitato,

    /// <summary>15 days without outcome: DT sent to both sides.</summary>
    DecorrenzaTermini,
}

/// <summary>One message the simulator exchanged: the invoice file, a notification it issued or one it received.</summary>
internal sealed class SdiSimMessage
{
    public Guid Id { get; set; }

    public long IdentificativoSdI { get; set; }

    /// <summary>FILE, RC, NS, MC, AT, NE, DT, EC (received outcome), SE.</summary>
    public required string Kind { get; set; }

    /// <summary>From or to whom: Trasmittente or Destinatario.</summary>
    public required string Party { get; set; }

    public bool Incoming { get; set; }

    public required string NomeFile { get; set; }

    public required string Sha256 { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>Whether the message reached its party's endpoint (for outgoing notifications).</summary>
    public bool Delivered { get; set; }

    public string? Note { get; set; }

    /// <summary>The SDICoop operation that carries an outgoing notification (ricevutaConsegna, notificaEsito…); null for files and answers.</summary>
    public string? Operation { get; set; }

    /// <summary>Delivery attempts made so far for an outgoing notification.</summary>
    public int Attempts { get; set; }

    /// <summary>When the next delivery attempt is due, on the simulator's clock; null once delivered, given up or without a channel.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>Why the last delivery attempt failed.</summary>
    public string? LastError { get; set; }
}

/// <summary>The simulator clock's persisted offset from real time (one row).</summary>
internal sealed class SdiSimClock
{
    public int Id { get; set; }

    public long OffsetSeconds { get; set; }
}

/// <summary>
/// One step in an invoice's exchange with SdI, for the timeline of a received or an issued invoice: the outcome sent, and
/// every notification received (RC, NS, MC, NE, DT, AT, SE). Append-only.
/// </summary>
internal sealed class InvoiceExchangeEvent : IEnteScoped
{
    public Guid Id { get; set; }

    public Guid EnteId { get; set; }

    /// <summary>The received or issued invoice the event belongs to.</summary>
    public Guid InvoiceId { get; set; }

    public required string Kind { get; set; }

    public required string Label { get; set; }

    public string? Detail { get; set; }

    public string? MessageSha256 { get; set; }

    public string? MessageName { get; set; }

    /// <summary>The MessageId of the SdI notification (or of the outcome sent), so that a notification delivered twice is applied once.</summary>
    public string? MessageId { get; set; }

    public DateTimeOffset At { get; set; }
}

/// <summary>An invoice a body issued (fatturazione attiva) and transmitted to SdI, with its state from SdI's notifications.</summary>
internal sealed class IssuedInvoice : IEnteScoped, IVersioned
{
    public Guid Id { get; set; }

    public Guid EnteId { get; set; }

    public required string EnteIpa { get; set; }

    public required string FileName { get; set; }

    public required string Formato { get; set; }

    public required string CodiceDestinatario { get; set; }

    public string? PecDestinatario { get; set; }

    public required string CustomerName { get; set; }

    public string? CustomerVatId { get; set; }

    public string? CustomerTaxCode { get; set; }

    public required string Numero { get; set; }

    public DateOnly DocumentDate { get; set; }

    public required string Description { get; set; }

    public long TaxableCents { get; set; }

    public long VatCents { get; set; }

    public long TotalCents { get; set; }

    public required string FileSha256 { get; set; }

    public string? IdentificativoSdI { get; set; }

    public IssuedInvoiceStatus Status { get; set; }

    public string? ProtocolNumber { get; set; }

    public Guid? ProtocolEntryId { get; set; }

    public string? CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public string? LastError { get; set; }

    public long Version { get; set; }
}

internal enum IssuedInvoiceStatus
{
    /// <summary>Written, signed and waiting to be taken in charge by SdI.</summary>
    InInvio,

    /// <summary>Taken in charge by SdI (IdentificativoSdI assigned), checks under way.</summary>
    Inviata,

    /// <summary>Refused by SdI (NS): a new invoice must be issued with a new file name.</summary>
    Scartata,

    Consegnata,

    MancataConsegna,

    /// <summary>AT: transmitted, impossible to deliver; the invoice is considered issued.</summary>
    Attestata,

    Accettata,

    Rifiutata,

    DecorrenzaTermini,
}

/// <summary>
/// A file name given to an issued invoice. Rows are never deleted: a progressive once taken is never given again, not
/// even after SdI refuses the file (NS). The unique index makes concurrent allocations safe.
/// </summary>
internal sealed class IssuedFileName
{
    public Guid Id { get; set; }

    public required string IdCodice { get; set; }

    public long Sequence { get; set; }

    public required string FileName { get; set; }

    public DateTimeOffset AllocatedAt { get; set; }
}

/// <summary>The SdI exchange tables: the simulator's own state and the invoices' exchange timelines.</summary>
internal static class SdiExchangeModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<SdiSimFile>(e =>
        {
            e.ToTable("sdisim_file");
            e.HasIndex(x => x.IdentificativoSdI).IsUnique();
            e.HasIndex(x => x.NomeFile);
            e.HasIndex(x => new { x.State, x.ReceivedAt });
            e.Property(x => x.NomeFile).HasMaxLength(60);
            e.Property(x => x.FileSha256).HasMaxLength(64);
            e.Property(x => x.CodiceDestinatario).HasMaxLength(7);
            e.Property(x => x.Formato).HasMaxLength(5);
            e.Property(x => x.Numero).HasMaxLength(20);
            e.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Esito).HasMaxLength(4);
            e.Property(x => x.LastError).HasMaxLength(500);
        });
        modelBuilder.Entity<SdiSimMessage>(e =>
        {
            e.ToTable("sdisim_message");
            e.HasIndex(x => new { x.IdentificativoSdI, x.At });
            e.HasIndex(x => x.At);
            e.Property(x => x.Kind).HasMaxLength(4);
            e.Property(x => x.Party).HasMaxLength(20);
            e.Property(x => x.NomeFile).HasMaxLength(80);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.Note).HasMaxLength(1000);
            e.Property(x => x.Operation).HasMaxLength(40);
            e.Property(x => x.LastError).HasMaxLength(500);
            e.HasIndex(x => x.NextAttemptAt);
        });
        modelBuilder.Entity<SdiSimClock>(e =>
        {
            e.ToTable("sdisim_clock");
            e.Property(x => x.Id).ValueGeneratedNever();
        });
        modelBuilder.Entity<IssuedInvoice>(e =>
        {
            e.ToTable("issued_invoice");
            e.HasIndex(x => x.FileName).IsUnique();
            e.HasIndex(x => new { x.EnteId, x.CreatedAt });
            e.HasIndex(x => x.IdentificativoSdI);
            e.Property(x => x.EnteIpa).HasMaxLength(40);
            e.Property(x => x.FileName).HasMaxLength(60);
            e.Property(x => x.Formato).HasMaxLength(5);
            e.Property(x => x.CodiceDestinatario).HasMaxLength(7);
            e.Property(x => x.PecDestinatario).HasMaxLength(256);
            e.Property(x => x.CustomerName).HasMaxLength(80);
            e.Property(x => x.CustomerVatId).HasMaxLength(30);
            e.Property(x => x.CustomerTaxCode).HasMaxLength(16);
            e.Property(x => x.Numero).HasMaxLength(20);
            e.Property(x => x.Description).HasMaxLength(1000);
            e.Property(x => x.FileSha256).HasMaxLength(64);
            e.Property(x => x.IdentificativoSdI).HasMaxLength(20);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.ProtocolNumber).HasMaxLength(60);
            e.Property(x => x.CreatedBy).HasMaxLength(16);
            e.Property(x => x.LastError).HasMaxLength(1000);
        });
        modelBuilder.Entity<IssuedFileName>(e =>
        {
            e.ToTable("issued_file_name");
            e.HasIndex(x => new { x.IdCodice, x.Sequence }).IsUnique();
            e.HasIndex(x => x.FileName).IsUnique();
            e.Property(x => x.IdCodice).HasMaxLength(28);
            e.Property(x => x.FileName).HasMaxLength(60);
        });
        modelBuilder.Entity<InvoiceExchangeEvent>(e =>
        {
            e.ToTable("exchange_event");
            e.HasIndex(x => new { x.InvoiceId, x.At });
            e.Property(x => x.Kind).HasMaxLength(12);
            e.Property(x => x.Label).HasMaxLength(200);
            e.Property(x => x.Detail).HasMaxLength(4000);
            e.Property(x => x.MessageSha256).HasMaxLength(64);
            e.Property(x => x.MessageName).HasMaxLength(80);
            e.Property(x => x.MessageId).HasMaxLength(50);
            e.HasIndex(x => new { x.InvoiceId, x.MessageId });
        });
    }
}
