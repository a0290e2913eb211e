using PenToscana.Kernel.Calendar;
using PenToscana.Kernel.Values;
using PenToscana.Modules.Applications.Data;

namespace PenToscana.Modules.Applications.Domain;

/// <summary>
/// The term of an application on the body's working-day calendar (L. 241/1990 art. 2): calendar days from the protocol date
/// (art. 18-bis), the start day not counted, a last day that is not a working day moved to the next one. Suspensions add the
/// days they lasted (the term resumes where it stopped); an interruption restarts it in full.
/// </summary>
internal static class Deadlines
{
    /// <summary>L. 241/1990 art. 2 c. 7: one suspension to acquire information, at most 30 days.</summary>
    public const int MaxIntegrationSuspensionDays = 30;

    /// <summary>L. 241/1990 art. 10-bis: ten days for written observations.</summary>
    public const int PreRejectionDays = 10;

    /// <summary>D.l. 69/2013 art. 28: €30 for each day of delay, at most €2,000.</summary>
    public static readonly Money IndemnityPerDay = Money.FromEuros(30);

    public static readonly Money IndemnityCap = Money.FromEuros(2000);

    public static void Start(Submission s, WorkingDayCalendar calendar, DateOnly protocolDate)
    {
        var term = calendar.StartTerm(protocolDate, TermLength.Days(s.TermDays));
        s.TermStart = term.Start;
        s.TermNominalEnd = term.NominalEnd;
        s.TermDeadline = term.Deadline;
        s.SuspendedFor = null;
        s.SuspendedOn = null;
    }

    public static Result Suspend(Submission s, SuspensionKind kind, DateOnly on)
    {
        if (s.TermDeadline is null)
        {
            return new Error("term.not-started", "Il termine non è ancora iniziato: la domanda non ha ancora un numero di protocollo.");
        }

        if (s.SuspendedFor is not null)
        {
            return new Error("term.already-suspended", "Il termine è già sospeso.");
        }

        if (kind == SuspensionKind.Integration && s.IntegrationSuspensionUsed)
        {
            return new Error("term.integration-used", "La sospensione per integrazione documentale è ammessa una sola volta (L. 241/1990 art. 2 c. 7).");
        }

        s.SuspendedFor = kind;
        s.SuspendedOn = on;
        s.IntegrationSuspensionUsed |= kind == SuspensionKind.Integration;
        return Result.Success();
    }

    /// <summary>
    /// The day the term runs again after a suspension that ends on <paramref name="answeredOn"/> (the applicant's answer), or
    /// null while it has not ended and may still do so.
    /// Integration: the answer's day, but never later than 30 days after the suspension.
    /// Pre-rejection (art. 10-bis as amended by d.l. 76/2020): ten days after the observations, or when the ten-day window
    /// lapses without them.
    /// </summary>
    public static DateOnly ResumeDay(SuspensionKind kind, DateOnly suspendedOn, DateOnly? answeredOn)
        => kind switch
        {
            SuspensionKind.Integration => answeredOn is { } a && a < suspendedOn.AddDays(MaxIntegrationSuspensionDays) ? a : suspendedOn.AddDays(MaxIntegrationSuspensionDays),
            _ => answeredOn is { } o && o <= suspendedOn.AddDays(PreRejectionDays) ? o.AddDays(PreRejectionDays) : suspendedOn.AddDays(PreRejectionDays),
        };

    /// <summary>
    /// Ends the suspension on the applicant's answer (or, with <paramref name="answeredOn"/> null, because its window lapsed): the
    /// days it lasted are added to the term, which resumes with the days it had left.
    /// </summary>
    public static Result Resume(Submission s, WorkingDayCalendar calendar, DateOnly? answeredOn)
    {
        if (s.SuspendedFor is not { } kind || s.SuspendedOn is not { } suspendedOn)
        {
            return new Error("term.not-suspended", "Il termine non è sospeso.");
        }

        var resumedOn = ResumeDay(kind, suspendedOn, answeredOn);
        var nominal = s.TermNominalEnd!.Value.AddDays(Math.Max(0, resumedOn.DayNumber - suspendedOn.DayNumber));
        s.TermNominalEnd = nominal;
        s.TermDeadline = calendar.WorkingDayOnOrAfter(nominal);
        s.SuspendedFor = null;
        s.SuspendedOn = null;
        return Result.Success();
    }

    /// <summary>The last day of the suspension window: after it, the term runs again even without an answer.</summary>
    public static DateOnly LapsedOn(SuspensionKind kind, DateOnly suspendedOn)
        => suspendedOn.AddDays(kind == SuspensionKind.Integration ? MaxIntegrationSuspensionDays : PreRejectionDays);

    /// <summary>Restarts the term in full from <paramref name="restartsFrom"/> (e.g. DPR 380/2001 art. 20 c. 5).</summary>
    public static void Interrupt(Submission s, WorkingDayCalendar calendar, DateOnly restartsFrom) => Start(s, calendar, restartsFrom);

    public static bool IsOpen(SubmissionStatus status)
        => status is SubmissionStatus.Registered or SubmissionStatus.TakenInCharge or SubmissionStatus.UnderReview
            or SubmissionStatus.IntegrationRequested or SubmissionStatus.PreRejectionSent;

    /// <summary>Days to the deadline (0 on the last day, negative when late); null while suspended or before registration.</summary>
    public static int? DaysLeft(Submission s, DateOnly today)
        => s.TermDeadline is { } deadline && s.SuspendedFor is null ? WorkingDayCalendar.DaysRemaining(today, deadline) : null;

    /// <summary>An open application whose term has run out without a decision.</summary>
    public static bool IsOverdue(Submission s, DateOnly today)
        => IsOpen(s.Status) && s.SuspendedFor is null && s.TermDeadline is { } deadline && today > deadline;

    /// <summary>
    /// The delay indemnity (d.l. 69/2013 art. 28): €30 per day after the deadline up to the decision (or today), at most €2,000;
    /// not owed for silent-assent procedures, where silence is itself the answer.
    /// </summary>
    public static Money Indemnity(Submission s, DateOnly today)
    {
        if (s.SilentAssent || s.TermDeadline is not { } deadline)
        {
            return Money.Zero;
        }

        var end = s.DecidedAt is { } decided ? decided.ItalianDate() : today;
        var late = end.DayNumber - deadline.DayNumber;
        if (late <= 0)
        {
            return Money.Zero;
        }

        var owed = IndemnityPerDay * late;
        return owed > IndemnityCap ? IndemnityCap : owed;
    }
}
