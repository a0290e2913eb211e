using PenToscana.Kernel.Calendar;

namespace PenToscana.UnitTests.Kernel.Calendar;

public sealed class EasterTests
{
    [Theory]
    [InlineData(1900, "1900-04-15")]
    [InlineData(1913, "1913-03-23")]
    [InlineData(1943, "1943-04-25")]
    [InlineData(1954, "1954-04-18")]
    [InlineData(1981, "1981-04-19")]
    [InlineData(2000, "2000-04-23")]
    [InlineData(2008, "2008-03-23")]
    [InlineData(2011, "2011-04-24")]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-03-28")]
    [InlineData(2038, "2038-04-25")]
    [InlineData(2049, "2049-04-18")]
    [InlineData(2076, "2076-04-19")]
    [InlineData(2100, "2100-03-28")]
    [InlineData(2200, "2200-04-06")]
    public void Easter_Sunday_falls_on_the_known_date(int year, string expected) =>
        WorkingDayCalendar.EasterSunday(year).ShouldBe(DateOnly.Parse(expected));

    [Fact]
    public void Every_Easter_from_1900_to_2200_is_a_Sunday_between_22_March_and_25_April()
    {
        for (var year = 1900; year <= 2200; year++)
        {
            var easter = WorkingDayCalendar.EasterSunday(year);
            easter.DayOfWeek.ShouldBe(DayOfWeek.Sunday, $"Easter {year}");
            easter.ShouldBeInRange(new DateOnly(year, 3, 22), new DateOnly(year, 4, 25), $"Easter {year}");
        }
    }

    [Theory]
    [InlineData(1582)]
    [InlineData(10000)]
    public void Easter_outside_the_Gregorian_years_is_refused(int year) =>
        Should.Throw<ArgumentOutOfRangeException>(() => WorkingDayCalendar.EasterSunday(year));
}
