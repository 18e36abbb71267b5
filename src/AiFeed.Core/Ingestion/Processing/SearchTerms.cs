using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace AiFeed.Ingestion.Processing;

/// <summary>
/// Words normalised the one way clustering, tagging and the q= echo of feed titles compare them,
/// so "Café" and "cafe" are one word. (Search itself analyses text in the Lucene index.)
/// </summary>
public static class SearchTerms
{
    /// <summary>Most words kept of a query.</summary>
    public const int MaxTerms = 200;

    private static readonly FrozenSet<string> StopWords = new[]
    {
        "the", "a", "an", "of", "and", "or", "to", "in", "on", "for", "with", "is", "are", "at", "by",
        "from", "as", "be", "it", "this", "that",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The distinct normalised words of a search query, stop words left out, in order of first appearance.</summary>
    public static List<string> Normalize(string? query)
    {
        var terms = new List<string>();
        AddWords(query, terms, new HashSet<string>(StringComparer.Ordinal), new StringBuilder());
        return terms;
    }

    /// <summary>Every normalised word of <paramref name="text"/> in order, repeats kept (for shingles and title keys).</summary>
    public static List<string> Words(string? text)
    {
        var terms = new List<string>();
        AddWords(text, terms, null, new StringBuilder());
        return terms;
    }

    /// <summary>
    /// Every normalised word of <paramref name="text"/> in order, stop words included: tagging tells
    /// "vision for" from "vision of", "Command A" from "command", and "we propose" from "propose".
    /// </summary>
    public static List<string> AllWords(string? text)
    {
        var terms = new List<string>();
        AddWords(text, terms, null, new StringBuilder(), keepStopWords: true);
        return terms;
    }

    /// <summary>Adds the words of <paramref name="text"/>; false once the cap is reached.</summary>
    private static bool AddWords(string? text, List<string> terms, HashSet<string>? seen, StringBuilder word, bool keepStopWords = false)
    {
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        // FormD splits "é" into "e" + a combining accent, which the loop then drops.
        var decomposed = text.Normalize(NormalizationForm.FormD);
        foreach (var c in decomposed)
        {
            if (char.IsLetterOrDigit(c))
            {
                var lower = char.ToLowerInvariant(c);
                if (lower == 'ß')
                {
                    word.Append("ss");
                }
                else
                {
                    word.Append(lower);
                }
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && !Flush(word, terms, seen, keepStopWords))
            {
                return false;
            }
        }

        return Flush(word, terms, seen, keepStopWords);
    }

    private static bool Flush(StringBuilder word, List<string> terms, HashSet<string>? seen, bool keepStopWords)
    {
        // Words() keeps one-character words: "Gemini 2" and "Gemini 3" are different stories, and a
        // tag keyword "q learning" must not shrink to "learning".
        if (word.Length > 1 || (seen is null && word.Length == 1))
        {
            var term = word.ToString();
            if ((keepStopWords || !StopWords.Contains(term)) && (seen is null || seen.Add(term)))
            {
                terms.Add(term);
            }
        }

        word.Clear();
        return seen is null || terms.Count < MaxTerms;
    }
}
