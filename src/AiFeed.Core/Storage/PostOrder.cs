using System.Globalization;
using AiFeed.Model;

namespace AiFeed.Storage;

/// <summary>
/// How both providers order and page posts: a list walks a key (LeadKey collapsed, SortKey
/// expanded; both start with the sort time), since/until and the cursor are one key range, and a
/// search pages by position ("@" and the number already returned).
/// </summary>
internal static class PostOrder
{
    /// <summary>The fixed-width time prefix of SortKey and LeadKey (<see cref="Post.SortKeyOf"/>).</summary>
    public static string TimeKey(DateTime time) => time.Ticks.ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>
    /// The keys a list walks: from <c>Lower</c> (inclusive; "0" is above a member's empty LeadKey) to
    /// <c>Upper</c> (exclusive; null for none), the until time and the cursor taken together.
    /// </summary>
    public static (string Lower, string? Upper) KeyRange(PostQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var lower = query.Since is { } since ? TimeKey(since) : "0";
        var upper = query.Until is { } until ? TimeKey(until) : null;
        if (query.After is { Length: > 0 } after && after[0] != '@' && (upper is null || string.CompareOrdinal(after, upper) < 0))
        {
            upper = after;
        }

        return (lower, upper);
    }

    /// <summary>Results a search already returned (its cursor "@N"); 0 for any other cursor.</summary>
    public static int SearchOffset(PostQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var offset = 0;
        if (query.After is { Length: > 1 } after && after[0] == '@')
        {
            _ = int.TryParse(after.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }

        return offset;
    }

    /// <summary>The cursor of a search's next page, or null when this page is the last.</summary>
    public static string? NextSearchCursor(int offset, int limit, long total) =>
        offset + limit < total ? string.Create(CultureInfo.InvariantCulture, $"@{offset + limit}") : null;

    public static int Limit(PostQuery query) => Math.Clamp(query.Limit, 1, PostQuery.MaxLimit);

    /// <summary>A list's page from up to <paramref name="limit"/> + 1 posts read: the extra one says a next page exists.</summary>
    public static PostPage Page(List<Post> items, int limit, bool expand) =>
        new(items, Next(items, limit, p => expand ? p.SortKey : p.LeadKey));

    /// <summary><see cref="Page(List{Post}, int, bool)"/> of listings.</summary>
    public static ListingPage Page(List<PostListing> items, int limit, bool expand) =>
        new(items, Next(items, limit, p => expand ? p.SortKey : p.LeadKey));

    // The cursor after the page, and the extra item read to know there is one taken off.
    private static string? Next<T>(List<T> items, int limit, Func<T, string> key)
    {
        if (items.Count <= limit)
        {
            return null;
        }

        items.RemoveAt(limit);
        return key(items[limit - 1]);
    }
}
