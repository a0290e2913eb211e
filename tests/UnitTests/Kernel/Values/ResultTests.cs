using PenToscana.Kernel.Values;

namespace PenToscana.UnitTests.Kernel.Values;

public sealed class ResultTests
{
    private static readonly Error NotFound = new("application.not_found", "Istanza non trovata");

    [Fact]
    public void A_success_has_no_error()
    {
        var result = Result.Success();
        result.IsSuccess.ShouldBeTrue();
        result.IsFailure.ShouldBeFalse();
        result.Error.ShouldBeNull();
    }

    [Fact]
    public void A_failure_carries_its_error()
    {
        Result result = NotFound;
        result.IsFailure.ShouldBeTrue();
        result.Error.ShouldBe(NotFound);
        Result.Failure(NotFound).Error.ShouldBe(NotFound);
    }

    [Fact]
    public void A_successful_result_carries_its_value()
    {
        Result<int> result = 42;
        result.IsSuccess.ShouldBeTrue();
        result.Value.ShouldBe(42);
        result.Error.ShouldBeNull();
        Result.Success("ok").Value.ShouldBe("ok");
    }

    [Fact]
    public void Reading_the_value_of_a_failure_is_a_bug()
    {
        Result<int> result = NotFound;
        result.IsFailure.ShouldBeTrue();
        result.Error.ShouldBe(NotFound);
        Should.Throw<InvalidOperationException>(() => result.Value).Message.ShouldContain("application.not_found");
        Result.Failure<string>(NotFound).IsSuccess.ShouldBeFalse();
    }

    [Fact]
    public void A_failure_needs_an_error()
    {
        Should.Throw<ArgumentNullException>(() => Result.Failure(null!));
        Should.Throw<ArgumentNullException>(() => Result.Failure<int>(null!));
    }

    [Fact]
    public void Errors_with_the_same_code_and_message_are_equal() =>
        new Error("application.not_found", "Istanza non trovata").ShouldBe(NotFound);
}
