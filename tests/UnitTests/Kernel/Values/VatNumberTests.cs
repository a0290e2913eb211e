using PenToscana.Kernel.Values;

namespace PenToscana.UnitTests.Kernel.Values;

public sealed class VatNumberTests
{
    [Theory]
    [InlineData("01386030488")]
    [InlineData("01307110484")]
    [InlineData("06593810481")]
    [InlineData("84006890481")]
    public void A_valid_partita_IVA_is_accepted(string input) =>
        VatNumber.Parse(input).Value.ShouldBe(input);

    [Theory]
    [InlineData("IT01386030488")]
    [InlineData("it01386030488")]
    [InlineData(" IT 01386030488 ")]
    public void The_IT_prefix_and_surrounding_blanks_are_accepted_and_dropped(string input) =>
        VatNumber.Parse(input).Value.ShouldBe("01386030488");

    [Fact]
    public void The_number_can_be_written_with_the_country_prefix()
    {
        var vat = VatNumber.Parse("01307110484");
        vat.WithCountryPrefix().ShouldBe("IT01307110484");
        vat.ToString().ShouldBe("01307110484");
    }

    [Theory]
    [InlineData(null, "vat_number.required", "La partita IVA è obbligatoria")]
    [InlineData("IT", "vat_number.required", "La partita IVA è obbligatoria")]
    [InlineData("01386030487", "vat_number.check", "Cifra di controllo errata")]
    [InlineData("10386030488", "vat_number.check", "Cifra di controllo errata")]
    [InlineData("1386030488", "vat_number.length", "La partita IVA deve avere 11 cifre")]
    [InlineData("013860304880", "vat_number.length", "La partita IVA deve avere 11 cifre")]
    [InlineData("0138603048X", "vat_number.format", "La partita IVA deve contenere solo cifre")]
    [InlineData("DE123456789", "vat_number.format", "La partita IVA deve contenere solo cifre")]
    [InlineData("00000000000", "vat_number.format", "La partita IVA non può essere composta solo da zeri")]
    public void A_bad_partita_IVA_is_refused_with_an_Italian_message(string? input, string code, string message)
    {
        VatNumber.Create(input).Error.ShouldBe(new Error(code, message));
        VatNumber.TryParse(input, out var parsed).ShouldBeFalse();
        parsed.ShouldBeNull();
        Should.Throw<FormatException>(() => VatNumber.Parse(input)).Message.ShouldBe(message);
    }

    [Fact]
    public void A_numeric_tax_code_of_a_body_and_its_partita_IVA_share_the_check()
    {
        TaxCode.Parse("01386030488").Value.ShouldBe(VatNumber.Parse("01386030488").Value);
        TaxCode.TryParse("01386030487", out _).ShouldBeFalse();
    }
}
