using AiFeed.Ingestion.Parsing;
using AiFeed.Ingestion.Processing;
using AiFeed.Ingestion.Processing.Clustering;
using AiFeed.Model;
using AiFeed.Tests.Infrastructure;

namespace AiFeed.Tests.Ingestion.Processing;

/// <summary>Posts built from the real corpus (read in place) the way PostProcessor builds them, minus sanitising.</summary>
internal static class CorpusPosts
{
    public static List<Post> Load(string relativePath, string sourceId)
    {
        var path = TestEnvironment.CorpusPath(Path.Combine("real", relativePath));
        var feed = new FeedParser().Parse(File.ReadAllBytes(path), new Uri("https://example.org/feed"));
        var prefix = Path.GetFileNameWithoutExtension(relativePath);
        return [.. feed.Items.Select((item, i) => From(sourceId, item, $"{prefix}-{i}"))];
    }

    public static Post From(string sourceId, FeedItem item, string id)
    {
        var title = PlainText.FromHtml(item.Title);
        var summary = PlainText.Summarize(string.IsNullOrWhiteSpace(item.Summary) ? item.ContentHtml : item.Summary);
        var seen = new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var post = Create(sourceId, id, title, UrlCanonicalizer.Canonicalize(item.Link), summary, (item.PublishedAt ?? item.UpdatedAt)?.UtcDateTime ?? seen);
        post.Categories = [.. item.Categories];
        return post;
    }

    /// <summary>
    /// The truth for corpus posts: the same canonical link (scheme, www. and trailing slash aside), or
    /// between the two DeepMind snapshots the same article slug (/discover/blog/x/ moved to /blog/x/).
    /// Within one feed a shared slug proves nothing: OpenAI has two ".../external-testers-acknowledgements".
    /// </summary>
    public static bool SamePost(Post a, Post b, bool acrossDeepMindSnapshots) =>
        (UrlCanonicalizer.StoryKey(a.Url) is { } key && string.Equals(key, UrlCanonicalizer.StoryKey(b.Url), StringComparison.Ordinal))
        || (acrossDeepMindSnapshots && StorySignature.Slug(a.Url) is { } slug && string.Equals(slug, StorySignature.Slug(b.Url), StringComparison.Ordinal));

    /// <summary>A post as built, alone in its story, with its story signature (links from <paramref name="content"/>).</summary>
    public static Post Create(string sourceId, string id, string title, string? url, string summary, DateTime published, string? content = null)
    {
        var post = new Post
        {
            Id = id,
            SourceId = sourceId,
            Sources = [sourceId],
            Title = title,
            Url = url,
            Summary = summary,
            ContentHtml = content,
            PublishedAt = published,
            SortAt = published,
            FirstSeenAt = published,
            SortKey = Post.SortKeyOf(published, id),
            ClusterId = id,
        };
        StorySignature.Apply(post);
        return post;
    }
}
