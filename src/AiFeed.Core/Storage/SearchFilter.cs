using AiFeed.Model;

namespace AiFeed.Storage;

/// <summary>
/// The filters of a <see cref="PostQuery"/> other than its terms, tested in memory on a search
/// index entry with the same meaning LiteDbPostStore.Filter gives them on the posts collection.
/// </summary>
internal readonly struct SearchFilter(PostQuery query)
{
    private readonly string lower = query.Since is { } since ? LiteDbPostStore.TimeKey(since) : "0";
    private readonly string upper = UpperOf(query);
    private readonly HashSet<string>? sources = query.Sources.Count > 0 ? query.Sources.ToHashSet(StringComparer.Ordinal) : null;

    public bool Accepts(SearchIndex.Entry entry)
    {
        // Collapsed, only a cluster's representative has a LeadKey; members' "" sorts below "0".
        var key = query.Expand ? entry.SortKey : entry.LeadKey;
        if (string.CompareOrdinal(key, lower) < 0 || string.CompareOrdinal(key, upper) > 0
            || (upper != "~" && string.CompareOrdinal(key, upper) >= 0))
        {
            return false;
        }

        if (sources is not null && (query.Expand ? !sources.Contains(entry.SourceId) : !entry.Sources.Any(sources.Contains)))
        {
            return false;
        }

        foreach (var tag in query.Tags)
        {
            if (Array.IndexOf(entry.Tags, tag) < 0)
            {
                return false;
            }
        }

        return true;
    }

    private static string UpperOf(PostQuery query)
    {
        var upper = query.Until is { } until ? LiteDbPostStore.TimeKey(until) : "~";
        return query.After is { Length: > 0 } after && after[0] != '@' && string.CompareOrdinal(after, upper) < 0 ? after : upper;
    }
}
