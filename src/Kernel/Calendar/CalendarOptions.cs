namespace PenToscana.Kernel.Calendar;

/// <summary>What makes one body's working-day calendar differ from the national one.</summary>
public sealed record CalendarOptions
{
    /// <summary>National holidays and Sundays only; Saturday is not a working day.</summary>
    public static CalendarOptions National { get; } = new();

    /// <summary>The patron saint's feast of the municipality where the body sits, a local holiday.</summary>
    public MonthDay? PatronDay { get; init; }

    /// <summary>
    /// False by default: public offices work a five-day week, so Saturday is skipped when counting
    /// working days, and a deadline falling on it moves to the next working day, as c.p.c. art. 155
    /// c. 5 (added by L. 263/2005) and c.p.a. art. 52 c. 5 do for terms expiring on Saturday.
    /// c.c. art. 2963 alone extends only holidays: set true for a calendar that must follow it strictly.
    /// </summary>
    public bool SaturdayIsWorkingDay { get; init; }
}
