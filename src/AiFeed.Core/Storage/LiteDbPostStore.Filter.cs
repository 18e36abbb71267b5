using AiFeed.Model;
using LiteDB;

namespace AiFeed.Storage;

public sealed partial class LiteDbPostStore
{
    // Collapsed queries run on LeadKey (non-empty on cluster representatives only), expanded ones on
    // SortKey; both start with the sort time, so since, until and the cursor are one index range.
    // Search terms are not filtered here: the Lucene index (Search/PostIndex) answers them.
    private ILiteQueryable<Post> Filter(PostQuery query)
    {
        var q = context.Posts.Query();
        var key = query.Expand ? "$.SortKey" : "$.LeadKey";

        // One inclusive index range on the key (members' LeadKey "" sorts before every time key),
        // so LiteDB walks only the wanted slice; exclusive ends are then filtered.
        var (lower, until) = PostOrder.KeyRange(query);
        var upper = until ?? "~";
        q = q.Where(key + " BETWEEN @0 AND @1", new BsonValue(lower), new BsonValue(upper));
        if (upper != "~")
        {
            q = q.Where(key + " < @0", new BsonValue(upper));
        }

        if (query.Sources.Count > 0)
        {
            // Collapsed, a story matches any source that carried it; expanded, each post its own
            // source. A post's Sources always hold its own SourceId, so both walk the Sources index.
            var sources = new BsonArray(query.Sources.Select(s => new BsonValue(s)));
            q = q.Where("$.Sources[*] ANY IN @0", sources);
            if (query.Expand)
            {
                q = q.Where("$.SourceId IN @0", sources);
            }
        }

        // Tags have no LiteDB index, so these clauses are checked post by post; the store's own tag
        // paths (NewestWithTags, PostIndex.Newest) keep tags off this filter.
        foreach (var tag in query.Tags)
        {
            q = q.Where("$.Tags[*] ANY = @0", new BsonValue(tag));
        }

        return q;
    }
}
