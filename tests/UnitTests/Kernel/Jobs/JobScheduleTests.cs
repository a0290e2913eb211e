using PenToscana.Kernel.Jobs;
using PenToscana.Kernel.Outbox;

namespace PenToscana.UnitTests.Kernel.Jobs;

public sealed class JobScheduleTests
{
    [Fact]
    public void A_daily_job_runs_at_its_italian_wall_clock_time_in_winter_and_in_summer()
    {
        var daily = JobSchedule.Daily(2, 30);
        // Winter (UTC+1): 02:30 in Rome is 01:30 UTC.
        daily.NextAfter(new DateTimeOffset(2026, 1, 10, 12, 0, 0, TimeSpan.Zero)).ShouldBe(new DateTimeOffset(2026, 1, 11, 1, 30, 0, TimeSpan.Zero));
        // Summer (UTC+2): 02:30 in Rome is 00:30 UTC.
        daily.NextAfter(new DateTimeOffset(2026, 7, 10, 12, 0, 0, TimeSpan.Zero)).ShouldBe(new DateTimeOffset(2026, 7, 11, 0, 30, 0, TimeSpan.Zero));
    }

    [Fact]
    public void A_daily_job_due_later_today_runs_today()
        => JobSchedule.Daily(23, 0).NextAfter(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero))
            .ShouldBe(new DateTimeOffset(2026, 3, 2, 22, 0, 0, TimeSpan.Zero));

    [Fact]
    public void An_interval_job_runs_again_after_its_interval_and_describes_itself_in_italian()
    {
        var every = JobSchedule.Every(TimeSpan.FromMinutes(15));
        var now = new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
        every.NextAfter(now).ShouldBe(now.AddMinutes(15));
        every.ToString().ShouldBe("ogni 15 min");
        JobSchedule.Daily(3, 15).ToString().ShouldBe("ogni giorno alle 03:15");
    }

    [Fact]
    public void Outbox_back_off_doubles_from_five_seconds_and_stops_growing_at_one_hour()
    {
        OutboxMessage.BackOff(1).ShouldBe(TimeSpan.FromSeconds(5));
        OutboxMessage.BackOff(2).ShouldBe(TimeSpan.FromSeconds(10));
        OutboxMessage.BackOff(4).ShouldBe(TimeSpan.FromSeconds(40));
        OutboxMessage.BackOff(20).ShouldBe(TimeSpan.FromHours(1));
    }
}
