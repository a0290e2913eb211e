namespace PenToscana.Kernel.Calendar;

/// <summary>A day of the year without the year, such as a patron saint's feast (24 June in Florence).</summary>
public sealed record MonthDay
{
    public MonthDay(int month, int day)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        ArgumentOutOfRangeException.ThrowIfLessThan(day, 1);

        // 29 February is refused: a feast on it would exist one year in four.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(day, DateTime.DaysInMonth(2001, month));
        Month = month;
        Day = day;
    }

    public int Month { get; }

    public int Day { get; }

    public DateOnly In(int year) => new(year, Month, Day);

    public override string ToString() => $"{Day:00}/{Month:00}";
}
