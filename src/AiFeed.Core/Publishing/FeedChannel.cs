using AiFeed.Model;

namespace AiFeed.Publishing;

/// <summary>What every output format writes: the channel and its entries, newest first.</summary>
public sealed record FeedChannel(
    string Title,
    string Description,
    Uri HomeUrl,
    Uri SelfUrl,
    DateTimeOffset Updated,
    IReadOnlyList<FeedEntry> Entries);

/// <summary>
/// One post as the outputs write it. <see cref="Author"/> is the post's own author (none when the
/// source names none); <see cref="SourceName"/> and <see cref="SourceUrl"/> say which feed it came
/// from (RSS and Atom <c>source</c>). <see cref="Updated"/> is the source's own update time.
/// <see cref="Image"/> is the post's picture (RSS <c>media:content</c>, Atom enclosure link, JSON Feed <c>image</c>).
/// </summary>
public sealed record FeedEntry(
    string Id,
    string Title,
    string? Url,
    string SourceName,
    DateTimeOffset Published,
    DateTimeOffset Updated,
    string? Author,
    string Summary,
    string? ContentHtml,
    IReadOnlyList<string> Tags,
    Uri? SourceUrl = null,
    Uri? Image = null)
{
    /// <summary>
    /// One id for the three formats: an Atom id must be an IRI, an RSS guid and a JSON Feed id may be
    /// any string, so a URN fits all and a reader moving between our formats sees the same entries.
    /// A story's id is the id of the post that formed it, so the URN of a story and of that post agree.
    /// </summary>
    public static string IdOf(string postId) => "urn:aifeed:post:" + postId;

    /// <summary>The story a post belongs to; a post stored before stories had ids is a story of its own.</summary>
    public static string StoryIdOf(Post post)
    {
        ArgumentNullException.ThrowIfNull(post);
        return post.ClusterId.Length > 0 ? post.ClusterId : post.Id;
    }

    /// <param name="perStory">
    /// One entry per story (the default lists): the item id is the story's, which stays when the lead
    /// changes, so a reader never sees a story twice because its original arrived after a re-post.
    /// Otherwise (expand=true) each post is an entry with its own id.
    /// </param>
    public static FeedEntry From(Post post, string sourceName, bool perStory, Uri? sourceUrl = null, Uri? image = null)
    {
        ArgumentNullException.ThrowIfNull(post);
        var published = DateTime.SpecifyKind(post.SortAt, DateTimeKind.Utc);
        // Not UpdatedAt (when AiFeed last stored it): a re-poll that changes nothing a reader sees must not bump the entry.
        var modified = post.ModifiedAt is { } at && at > published ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : published;
        return new FeedEntry(
            IdOf(perStory ? StoryIdOf(post) : post.Id),
            post.Title,
            post.Url,
            sourceName,
            new DateTimeOffset(published),
            new DateTimeOffset(modified),
            string.IsNullOrWhiteSpace(post.Author) ? null : post.Author,
            post.Summary,
            post.ContentHtml,
            post.Tags,
            sourceUrl,
            image);
    }
}

/// <summary>A written document and the validators that go with it.</summary>
public sealed record PublishedDocument(byte[] Body, string ContentType, string ETag, DateTimeOffset LastModified);
