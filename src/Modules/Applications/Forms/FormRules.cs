using System.Globalization;
using System.Net.Mail;
using System.Text.RegularExpressions;
using PenToscana.Kernel.Values;

namespace PenToscana.Modules.Applications.Forms;

/// <summary>An error on one field, keyed like the data ("genitori[1].codiceFiscale"), in Italian.</summary>
internal sealed record FieldError(string Key, string Label, string Message);

/// <summary>
/// The rules of a form run on the server: at every step, at the summary and at submit, and through the API. The pages' client
/// checks are only a convenience. Values are strings keyed by field key; items of a group are "group[i].field" and the group's
/// own key holds the number of items; a multiple choice holds its options joined by <see cref="MultiSeparator"/>.
/// </summary>
internal static partial class FormRules
{
    public const char MultiSeparator = '|';

    private static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(200);

    public static string ItemKey(string group, int index, string child) => $"{group}[{index}].{child}";

    public static int ItemCount(FormField group, IReadOnlyDictionary<string, string> data)
        => data.TryGetValue(group.Key, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? Math.Clamp(n, 0, group.MaxItems ?? 20)
            : Math.Max(group.MinItems ?? 0, group.Required ? 1 : 0);

    public static bool Holds(Condition? condition, IReadOnlyDictionary<string, string> data, string? itemPrefix = null)
    {
        if (condition is null)
        {
            return true;
        }

        var value = Read(condition.Field, data, itemPrefix);
        if (condition.EqualTo is { } equal)
        {
            return string.Equals(value, equal, StringComparison.Ordinal);
        }

        if (condition.In is { } set)
        {
            return value is not null && value.Split(MultiSeparator).Any(set.Contains);
        }

        var filled = !string.IsNullOrWhiteSpace(value);
        return condition.Filled is not false ? filled : !filled;
    }

    private static string? Read(string key, IReadOnlyDictionary<string, string> data, string? itemPrefix)
    {
        if (itemPrefix is not null && data.TryGetValue(itemPrefix + key, out var sibling))
        {
            return sibling;
        }

        return data.GetValueOrDefault(key);
    }

    public static bool StepVisible(FormStep step, IReadOnlyDictionary<string, string> data) => Holds(step.ShowIf, data);

    /// <summary>Validates one step as the applicant leaves it.</summary>
    public static List<FieldError> ValidateStep(FormDefinition form, int stepIndex, IReadOnlyDictionary<string, string> data, DateOnly today)
    {
        var errors = new List<FieldError>();
        var step = form.Steps[stepIndex];
        if (!StepVisible(step, data))
        {
            return errors;
        }

        foreach (var field in step.Fields)
        {
            ValidateField(field, field.Key, null, data, today, errors);
        }

        return errors;
    }

    /// <summary>Validates every visible step, as the submission does.</summary>
    public static List<FieldError> ValidateAll(FormDefinition form, IReadOnlyDictionary<string, string> data, DateOnly today)
    {
        var errors = new List<FieldError>();
        for (int i = 0; i < form.Steps.Count; i++)
        {
            errors.AddRange(ValidateStep(form, i, data, today));
        }

        return errors;
    }

    private static void ValidateField(FormField field, string key, string? itemPrefix, IReadOnlyDictionary<string, string> data, DateOnly today, List<FieldError> errors)
    {
        if (!Holds(field.ShowIf, data, itemPrefix) || field.Type == FieldTypes.Computed)
        {
            return;
        }

        if (field.Type == FieldTypes.Group)
        {
            var count = ItemCount(field, data);
            if (field.Required && count == 0 || count < (field.MinItems ?? 0))
            {
                errors.Add(new(key, field.Label, $"Indica almeno {Math.Max(1, field.MinItems ?? 1)} {(field.ItemLabel ?? "elemento")}."));
            }

            if (field.MaxItems is { } max && count > max)
            {
                errors.Add(new(key, field.Label, $"Puoi indicare al massimo {max} {(field.ItemLabel ?? "elementi")}."));
            }

            for (int i = 0; i < count; i++)
            {
                var prefix = $"{field.Key}[{i}].";
                foreach (var child in field.Fields ?? [])
                {
                    ValidateField(child, prefix + child.Key, prefix, data, today, errors);
                }
            }

            return;
        }

        var value = data.GetValueOrDefault(key)?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            if (field.Required || (field.RequiredIf is not null && Holds(field.RequiredIf, data, itemPrefix)))
            {
                errors.Add(new(key, field.Label, field.Type is FieldTypes.File ? "Allega il documento richiesto." : field.Type is FieldTypes.Choice or FieldTypes.MultiChoice or FieldTypes.YesNo
                    ? "Seleziona una risposta." : "Il campo è obbligatorio."));
            }

            return;
        }

        var message = CheckValue(field, value, today);
        if (message is not null)
        {
            errors.Add(new(key, field.Label, message));
        }
    }

