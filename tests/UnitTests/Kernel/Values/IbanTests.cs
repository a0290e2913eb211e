using PenToscana.Kernel.Values;

namespace PenToscana.UnitTests.Kernel.Values;

public sealed class IbanTests
{
    [Theory]
    [InlineData("IT60X0542811101000000123456")]
    [InlineData("it60 x054 2811 1010 0000 0123 456")]
    [InlineData("DE89370400440532013000")]
    [InlineData("GB82WEST12345698765432")]
    [InlineData("FR1420041010050500013M02606")]
    [InlineData("NO9386011117947")]
    [InlineData("SM86U0322509800000000270100")]
    public void A_valid_IBAN_is_accepted_and_kept_compact_and_upper_case(string input)
        => Iban.Parse(input).Value.ShouldBe(input.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant());

    [Theory]
    [InlineData("IT60X0542811101000000123457", "iban.check")]
    [InlineData("IT61X0542811101000000123456", "iban.check")]
    [InlineData("IT60X054281110100000012345", "iban.length")]
    [InlineData("DE8937040044053201300", "iban.length")]
    [InlineData("GB82WEST123456987654321", "iban.length")]
    [InlineData("XX60X0542811101000000123456", "iban.country")]
    [InlineData("IT6OX0542811101000000123456", "iban.format")]
    [InlineData("IT60-X054-2811", "iban.format")]
    [InlineData("", "iban.required")]
    [InlineData(null, "iban.required")]
    public void An_invalid_IBAN_is_refused_with_the_reason(string? input, string code)
        => Iban.Create(input).Error.ShouldNotBeNull().Code.ShouldBe(code);

    [Fact]
    public void The_length_error_names_the_country_and_its_length()
        => Iban.Create("DE8937040044053201300").Error!.Message.ShouldBe("Un IBAN con codice paese DE ha 22 caratteri, non 21.");

    [Fact]
    public void Check_digits_computed_for_a_BBAN_give_a_valid_IBAN()
    {
        var iban = Iban.WithCheckDigits("IT", "X0542811101000000123456");
        iban.ShouldBe("IT60X0542811101000000123456");
        Iban.IsValid(iban).ShouldBeTrue();
    }

    [Fact]
    public void The_printable_form_groups_by_four()
        => Iban.Parse("IT60X0542811101000000123456").ToPrintable().ShouldBe("IT60 X054 2811 1010 0000 0123 456");
}
