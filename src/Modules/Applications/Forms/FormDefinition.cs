using System.Text.Json;
using System.Text.Json.Serialization;

namespace PenToscana.Modules.Applications.Forms;

/// <summary>
/// A guided form: steps of fields, stored as JSON per service version. The same definition drives the pages, the API and the
/// server-side validation (<see cref="FormRules"/>).
/// </summary>
internal sealed record FormDefinition
{
    public required string Title { get; init; }

    public IReadOnlyList<FormStep> Steps { get; init; } = [];

    /// <summary>Whether the applicant may attach a signed copy (.p7m or PDF) at the summary.</summary>
    public bool AllowSignedAttachment { get; init; }

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    public static FormDefinition Parse(string json)
        => JsonSerializer.Deserialize<FormDefinition>(json, Json) ?? throw new JsonException("Definizione vuota.");

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Every field of the form, with its step, including the fields inside groups.</summary>
    public IEnumerable<FormField> AllFields() => Steps.SelectMany(s => s.Fields).SelectMany(f => f.SelfAndChildren());

    public FormField? FindTopLevel(string key) => Steps.SelectMany(s => s.Fields).FirstOrDefault(f => f.Key == key);
}

internal sealed record FormStep
{
    public required string Key { get; init; }

    public required string Title { get; init; }

    public string? Description { get; init; }

    public Condition? ShowIf { get; init; }

    public IReadOnlyList<FormField> Fields { get; init; } = [];
}

/// <summary>Types of field the engine knows. Anything else is rejected by <see cref="DefinitionValidator"/>.</summary>
internal static class FieldTypes
{
    public const string Text = "text";
    public const string LongText = "longtext";
    public const string Number = "number";
    public const string Money = "money";
    public const string Date = "date";
    public const string Choice = "choice";
    public const string MultiChoice = "multichoice";
    public const string YesNo = "yesno";
    public const string Email = "email";
    public const string Phone = "phone";
    public const string TaxCode = "taxcode";
    public const string VatNumber = "vatnumber";
    public const string Iban = "iban";
    public const string Address = "address";
    public const string File = "file";
    public const string Group = "group";
    public const string Computed = "computed";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Text, LongText, Number, Money, Date, Choice, MultiChoice, YesNo, Email, Phone, TaxCode, VatNumber, Iban, Address, File, Group, Computed,
    };

    public static string Label(string type) => type switch
    {
        Text => "Testo",
        LongText => "Testo lungo",
        Number => "Numero",
        Money => "Importo in euro",
        Date => "Data",
        Choice => "Scelta singola",
        MultiChoice => "Scelta multipla",
        YesNo => "Sì/No",
        Email => "E-mail",
        Phone => "Telefono",
        TaxCode => "Codice fiscale",
        VatNumber => "Partita IVA",
        Iban => "IBAN",
        Address => "Indirizzo",
        File => "Allegato",
        Group => "Gruppo ripetibile",
        Computed => "Valore calcolato",
        _ => type,
    };
}

internal sealed record FormField
{
    public required string Key { get; init; }

    public required string Label { get; init; }

    public required string Type { get; init; }

    public string? Hint { get; init; }

    public bool Required { get; init; }

    /// <summary>Required when the condition holds (e.g. "ISEE attestation number" when "ISEE declared" is yes).</summary>
    public Condition? RequiredIf { get; init; }

    public Condition? ShowIf { get; init; }

    /// <summary>A .NET regular expression the whole value must match (text types).</summary>
    public string? Pattern { get; init; }

    public string? PatternMessage { get; init; }

    public int? MaxLength { get; init; }

    /// <summary>Range for numbers and money (euros), dates (ISO yyyy-MM-dd) as strings.</summary>
    public decimal? Min { get; init; }

    public decimal? Max { get; init; }

    public string? MinDate { get; init; }

    public string? MaxDate { get; init; }

    public IReadOnlyList<string>? Options { get; init; }

    /// <summary>File extensions accepted, with the dot (".pdf").</summary>
    public IReadOnlyList<string>? Accept { get; init; }

    public int? MaxSizeKb { get; init; }

    /// <summary>Children of a repeating group.</summary>
    public IReadOnlyList<FormField>? Fields { get; init; }

    public int? MinItems { get; init; }

    public int? MaxItems { get; init; }

    /// <summary>Singular name of one item of the group, e.g. "asilo".</summary>
    public string? ItemLabel { get; init; }

    /// <summary>Prefill source: taxCode, fullName, givenName, familyName, email, birthDate, company.</summary>
    public string? Prefill { get; init; }

    /// <summary>Prefilled identity data the applicant may not change (SPID attributes).</summary>
    public bool ReadOnly { get; init; }

    public Computation? Compute { get; init; }

    public IEnumerable<FormField> SelfAndChildren()
    {
        yield return this;
        foreach (var child in Fields ?? [])
        {
            yield return child;
        }
    }
}

/// <summary>A condition on another field's value: equal to a value, one of several, or simply filled in.</summary>
internal sealed record Condition
{
    public required string Field { get; init; }

    public string? EqualTo { get; init; }

    public IReadOnlyList<string>? In { get; init; }

    public bool? Filled { get; init; }
}

/// <summary>A read-only computed value: <c>base + perItem × (items of a group, or a number field)</c> (money in cents), or a sum of number fields.</summary>
internal sealed record Computation
{
    public long BaseCents { get; init; }

    public long PerItemCents { get; init; }

    public string? ItemsOf { get; init; }

    /// <summary>A number field that multiplies <see cref="PerItemCents"/> (e.g. the copies requested).</summary>
    public string? TimesField { get; init; }

    public IReadOnlyList<string>? SumOf { get; init; }

    /// <summary>The value (in cents) is a fee to pay through pagoPA with the application: the application proceeds once it is paid.</summary>
    public bool Payable { get; init; }
}
