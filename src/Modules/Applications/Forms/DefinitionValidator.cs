using System.Text.Json;
using System.Text.RegularExpressions;

namespace PenToscana.Modules.Applications.Forms;

/// <summary>
/// Checks a form definition before it is saved: valid JSON, known field types, unique keys, choices with options, conditions
/// that point to fields that exist, patterns that compile. Messages are in Italian for the administrator.
/// </summary>
internal static partial class DefinitionValidator
{
    public static (FormDefinition? Form, List<string> Errors) Validate(string json)
    {
        var errors = new List<string>();
        FormDefinition? form;
        try
        {
            form = FormDefinition.Parse(json);
        }
        catch (JsonException ex)
        {
            errors.Add($"La definizione non è un JSON valido: {ex.Message}");
            return (null, errors);
        }

        if (string.IsNullOrWhiteSpace(form.Title))
        {
            errors.Add("Manca il titolo del modulo.");
        }

        if (form.Steps.Count == 0)
        {
            errors.Add("Il modulo deve avere almeno un passo.");
        }

        var topKeys = new HashSet<string>(StringComparer.Ordinal);
        var stepKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var step in form.Steps)
        {
            if (string.IsNullOrWhiteSpace(step.Key) || !KeyPattern().IsMatch(step.Key))
            {
                errors.Add($"Il passo \"{step.Title}\" ha una chiave non valida: usa lettere, cifre e trattini bassi.");
            }
            else if (!stepKeys.Add(step.Key))
            {
                errors.Add($"La chiave di passo \"{step.Key}\" è ripetuta.");
            }

            foreach (var field in step.Fields)
            {
                CheckField(field, $"passo \"{step.Key}\"", topKeys, errors, insideGroup: false);
            }
        }

        // Conditions are checked once every key is known, so a condition may refer to a later field.
        foreach (var step in form.Steps)
        {
            CheckCondition(step.ShowIf, topKeys, null, $"passo \"{step.Key}\"", errors);
            foreach (var field in step.Fields)
            {
                CheckCondition(field.ShowIf, topKeys, null, $"campo \"{field.Key}\"", errors);
                CheckCondition(field.RequiredIf, topKeys, null, $"campo \"{field.Key}\"", errors);
                var siblings = (field.Fields ?? []).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
                foreach (var child in field.Fields ?? [])
                {
                    CheckCondition(child.ShowIf, topKeys, siblings, $"campo \"{field.Key}.{child.Key}\"", errors);
                    CheckCondition(child.RequiredIf, topKeys, siblings, $"campo \"{field.Key}.{child.Key}\"", errors);
                }

                if (field.Compute is { } compute)
                {
                    if (compute.ItemsOf is { } group && form.FindTopLevel(group)?.Type != FieldTypes.Group)
                    {
                        errors.Add($"Il campo \"{field.Key}\" conta gli elementi di \"{group}\", che non è un gruppo ripetibile del modulo.");
                    }

                    if (compute.TimesField is { } times && form.FindTopLevel(times)?.Type != FieldTypes.Number)
                    {
                        errors.Add($"Il campo \"{field.Key}\" moltiplica per \"{times}\", che non è un campo numerico del modulo.");
                    }

                    foreach (var key in compute.SumOf ?? [])
                    {
                        if (!topKeys.Contains(key))
                        {
                            errors.Add($"Il campo \"{field.Key}\" somma il campo \"{key}\", che non esiste.");
                        }
                    }

                    // A fee is money the applicant pays with pagoPA: a sum of numbers is not an amount, and an amount is never negative.
                    if (compute.Payable && compute.SumOf is not null)
                    {
                        errors.Add($"Il campo \"{field.Key}\" è una somma di numeri e non può essere un importo da pagare: togliere \"payable\" o calcolarlo in euro (baseCents, perItemCents).");
                    }

                    if (compute.Payable && (compute.BaseCents < 0 || compute.PerItemCents < 0))
                    {
                        errors.Add($"L'importo da pagare del campo \"{field.Key}\" non può essere negativo.");
                    }
                }
            }
        }

