using PenToscana.Kernel.Values;

namespace PenToscana.UnitTests.Kernel.Values;

public sealed class MoneyTests
{
    [Theory]
    [InlineData("1.234,56", 123456)]
    [InlineData("1234,5", 123450)]
    [InlineData("12", 1200)]
    [InlineData("0,05", 5)]
    [InlineData("1.500", 150000)]
    [InlineData("1.234.567,89", 123456789)]
    [InlineData("-12,30", -1230)]
    [InlineData("  12,00 € ", 1200)]
    [InlineData("€ 7", 700)]
    [InlineData("1.234,56\u00a0€", 123456)]
    [InlineData("007,10", 710)]
    public void An_Italian_amount_is_read_into_cents(string input, long cents) =>
        Money.Parse(input).Cents.ShouldBe(cents);

    [Theory]
    [InlineData(null, "money.required")]
    [InlineData(" € ", "money.required")]
    [InlineData("1,234", "money.decimals")]
    [InlineData("0,001", "money.decimals")]
    [InlineData("12.34", "money.format")]
    [InlineData("1234.56", "money.format")]
    [InlineData("1.23.456", "money.format")]
    [InlineData("1234.567", "money.format")]
    [InlineData(".123", "money.format")]
    [InlineData("12,", "money.format")]
    [InlineData(",50", "money.format")]
    [InlineData("1 234,56", "money.format")]
    [InlineData("--1", "money.format")]
    [InlineData("-", "money.format")]
    [InlineData("12,5a", "money.format")]
    [InlineData("dodici", "money.format")]
    [InlineData("1e3", "money.format")]
    [InlineData("99999999999999999999", "money.range")]
    public void A_bad_amount_is_refused(string? input, string code)
    {
        Money.Create(input).Error!.Code.ShouldBe(code);
        Money.TryParse(input, out var money).ShouldBeFalse();
        money.ShouldBe(Money.Zero);
        Should.Throw<FormatException>(() => Money.Parse(input));
    }

    [Fact]
    public void More_than_two_decimals_is_explained_in_Italian() =>
        Money.Create("1,234").Error!.Message.ShouldBe("L'importo può avere al massimo 2 decimali");

    [Theory]
    [InlineData(123456, "1.234,56 €")]
    [InlineData(5, "0,05 €")]
    [InlineData(0, "0,00 €")]
    [InlineData(99, "0,99 €")]
    [InlineData(100000, "1.000,00 €")]
    [InlineData(99999, "999,99 €")]
    [InlineData(100000000, "1.000.000,00 €")]
    [InlineData(-123456, "-1.234,56 €")]
    [InlineData(-50, "-0,50 €")]
    [InlineData(long.MinValue, "-92.233.720.368.547.758,08 €")]
    public void An_amount_is_written_the_Italian_way(long cents, string expected) =>
        Money.FromCents(cents).ToString().ShouldBe(expected);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-1)]
    [InlineData(123456789)]
    [InlineData(long.MaxValue)]
    [InlineData(-long.MaxValue)]
    public void What_is_written_reads_back_the_same(long cents) =>
        Money.Parse(Money.FromCents(cents).ToString()).ShouldBe(Money.FromCents(cents));

    [Fact]
    public void Ten_times_ten_cents_make_exactly_one_euro()
    {
        var total = Money.Zero;
        for (var i = 0; i < 10; i++)
        {
            total += Money.Parse("0,10");
        }

        total.ShouldBe(Money.FromEuros(1));
    }

    [Fact]
    public void Amounts_add_subtract_negate_and_multiply()
    {
        var fee = Money.Parse("16,00");
        (fee + Money.FromCents(250)).ShouldBe(Money.FromCents(1850));
        (fee - Money.FromEuros(20)).ShouldBe(Money.FromCents(-400));
        (-fee).Cents.ShouldBe(-1600);
        (fee * 3).ShouldBe(Money.FromEuros(48));
        (3 * fee).ShouldBe(fee * 3);
        (fee - fee).IsZero.ShouldBeTrue();
        (-fee).IsNegative.ShouldBeTrue();
    }

    [Fact]
    public void Amounts_compare_by_value()
    {
        var small = Money.FromCents(1);
        var large = Money.FromEuros(1);
        (small < large).ShouldBeTrue();
        (large > small).ShouldBeTrue();
        (small <= Money.FromCents(1)).ShouldBeTrue();
        (large >= small).ShouldBeTrue();
        (small == large).ShouldBeFalse();
        new[] { large, small, Money.Zero }.Order().ShouldBe([Money.Zero, small, large]);
    }

    [Fact]
    public void Overflowing_arithmetic_throws_instead_of_wrapping()
    {
        var max = Money.FromCents(long.MaxValue);
        Should.Throw<OverflowException>(() => max + Money.FromCents(1));
        Should.Throw<OverflowException>(() => Money.FromCents(long.MinValue) - Money.FromCents(1));
        Should.Throw<OverflowException>(() => -Money.FromCents(long.MinValue));
        Should.Throw<OverflowException>(() => max * 2);
        Should.Throw<OverflowException>(() => Money.FromEuros(long.MaxValue / 10));
    }
}
