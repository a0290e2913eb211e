using PenToscana.Kernel.Calendar;

namespace PenToscana.UnitTests.Kernel.Calendar;

public sealed class DayCountingTests
{
    private static readonly WorkingDayCalendar National = WorkingDayCalendar.National;
    private static readonly WorkingDayCalendar Florence = new(new CalendarOptions { PatronDay = new MonthDay(6, 24) });
    private static readonly WorkingDayCalendar SaturdayOpen = new(new CalendarOptions { SaturdayIsWorkingDay = true });

    private static DateOnly D(string date) => DateOnly.Parse(date);

    [Fact]
    public void The_default_30_day_term_does_not_count_the_day_of_the_event() =>
        National.AddDays(D("2025-03-03"), 30).ShouldBe(D("2025-04-02"));

    [Fact]
    public void A_one_day_term_ends_the_next_day() =>
        National.AddDays(D("2025-03-03"), 1).ShouldBe(D("2025-03-04"));

    [Fact]
    public void Holidays_inside_the_term_are_counted() =>
        National.AddDays(D("2025-04-18"), 5).ShouldBe(D("2025-04-23"));

    [Fact]
    public void A_term_ending_on_Sunday_moves_to_Monday() =>
        National.AddDays(D("2025-03-01"), 8).ShouldBe(D("2025-03-10"));

    [Fact]
    public void A_term_ending_on_Saturday_moves_to_Monday_by_default() =>
        National.AddDays(D("2025-03-01"), 7).ShouldBe(D("2025-03-10"));

    [Fact]
    public void A_term_ending_on_Saturday_stays_there_where_Saturday_is_a_working_day() =>
        SaturdayOpen.AddDays(D("2025-03-01"), 7).ShouldBe(D("2025-03-08"));

    [Fact]
    public void A_term_ending_on_New_Years_Day_moves_to_the_next_working_day_across_the_year_end() =>
        National.AddDays(D("2024-12-20"), 12).ShouldBe(D("2025-01-02"));

    [Fact]
    public void A_term_ending_on_Christmas_skips_Santo_Stefano_and_the_weekend() =>
        National.AddDays(D("2025-12-15"), 10).ShouldBe(D("2025-12-29"));

    [Theory]
    [InlineData("2025-04-11")]
    [InlineData("2025-04-10")]
    public void A_deadline_falling_on_Easter_or_Easter_Monday_moves_to_Tuesday(string start) =>
        National.AddDays(D(start), 10).ShouldBe(D("2025-04-22"));

    [Fact]
    public void A_deadline_falling_on_the_patron_day_moves_only_for_that_body()
    {
        Florence.AddDays(D("2025-06-14"), 10).ShouldBe(D("2025-06-25"));
        National.AddDays(D("2025-06-14"), 10).ShouldBe(D("2025-06-24"));
    }

    [Fact]
    public void A_deadline_falling_on_Ferragosto_moves_past_the_weekend() =>
        National.AddDays(D("2025-08-05"), 10).ShouldBe(D("2025-08-18"));

    [Fact]
    public void A_term_starting_on_a_holiday_still_counts_from_the_next_day() =>
        National.AddDays(D("2025-12-25"), 14).ShouldBe(D("2026-01-08"));

    [Fact]
    public void A_term_of_zero_days_is_refused() =>
        Should.Throw<ArgumentOutOfRangeException>(() => National.AddDays(D("2025-03-03"), 0));

    [Fact]
    public void A_month_from_31_January_ends_on_the_last_day_of_February()
    {
        National.AddMonths(D("2025-01-31"), 1).ShouldBe(D("2025-02-28"));
        National.AddMonths(D("2024-01-31"), 1).ShouldBe(D("2024-02-29"));
    }

    [Fact]
    public void A_month_term_ends_on_the_same_numbered_day() =>
        National.AddMonths(D("2025-03-10"), 1).ShouldBe(D("2025-04-10"));

    [Fact]
    public void A_month_term_ending_on_a_Saturday_at_the_end_of_February_moves_into_March() =>
        National.AddMonths(D("2026-01-31"), 1).ShouldBe(D("2026-03-02"));

    [Fact]
    public void A_two_month_term_ending_before_Festa_della_Repubblica_moves_past_it() =>
        National.AddMonths(D("2025-03-31"), 2).ShouldBe(D("2025-06-03"));

    [Fact]
    public void A_year_from_29_February_ends_on_28_February_of_a_common_year()
    {
        National.AddYears(D("2024-02-29"), 1).ShouldBe(D("2025-02-28"));
        National.AddYears(D("2024-02-29"), 4).ShouldBe(D("2028-02-29"));
    }

    [Fact]
    public void Working_days_skip_the_weekend_Easter_and_Easter_Monday() =>
        National.AddWorkingDays(D("2025-04-17"), 3).ShouldBe(D("2025-04-23"));

    [Fact]
    public void Working_days_include_Saturday_where_it_is_a_working_day() =>
        SaturdayOpen.AddWorkingDays(D("2025-04-17"), 3).ShouldBe(D("2025-04-22"));

    [Fact]
    public void Working_days_across_the_year_end_skip_New_Year_and_Epiphany() =>
        National.AddWorkingDays(D("2025-12-31"), 3).ShouldBe(D("2026-01-07"));

    [Fact]
    public void The_next_working_day_after_Christmas_Eve_2025_is_the_following_Monday() =>
        National.NextWorkingDay(D("2025-12-24")).ShouldBe(D("2025-12-29"));

    [Fact]
    public void The_next_working_day_is_strictly_later_while_on_or_after_may_be_the_same_day()
    {
        National.NextWorkingDay(D("2025-03-03")).ShouldBe(D("2025-03-04"));
        National.WorkingDayOnOrAfter(D("2025-03-03")).ShouldBe(D("2025-03-03"));
        National.WorkingDayOnOrAfter(D("2025-03-08")).ShouldBe(D("2025-03-10"));
    }

    [Fact]
    public void Working_days_between_two_dates_exclude_the_first_and_include_the_last()
    {
        National.WorkingDaysBetween(D("2025-04-17"), D("2025-04-23")).ShouldBe(3);
        National.WorkingDaysBetween(D("2025-03-03"), D("2025-03-04")).ShouldBe(1);
        National.WorkingDaysBetween(D("2025-04-23"), D("2025-04-17")).ShouldBe(0);
    }

    [Theory]
    [InlineData("2025-03-01", "2025-03-31", 30)]
    [InlineData("2025-03-31", "2025-03-31", 0)]
    [InlineData("2025-04-01", "2025-03-31", -1)]
    [InlineData("2024-12-31", "2025-03-01", 60)]
    public void Days_remaining_are_zero_on_the_last_day_and_negative_after(string today, string deadline, int expected) =>
        WorkingDayCalendar.DaysRemaining(D(today), D(deadline)).ShouldBe(expected);
}
