using AiFeed.Model;

namespace AiFeed.Ingestion.Processing;

/// <summary>
/// The dates readers see, made believable. In a source's first poll, a date in the future (a typo, a
/// scheduled post, a wrong zone) is clamped to the newest believable date of the same document, so
/// the post sits among its source's posts instead of on top of every list (it stays unranked, see
/// Post.DateUnknown); a document with no believable date leaves it unknown. In later polls a new item
/// is as new as when it was first seen, which PostMerge uses. Over the item cap, the newest items are
/// kept, whatever order the document lists them in.
/// </summary>
internal static class ItemDates
{
    /// <summary>A clock a few minutes ahead at the source is not a future date.</summary>
    public static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    public static DateTime? NewestKnown(IReadOnlyList<FeedItem> items, DateTime now)
    {
        DateTime? newest = null;
        foreach (var item in items)
        {
            if (DateOf(item) is { } date && date <= now + Skew && (newest is null || date > newest))
            {
                newest = date;
            }
        }

        return newest;
    }

    public static DateTime? Clamp(DateTime? published, DateTime now, DateTime? newest) =>
        published is { } date && date > now + Skew ? newest : published;

    /// <summary>The source's own update time, when it is after publication and not in the future.</summary>
    public static DateTime? Modified(DateTime? updated, DateTime? published, DateTime now) =>
        updated is { } date && date <= now + Skew && (published is null || date > published) ? date : null;

    /// <summary>The <paramref name="count"/> newest items (undated ones last), in document order.</summary>
    public static List<FeedItem> Newest(IReadOnlyList<FeedItem> items, int count) =>
        [.. items.Select((item, index) => (item, index))
            .OrderByDescending(x => DateOf(x.item) ?? DateTime.MinValue)
            .ThenBy(x => x.index)
            .Take(count)
            .OrderBy(x => x.index)
            .Select(x => x.item)];

    private static DateTime? DateOf(FeedItem item) => (item.PublishedAt ?? item.UpdatedAt)?.UtcDateTime;
}
