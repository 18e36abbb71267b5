using AiFeed.Model;

namespace AiFeed.Ingestion.Parsing;

internal static class FeedAuthor
{
    /// <summary>Atom 1.0 section 4.2.1: a feed-level author is the author of every entry that names none.</summary>
    public static List<FeedItem> Apply(List<FeedItem> items, string? feedAuthor)
    {
        if (feedAuthor is null)
        {
            return items;
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].Author is null)
            {
                items[i] = items[i] with { Author = feedAuthor };
            }
        }

        return items;
    }
}
