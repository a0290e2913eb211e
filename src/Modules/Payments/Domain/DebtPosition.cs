using PenToscana.Kernel.Data;
using PenToscana.Kernel.Tenancy;

namespace PenToscana.Modules.Payments.Domain;

/// <summary>GPD position statuses: DRAFT → PUBLISHED → VALID → PARTIALLY_PAID → PAID → REPORTED, plus INVALID and EXPIRED.</summary>
internal enum PositionStatus
{
    Draft,
    Published,
    Valid,
    PartiallyPaid,
    Paid,
    Reported,
    Invalid,
    Expired,
}

internal enum InstalmentStatus
{
    Unpaid,
    Paid,
    Reported,

    /// <summary>Another option of the same position was paid: this one can no longer be paid.</summary>
    Unavailable,
}

internal enum DebtorKind
{
    /// <summary>Persona fisica (F).</summary>
    Person,

    /// <summary>Persona giuridica (G).</summary>
    Company,
}

/// <summary>
/// A debt position (posizione debitoria) of a body towards one debtor, keyed by the body's IUPD. It holds one or more
/// alternative payment options; each option is a single payment or an instalment plan.
/// </summary>
internal sealed class DebtPosition : IEnteScoped, IVersioned
{
    public Guid Id { get; set; }

    public Guid EnteId { get; set; }

    public required string Iupd { get; set; }

    public DebtorKind DebtorKind { get; set; }

    public required string DebtorTaxCode { get; set; }

    public required string DebtorName { get; set; }

    public string? DebtorEmail { get; set; }

    public required string ServiceCode { get; set; }

    public required string Description { get; set; }

    public PositionStatus Status { get; set; }

    /// <summary>The caller's idempotency key (another module's record, an import row).</summary>
    public string? SourceKey { get; set; }

    public Guid? ImportJobId { get; set; }

    /// <summary>From this date the position can be paid (PUBLISHED until then).</summary>
    public DateOnly? ValidityDate { get; set; }

    /// <summary>Whether the position turns EXPIRED when its last due date has passed.</summary>
    public bool SwitchToExpired { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    public DateTimeOffset? PaidAt { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }

    public long Version { get; set; }

    public List<PaymentOption> Options { get; set; } = [];

    public List<DelegatedPayer> DelegatedPayers { get; set; } = [];

    public bool IsPayable => Status is PositionStatus.Valid or PositionStatus.PartiallyPaid;

    public IEnumerable<Instalment> Instalments => Options.SelectMany(o => o.Instalments);

    public long TotalCents => Options.Count == 0 ? 0 : Options[0].Instalments.Sum(i => i.AmountCents);

    /// <summary>Publishes a draft: VALID now, or PUBLISHED until its validity date.</summary>
    public void Publish(DateTimeOffset now, DateOnly today)
    {
        if (Status != PositionStatus.Draft)
        {
            return;
        }

        PublishedAt = now;
        Status = ValidityDate is { } from && from > today ? PositionStatus.Published : PositionStatus.Valid;
    }

    /// <summary>Cancels the position (INVALID) unless money has already been taken for it.</summary>
    public bool TryCancel(DateTimeOffset now)
    {
        if (Status is PositionStatus.PartiallyPaid or PositionStatus.Paid or PositionStatus.Reported or PositionStatus.Invalid)
        {
            return false;
        }

        Status = PositionStatus.Invalid;
        CancelledAt = now;
        return true;
    }

    /// <summary>
    /// Records the payment of one instalment: the other options become unavailable, the position PARTIALLY_PAID
    /// or PAID once every instalment of the chosen option is paid.
    /// </summary>
    public void RecordPayment(Instalment paid, DateTimeOffset at)
    {
        paid.Status = InstalmentStatus.Paid;
        paid.PaidAt = at;
        var chosen = Options.Single(o => o.Id == paid.OptionId);
        foreach (var other in Options.Where(o => o.Id != chosen.Id).SelectMany(o => o.Instalments).Where(i => i.Status == InstalmentStatus.Unpaid))
        {
            other.Status = InstalmentStatus.Unavailable;
        }

        if (chosen.Instalments.All(i => i.Status is InstalmentStatus.Paid or InstalmentStatus.Reported))
        {
            Status = PositionStatus.Paid;
            PaidAt = at;
        }
        else
        {
            Status = PositionStatus.PartiallyPaid;
        }
    }

    /// <summary>After a reporting flow: REPORTED when every transfer of every paid instalment has been reported.</summary>
    public void RefreshReported()
    {
        var paid = Instalments.Where(i => i.Status is InstalmentStatus.Paid or InstalmentStatus.Reported).ToList();
        foreach (var instalment in paid.Where(i => i.Transfers.All(t => t.ReportedAt is not null)))
        {
            instalment.Status = InstalmentStatus.Reported;
        }

        if (Status == PositionStatus.Paid && paid.All(i => i.Status == InstalmentStatus.Reported))
        {
            Status = PositionStatus.Reported;
        }
    }

    public static string StatusCode(PositionStatus status) => status switch
    {
        PositionStatus.Draft => "DRAFT",
        PositionStatus.Published => "PUBLISHED",
        PositionStatus.Valid => "VALID",
        PositionStatus.PartiallyPaid => "PARTIALLY_PAID",
        PositionStatus.Paid => "PAID",
        PositionStatus.Reported => "REPORTED",
        PositionStatus.Invalid => "INVALID",
        PositionStatus.Expired => "EXPIRED",
        _ => status.ToString(),
    };

    public static string StatusLabel(PositionStatus status) => status switch
    {
        PositionStatus.Draft => "Bozza",
        PositionStatus.Published => "Pubblicata (non ancora pagabile)",
        PositionStatus.Valid => "Da pagare",
        PositionStatus.PartiallyPaid => "Pagata in parte",
        PositionStatus.Paid => "Pagata",
        PositionStatus.Reported => "Pagata e rendicontata",
        PositionStatus.Invalid => "Annullata",
        PositionStatus.Expired => "Scaduta",
        _ => status.ToString(),
    };
}

/// <summary>A person who may see and pay the position besides the debtor (pagatore delegato).</summary>
internal sealed class DelegatedPayer
{
    public Guid Id { get; set; }

