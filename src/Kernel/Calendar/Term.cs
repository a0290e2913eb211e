namespace PenToscana.Kernel.Calendar;

/// <summary>
/// A running term, made by <see cref="WorkingDayCalendar.StartTerm"/>. It keeps the day the count
/// reaches (<see cref="NominalEnd"/>) apart from the <see cref="Deadline"/>, moved off holidays, so
/// that a suspension shifts the counted day and not a day already moved.
/// </summary>
public sealed record Term
{
    internal Term(DateOnly start, TermLength length, DateOnly nominalEnd, DateOnly deadline)
    {
        Start = start;
        Length = length;
        NominalEnd = nominalEnd;
        Deadline = deadline;
    }

    /// <summary>The day of the event the term runs from; it is not counted.</summary>
    public DateOnly Start { get; }

    public TermLength Length { get; }

    /// <summary>The last day reached by counting, before moving off non-working days.</summary>
    public DateOnly NominalEnd { get; }

    /// <summary>The last day on which the act can be done: the term ends when this day ends.</summary>
    public DateOnly Deadline { get; }

    /// <summary>Calendar days from <paramref name="today"/> to the deadline: 0 on the last day, negative once expired.</summary>
    public int DaysRemaining(DateOnly today) => WorkingDayCalendar.DaysRemaining(today, Deadline);

    public bool IsExpiredOn(DateOnly today) => today > Deadline;
}
