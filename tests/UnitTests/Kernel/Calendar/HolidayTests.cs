using PenToscana.Kernel.Calendar;

namespace PenToscana.UnitTests.Kernel.Calendar;

public sealed class HolidayTests
{
    private static readonly WorkingDayCalendar National = WorkingDayCalendar.National;
    private static readonly WorkingDayCalendar Florence = new(new CalendarOptions { PatronDay = new MonthDay(6, 24) });

    [Theory]
    [InlineData("2025-01-01", "Capodanno")]
    [InlineData("2025-01-06", "Epifania")]
    [InlineData("2025-04-20", "Pasqua")]
    [InlineData("2025-04-21", "Lunedì dell'Angelo")]
    [InlineData("2025-04-25", "Festa della Liberazione")]
    [InlineData("2025-05-01", "Festa del Lavoro")]
    [InlineData("2025-06-02", "Festa della Repubblica")]
    [InlineData("2025-08-15", "Ferragosto")]
    [InlineData("2025-11-01", "Ognissanti")]
    [InlineData("2025-12-08", "Immacolata Concezione")]
    [InlineData("2025-12-25", "Natale")]
    [InlineData("2025-12-26", "Santo Stefano")]
    [InlineData("2027-10-04", "San Francesco d'Assisi")]
    public void A_national_holiday_is_a_named_holiday_and_not_a_working_day(string date, string name)
    {
        var day = DateOnly.Parse(date);
        National.IsHoliday(day).ShouldBeTrue();
        National.IsWorkingDay(day).ShouldBeFalse();
        National.HolidayName(day).ShouldBe(name);
    }

    [Fact]
    public void A_year_has_twelve_national_holidays_before_2026_and_thirteen_from_2026()
    {
        National.Holidays(2025).Count.ShouldBe(12);
        National.Holidays(2027).Count.ShouldBe(13);
        National.Holidays(2027).Select(h => h.Date).ShouldBeInOrder();
    }

    [Fact]
    public void San_Francesco_is_a_holiday_only_from_2026()
    {
        // 4 October 2024 was a Friday.
        National.IsWorkingDay(new DateOnly(2024, 10, 4)).ShouldBeTrue();
        National.HolidayName(new DateOnly(2024, 10, 4)).ShouldBeNull();
        National.HolidayName(new DateOnly(2026, 10, 4)).ShouldBe("San Francesco d'Assisi");
    }

    [Fact]
    public void The_17_March_2011_was_a_holiday_only_that_year()
    {
        National.HolidayName(new DateOnly(2011, 3, 17)).ShouldBe("Anniversario dell'Unità d'Italia");
        National.IsWorkingDay(new DateOnly(2012, 3, 16)).ShouldBeTrue();
        National.IsHoliday(new DateOnly(2015, 3, 17)).ShouldBeFalse();
    }

    [Fact]
    public void The_patron_day_is_a_holiday_only_for_the_body_that_configures_it()
    {
        var stJohn = new DateOnly(2025, 6, 24);
        Florence.IsHoliday(stJohn).ShouldBeTrue();
        Florence.IsWorkingDay(stJohn).ShouldBeFalse();
        Florence.HolidayName(stJohn).ShouldBe("Santo patrono");
        Florence.Holidays(2025).ShouldContain(new Holiday(stJohn, "Santo patrono"));
        National.IsWorkingDay(stJohn).ShouldBeTrue();
    }

    [Fact]
    public void A_patron_day_on_a_national_holiday_keeps_the_national_name()
    {
        var bologna = new WorkingDayCalendar(new CalendarOptions { PatronDay = new MonthDay(10, 4) });
        bologna.HolidayName(new DateOnly(2027, 10, 4)).ShouldBe("San Francesco d'Assisi");
        bologna.HolidayName(new DateOnly(2025, 10, 4)).ShouldBe("Santo patrono");
    }

    [Fact]
    public void When_Easter_Monday_is_25_April_both_feasts_are_listed_and_the_civil_one_names_the_day()
    {
        var day = new DateOnly(2011, 4, 25);
        string[] both = ["Festa della Liberazione", "Lunedì dell'Angelo"];
        National.HolidayName(day).ShouldBe("Festa della Liberazione");
        National.Holidays(2011).Where(h => h.Date == day).Select(h => h.Name).ShouldBe(both);
    }

    [Fact]
    public void An_ordinary_Sunday_is_a_holiday_named_Domenica()
    {
        var sunday = new DateOnly(2025, 3, 9);
        National.IsHoliday(sunday).ShouldBeTrue();
        National.IsWorkingDay(sunday).ShouldBeFalse();
        National.HolidayName(sunday).ShouldBe("Domenica");
        National.Holidays(2025).ShouldNotContain(h => h.Date == sunday);
    }

    [Fact]
    public void A_Saturday_is_not_a_holiday_and_is_a_working_day_only_when_configured()
    {
        var saturday = new DateOnly(2025, 3, 8);
        National.IsHoliday(saturday).ShouldBeFalse();
        National.HolidayName(saturday).ShouldBeNull();
        National.IsWorkingDay(saturday).ShouldBeFalse();
        new WorkingDayCalendar(new CalendarOptions { SaturdayIsWorkingDay = true }).IsWorkingDay(saturday).ShouldBeTrue();
    }

    [Fact]
    public void A_Saturday_holiday_is_not_a_working_day_even_where_Saturdays_are()
    {
        var calendar = new WorkingDayCalendar(new CalendarOptions { SaturdayIsWorkingDay = true });
        calendar.IsWorkingDay(new DateOnly(2025, 11, 1)).ShouldBeFalse();
    }

    [Fact]
    public void An_ordinary_weekday_is_a_working_day_without_a_name()
    {
        var tuesday = new DateOnly(2025, 3, 4);
        National.IsWorkingDay(tuesday).ShouldBeTrue();
        National.IsHoliday(tuesday).ShouldBeFalse();
        National.HolidayName(tuesday).ShouldBeNull();
    }

    [Fact]
    public void Dates_before_2001_are_refused_because_their_holidays_are_not_modelled()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => National.IsWorkingDay(new DateOnly(2000, 6, 2)));
        Should.Throw<ArgumentOutOfRangeException>(() => National.IsHoliday(new DateOnly(2000, 6, 4)));
        Should.Throw<ArgumentOutOfRangeException>(() => National.AddDays(new DateOnly(2000, 12, 20), 30));
        National.IsWorkingDay(WorkingDayCalendar.FirstSupportedDate).ShouldBeFalse();
    }

    [Theory]
    [InlineData(2, 29)]
    [InlineData(4, 31)]
    [InlineData(13, 1)]
    [InlineData(0, 10)]
    [InlineData(6, 0)]
    public void A_patron_day_that_does_not_exist_every_year_is_refused(int month, int day) =>
        Should.Throw<ArgumentOutOfRangeException>(() => new MonthDay(month, day));
}
