namespace PenToscana.Kernel.Calendar;

/// <summary>A named holiday on a given date, e.g. 2025-04-21 "Lunedì dell'Angelo".</summary>
public sealed record Holiday(DateOnly Date, string Name);
