using System.Collections.Concurrent;

namespace AiFeed.Search;

/// <summary>
/// The terms the English fields make of a word (none for a stop word; a version's major number
/// beside it), kept for the process: the highlights look up each word of a page's titles and
/// summaries here and run the filters (Porter stems, folding, stop words) only for a word not seen
/// yet. Bounded: past <see cref="MaxWords"/> words it starts again empty, so its size follows the
/// words it keeps, not the posts stored (decision 0056).
/// </summary>
internal static class WordTerms
{
    private const int MaxWords = 1 << 16;

    private static readonly ConcurrentDictionary<string, string[]> ByWord = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string[]>.AlternateLookup<ReadOnlySpan<char>> ByText = ByWord.GetAlternateLookup<ReadOnlySpan<char>>();
    private static int count;

    /// <summary>The terms of <paramref name="word"/>, one word as StandardTokenizer gives it.</summary>
    public static string[] Of(ReadOnlySpan<char> word)
    {
        if (ByText.TryGetValue(word, out var terms))
        {
            return terms;
        }

        var key = word.ToString();
        terms = Analyse(key);
        if (Interlocked.Increment(ref count) > MaxWords)
        {
            // Emptied rather than evicted one by one: the words a process meets most come back at once.
            ByWord.Clear();
            Interlocked.Exchange(ref count, 1);
        }

        ByWord.TryAdd(key, terms);
        return terms;
    }

    private static string[] Analyse(string word)
    {
        var filters = WordFilters.Current;
        filters.Start(word);
        string? first = null;
        List<string>? more = null;
        while (filters.Next(out var term))
        {
            // Most words are their own term (no stem, no fold): the word's string serves for both.
            var text = term.SequenceEqual(word) ? word : term.ToString();
            if (first is null)
            {
                first = text;
            }
            else
            {
                (more ??= [first]).Add(text);
            }
        }

        return more is not null ? [.. more] : first is not null ? [first] : [];
    }
}
