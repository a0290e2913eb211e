using Microsoft.EntityFrameworkCore;
using PenToscana.Contracts.Payments;
using PenToscana.Kernel.Calendar;
using PenToscana.Modules.Payments.Data;
using PenToscana.Modules.Payments.Domain;
using PenToscana.Modules.Payments.Features.Bodies;

namespace PenToscana.Modules.Payments.Features.NodePrimitives;

/// <summary>Fault codes of the SANP interface the body answers with.</summary>
internal static class NodeFaults
{
    public const string Unknown = "PAA_PAGAMENTO_SCONOSCIUTO";
    public const string Expired = "PAA_PAGAMENTO_SCADUTO";
    public const string Cancelled = "PAA_PAGAMENTO_ANNULLATO";
    public const string Duplicate = "PAA_PAGAMENTO_DUPLICATO";
    public const string ReceiptDuplicate = "PAA_RECEIPT_DUPLICATA";
    public const string Syntax = "PAA_SINTASSI_XSD";
    public const string Semantics = "PAA_SEMANTICA";
    public const string System = "PAA_SYSTEM_ERROR";
    public const string WrongDomain = "PAA_ID_DOMINIO_ERRATO";
    public const string WrongBroker = "PAA_ID_INTERMEDIARIO_ERRATO";
    public const string WrongStation = "PAA_STAZIONE_INT_ERRATA";

    public static string Describe(string code) => code switch
    {
        Unknown => "Pagamento in attesa risulta sconosciuto all'Ente Creditore.",
        Expired => "Pagamento in attesa risulta scaduto all'Ente Creditore.",
        Cancelled => "Pagamento in attesa risulta annullato all'Ente Creditore.",
        Duplicate => "Pagamento in attesa risulta concluso all'Ente Creditore.",
        ReceiptDuplicate => "La ricevuta è già stata ricevuta dall'Ente Creditore.",
        Syntax => "Errore di sintassi XSD.",
        Semantics => "Errore semantico.",
        WrongDomain => "Identificativo dominio (idPA) sconosciuto.",
        WrongBroker => "Identificativo intermediario errato.",
        WrongStation => "Stazione intermediario errata.",
        _ => "Errore di sistema dell'Ente Creditore.",
    };
}

internal sealed record PayableNotice(Body Body, DebtPosition Position, Instalment Instalment, string? OfficeName);

internal sealed record NodeTransfer(int Index, long AmountCents, string BeneficiaryTaxCode, string? Iban, string RemittanceInformation, string Category);

/// <summary>A receipt as carried by paSendRTV2, already read from the XML.</summary>
internal sealed record IncomingReceipt(
    string ReceiptId, string NoticeNumber, string FiscalCode, string Outcome, string CreditorReferenceId, long AmountCents, string Description,
    string? DebtorTaxCode, string PspId, string PspName, string ChannelDescription, string? PaymentMethod, string? PayerTaxCode, string? PayerName,
    long? FeeCents, string? PaymentNote, DateTimeOffset? PaymentDateTime, bool StandIn, IReadOnlyList<NodeTransfer> Transfers, string Xml);

/// <summary>
/// The body's answers to the node: verify and activate a notice (paVerifyPaymentNotice, paGetPaymentV2) and record the
/// receipt (paSendRTV2). The mapping of position states to fault codes follows pagoPA GPD.
/// </summary>
internal sealed class NodePrimitivesHandler(PaymentsDb db, BodyDirectory bodies, TimeProvider time)
{
    /// <summary>The notice if it can be paid now, else the fault code to answer with.</summary>
    public async Task<(PayableNotice? Notice, string? Fault)> FindPayableAsync(string bodyTaxCode, string noticeNumber, CancellationToken ct)
    {
        var body = await bodies.ByTaxCodeAsync(bodyTaxCode, ct);
        if (body is null)
        {
            return (null, NodeFaults.WrongDomain);
        }

        var instalment = await db.Instalments.AsNoTracking().Include(i => i.Transfers.OrderBy(t => t.Index))
            .SingleOrDefaultAsync(i => i.EnteId == body.Id && i.NoticeNumber == noticeNumber, ct);
        if (instalment is null)
        {
            return (null, NodeFaults.Unknown);
        }

        var position = await db.Positions.AsNoTracking().SingleAsync(p => p.Id == instalment.PositionId, ct);
        string? fault = position.Status switch
        {
            PositionStatus.Draft or PositionStatus.Published => NodeFaults.Unknown,
            PositionStatus.Invalid => NodeFaults.Cancelled,
            PositionStatus.Expired => NodeFaults.Expired,
            PositionStatus.Paid or PositionStatus.Reported => NodeFaults.Duplicate,
            _ => instalment.Status switch
            {
                InstalmentStatus.Paid or InstalmentStatus.Reported or InstalmentStatus.Unavailable => NodeFaults.Duplicate,
                _ => position.SwitchToExpired && instalment.DueDate < time.TodayInItaly() ? NodeFaults.Expired : null,
            },
        };
        if (fault is not null)
        {
            return (null, fault);
        }

        var office = await db.Settings.AsNoTracking().Where(s => s.EnteId == body.Id).Select(s => s.OfficeName).SingleOrDefaultAsync(ct);
        return (new PayableNotice(body, position, instalment, office), null);
    }

