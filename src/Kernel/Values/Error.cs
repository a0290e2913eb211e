namespace PenToscana.Kernel.Values;

/// <summary>A business failure: a stable code for programs and an Italian message for people.</summary>
public sealed record Error(string Code, string Message);
