namespace AiFeed.Ingestion.Processing.Tagging;

/// <summary>A keyword as a run of normalised words; a trailing * lets the last word match any ending.</summary>
internal sealed class KeywordPattern
{
    private readonly string[] words;
    private readonly bool lastIsPrefix;

    private KeywordPattern(string[] words, bool lastIsPrefix)
    {
        this.words = words;
        this.lastIsPrefix = lastIsPrefix;
    }

    /// <summary>The first normalised word: what a text must contain (or, <see cref="IsPrefixWord"/>, start a word with).</summary>
    public string FirstWord => words[0];

    /// <summary>One word with a trailing *: any word starting with <see cref="FirstWord"/> matches.</summary>
    public bool IsPrefixWord => words.Length == 1 && lastIsPrefix;

    /// <summary>The pattern of <paramref name="keyword"/>, or null when nothing of it survives normalisation (a stop word alone).</summary>
    public static KeywordPattern? Parse(string keyword)
    {
        var prefix = keyword.TrimEnd().EndsWith('*');
        var words = SearchTerms.Words(keyword);
        return words.Count == 0 ? null : new KeywordPattern([.. words], prefix);
    }

    public bool IsIn(TextWords text)
    {
        // The first word rules most keywords out without a scan; a one-word keyword needs nothing more.
        var first = words.Length == 1 && lastIsPrefix ? text.HasPrefix(words[0]) : text.Contains(words[0]);
        if (!first || words.Length == 1)
        {
            return first;
        }

        return IsIn(text.Words);
    }

    private bool IsIn(List<string> text)
    {
        for (var start = 0; start + words.Length <= text.Count; start++)
        {
            if (MatchesAt(text, start))
            {
                return true;
            }
        }

        return false;
    }

    private bool MatchesAt(List<string> text, int start)
    {
        for (var i = 0; i < words.Length; i++)
        {
            var word = text[start + i];
            var last = i == words.Length - 1;
            var ok = last && lastIsPrefix
                ? word.StartsWith(words[i], StringComparison.Ordinal)
                : string.Equals(word, words[i], StringComparison.Ordinal);
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
