namespace AiFeed.Ingestion.Processing.Tagging;

/// <summary>
/// The normalised words of one field (stop words kept), in order, plus the distinct words sorted:
/// a keyword whose first word is absent (the usual case: a taxonomy has hundreds of keywords, a
/// title a dozen words) is ruled out by one lookup instead of a scan of the text.
/// </summary>
internal sealed class TextWords
{
    private readonly string[] sorted;

    public TextWords(string? text)
        : this(SearchTerms.AllWords(text))
    {
    }

    public TextWords(List<string> words)
    {
        Words = words;
        sorted = SortedDistinct(words);
    }

    public static TextWords Empty { get; } = new([]);

    // Sorted, then repeats dropped in place: every post builds several of these, and LINQ's
    // Distinct and Order each built a set or a key map first.
    private static string[] SortedDistinct(List<string> words)
    {
        if (words.Count == 0)
        {
            return [];
        }

        var all = words.ToArray();
        Array.Sort(all, StringComparer.Ordinal);
        var kept = 1;
        for (var i = 1; i < all.Length; i++)
        {
            if (!string.Equals(all[i], all[kept - 1], StringComparison.Ordinal))
            {
                all[kept++] = all[i];
            }
        }

        return kept == all.Length ? all : all[..kept];
    }

    public List<string> Words { get; }

    /// <summary>Each word once, in ordinal order.</summary>
    public ReadOnlySpan<string> Distinct => sorted;

    public bool Contains(string word) => Array.BinarySearch(sorted, word, StringComparer.Ordinal) >= 0;

    /// <summary>Whether some word starts with <paramref name="prefix"/>.</summary>
    public bool HasPrefix(string prefix)
    {
        var at = Array.BinarySearch(sorted, prefix, StringComparer.Ordinal);
        if (at >= 0)
        {
            return true;
        }

        at = ~at;
        return at < sorted.Length && sorted[at].StartsWith(prefix, StringComparison.Ordinal);
    }
}
