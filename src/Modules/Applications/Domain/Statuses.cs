using PenToscana.Modules.Applications.Data;

namespace PenToscana.Modules.Applications.Domain;

/// <summary>The lifecycle of an application and the moves the back office may make.</summary>
internal static class Statuses
{
    public static string Label(SubmissionStatus status) => status switch
    {
        SubmissionStatus.Submitted => "In protocollazione",
        SubmissionStatus.Registered => "Protocollata",
        SubmissionStatus.TakenInCharge => "Presa in carico",
        SubmissionStatus.UnderReview => "In istruttoria",
        SubmissionStatus.IntegrationRequested => "Integrazione richiesta",
        SubmissionStatus.PreRejectionSent => "Preavviso di rigetto",
        SubmissionStatus.Accepted => "Accolta",
        SubmissionStatus.AcceptedBySilentAssent => "Accolta per silenzio assenso",
        SubmissionStatus.Rejected => "Respinta",
        SubmissionStatus.Closed => "Chiusa",
        SubmissionStatus.Withdrawn => "Ritirata",
        SubmissionStatus.AwaitingPayment => "In attesa di pagamento",
        _ => status.ToString(),
    };

    public static string Badge(SubmissionStatus status) => status switch
    {
        SubmissionStatus.Accepted or SubmissionStatus.AcceptedBySilentAssent => "bg-success",
        SubmissionStatus.Rejected => "bg-danger",
        SubmissionStatus.IntegrationRequested or SubmissionStatus.PreRejectionSent or SubmissionStatus.AwaitingPayment => "bg-warning text-dark",
        SubmissionStatus.Closed or SubmissionStatus.Withdrawn => "bg-secondary",
        _ => "bg-primary",
    };

    public static bool IsDecided(SubmissionStatus status)
        => status is SubmissionStatus.Accepted or SubmissionStatus.AcceptedBySilentAssent or SubmissionStatus.Rejected or SubmissionStatus.Closed;

    /// <summary>Status changes an operator (or a back-office system) may post, from each status.</summary>
    public static bool CanMove(SubmissionStatus from, SubmissionStatus to) => (from, to) switch
    {
        (SubmissionStatus.Registered, SubmissionStatus.TakenInCharge) => true,
        (SubmissionStatus.TakenInCharge or SubmissionStatus.Registered, SubmissionStatus.UnderReview) => true,
        (SubmissionStatus.TakenInCharge or SubmissionStatus.UnderReview, SubmissionStatus.IntegrationRequested) => true,
        (SubmissionStatus.TakenInCharge or SubmissionStatus.UnderReview, SubmissionStatus.PreRejectionSent) => true,
        (SubmissionStatus.TakenInCharge or SubmissionStatus.UnderReview or SubmissionStatus.PreRejectionSent, SubmissionStatus.Accepted) => true,
        (SubmissionStatus.TakenInCharge or SubmissionStatus.UnderReview or SubmissionStatus.PreRejectionSent, SubmissionStatus.Rejected) => true,
        (SubmissionStatus.Accepted or SubmissionStatus.AcceptedBySilentAssent or SubmissionStatus.Rejected, SubmissionStatus.Closed) => true,
        _ => false,
    };
}
