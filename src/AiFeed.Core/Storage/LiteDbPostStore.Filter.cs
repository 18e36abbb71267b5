using System.Globalization;
using AiFeed.Model;
using LiteDB;

namespace AiFeed.Storage;

public sealed partial class LiteDbPostStore
{
    // Collapsed queries run on LeadKey (non-empty on cluster representatives only), expanded ones on
    // SortKey; both hold the sort time first, so since/until are index ranges on the same key.
    private ILiteQueryable<Post> Filter(PostQuery query)
    {
        var q = context.Posts.Query();
        var key = query.Expand ? "$.SortKey" : "$.LeadKey";
        if (!query.Expand)
        {
            q = q.Where("$.LeadKey > ''");
        }

        if (query.Sources.Count > 0)
        {
            // Collapsed, a story matches any source that carried it; expanded, each post its own source.
            var field = query.Expand ? "$.SourceId IN @0" : "$.Sources[*] ANY IN @0";
            q = q.Where(field, new BsonArray(query.Sources.Select(s => new BsonValue(s))));
        }

        foreach (var tag in query.Tags)
        {
            q = q.Where("$.Tags[*] ANY = @0", new BsonValue(tag));
        }

        foreach (var term in query.Terms)
        {
            // Terms hold letters and digits only, so the LIKE pattern needs no escaping.
            q = q.Where("$.Terms[*] ANY LIKE @0", new BsonValue(term + "%"));
        }

        if (query.Since is { } since)
        {
            q = q.Where(key + " >= @0", new BsonValue(TimeKey(since)));
        }

        if (query.Until is { } until)
        {
            q = q.Where(key + " < @0", new BsonValue(TimeKey(until)));
        }

        if (query.After is { } after && query.Terms.Count == 0)
        {
            q = q.Where(key + " < @0", new BsonValue(after));
        }

        return q;
    }

    private static string TimeKey(DateTime time) => time.Ticks.ToString("D19", CultureInfo.InvariantCulture);
}
