using System.Buffers;
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

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> StopWordLookup =
        StopWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The distinct normalised words of a search query, stop words left out, in order of first appearance.</summary>
    public static List<string> Normalize(string? query)
    {
        var terms = new List<string>();
        AddWords(query, terms, new HashSet<string>(StringComparer.Ordinal));
        return terms;
    }

    /// <summary>Every normalised word of <paramref name="text"/> in order, repeats kept (for shingles and title keys).</summary>
    public static List<string> Words(string? text)
    {
        var terms = new List<string>(Capacity(text));
        AddWords(text, terms, null);
        return terms;
    }

    /// <summary>
    /// Every normalised word of <paramref name="text"/> in order, stop words included: tagging tells
    /// "vision for" from "vision of", "Command A" from "command", and "we propose" from "propose".
    /// </summary>
    public static List<string> AllWords(string? text)
    {
        var terms = new List<string>(Capacity(text));
        AddWords(text, terms, null, keepStopWords: true);
        return terms;
    }

    /// <summary><see cref="Words"/> of a text from its <see cref="AllWords"/>: the same words, stop words left out.</summary>
    public static List<string> WithoutStopWords(List<string> allWords)
    {
        ArgumentNullException.ThrowIfNull(allWords);
        var terms = new List<string>(allWords.Count);
        foreach (var word in allWords)
        {
            if (!StopWords.Contains(word))
            {
                terms.Add(word);
            }
        }

        return terms;
    }

    // Room for the words of a text of English prose (~6 characters a word with its space), so the
    // list is not grown and copied word by word from 4 slots.
    private static int Capacity(string? text) => text is null ? 0 : (text.Length / 6) + 1;

    /// <summary>Adds the words of <paramref name="text"/>; false once the cap is reached.</summary>
    private static bool AddWords(string? text, List<string> terms, HashSet<string>? seen, bool keepStopWords = false)
    {
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        // FormD splits "é" into "e" + a combining accent, which the loop then drops.
        var decomposed = text.Normalize(NormalizationForm.FormD);
        // A word is gathered in a pooled buffer (twice the text's length: lower-casing keeps a
        // character's length, "ß" becomes "ss") and becomes a string only when it is kept: every
        // post's title and summary pass through here several times while it is built.
        var rented = ArrayPool<char>.Shared.Rent(2 * decomposed.Length);
        try
        {
            var word = 0;
            foreach (var c in decomposed)
            {
                if (char.IsLetterOrDigit(c))
                {
                    var lower = char.ToLowerInvariant(c);
                    if (lower == 'ß')
                    {
                        rented[word++] = 's';
                        rented[word++] = 's';
                    }
                    else
                    {
                        rented[word++] = lower;
                    }
                }
                else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
                {
                    var more = Flush(rented.AsSpan(0, word), terms, seen, keepStopWords);
                    word = 0;
                    if (!more)
                    {
                        return false;
                    }
                }
            }

            return Flush(rented.AsSpan(0, word), terms, seen, keepStopWords);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    private static bool Flush(ReadOnlySpan<char> word, List<string> terms, HashSet<string>? seen, bool keepStopWords)
    {
        // Words() keeps one-character words: "Gemini 2" and "Gemini 3" are different stories, and a
        // tag keyword "q learning" must not shrink to "learning".
        if ((word.Length > 1 || (seen is null && word.Length == 1)) && (keepStopWords || !StopWordLookup.Contains(word)))
        {
            var term = word.ToString();
            if (seen is null || seen.Add(term))
            {
                terms.Add(term);
            }
        }

        return seen is null || terms.Count < MaxTerms;
    }
}
