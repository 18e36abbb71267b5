namespace AiFeed.Search;

/// <summary>
/// The fields of a post's index document. A post's own fields answer the expanded view; the
/// <c>s_</c> fields copy its story's lead (time, sources, tags, id) onto every member, so the
/// collapsed view filters, counts and facets stories while any member's text can match.
/// </summary>
internal static class PostFields
{
    public const string ChineseSuffix = "_zh";

    public const string Id = "id";
    public const string Title = "title";
    public const string Body = "body";
    public const string TitleZh = "title" + ChineseSuffix;
    public const string BodyZh = "body" + ChineseSuffix;

    public const string Source = "source";
    public const string Tag = "tag";

    /// <summary>The time a list orders the post by (<see cref="SortTicks"/>), as numeric doc values only (decision 0080).</summary>
    public const string At = "at";

    /// <summary>"1" on the post that leads its story.</summary>
    public const string Lead = "lead";

    public const string Yes = "1";

    /// <summary>Story clustering's lookup keys: exact keys and links in one key space, title keys, SimHash bands.</summary>
    public const string StoryKey = "k_story";
    public const string TitleKey = "k_title";
    public const string TextBand = "k_band";

    /// <summary>The store's write revision of the post: "newest written first" for capped lookups.</summary>
    public const string Revision = "rev";

    /// <summary>The post's <see cref="AiFeed.Model.PostListing"/> (<see cref="ListingCodec"/>), as binary doc values: what a list page shows.</summary>
    public const string Listing = "listing";

    public const string StoryLead = "s_lead";
    public const string StorySource = "s_source";
    public const string StoryTag = "s_tag";
    public const string StoryAt = "s_at";

    public static readonly string[] Text = [Title, Body, TitleZh, BodyZh];

    /// <summary>
    /// The ticks a list orders a post by: those of its SortKey (the store orders by that key, and it
    /// keeps SortAt only to the millisecond), else SortAt's.
    /// </summary>
    public static long SortTicks(string sortKey, DateTime sortAt) =>
        sortKey.Length > 20 && sortKey[19] == ':' && long.TryParse(sortKey.AsSpan(0, 19), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ticks)
            ? ticks
            : sortAt.Ticks;

    /// <summary>The doc-values field with a 64-bit hash of a key field (never 0), grouped on without reading strings.</summary>
    public static string HashOf(string keyField) => keyField + "_h";

    /// <summary>FNV-1a over the UTF-16 code units; 0 is kept for "no key". At a million keys a collision has odds of about 3 in 100 million.</summary>
    public static long Hash(string key)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash == 0 ? 1 : unchecked((long)hash);
    }
}
