using System.Diagnostics.CodeAnalysis;

namespace PenToscana.Kernel.Values;

/// <summary>The outcome of a business action that returns nothing: success, or an <see cref="Values.Error"/>.</summary>
public sealed class Result
{
    private static readonly Result Succeeded = new(null);

    private Result(Error? error) => Error = error;

    public Error? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    [MemberNotNullWhen(true, nameof(Error))]
    public bool IsFailure => Error is not null;

    public static Result Success() => Succeeded;

    public static Result Failure(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new Result(error);
    }

    public static Result<T> Success<T>(T value) => new(value, null);

    public static Result<T> Failure<T>(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new Result<T>(default, error);
    }

    public static implicit operator Result(Error error) => Failure(error);

    public override string ToString() => IsSuccess ? "Success" : $"Failure {Error.Code}: {Error.Message}";
}

/// <summary>The outcome of a business action: a value, or an <see cref="Values.Error"/>.</summary>
public sealed class Result<T>
{
    private readonly T? value;

    internal Result(T? value, Error? error)
    {
        this.value = value;
        Error = error;
    }

    public Error? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    [MemberNotNullWhen(true, nameof(Error))]
    public bool IsFailure => Error is not null;

    /// <summary>The value of a success; reading it from a failure is a bug and throws.</summary>
    public T Value => IsSuccess
        ? value!
        : throw new InvalidOperationException($"The result is a failure ({Error.Code}: {Error.Message}) and has no value.");

    public static implicit operator Result<T>(T value) => Result.Success(value);

    public static implicit operator Result<T>(Error error) => Result.Failure<T>(error);

    public override string ToString() => IsSuccess ? $"Success {value}" : $"Failure {Error.Code}: {Error.Message}";
}
