using System.Text.RegularExpressions;

namespace PenToscana.Modules.Invoicing.Engine;

/// <summary>Italian wording for the most frequent schema validation messages; others keep the validator's text.</summary>
internal static partial class SchemaMessages
{
    [GeneratedRegex("The element '([^']*)'(?: in namespace '[^']*')? has invalid child element '([^']*)'(?: in namespace '[^']*')?\\. List of possible elements expected: '([^']*)'", RegexOptions.CultureInvariant)]
    private static partial Regex InvalidChild();

    [GeneratedRegex("The element '([^']*)'(?: in namespace '[^']*')? has incomplete content\\. List of possible elements expected: '([^']*)'", RegexOptions.CultureInvariant)]
    private static partial Regex Incomplete();

    [GeneratedRegex("The '([^']*)' element is invalid - The value '([^']*)' is invalid according to its datatype '([^']*)'", RegexOptions.CultureInvariant)]
    private static partial Regex InvalidValue();

    [GeneratedRegex("The '([^']*)' attribute is invalid - The value '([^']*)' is invalid", RegexOptions.CultureInvariant)]
    private static partial Regex InvalidAttribute();

    public static string Translate(string message)
    {
        var m = InvalidChild().Match(message);
        if (m.Success)
        {
            return $"l'elemento <{m.Groups[1].Value}> contiene l'elemento non previsto <{m.Groups[2].Value}> (attesi: {m.Groups[3].Value}).";
        }

        m = Incomplete().Match(message);
        if (m.Success)
        {
            return $"l'elemento <{m.Groups[1].Value}> è incompleto (atteso: {m.Groups[2].Value}).";
        }

        m = InvalidValue().Match(message);
        if (m.Success)
        {
            return $"il valore «{m.Groups[2].Value}» di <{Local(m.Groups[1].Value)}> non è ammesso dal tipo {Local(m.Groups[3].Value)}. {Tail(message)}";
        }

        m = InvalidAttribute().Match(message);
        if (m.Success)
        {
            return $"il valore «{m.Groups[2].Value}» dell'attributo {m.Groups[1].Value} non è ammesso.";
        }

        return message;
    }

    private static string Local(string name)
    {
        int colon = name.LastIndexOf(':');
        return colon >= 0 ? name[(colon + 1)..] : name;
    }

    private static string Tail(string message)
    {
        if (message.Contains("Enumeration constraint failed", StringComparison.Ordinal))
        {
            return "Valore non presente nella tabella dei codici.";
        }

        if (message.Contains("Pattern constraint failed", StringComparison.Ordinal))
        {
            return "Formato non rispettato.";
        }

        if (message.Contains("length", StringComparison.OrdinalIgnoreCase))
        {
            return "Lunghezza non ammessa.";
        }

        return "";
    }
}
