using PenToscana.Kernel.Tenancy;

namespace PenToscana.Kernel.Calendar;

/// <summary>Dates as the law counts them: in Italian civil time, and with each body's own holidays.</summary>
public static class ItalianTime
{
    public static readonly TimeZoneInfo Rome = TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome");

    /// <summary>Today's date in Italy. Near midnight UTC and Italian dates differ: terms must use this one.</summary>
    public static DateOnly TodayInItaly(this TimeProvider time) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Rome).DateTime);

    /// <summary>The Italian calendar date of an instant.</summary>
    public static DateOnly ItalianDate(this DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Rome).DateTime);

    /// <summary>The instant (UTC) of an Italian civil date and time, as typed in a form or written on paper.</summary>
    public static DateTimeOffset FromItalianWallTime(DateTime wall)
    {
        var local = DateTime.SpecifyKind(wall, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Rome.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>An instant as Italian people read it: local civil time, <c>dd/MM/yyyy HH:mm:ss</c>.</summary>
    public static string ToItalianDisplay(this DateTimeOffset instant)
        => TimeZoneInfo.ConvertTime(instant, Rome).ToString("dd/MM/yyyy HH:mm:ss", System.Globalization.CultureInfo.GetCultureInfo("it-IT"));

    /// <summary>The working-day calendar of a body: national holidays plus its patron saint's day.</summary>
    public static WorkingDayCalendar CalendarOf(Ente ente)
        => ente.PatronMonth is { } month && ente.PatronDay is { } day
            ? new WorkingDayCalendar(new CalendarOptions { PatronDay = new MonthDay(month, day) })
            : WorkingDayCalendar.National;
}
