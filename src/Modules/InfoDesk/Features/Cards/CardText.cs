using System.Globalization;
using System.Text;

namespace PenToscana.Modules.InfoDesk.Features.Cards;

/// <summary>
/// The full-text index of an information card, the same on every database: words folded to lower case without accents,
/// Italian stop words dropped, each word reduced to a light Italian stem (singular/plural and masculine/feminine endings,
/// so "certificati" finds "certificato" and "anagrafiche" finds "anagrafica"), stored space-separated with a version mark.
/// A search matches cards holding every searched stem as the start of one of their stems (so a word typed in part matches
/// too) and ranks them: title first, then keywords, audience, and text.
/// </summary>
internal static class CardText
{
    /// <summary>Marks text indexed by this version of the rules; older rows are indexed again at start-up.</summary>
    public const string Mark = "~1 ";

    private static readonly HashSet<string> StopWords =
    [
        "a", "ad", "agli", "ai", "al", "alla", "alle", "allo", "anche", "che", "chi", "ci", "come", "con", "cui", "da", "dagli", "dai", "dal",
        "dalla", "dalle", "dallo", "de", "degli", "dei", "del", "della", "delle", "dello", "di", "dove", "e", "ed", "gli", "ha", "hanno", "i",
        "il", "in", "io", "la", "le", "lo", "ma", "mi", "ne", "negli", "nei", "nel", "nella", "nelle", "nello", "no", "non", "o", "od", "per",
        "piu", "quale", "quali", "quando", "se", "si", "sia", "sono", "su", "sua", "sue", "sugli", "sui", "sul", "sulla", "sulle", "suo",
        "suoi", "ti", "tra", "fra", "un", "una", "uno", "va", "vi",

        // What is left of elided articles and prepositions (l'ufficio, dell'ente, all'URP, c'è).
        "l", "d", "c", "m", "s", "t", "v", "dell", "all", "dall", "nell", "sull", "quell", "quest",
    ];

    /// <summary>The indexed text of a card: title, keywords, audience and body.</summary>
    public static string Index(string title, string? tags, string? audience, string body)
        => Mark + string.Join(' ', Stems(string.Join(' ', title, tags, audience, body)).Distinct());

    /// <summary>The stems of a text, in order, without stop words.</summary>
    public static IEnumerable<string> Stems(string? text)
    {
        foreach (var word in Words(text))
        {
            if (!StopWords.Contains(word))
            {
                yield return Stem(word);
            }
        }
    }

    /// <summary>Relevance of a card for the searched stems: a title hit weighs most, then keywords, audience and text.</summary>
    public static int Score(IReadOnlyCollection<string> searched, string title, string? tags, string? audience, string body)
    {
        int score = 0;
        foreach (var (text, weight) in new[] { (title, 8), (tags, 4), (audience, 2), (body, 1) })
        {
            var stems = Stems(text).ToList();
            foreach (var s in searched)
            {
                score += weight * stems.Count(t => t.StartsWith(s, StringComparison.Ordinal));
            }
        }

        return score;
    }

    private static IEnumerable<string> Words(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            yield break;
        }

        var folded = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            folded.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }

        foreach (var word in folded.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            yield return word;
        }
    }

    /// <summary>
    /// A light stemmer: the final vowel goes (number and gender), with the hard c/g kept ("-che"/"-chi" → "-c",
    /// "-ghe"/"-ghi" → "-g"); short words and numbers stay as they are.
    /// </summary>
    internal static string Stem(string word)
    {
        if (word.Length <= 3 || char.IsDigit(word[^1]))
        {
            return word;
        }

        if (word.EndsWith("che", StringComparison.Ordinal) || word.EndsWith("chi", StringComparison.Ordinal)
            || word.EndsWith("ghe", StringComparison.Ordinal) || word.EndsWith("ghi", StringComparison.Ordinal))
        {
            return word[..^2];
        }

        return "aeiou".Contains(word[^1], StringComparison.Ordinal) ? word[..^1] : word;
    }
}
