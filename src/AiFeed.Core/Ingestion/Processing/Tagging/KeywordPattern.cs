namespace AiFeed.Ingestion.Processing.Tagging;

/// <summary>A keyword as a run of normalised words; a trailing * lets the last word match any ending.</summary>
internal sealed class KeywordPattern
{
    private readonly string[] words;
    private readonly bool lastIsPrefix;

    private KeywordPattern(string text, string[] words, bool lastIsPrefix)
    {
        Text = text;
        this.words = words;
        this.lastIsPrefix = lastIsPrefix;
    }

    /// <summary>The keyword as the taxonomy writes it: what a tag's reason quotes.</summary>
    public string Text { get; }

    /// <summary>The first normalised word: what a text must contain (or, <see cref="IsPrefixWord"/>, start a word with).</summary>
    public string FirstWord => words[0];

    /// <summary>One word with a trailing *: any word starting with <see cref="FirstWord"/> matches.</summary>
    public bool IsPrefixWord => words.Length == 1 && lastIsPrefix;

    public int Length => words.Length;

    /// <summary>The pattern of <paramref name="keyword"/>, or null when it has no word at all.</summary>
    public static KeywordPattern? Parse(string keyword)
    {
        ArgumentNullException.ThrowIfNull(keyword);
        var prefix = keyword.TrimEnd().EndsWith('*');
        var words = SearchTerms.AllWords(keyword);
        return words.Count == 0 ? null : new KeywordPattern(keyword.Trim(), [.. words], prefix);
    }

    /// <summary>
    /// Whether the keyword occurs in <paramref name="text"/> at least once outside <paramref name="masked"/>
    /// words, for a text known to hold its first word (or, <see cref="IsPrefixWord"/>, a word starting
    /// with it): the tagger meets a keyword only through that word.
    /// </summary>
    public bool IsIn(TextWords text, bool[]? masked = null)
    {
        if (words.Length == 1 && masked is null)
        {
            return true;
        }

        var list = text.Words;
        for (var start = 0; start + words.Length <= list.Count; start++)
        {
            if (MatchesAt(list, start) && !IsMasked(masked, start))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Marks the words of every occurrence in <paramref name="masked"/>.</summary>
    public void Mark(TextWords text, bool[] masked)
    {
        if (!(IsPrefixWord ? text.HasPrefix(words[0]) : text.Contains(words[0])))
        {
            return;
        }

        var list = text.Words;
        for (var start = 0; start + words.Length <= list.Count; start++)
        {
            if (MatchesAt(list, start))
            {
                Array.Fill(masked, true, start, words.Length);
            }
        }
    }

    // An occurrence counts unless every one of its words lies inside an excluded phrase.
    private bool IsMasked(bool[]? masked, int start)
    {
        if (masked is null)
        {
            return false;
        }

        for (var i = start; i < start + words.Length; i++)
        {
            if (!masked[i])
            {
                return false;
            }
        }

        return true;
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
