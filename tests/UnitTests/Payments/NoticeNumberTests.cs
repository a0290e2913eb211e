using System.Globalization;
using PenToscana.Modules.Payments.Domain;

namespace PenToscana.UnitTests.Payments;

public sealed class NoticeNumberTests
{
    /// <summary>The reference vectors (shared/reference/pagopa/samples/formats/notice-number-vectors.csv), good and bad.</summary>
    public static TheoryData<string, string, bool> Vectors() => new()
    {
        { "300694561000991121", "00694561000991121", true },
        { "301084890429960090", "01084890429960090", true },
        { "347165586400465153", "47165586400465153", true },
        { "001123456789012313", "123456789012313", true },
        { "212345678901234544", "12345678901234544", true },
        { "112345678901234567", "12345678901234567", true },
        { "347164993070184562", "47164993070184562", true },
        { "311111111112222222", "11111111112222222", false },
        { "302012387654312384", "02012387654312384", false },
        { "347000000880099993", "47000000880099993", false },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void The_validator_accepts_the_good_reference_vectors_and_rejects_the_official_examples_with_wrong_check_digits(string notice, string iuv, bool valid)
    {
        NoticeNumber.TryParse(notice, out var parsed, out var error).ShouldBe(valid, error);
        if (valid)
        {
            parsed.Iuv.ShouldBe(iuv);
        }
        else
        {
            error.ShouldNotBeNull().ShouldContain("cifre di controllo");
        }
    }

    [Theory]
    [InlineData("3111111111122222", "47")]
    [InlineData("3020123876543123", "86")]
    [InlineData("3470000008800999", "60")]
    public void The_check_digits_are_the_first_sixteen_digits_modulo_93(string head, string expected)
        => NoticeNumber.CheckDigits(head).ShouldBe(expected);

    [Fact]
    public void Generated_notice_numbers_for_aux_digit_3_carry_the_segregation_code_and_valid_check_digits()
    {
        var notice = NoticeNumber.Create('3', "47", 1655864004651);
        notice.Value.ShouldBe("347165586400465153");
        notice.Iuv.ShouldBe("47165586400465153");
        notice.Grouped.ShouldBe("3471 6558 6400 4651 53");
    }

    [Fact]
    public void Generated_notice_numbers_for_aux_digit_0_keep_the_application_code_out_of_the_iuv()
    {
        var notice = NoticeNumber.Create('0', "01", 1234567890123);
        notice.Value.ShouldBe("001123456789012313");
        notice.Iuv.ShouldBe("123456789012313");
    }

    [Fact]
    public void Every_generated_notice_number_passes_the_validator()
    {
        for (long seq = 0; seq < 2000; seq += 7)
        {
            NoticeNumber.IsValid(NoticeNumber.Create('3', "02", seq * 1_000_003).Value).ShouldBeTrue(seq.ToString(CultureInfo.InvariantCulture));
        }
    }

    [Theory]
    [InlineData("34716558640046515")]
    [InlineData("3471655864004651530")]
    [InlineData("34716558640046515A")]
    [InlineData("447165586400465153")]
    [InlineData("")]
    public void Malformed_notice_numbers_are_rejected_with_an_italian_message(string text)
    {
        NoticeNumber.TryParse(text, out _, out var error).ShouldBeFalse();
        error.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void A_notice_number_typed_in_groups_of_four_is_accepted()
        => NoticeNumber.TryParse("3471 6558 6400 4651 53", out var n, out _).ShouldBeTrue();
}