    /// <summary>The Italian message for a filled-in value that breaks the field's rules, or null.</summary>
    public static string? CheckValue(FormField field, string value, DateOnly today)
    {
        int maxLength = field.MaxLength ?? (field.Type == FieldTypes.LongText ? 4000 : 300);
        if (value.Length > maxLength)
        {
            return $"Il testo è troppo lungo: al massimo {maxLength} caratteri.";
        }

        string? typeError = field.Type switch
        {
            FieldTypes.Number => CheckNumber(field, value),
            FieldTypes.Money => CheckMoney(field, value),
            FieldTypes.Date => CheckDate(field, value, today),
            FieldTypes.Choice => field.Options?.Contains(value) == true ? null : "Seleziona una delle opzioni proposte.",
            FieldTypes.MultiChoice => value.Split(MultiSeparator).All(v => field.Options?.Contains(v) == true) ? null : "Seleziona solo opzioni tra quelle proposte.",
            FieldTypes.YesNo => value is "si" or "no" ? null : "Rispondi sì o no.",
            FieldTypes.Email => IsEmail(value) ? null : "Indica un indirizzo e-mail valido, ad esempio nome@esempio.it.",
            FieldTypes.Phone => PhonePattern().IsMatch(value) ? null : "Indica un numero di telefono valido: solo cifre, eventualmente con il prefisso +39.",
            FieldTypes.TaxCode => TaxCode.Create(value) is { IsFailure: true } tc ? tc.Error.Message : null,
            FieldTypes.VatNumber => VatNumber.Create(value) is { IsFailure: true } vat ? vat.Error.Message : null,
            FieldTypes.Iban => Ibans.Check(value),
            _ => null,
        };
        if (typeError is not null)
        {
            return typeError;
        }

        if (field.Pattern is { } pattern && !Regex.IsMatch(value, $"^(?:{pattern})$", RegexOptions.CultureInvariant, PatternTimeout))
        {
            return field.PatternMessage ?? "Il valore non è nel formato richiesto.";
        }

        return null;
    }

    private static string? CheckNumber(FormField field, string value)
    {
        if (!decimal.TryParse(value.Replace(',', '.'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return "Indica un numero, ad esempio 12 oppure 12,5.";
        }

        return Range(field, number, n => n.ToString("0.##", CultureInfo.GetCultureInfo("it-IT")));
    }

    private static string? CheckMoney(FormField field, string value)
    {
        var money = Money.Create(value);
        if (money.IsFailure)
        {
            return money.Error.Message;
        }

        return Range(field, money.Value.Cents / 100m, n => n.ToString("#,##0.00", CultureInfo.GetCultureInfo("it-IT")) + " €");
    }

    private static string? Range(FormField field, decimal number, Func<decimal, string> show)
    {
        if (field.Min is { } min && number < min)
        {
            return $"Il valore minimo è {show(min)}.";
        }

        if (field.Max is { } max && number > max)
        {
            return $"Il valore massimo è {show(max)}.";
        }

        return null;
    }

    private static string? CheckDate(FormField field, string value, DateOnly today)
    {
        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return "Indica una data valida (giorno, mese e anno).";
        }

        if (ParseBound(field.MinDate, today) is { } min && date < min)
        {
            return $"La data non può essere precedente al {min:dd/MM/yyyy}.";
        }

        if (ParseBound(field.MaxDate, today) is { } max && date > max)
        {
            return $"La data non può essere successiva al {max:dd/MM/yyyy}.";
        }

        return null;
    }

    /// <summary>A date bound: ISO date, or "today", or "today-6y" style offsets in days/months/years.</summary>
    internal static DateOnly? ParseBound(string? bound, DateOnly today)
    {
        if (string.IsNullOrEmpty(bound))
        {
            return null;
        }

        if (DateOnly.TryParseExact(bound, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var fixedDate))
        {
            return fixedDate;
        }

        var match = BoundPattern().Match(bound);
        if (!match.Success)
        {
            return null;
        }

        if (!match.Groups[1].Success)
        {
            return today;
        }

        var amount = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) * (match.Groups[1].Value == "-" ? -1 : 1);
        return match.Groups[3].Value switch
        {
            "d" => today.AddDays(amount),
            "m" => today.AddMonths(amount),
            _ => today.AddYears(amount),
        };
    }

    private static bool IsEmail(string value)
        => value.Length <= 200 && MailAddress.TryCreate(value, out var address) && address.Address == value && value.Contains('.', StringComparison.Ordinal);