    /// <summary>
    /// Records a receipt exactly once. The same receiptId again changes nothing (PAA_RECEIPT_DUPLICATA); a receipt that
    /// cannot close an instalment (unknown IUV, already paid, different amount) is kept as an anomaly so no money is lost.
    /// </summary>
    public async Task<string?> RecordReceiptAsync(IncomingReceipt receipt, CancellationToken ct)
    {
        var body = await bodies.ByTaxCodeAsync(receipt.FiscalCode, ct);
        if (body is null)
        {
            return NodeFaults.WrongDomain;
        }

        for (int attempt = 0; ; attempt++)
        {
            db.ChangeTracker.Clear();
            try
            {
                return await TryRecordAsync(body, receipt, ct);
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                // A concurrent receipt for the same position or with the same id: look again with fresh data.
            }
        }
    }

    private async Task<string?> TryRecordAsync(Body body, IncomingReceipt receipt, CancellationToken ct)
    {
        if (await db.Receipts.AnyAsync(r => r.EnteId == body.Id && r.ReceiptId == receipt.ReceiptId, ct))
        {
            return NodeFaults.ReceiptDuplicate;
        }

        if (receipt.Outcome != "OK")
        {
            return null;
        }

        var now = time.GetUtcNow();
        var instalment = await db.Instalments.SingleOrDefaultAsync(i => i.EnteId == body.Id && i.NoticeNumber == receipt.NoticeNumber, ct);
        DebtPosition? position = null;
        string? anomaly = null;
        string? fault = null;
        if (instalment is null)
        {
            anomaly = "Ricevuta per un avviso sconosciuto: da verificare ed eventualmente rimborsare.";
            fault = NodeFaults.Unknown;
        }
        else
        {
            position = await db.Positions.Include(p => p.Options).ThenInclude(o => o.Instalments).SingleAsync(p => p.Id == instalment.PositionId, ct);
            instalment = position.Instalments.Single(i => i.Id == instalment.Id);
            if (instalment.Status is InstalmentStatus.Paid or InstalmentStatus.Reported || instalment.Status == InstalmentStatus.Unavailable)
            {
                anomaly = "Secondo pagamento di un avviso già pagato: da rimborsare.";
                fault = NodeFaults.Duplicate;
            }
            else if (receipt.AmountCents != instalment.AmountCents)
            {
                anomaly = $"Importo pagato {PaymentCodes.Euro(receipt.AmountCents)} diverso dal dovuto {PaymentCodes.Euro(instalment.AmountCents)}.";
            }
            else if (position.Status == PositionStatus.Invalid)
            {
                anomaly = "Pagamento di una posizione annullata dopo l'attivazione: da rimborsare.";
            }
            else
            {
                // The receipt is the proof of payment: it closes the instalment even if it arrives after the due date or late.
                var paidAt = receipt.PaymentDateTime ?? now;
                position.RecordPayment(instalment, paidAt);
                if (position.Status == PositionStatus.Paid)
                {
                    var total = position.Options.Single(o => o.Id == instalment.OptionId).Instalments.Sum(i => i.AmountCents);
                    db.Publish(new DebtPositionPaid(body.Ipa, position.Iupd, position.SourceKey, total, paidAt), now, body.Id);
                }
            }
        }

        db.Receipts.Add(new Receipt
        {
            Id = Guid.CreateVersion7(now),
            EnteId = body.Id,
            ReceiptId = receipt.ReceiptId,
            NoticeNumber = receipt.NoticeNumber,
            Iuv = receipt.CreditorReferenceId,
            InstalmentId = instalment?.Id,
            PositionId = position?.Id,
            AmountCents = receipt.AmountCents,
            FeeCents = receipt.FeeCents,
            Description = receipt.Description,
            PspId = receipt.PspId,
            PspName = receipt.PspName,
            ChannelDescription = receipt.ChannelDescription,
            PaymentMethod = receipt.PaymentMethod,
            PayerTaxCode = receipt.PayerTaxCode,
            PayerName = receipt.PayerName,
            DebtorTaxCode = receipt.DebtorTaxCode,
            PaymentNote = receipt.PaymentNote,
            PaymentDateTime = receipt.PaymentDateTime ?? now,
            ReceivedAt = now,
            StandIn = receipt.StandIn,
            Anomaly = anomaly,
            Xml = receipt.Xml,
        });
        await db.SaveChangesAsync(ct);
        return fault;
    }
}
