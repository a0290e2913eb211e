using PenToscana.Kernel.Calendar;

namespace PenToscana.UnitTests.Kernel.Calendar;

public sealed class TermTests
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.National;

    private static DateOnly D(string date) => DateOnly.Parse(date);

    [Fact]
    public void A_term_keeps_the_counted_end_apart_from_the_deadline_moved_off_the_weekend()
    {
        var term = Calendar.StartTerm(D("2025-03-01"), TermLength.Days(8));
        term.Start.ShouldBe(D("2025-03-01"));
        term.NominalEnd.ShouldBe(D("2025-03-09"));
        term.Deadline.ShouldBe(D("2025-03-10"));
    }

    [Fact]
    public void A_suspended_term_resumes_with_the_days_it_had_left()
    {
        var term = Calendar.StartTerm(D("2025-03-03"), TermLength.Days(30));

        // 10 days elapsed (4-13 March), 20 left from 23 March: 12 April, a Saturday.
        var suspended = Calendar.Suspend(term, D("2025-03-13"), D("2025-03-23"));

        suspended.Start.ShouldBe(term.Start);
        suspended.NominalEnd.ShouldBe(D("2025-04-12"));
        suspended.Deadline.ShouldBe(D("2025-04-14"));
    }

    [Fact]
    public void A_suspension_shifts_the_counted_end_and_not_the_deadline_already_moved()
    {
        var term = Calendar.StartTerm(D("2025-03-01"), TermLength.Days(8));

        var suspended = Calendar.Suspend(term, D("2025-03-05"), D("2025-03-06"));

        suspended.NominalEnd.ShouldBe(D("2025-03-10"));
        suspended.Deadline.ShouldBe(D("2025-03-10"));
    }

    [Fact]
    public void A_term_suspended_on_its_last_day_ends_on_the_day_it_resumes()
    {
        var term = Calendar.StartTerm(D("2025-03-01"), TermLength.Days(8));

        Calendar.Suspend(term, D("2025-03-10"), D("2025-03-20")).Deadline.ShouldBe(D("2025-03-20"));
    }

    [Fact]
    public void Two_suspensions_add_up()
    {
        var term = Calendar.StartTerm(D("2025-03-03"), TermLength.Days(30));

        var twice = Calendar.Suspend(Calendar.Suspend(term, D("2025-03-05"), D("2025-03-10")), D("2025-03-20"), D("2025-03-25"));

        twice.NominalEnd.ShouldBe(D("2025-04-12"));
    }

    [Fact]
    public void A_working_day_term_resumes_with_the_working_days_it_had_left()
    {
        var term = Calendar.StartTerm(D("2025-03-03"), TermLength.WorkingDays(10));
        term.Deadline.ShouldBe(D("2025-03-17"));

        // Six working days were left after Friday 7 March: they run again from Friday 21.
        Calendar.Suspend(term, D("2025-03-07"), D("2025-03-21")).Deadline.ShouldBe(D("2025-03-31"));
    }

    [Fact]
    public void A_month_term_is_suspended_by_calendar_days()
    {
        var term = Calendar.StartTerm(D("2025-01-15"), TermLength.Months(2));
        term.Deadline.ShouldBe(D("2025-03-17"));

        Calendar.Suspend(term, D("2025-02-10"), D("2025-02-20")).Deadline.ShouldBe(D("2025-03-25"));
    }

    [Fact]
    public void An_interrupted_term_starts_again_in_full_from_the_restart_day()
    {
        var term = Calendar.StartTerm(D("2025-03-03"), TermLength.Days(30));

        var restarted = Calendar.Interrupt(term, D("2025-03-20"), D("2025-05-05"));

        restarted.Start.ShouldBe(D("2025-05-05"));
        restarted.Length.ShouldBe(TermLength.Days(30));
        restarted.Deadline.ShouldBe(D("2025-06-04"));
    }

    [Theory]
    [InlineData("2025-03-02")]
    [InlineData("2025-04-03")]
    public void A_term_cannot_be_suspended_before_it_starts_or_after_it_expired(string suspendedOn)
    {
        var term = Calendar.StartTerm(D("2025-03-03"), TermLength.Days(30));

        Should.Throw<ArgumentOutOfRangeException>(() => Calendar.Suspend(term, D(suspendedOn), D("2025-04-10")));
        Should.Throw<ArgumentOutOfRangeException>(() => Calendar.Interrupt(term, D(suspendedOn), D("2025-04-10")));
    }

    [Fact]
    public void A_term_cannot_resume_before_it_was_suspended()
    {
        var term = Calendar.StartTerm(D("2025-03-03"), TermLength.Days(30));

        Should.Throw<ArgumentOutOfRangeException>(() => Calendar.Suspend(term, D("2025-03-13"), D("2025-03-12")));
        Should.Throw<ArgumentOutOfRangeException>(() => Calendar.Interrupt(term, D("2025-03-13"), D("2025-03-12")));
    }

    [Fact]
    public void A_term_tells_the_days_remaining_and_expires_after_its_deadline()
    {
        var term = Calendar.StartTerm(D("2025-03-03"), TermLength.Days(30));

        term.DaysRemaining(D("2025-03-23")).ShouldBe(10);
        term.IsExpiredOn(D("2025-04-02")).ShouldBeFalse();
        term.IsExpiredOn(D("2025-04-03")).ShouldBeTrue();
    }

    [Theory]
    [InlineData(TermUnit.Days, 30, "30 giorni")]
    [InlineData(TermUnit.Days, 1, "1 giorno")]
    [InlineData(TermUnit.WorkingDays, 10, "10 giorni lavorativi")]
    [InlineData(TermUnit.Months, 1, "1 mese")]
    [InlineData(TermUnit.Months, 6, "6 mesi")]
    [InlineData(TermUnit.Years, 2, "2 anni")]
    public void A_term_length_reads_in_Italian(TermUnit unit, int amount, string expected)
    {
        var length = unit switch
        {
            TermUnit.Days => TermLength.Days(amount),
            TermUnit.WorkingDays => TermLength.WorkingDays(amount),
            TermUnit.Months => TermLength.Months(amount),
            _ => TermLength.Years(amount),
        };

        length.ToString().ShouldBe(expected);
    }

    [Fact]
    public void A_term_length_must_be_positive() =>
        Should.Throw<ArgumentOutOfRangeException>(() => TermLength.Months(-1));
}
