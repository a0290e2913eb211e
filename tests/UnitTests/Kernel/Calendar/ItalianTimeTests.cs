using Microsoft.Extensions.Time.Testing;
using PenToscana.Kernel.Calendar;
using PenToscana.Kernel.Tenancy;

namespace PenToscana.UnitTests.Kernel.Calendar;

public sealed class ItalianTimeTests
{
    [Fact]
    public void Just_before_midnight_utc_in_summer_it_is_already_tomorrow_in_italy()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 30, 22, 30, 0, TimeSpan.Zero));
        time.TodayInItaly().ShouldBe(new DateOnly(2026, 7, 1));
    }

    [Fact]
    public void In_winter_italy_is_one_hour_ahead_of_utc()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 31, 22, 59, 0, TimeSpan.Zero));
        time.TodayInItaly().ShouldBe(new DateOnly(2026, 12, 31));
        new DateTimeOffset(2026, 12, 31, 23, 0, 0, TimeSpan.Zero).ItalianDate().ShouldBe(new DateOnly(2027, 1, 1));
    }

    [Fact]
    public void A_body_with_a_patron_saint_has_that_day_off_and_others_do_not()
    {
        var firenze = new Ente { IpaCode = "c_d612", TaxCode = "01307110484", Name = "Comune di Firenze", PatronMonth = 6, PatronDay = 24 };
        var regione = new Ente { IpaCode = "r_toscan", TaxCode = "01386030488", Name = "Regione Toscana" };
        var sanGiovanni = new DateOnly(2027, 6, 24); // a Thursday

        ItalianTime.CalendarOf(firenze).IsWorkingDay(sanGiovanni).ShouldBeFalse();
        ItalianTime.CalendarOf(regione).IsWorkingDay(sanGiovanni).ShouldBeTrue();
        ItalianTime.CalendarOf(firenze).AddDays(new DateOnly(2027, 6, 14), 10).ShouldBe(new DateOnly(2027, 6, 25));
    }
}
