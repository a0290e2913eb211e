using PenToscana.Kernel.Values;

namespace PenToscana.UnitTests.Kernel.Values;

public sealed class TaxCodeTests
{
    private static readonly DateOnly Today = new(2025, 6, 1);

    [Theory]
    [InlineData("RSSMRA80A01D612Y")]
    [InlineData("BNCGLI85M52G999P")]
    [InlineData("RSSMRA80A01D61NN")]
    [InlineData("RSSMRAULA01D612G")]
    [InlineData("RSSMRAULALMDMNPW")]
    public void A_valid_personal_code_is_accepted(string input)
    {
        var code = TaxCode.Parse(input);
        code.Value.ShouldBe(input);
        code.IsPerson.ShouldBeTrue();
    }

    [Theory]
    [InlineData("01386030488")]
    [InlineData("01307110484")]
    [InlineData("84006890481")]
    [InlineData("06593810481")]
    public void A_valid_numeric_code_of_a_body_is_accepted_and_is_not_a_person(string input)
    {
        var code = TaxCode.Parse(input);
        code.IsPerson.ShouldBeFalse();
        code.Sex.ShouldBeNull();
        code.BirthDate(Today).ShouldBeNull();
    }

    [Fact]
    public void Input_is_trimmed_and_upper_cased() =>
        TaxCode.Parse("  rssmra80a01d612y \t").Value.ShouldBe("RSSMRA80A01D612Y");

    [Fact]
    public void A_man_s_code_gives_his_birth_date_and_sex()
    {
        var code = TaxCode.Parse("RSSMRA80A01D612Y");
        code.BirthDate(Today).ShouldBe(new DateOnly(1980, 1, 1));
        code.Sex.ShouldBe(Sex.Male);
    }

    [Fact]
    public void A_woman_s_code_carries_the_day_plus_40()
    {
        var code = TaxCode.Parse("BNCGLI85M52G999P");
        code.BirthDate(Today).ShouldBe(new DateOnly(1985, 8, 12));
        code.Sex.ShouldBe(Sex.Female);
    }

    [Theory]
    [InlineData("RSSMRAULA01D612G")]
    [InlineData("RSSMRAULALMDMNPW")]
    public void An_omocodia_code_gives_the_birth_date_of_the_original_digits(string input)
    {
        var code = TaxCode.Parse(input);
        code.BirthDate(Today).ShouldBe(new DateOnly(1980, 1, 1));
        code.Sex.ShouldBe(Sex.Male);
    }

    [Theory]
    [InlineData("RSSMRA20A01D612K", "2020-01-01")]
    [InlineData("RSSMRA30A01D612M", "1930-01-01")]
    [InlineData("RSSMRA00A01D612G", "2000-01-01")]
    [InlineData("RSSMRA25T31D612F", "1925-12-31")]
    public void The_century_of_birth_is_the_one_that_puts_the_birth_in_the_past(string input, string expected) =>
        TaxCode.Parse(input).BirthDate(Today).ShouldBe(DateOnly.Parse(expected));

    [Fact]
    public void A_code_with_a_day_missing_from_its_month_has_no_birth_date() =>
        TaxCode.Parse("RSSMRA80B30D612B").BirthDate(Today).ShouldBeNull();

    [Theory]
    [InlineData(null, "tax_code.required", "Il codice fiscale è obbligatorio")]
    [InlineData("   ", "tax_code.required", "Il codice fiscale è obbligatorio")]
    [InlineData("RSSMRA80A01D612", "tax_code.length", "Il codice fiscale deve avere 16 caratteri (11 cifre per enti e società)")]
    [InlineData("RSSMRA80A01D612YY", "tax_code.length", "Il codice fiscale deve avere 16 caratteri (11 cifre per enti e società)")]
    [InlineData("RSSMRA80A01D612X", "tax_code.check", "Carattere di controllo errato")]
    [InlineData("01386030489", "tax_code.check", "Cifra di controllo errata")]
    [InlineData("0138603048A", "tax_code.format", "Il codice fiscale di 11 caratteri deve contenere solo cifre")]
    [InlineData("00000000000", "tax_code.format", "Il codice fiscale non può essere composto solo da zeri")]
    [InlineData("RSSMRA8XA01D612Y", "tax_code.format", "Il codice fiscale non ha il formato previsto: 6 lettere, 2 cifre, 1 lettera, 2 cifre, 1 lettera, 3 cifre, 1 lettera")]
    [InlineData("RSSMR480A01D612Y", "tax_code.format", "Il codice fiscale non ha il formato previsto: 6 lettere, 2 cifre, 1 lettera, 2 cifre, 1 lettera, 3 cifre, 1 lettera")]
    [InlineData("RSSMRA80A01D6 2Y", "tax_code.format", "Il codice fiscale non ha il formato previsto: 6 lettere, 2 cifre, 1 lettera, 2 cifre, 1 lettera, 3 cifre, 1 lettera")]
    [InlineData("RSSMRA80Z01D612U", "tax_code.month", "Il mese di nascita nel codice fiscale non è valido")]
    [InlineData("RSSMRA80A35D612O", "tax_code.day", "Il giorno di nascita nel codice fiscale non è valido")]
    [InlineData("RSSMRA80A00D612Z", "tax_code.day", "Il giorno di nascita nel codice fiscale non è valido")]
    public void A_bad_code_is_refused_with_an_Italian_message(string? input, string code, string message)
    {
        var result = TaxCode.Create(input);

        result.IsFailure.ShouldBeTrue();
        result.Error.ShouldBe(new Error(code, message));
        TaxCode.TryParse(input, out var parsed).ShouldBeFalse();
        parsed.ShouldBeNull();
        Should.Throw<FormatException>(() => TaxCode.Parse(input)).Message.ShouldBe(message);
    }

    [Fact]
    public void TryParse_gives_the_code_when_valid()
    {
        TaxCode.TryParse("BNCGLI85M52G999P", out var code).ShouldBeTrue();
        code.ShouldBe(TaxCode.Parse("bncgli85m52g999p"));
        code.ToString().ShouldBe("BNCGLI85M52G999P");
    }

    [Fact]
    public void Every_single_character_typo_in_a_valid_code_is_caught()
    {
        const string valid = "RSSMRA80A01D612Y";
        for (var i = 0; i < valid.Length; i++)
        {
            var replacement = char.IsAsciiDigit(valid[i]) ? (char)('0' + ((valid[i] - '0' + 1) % 10)) : (valid[i] == 'Z' ? 'A' : (char)(valid[i] + 1));
            var typo = valid[..i] + replacement + valid[(i + 1)..];
            TaxCode.TryParse(typo, out _).ShouldBeFalse(typo);
        }
    }
}
