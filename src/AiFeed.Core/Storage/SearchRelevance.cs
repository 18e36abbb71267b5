using AiFeed.Model;

namespace AiFeed.Storage;

/// <summary>
/// How well a post answers search words: per word, the best of its terms, where a title word
/// weighs 3 and any other 1, and a whole word counts fully but a prefix ("transf" → "transformer")
/// 0.6. Sums over the words; ties fall back to recency.
/// </summary>
public static class SearchRelevance
{
    public const double TitleWeight = 3;

    public const double PrefixFactor = 0.6;

    public static double Score(Post post, IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(post);
        return Score(post.Terms, post.TitleTermCount, words);
    }

    /// <summary>The same score from a post's terms (title terms first) and how many of them are the title's.</summary>
    public static double Score(IReadOnlyList<string> terms, int titleTermCount, IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(words);
        var total = 0d;
        foreach (var word in words)
        {
            var best = 0d;
            for (var i = 0; i < terms.Count && best < TitleWeight; i++)
            {
                var term = terms[i];
                if (!term.StartsWith(word, StringComparison.Ordinal))
                {
                    continue;
                }

                var score = (i < titleTermCount ? TitleWeight : 1) * (term.Length == word.Length ? 1 : PrefixFactor);
                best = Math.Max(best, score);
            }

            total += best;
        }

        return total;
    }
}