    /// <summary>
    /// The data as they may be kept: only keys the form defines, no values of hidden steps or fields (a tampered hidden field
    /// is dropped, not trusted), groups cut to their item count, computed values recalculated here.
    /// </summary>
    public static Dictionary<string, string> Clean(FormDefinition form, IReadOnlyDictionary<string, string> data)
    {
        var clean = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var step in form.Steps)
        {
            if (!StepVisible(step, data))
            {
                continue;
            }

            foreach (var field in step.Fields)
            {
                CopyField(field, field.Key, null, data, clean);
            }
        }

        foreach (var field in form.AllFields().Where(f => f.Type == FieldTypes.Computed && f.Compute is not null))
        {
            // A computed value under a condition (e.g. the stamp duty only "in bollo") exists only while the condition holds.
            if (Holds(field.ShowIf, clean))
            {
                clean[field.Key] = Compute(form, field.Compute!, clean).ToString(CultureInfo.InvariantCulture);
            }
        }

        return clean;
    }

    /// <summary>
    /// The fee due with an application, in cents: the service's fixed fee plus the payable computed values of the cleaned data
    /// (recomputed by <see cref="Clean"/>, never taken from the applicant).
    /// </summary>
    public static long FeeCents(FormDefinition form, long fixedFeeCents, IReadOnlyDictionary<string, string> clean)
    {
        long total = fixedFeeCents;
        foreach (var field in form.AllFields().Where(f => f.Type == FieldTypes.Computed && f.Compute is { Payable: true, SumOf: null }))
        {
            if (clean.TryGetValue(field.Key, out var value) && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var cents) && cents > 0)
            {
                total += cents;
            }
        }

        return total;
    }

    private static void CopyField(FormField field, string key, string? itemPrefix, IReadOnlyDictionary<string, string> data, Dictionary<string, string> clean)
    {
        if (!Holds(field.ShowIf, data, itemPrefix) || field.Type == FieldTypes.Computed)
        {
            return;
        }

        if (field.Type == FieldTypes.Group)
        {
            var count = Math.Min(ItemCount(field, data), field.MaxItems ?? 20);
            clean[key] = count.ToString(CultureInfo.InvariantCulture);
            for (int i = 0; i < count; i++)
            {
                var prefix = $"{field.Key}[{i}].";
                foreach (var child in field.Fields ?? [])
                {
                    CopyField(child, prefix + child.Key, prefix, data, clean);
                }
            }

            return;
        }

        if (data.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value))
        {
            clean[key] = value.Trim();
        }
    }

    /// <summary>A computed value: cents for a fee, or the sum of number fields.</summary>
    public static decimal Compute(FormDefinition form, Computation computation, IReadOnlyDictionary<string, string> data)
    {
        if (computation.SumOf is { Count: > 0 } fields)
        {
            decimal sum = 0;
            foreach (var key in fields)
            {
                if (decimal.TryParse(data.GetValueOrDefault(key)?.Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var x))
                {
                    sum += x;
                }
            }

            return sum;
        }

        var items = computation.ItemsOf is { } groupKey && form.FindTopLevel(groupKey) is { } group ? ItemCount(group, data)
            : computation.TimesField is { } times && int.TryParse(data.GetValueOrDefault(times), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
            : 0;
        return computation.BaseCents + (computation.PerItemCents * items);
    }

    /// <summary>How a stored value reads on the summary, the PDF and the back office.</summary>
    public static string Display(FormField field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "—";
        }

        return field.Type switch
        {
            FieldTypes.YesNo => value == "si" ? "Sì" : "No",
            FieldTypes.Date when DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
            FieldTypes.MultiChoice => string.Join(", ", value.Split(MultiSeparator)),
            FieldTypes.Money when Money.TryParse(value, out var m) => m.ToString(),
            FieldTypes.Computed when field.Compute?.SumOf is null && long.TryParse(value, CultureInfo.InvariantCulture, out var cents) => Money.FromCents(cents).ToString(),
            FieldTypes.TaxCode or FieldTypes.Iban => value.ToUpperInvariant().Replace(" ", "", StringComparison.Ordinal),
            _ => value,
        };
    }

    [GeneratedRegex(@"^\+?[0-9][0-9 ]{5,19}$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^today(?:([+-])(\d{1,3})([dmy]))?$")]
    private static partial Regex BoundPattern();
}

/// <summary>IBAN check: the kernel <see cref="Iban"/> value (country, length per country, mod-97).</summary>
internal static class Ibans
{
    public static string? Check(string input) => Iban.Create(input) is { IsFailure: true } failed ? failed.Error.Message : null;
}
