using PenToscana.Kernel.Calendar;
using PenToscana.Modules.Applications.Data;
using PenToscana.Modules.Applications.Domain;

namespace PenToscana.UnitTests.Applications;

public sealed class DeadlineTests
{
    private static readonly WorkingDayCalendar Florence = new(new CalendarOptions { PatronDay = new MonthDay(6, 24) });

    private static Submission Application(int days = 30, bool silentAssent = false) => new()
    {
        EnteIpa = "c_d612", EnteName = "Comune di Firenze", ServiceTitle = "Servizio", Reference = "AP-TEST", ApplicantTaxCode = "RSSMRA80A01D612Y",
        ApplicantName = "Mario Rossi", DataJson = "{}", DataSha256 = "", PdfSha256 = "", OfficeCode = "URP", OfficeName = "URP", ResponsibleOfficial = "Anna Neri",
        TermDays = days, SilentAssent = silentAssent, Status = SubmissionStatus.Registered,
    };

    [Fact]
    public void A_thirty_day_term_ending_on_a_holiday_moves_to_the_next_working_day_across_the_year_end()
    {
        var s = Application();
        Deadlines.Start(s, Florence, new DateOnly(2026, 11, 26));
        s.TermNominalEnd.ShouldBe(new DateOnly(2026, 12, 26)); // Santo Stefano, a Saturday
        s.TermDeadline.ShouldBe(new DateOnly(2026, 12, 28));
    }

    [Fact]
    public void A_term_ending_on_new_years_day_ends_on_the_first_working_day_of_january()
    {
        var s = Application();
        Deadlines.Start(s, Florence, new DateOnly(2026, 12, 2));
        s.TermNominalEnd.ShouldBe(new DateOnly(2027, 1, 1));
        s.TermDeadline.ShouldBe(new DateOnly(2027, 1, 4));
    }

    [Fact]
    public void A_term_ending_on_the_patron_day_of_Florence_moves_on()
    {
        var s = Application();
        Deadlines.Start(s, Florence, new DateOnly(2026, 5, 25));
        s.TermNominalEnd.ShouldBe(new DateOnly(2026, 6, 24));
        s.TermDeadline.ShouldBe(new DateOnly(2026, 6, 25));
    }

    [Fact]
    public void An_integration_suspension_resumes_with_the_days_left()
    {
        var s = Application();
        Deadlines.Start(s, Florence, new DateOnly(2026, 3, 2)); // nominal end 1 April
        Deadlines.Suspend(s, SuspensionKind.Integration, new DateOnly(2026, 3, 10)).IsSuccess.ShouldBeTrue();
        Deadlines.DaysLeft(s, new DateOnly(2026, 3, 12)).ShouldBeNull();
        Deadlines.Resume(s, Florence, new DateOnly(2026, 3, 20)).IsSuccess.ShouldBeTrue();
        s.TermNominalEnd.ShouldBe(new DateOnly(2026, 4, 11)); // ten more days
        s.TermDeadline.ShouldBe(new DateOnly(2026, 4, 13)); // 11 April 2026 is a Saturday
    }

    [Fact]
    public void The_integration_suspension_lasts_at_most_thirty_days_and_happens_once()
    {
        var s = Application();
        Deadlines.Start(s, Florence, new DateOnly(2026, 3, 2));
        Deadlines.Suspend(s, SuspensionKind.Integration, new DateOnly(2026, 3, 10));
        Deadlines.Resume(s, Florence, new DateOnly(2026, 5, 30));
        s.TermNominalEnd.ShouldBe(new DateOnly(2026, 5, 1)); // 30 days added, not 81
        Deadlines.Suspend(s, SuspensionKind.Integration, new DateOnly(2026, 4, 20)).Error!.Code.ShouldBe("term.integration-used");
    }

    [Fact]
    public void A_pre_rejection_notice_restarts_the_term_ten_days_after_the_observations()
    {
        var s = Application();
        Deadlines.Start(s, Florence, new DateOnly(2026, 3, 2));
        Deadlines.Suspend(s, SuspensionKind.PreRejection, new DateOnly(2026, 3, 10));
        Deadlines.Resume(s, Florence, new DateOnly(2026, 3, 13));
        s.TermNominalEnd.ShouldBe(new DateOnly(2026, 4, 14)); // resumes on 23 March: 13 days added
    }

    [Fact]
    public void An_interruption_restarts_the_term_in_full()
    {
        var s = Application();
        Deadlines.Start(s, Florence, new DateOnly(2026, 3, 2));
        Deadlines.Interrupt(s, Florence, new DateOnly(2026, 3, 20));
        s.TermNominalEnd.ShouldBe(new DateOnly(2026, 4, 19));
    }

    [Fact]
    public void The_delay_indemnity_is_thirty_euros_a_day_up_to_two_thousand()
    {
        var s = Application();
        Deadlines.Start(s, Florence, new DateOnly(2026, 3, 2)); // deadline 1 April
        Deadlines.IsOverdue(s, new DateOnly(2026, 4, 1)).ShouldBeFalse();
        Deadlines.IsOverdue(s, new DateOnly(2026, 4, 2)).ShouldBeTrue();
        Deadlines.Indemnity(s, new DateOnly(2026, 4, 11)).Cents.ShouldBe(30000);
        Deadlines.Indemnity(s, new DateOnly(2026, 12, 31)).Cents.ShouldBe(200000);
        Deadlines.Indemnity(Application(silentAssent: true), new DateOnly(2026, 12, 31)).IsZero.ShouldBeTrue();
    }
}
