using PenToscana.Modules.Invoicing.Features.Timeliness;

namespace PenToscana.UnitTests.Invoicing;

/// <summary>The indicatore di tempestività dei pagamenti (DPCM 22/09/2014) on worked examples.</summary>
public sealed class TimelinessIndicatorTests
{
    private static DateOnly D(int month, int day) => new(2026, month, day);

    private static TimelinessPayment Paid(DateOnly received, DateOnly due, DateOnly paid, long euro, params SuspendedPeriod[] suspensions)
        => new(received, due, paid, euro * 100, suspensions);

    [Fact]
    public void Late_and_early_payments_are_weighted_by_amount()
    {
        // 1,000 € paid 10 days late, 3,000 € paid 10 days early: (10 × 1000 − 10 × 3000) / 4000 = −5.
        var payments = new[]
        {
            Paid(D(1, 2), D(1, 31), D(2, 10), 1000),
            Paid(D(1, 20), D(2, 28), D(2, 18), 3000),
        };
        var result = TimelinessIndicator.Compute("1° trimestre", D(1, 1), D(3, 31), payments);
        result.Payments.ShouldBe(2);
        result.AmountCents.ShouldBe(400_000);
        result.Indicator.ShouldBe(-5.00m);
    }

    [Fact]
    public void A_single_early_payment_gives_a_negative_indicator()
    {
        var result = TimelinessIndicator.Compute("Anno", D(1, 1), D(12, 31), [Paid(D(3, 1), D(3, 31), D(3, 16), 500)]);
        result.Indicator.ShouldBe(-15.00m);
    }

    [Fact]
    public void Suspended_days_before_the_payment_stop_the_clock()
    {
        // Due 31 March, paid 30 April (30 days late), but suspended 1–20 April for a dispute: 10 days late.
        var p = Paid(D(3, 1), D(3, 31), D(4, 30), 2000, new SuspendedPeriod(D(4, 1), D(4, 20)));
        p.SuspendedDays.ShouldBe(20);
        p.DaysLate.ShouldBe(10);

        // An open suspension counts up to the day before the payment; overlapping periods count once.
        var open = Paid(D(3, 1), D(3, 31), D(4, 30), 2000, new SuspendedPeriod(D(4, 21), null), new SuspendedPeriod(D(4, 25), D(4, 27)));
        open.SuspendedDays.ShouldBe(9);
        open.DaysLate.ShouldBe(21);
    }

    [Fact]
    public void The_default_due_date_is_the_bodys_term_from_receipt_thirty_days_or_sixty_for_health_bodies()
    {
        TimelinessIndicator.DueOn(D(1, 15), null, PaymentTerms.Ordinary).ShouldBe(D(2, 14));
        TimelinessIndicator.DueOn(D(1, 15), null, PaymentTerms.HealthService).ShouldBe(D(3, 16));
        TimelinessIndicator.DueOn(D(1, 15), D(3, 1), PaymentTerms.HealthService).ShouldBe(D(3, 1));
    }

    [Fact]
    public void Each_payment_goes_to_the_quarter_of_its_date_and_the_year_weighs_them_all()
    {
        var payments = new[]
        {
            Paid(D(1, 1), D(1, 31), D(2, 5), 100),   // Q1: +5
            Paid(D(4, 1), D(5, 1), D(4, 21), 300),   // Q2: −10
            Paid(D(9, 1), D(10, 1), D(10, 1), 600),  // Q4: 0
        };
        var results = TimelinessIndicator.ForYear(2026, payments);
        results.Select(r => r.Indicator).ShouldBe([5.00m, -10.00m, null, 0.00m, (5m * 100 - 10m * 300) / 1000m]);
        results[^1].Indicator.ShouldBe(-2.50m);
        results[2].Payments.ShouldBe(0);
    }

    [Fact]
    public void With_no_payments_the_indicator_is_undefined()
        => TimelinessIndicator.Compute("Vuoto", D(1, 1), D(3, 31), []).Indicator.ShouldBeNull();
}
