using System.Collections.Concurrent;

namespace PenToscana.Kernel.Calendar;

/// <summary>
/// The Italian working-day calendar of one body, and the civil computation of terms on it
/// (c.c. art. 2963, c.p.c. art. 155, applied to administrative terms of L. 241/1990).
/// Holidays are those of L. 260/1949 art. 2 still in force after L. 54/1977, Sundays, and the
/// body's patron saint's day. Dates before <see cref="FirstSupportedDate"/> are refused, because
/// the holidays of earlier years differ and are not modelled.
/// </summary>
public sealed class WorkingDayCalendar
{
    /// <summary>2 June has been a holiday again since 2001 (L. 336/2000); earlier years are not modelled.</summary>
    public static readonly DateOnly FirstSupportedDate = new(2001, 1, 1);

    private readonly ConcurrentDictionary<int, YearHolidays> years = new();

    public WorkingDayCalendar(CalendarOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
    }

    /// <summary>National holidays only, no patron day, Saturday not a working day.</summary>
    public static WorkingDayCalendar National { get; } = new(CalendarOptions.National);

    public CalendarOptions Options { get; }

    /// <summary>
    /// Easter Sunday of a Gregorian year (1583-9999): the first Sunday strictly after the
    /// ecclesiastical full moon falling on or after 21 March, as fixed by the 1582 reform.
    /// </summary>
    public static DateOnly EasterSunday(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1583);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);

        var golden = year % 19;
        var century = year / 100;

        // The Gregorian corrections to the 19-year lunar cycle: leap days dropped in century
        // years (solar equation), and the moon gaining a day eight times in 2500 years (lunar).
        var solarEquation = century - (century / 4);
        var lunarEquation = (century - ((century + 8) / 25) + 1) / 3;
        var daysFromMarch21 = ((19 * golden) + solarEquation - lunarEquation + 15) % 30;

        // The tables never put the paschal full moon after 18 April, and give 17 April
        // instead of 18 in the second half of the lunar cycle.
        if (daysFromMarch21 == 29 || (daysFromMarch21 == 28 && golden > 10))
        {
            daysFromMarch21--;
        }

        var fullMoon = new DateOnly(year, 3, 21).AddDays(daysFromMarch21);
        return fullMoon.AddDays(7 - (int)fullMoon.DayOfWeek);
    }

    /// <summary>True on Sundays, national holidays and the patron saint's day.</summary>
    public bool IsHoliday(DateOnly date) => NamedHoliday(date) is not null || date.DayOfWeek == DayOfWeek.Sunday;

    public bool IsWorkingDay(DateOnly date) =>
        !IsHoliday(date) && (date.DayOfWeek != DayOfWeek.Saturday || Options.SaturdayIsWorkingDay);

    /// <summary>The Italian name of the holiday on this date, "Domenica" for an ordinary Sunday, null otherwise.</summary>
    public string? HolidayName(DateOnly date) =>
        NamedHoliday(date) ?? (date.DayOfWeek == DayOfWeek.Sunday ? "Domenica" : null);

    /// <summary>The named holidays of a year in date order (ordinary Sundays are not listed).</summary>
    public IReadOnlyList<Holiday> Holidays(int year) => HolidaysOf(year).List;

    /// <summary>The first working day strictly after <paramref name="date"/>.</summary>
    public DateOnly NextWorkingDay(DateOnly date) => WorkingDayOnOrAfter(date.AddDays(1));

    /// <summary><paramref name="date"/> itself when it is a working day, otherwise the next working day.</summary>
    public DateOnly WorkingDayOnOrAfter(DateOnly date)
    {
        while (!IsWorkingDay(date))
        {
            date = date.AddDays(1);
        }

        return date;
    }

    /// <summary>
    /// The deadline of a term of <paramref name="days"/> calendar days from an event on
    /// <paramref name="start"/>: the start day is not counted, holidays inside the term are, and a
    /// last day that is not a working day moves to the next working day (c.c. art. 2963 c. 2-3).
    /// </summary>
    public DateOnly AddDays(DateOnly start, int days) => StartTerm(start, TermLength.Days(days)).Deadline;

    /// <summary>
    /// The deadline of a term in months: the same-numbered day of the month reached, or its last day
    /// when that day is missing (c.c. art. 2963 c. 4), moved to the next working day if needed.
    /// </summary>
    public DateOnly AddMonths(DateOnly start, int months) => StartTerm(start, TermLength.Months(months)).Deadline;

    /// <summary>The deadline of a term in years; 29 February becomes 28 February in common years.</summary>
    public DateOnly AddYears(DateOnly start, int years) => StartTerm(start, TermLength.Years(years)).Deadline;

    /// <summary>The <paramref name="workingDays"/>-th working day after <paramref name="start"/>.</summary>
    public DateOnly AddWorkingDays(DateOnly start, int workingDays) =>
        StartTerm(start, TermLength.WorkingDays(workingDays)).Deadline;

    /// <summary>Calendar days from <paramref name="today"/> to the deadline: 0 on the last day, negative once expired.</summary>
    public static int DaysRemaining(DateOnly today, DateOnly deadline) => deadline.DayNumber - today.DayNumber;

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/>; 0 when <paramref name="to"/> is not later.</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var date = from.AddDays(1); date <= to; date = date.AddDays(1))
        {
            if (IsWorkingDay(date))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Starts a term running from an event on <paramref name="start"/> (the start day is not counted).</summary>
    public Term StartTerm(DateOnly start, TermLength length)
    {
        ArgumentNullException.ThrowIfNull(length);
        EnsureSupported(start);
        var nominalEnd = length.Unit switch
        {
            TermUnit.Days => start.AddDays(length.Amount),
            TermUnit.WorkingDays => CountWorkingDays(start, length.Amount),
            TermUnit.Months => start.AddMonths(length.Amount),
            TermUnit.Years => start.AddYears(length.Amount),
            _ => throw new ArgumentOutOfRangeException(nameof(length), length.Unit, "Unknown term unit."),
        };
        return new Term(start, length, nominalEnd, WorkingDayOnOrAfter(nominalEnd));
    }

    /// <summary>
    /// Suspends a term on <paramref name="suspendedOn"/> and lets it run again from
    /// <paramref name="resumedOn"/> with the days it had left (L. 241/1990 art. 2 c. 7): the day of
    /// the suspension counts as elapsed, the day of resumption does not. Terms in working days
    /// resume with the working days left; all others with the calendar days left.
    /// </summary>
    public Term Suspend(Term term, DateOnly suspendedOn, DateOnly resumedOn)
    {
        ArgumentNullException.ThrowIfNull(term);
        EnsureRunning(term, suspendedOn, nameof(suspendedOn));
        EnsureNotBefore(resumedOn, suspendedOn, nameof(resumedOn));

        var nominalEnd = term.Length.Unit == TermUnit.WorkingDays
            ? CountWorkingDays(resumedOn, WorkingDaysBetween(suspendedOn, term.NominalEnd))
            : resumedOn.AddDays(Math.Max(0, term.NominalEnd.DayNumber - suspendedOn.DayNumber));
        return new Term(term.Start, term.Length, nominalEnd, WorkingDayOnOrAfter(nominalEnd));
    }

    /// <summary>
    /// Interrupts a term on <paramref name="interruptedOn"/>: it starts again in full from
    /// <paramref name="restartsFrom"/>, e.g. the day the applicant answers (DPR 380/2001 art. 20 c. 5).
    /// </summary>
    public Term Interrupt(Term term, DateOnly interruptedOn, DateOnly restartsFrom)
    {
        ArgumentNullException.ThrowIfNull(term);
        EnsureRunning(term, interruptedOn, nameof(interruptedOn));
        EnsureNotBefore(restartsFrom, interruptedOn, nameof(restartsFrom));
        return StartTerm(restartsFrom, term.Length);
    }

    private DateOnly CountWorkingDays(DateOnly start, int workingDays)
    {
        var date = start;
        for (var counted = 0; counted < workingDays;)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date))
            {
                counted++;
            }
        }

        return date;
    }

    private string? NamedHoliday(DateOnly date) =>
        HolidaysOf(date.Year).ByDate.GetValueOrDefault(date);

    private YearHolidays HolidaysOf(int year)
    {
        EnsureSupported(new DateOnly(year, 12, 31));
        return years.GetOrAdd(year, BuildYear);
    }

    private YearHolidays BuildYear(int year)
    {
        var easter = EasterSunday(year);

        // L. 54/1977 ended San Giuseppe, Ascension, Corpus Domini, Saints Peter and Paul and 4 November
        // as holidays, though L. 260/1949 art. 2 still lists them; Epiphany came back with DPR 792/1985.
        // Civil feasts come first, so they name a day shared with Easter (25 April 2038).
        var holidays = new List<Holiday>
        {
            new(new DateOnly(year, 1, 1), "Capodanno"),
            new(new DateOnly(year, 1, 6), "Epifania"),
            new(new DateOnly(year, 4, 25), "Festa della Liberazione"),
            new(new DateOnly(year, 5, 1), "Festa del Lavoro"),
            new(new DateOnly(year, 6, 2), "Festa della Repubblica"),
            new(new DateOnly(year, 8, 15), "Ferragosto"),
            new(new DateOnly(year, 11, 1), "Ognissanti"),
            new(new DateOnly(year, 12, 8), "Immacolata Concezione"),
            new(new DateOnly(year, 12, 25), "Natale"),
            new(new DateOnly(year, 12, 26), "Santo Stefano"),
            new(easter, "Pasqua"),
            new(easter.AddDays(1), "Lunedì dell'Angelo"),
        };

        // L. 151/2025, in force from 1 January 2026.
        if (year >= 2026)
        {
            holidays.Add(new(new DateOnly(year, 10, 4), "San Francesco d'Assisi"));
        }

        // D.l. 5/2011 art. 1: a holiday in 2011 only, for the 150th anniversary of unification.
        if (year == 2011)
        {
            holidays.Add(new(new DateOnly(2011, 3, 17), "Anniversario dell'Unità d'Italia"));
        }

        if (Options.PatronDay is { } patron)
        {
            holidays.Add(new(patron.In(year), "Santo patrono"));
        }

        var list = holidays.OrderBy(h => h.Date).ToList();
        var byDate = new Dictionary<DateOnly, string>();
        foreach (var holiday in list)
        {
            byDate.TryAdd(holiday.Date, holiday.Name);
        }

        return new YearHolidays(list, byDate);
    }

    private static void EnsureSupported(DateOnly date)
    {
        if (date < FirstSupportedDate)
        {
            throw new ArgumentOutOfRangeException(
                nameof(date), date, $"The working-day calendar models holidays from {FirstSupportedDate:yyyy-MM-dd} on.");
        }
    }

    private static void EnsureRunning(Term term, DateOnly date, string parameter)
    {
        if (date < term.Start || date > term.Deadline)
        {
            throw new ArgumentOutOfRangeException(
                parameter, date, $"The term runs from {term.Start:yyyy-MM-dd} to {term.Deadline:yyyy-MM-dd}; it cannot stop outside it.");
        }
    }

    private static void EnsureNotBefore(DateOnly date, DateOnly earliest, string parameter)
    {
        if (date < earliest)
        {
            throw new ArgumentOutOfRangeException(parameter, date, $"Must not be before {earliest:yyyy-MM-dd}.");
        }
    }

    private sealed record YearHolidays(IReadOnlyList<Holiday> List, IReadOnlyDictionary<DateOnly, string> ByDate);
}