        return (errors.Count == 0 ? form : null, errors);
    }

    private static void CheckField(FormField field, string where, HashSet<string> keys, List<string> errors, bool insideGroup)
    {
        if (string.IsNullOrWhiteSpace(field.Key) || !KeyPattern().IsMatch(field.Key))
        {
            errors.Add($"Nel {where} il campo \"{field.Label}\" ha una chiave non valida: usa lettere, cifre e trattini bassi.");
            return;
        }

        if (!keys.Add(field.Key))
        {
            errors.Add($"La chiave \"{field.Key}\" è usata da più campi.");
        }

        if (string.IsNullOrWhiteSpace(field.Label))
        {
            errors.Add($"Il campo \"{field.Key}\" non ha un'etichetta.");
        }

        if (!FieldTypes.All.Contains(field.Type))
        {
            errors.Add($"Il campo \"{field.Key}\" ha un tipo sconosciuto: \"{field.Type}\". Tipi ammessi: {string.Join(", ", FieldTypes.All)}.");
            return;
        }

        if (field.Type is FieldTypes.Choice or FieldTypes.MultiChoice)
        {
            if (field.Options is not { Count: > 0 })
            {
                errors.Add($"Il campo di scelta \"{field.Key}\" non ha opzioni.");
            }
            else if (field.Options.Any(o => string.IsNullOrWhiteSpace(o) || o.Contains(FormRules.MultiSeparator, StringComparison.Ordinal)))
            {
                errors.Add($"Le opzioni del campo \"{field.Key}\" non possono essere vuote né contenere il carattere \"|\".");
            }
        }

        if (field.Type == FieldTypes.Computed && field.Compute is null)
        {
            errors.Add($"Il campo calcolato \"{field.Key}\" non dice come calcolare il valore.");
        }

        if (field.Type == FieldTypes.File && field.Accept is { } accept && accept.Any(a => !a.StartsWith('.')))
        {
            errors.Add($"Le estensioni accettate dal campo \"{field.Key}\" iniziano con il punto, ad esempio \".pdf\".");
        }

        if (field.Pattern is { } pattern)
        {
            try
            {
                _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromMilliseconds(200));
            }
            catch (ArgumentException)
            {
                errors.Add($"Il formato (espressione regolare) del campo \"{field.Key}\" non è valido.");
            }
        }

        if (field.Type == FieldTypes.Group)
        {
            if (insideGroup)
            {
                errors.Add($"Il gruppo \"{field.Key}\" è dentro un altro gruppo: i gruppi ripetibili non si annidano.");
            }

            if (field.Fields is not { Count: > 0 })
            {
                errors.Add($"Il gruppo ripetibile \"{field.Key}\" non ha campi.");
                return;
            }

            if (field.MaxItems is { } max && (max < 1 || max > 20 || max < (field.MinItems ?? 0)))
            {
                errors.Add($"Il gruppo \"{field.Key}\" ha un numero massimo di elementi non valido (da 1 a 20, non inferiore al minimo).");
            }

            var childKeys = new HashSet<string>(StringComparer.Ordinal);
            foreach (var child in field.Fields)
            {
                CheckField(child, $"gruppo \"{field.Key}\"", childKeys, errors, insideGroup: true);
            }
        }
        else if (field.Fields is { Count: > 0 })
        {
            errors.Add($"Il campo \"{field.Key}\" non è un gruppo ma contiene altri campi.");
        }
    }

    private static void CheckCondition(Condition? condition, HashSet<string> topKeys, HashSet<string>? siblings, string where, List<string> errors)
    {
        if (condition is null)
        {
            return;
        }

        if (!topKeys.Contains(condition.Field) && siblings?.Contains(condition.Field) != true)
        {
            errors.Add($"La condizione del {where} si riferisce al campo \"{condition.Field}\", che non esiste nel modulo.");
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,49}$")]
    private static partial Regex KeyPattern();
}
