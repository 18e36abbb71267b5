using AiFeed.Model;

namespace AiFeed.Search;

/// <summary>
/// A count seen among the newest matches, scaled to the whole store: how both stores answer "about
/// 36,000 posts" for a word they stopped ranking early (docs/search.md).
/// </summary>
public static class SearchEstimate
{
    /// <summary>
    /// <paramref name="seen"/> times <paramref name="scale"/> (the store's posts over the posts in the
    /// window searched), kept to two significant figures (36,017 → 36,000) and never below what was seen.
    /// </summary>
    public static long Scale(long seen, double scale)
    {
        if (scale <= 1)
        {
            return seen;
        }

        var scaled = seen * scale;
        var unit = Math.Pow(10, Math.Max(0, Math.Floor(Math.Log10(scaled)) - 1));
        return Math.Max(seen, (long)(Math.Round(scaled / unit) * unit));
    }

    /// <summary>Facet counts scaled alike, most first, then by value.</summary>
    public static List<FacetCount> Facets(IEnumerable<KeyValuePair<string, long>> counts, double scale) =>
        [.. counts.Select(c => new FacetCount(c.Key, Scale(c.Value, scale))).OrderByDescending(c => c.Count).ThenBy(c => c.Value, StringComparer.Ordinal)];
}
