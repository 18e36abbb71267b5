namespace AiFeed.Model;

/// <summary>A stored post: one story as AiFeed serves it.</summary>
public sealed class Post
{
    /// <summary>Stable identity: hash of the first source's id and the item's identity in that source.</summary>
    public required string Id { get; set; }

    public required string SourceId { get; set; }

    public required string Title { get; set; }

    /// <summary>Canonical URL (see UrlCanonicalizer); null when the item had no usable link.</summary>
    public string? Url { get; set; }

    public DateTime? PublishedAt { get; set; }

    public DateTime FirstSeenAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>When the source says it last changed the post (its own updated date), if later than published; never in the future.</summary>
    public DateTime? ModifiedAt { get; set; }

    /// <summary>PublishedAt when known, else FirstSeenAt: the order readers see.</summary>
    public DateTime SortAt { get; set; }

    public string? Author { get; set; }

    /// <summary>Plain text, at most 300 characters.</summary>
    public string Summary { get; set; } = "";

    private string? contentHtml;

    // The HTML as the store compressed it once the post was built (IPostStore.Prepare), in place of
    // the string: a built post waits for the single writer with the bytes it will write, not with
    // both (decision 0079). Reading ContentHtml unpacks it.
    private PackedHtml? packedHtml;

    /// <summary>
    /// Sanitised HTML, safe to render as is; null when the post has none. A post read from storage
    /// comes without it (<see cref="ContentLoaded"/> is false) and reading it then throws: whatever
    /// shows HTML asks the store for it first (<c>IPostStore.LoadHtmlAsync</c>), so
    /// no page or feed shows a post as empty by mistake. Setting it loads it.
    /// </summary>
    public string? ContentHtml
    {
        get => ContentLoaded
            ? contentHtml ?? packedHtml?.Unpack()
            : throw new InvalidOperationException($"Post '{Id}' was read without its HTML: load it from the store (IPostStore.LoadHtmlAsync) before reading it.");
        set
        {
            contentHtml = value;
            packedHtml = null;
            ContentLoaded = true;
            HasContent = !string.IsNullOrEmpty(value);
        }
    }

    /// <summary>The HTML as the store packed it (<see cref="KeepPacked"/>); null while it is kept as a string.</summary>
    internal PackedHtml? PackedHtml => packedHtml;

    /// <summary>Keeps this post's HTML as <paramref name="packed"/> (the same HTML, packed) and lets the string go.</summary>
    internal void KeepPacked(PackedHtml packed)
    {
        if (!ContentLoaded || contentHtml is null)
        {
            throw new InvalidOperationException($"Post '{Id}' has no HTML of its own to keep packed.");
        }

        packedHtml = packed;
        contentHtml = null;
    }

    /// <summary>
    /// Whether <see cref="ContentHtml"/> holds the post's HTML: true for a post built or given its
    /// HTML, false for one read from storage until the store loads it. A post saved while false
    /// keeps the HTML stored with it; one saved while true stores <see cref="ContentHtml"/>, none included.
    /// </summary>
    public bool ContentLoaded { get; private set; } = true;

    /// <summary>Whether the post has HTML, loaded or not: storage keeps it as a flag, so lists show it without reading the HTML.</summary>
    public bool HasContent { get; private set; }

    /// <summary>The state of a post storage read without its HTML: <paramref name="hasContent"/> says whether it has any.</summary>
    public void ContentNotLoaded(bool hasContent)
    {
        contentHtml = null;
        packedHtml = null;
        ContentLoaded = false;
        HasContent = hasContent;
    }

    public string? ImageUrl { get; set; }

    public List<string> Categories { get; set; } = [];

    /// <summary>Lower-case tag names.</summary>
    public List<string> Tags { get; set; } = [];

    /// <summary>Other sources that carried the same story.</summary>
    public List<AlsoIn> AlsoIn { get; set; } = [];

    /// <summary>SourceId and every AlsoIn source: what source= filters on.</summary>
    public List<string> Sources { get; set; } = [];

    /// <summary>SortAt ticks and Id, fixed width: a unique, index-ordered key for cursor pagination (<see cref="SortKeyOf"/>).</summary>
    public string SortKey { get; set; } = "";

    public static string SortKeyOf(DateTime sortAt, string id) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{sortAt.Ticks:D19}:{id}");

    /// <summary>Hash of the raw item as fetched: an unchanged item skips sanitising and writing.</summary>
    public string RawHash { get; set; } = "";

    /// <summary>
    /// The story's id (<c>storyId</c> in the API, the item id of the feed outputs): given when the story
    /// is formed (the id of the post that formed it) and kept when its lead changes (docs/stories.md).
    /// </summary>
    public string ClusterId { get; set; } = "";

    /// <summary>SortKey when this post represents its cluster, "" otherwise: one index gives the collapsed list in order.</summary>
    public string LeadKey { get; set; } = "";

    /// <summary>Exact story identities: "u:" + UrlCanonicalizer.StoryKey, "arxiv:" + id without version, "doi:" + DOI.</summary>
    public List<string> StoryKeys { get; set; } = [];

    /// <summary>Normalised title (see StorySignature) for near-identical title matches.</summary>
    public string TitleKey { get; set; } = "";

    /// <summary>64-bit SimHash of the summary's words; 0 when the text is too short to compare.</summary>
    public long TextHash { get; set; }

    /// <summary>The four 16-bit bands of TextHash, indexed: two hashes within 3 bits share one band.</summary>
    public List<string> TextBands { get; set; } = [];

    /// <summary>The story URL's host is the source's own host: the original, preferred as representative.</summary>
    public bool FirstParty { get; set; }

    /// <summary>Story keys ("u:…") of the links in the content to other sites: a shared link corroborates a similar title.</summary>
    public List<string> Links { get; set; } = [];

    /// <summary>Its source gives the same summary (within SimHash distance) to another item: boilerplate, no evidence.</summary>
    public bool TextRepeated { get; set; }

    /// <summary>
    /// When it was published cannot be told: it came without a date (or with one in the future) in its
    /// source's first poll, so it may be years old. Ranking leaves it out.
    /// </summary>
    public bool DateUnknown { get; set; }

    /// <summary>The store's write counter when this post was last written: the search index catches up from it after a crash.</summary>
    public long Revision { get; set; }

    /// <summary>A copy with lists of its own: what another thread may read while the caller goes on changing this post.</summary>
    internal Post Snapshot()
    {
        var copy = (Post)MemberwiseClone();
        copy.Categories = [.. Categories];
        copy.Tags = [.. Tags];
        copy.AlsoIn = [.. AlsoIn];
        copy.Sources = [.. Sources];
        copy.StoryKeys = [.. StoryKeys];
        copy.TextBands = [.. TextBands];
        copy.Links = [.. Links];
        return copy;
    }
}

/// <summary>Another source's copy of a stored story.</summary>
public sealed class AlsoIn
{
    public required string SourceId { get; set; }

    public required string Url { get; set; }
}
