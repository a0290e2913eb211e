namespace PenToscana.Kernel.Calendar;

public enum TermUnit
{
    Days,
    WorkingDays,
    Months,
    Years,
}

/// <summary>How long a term lasts: "30 giorni", "10 giorni lavorativi", "2 mesi".</summary>
public sealed record TermLength
{
    private TermLength(int amount, TermUnit unit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(amount, 1);
        Amount = amount;
        Unit = unit;
    }

    public int Amount { get; }

    public TermUnit Unit { get; }

    public static TermLength Days(int amount) => new(amount, TermUnit.Days);

    public static TermLength WorkingDays(int amount) => new(amount, TermUnit.WorkingDays);

    public static TermLength Months(int amount) => new(amount, TermUnit.Months);

    public static TermLength Years(int amount) => new(amount, TermUnit.Years);

    public override string ToString() => (Unit, Amount) switch
    {
        (TermUnit.Days, 1) => "1 giorno",
        (TermUnit.Days, _) => $"{Amount} giorni",
        (TermUnit.WorkingDays, 1) => "1 giorno lavorativo",
        (TermUnit.WorkingDays, _) => $"{Amount} giorni lavorativi",
        (TermUnit.Months, 1) => "1 mese",
        (TermUnit.Months, _) => $"{Amount} mesi",
        (TermUnit.Years, 1) => "1 anno",
        _ => $"{Amount} anni",
    };
}