    public Guid PositionId { get; set; }

    public required string TaxCode { get; set; }
}

/// <summary>One alternative way to pay the position: a single payment, or a plan of instalments.</summary>
internal sealed class PaymentOption
{
    public Guid Id { get; set; }

    public Guid PositionId { get; set; }

    public int Ordinal { get; set; }

    public required string Description { get; set; }

    public bool IsInstalmentPlan { get; set; }

    public List<Instalment> Instalments { get; set; } = [];
}

/// <summary>One payable amount with its own IUV and notice number (a single payment is a plan of one instalment).</summary>
internal sealed class Instalment : IEnteScoped
{
    public Guid Id { get; set; }

    public Guid EnteId { get; set; }

    public Guid PositionId { get; set; }

    public Guid OptionId { get; set; }

    public int Ordinal { get; set; }

    public required string Iuv { get; set; }

    public required string NoticeNumber { get; set; }

    public long AmountCents { get; set; }

    public DateOnly DueDate { get; set; }

    public required string Description { get; set; }

    public InstalmentStatus Status { get; set; }

    public DateTimeOffset? PaidAt { get; set; }

    public List<Transfer> Transfers { get; set; } = [];
}

/// <summary>The share of an instalment for one beneficiary account (up to five; their sum is the instalment amount).</summary>
internal sealed class Transfer
{
    public Guid Id { get; set; }

    public Guid InstalmentId { get; set; }

    /// <summary>idTransfer, 1 to 5.</summary>
    public int Index { get; set; }

    public long AmountCents { get; set; }

    /// <summary>Codice fiscale of the beneficiary body (11 digits).</summary>
    public required string BeneficiaryTaxCode { get; set; }

    public string? Iban { get; set; }

    /// <summary>A postal account (conto corrente postale, 12 digits) or a postal IBAN.</summary>
    public string? PostalAccount { get; set; }

    public required string RemittanceInformation { get; set; }

    /// <summary>Taxonomy code (dati specifici di incasso) without the 9/ ... / wrapping, e.g. 0101101IM.</summary>
    public required string Category { get; set; }

    public DateTimeOffset? ReportedAt { get; set; }
}
