using AiFeed.Catalog;
using AiFeed.Model;
using AiFeed.Ingestion.Processing.Clustering;
using AiFeed.Ingestion.Processing.Tagging;
using AiFeed.Storage;

namespace AiFeed.Ingestion.Processing;

/// <summary>
/// Items → stored posts: canonical URL and identity, change detection (only new or changed items
/// are sanitised and tagged), stories decided against the store (same identity: update in place;
/// the same story from another source: a member of its story, see StoryResolver and
/// docs/stories.md), then one write for every source that was ready at the same time (see StoreQueue).
/// </summary>
public sealed partial class PostProcessor(IPostStore store, IStoryStore stories, ContentSanitizer sanitizer, PostTagger tagger, TimeProvider time)
{
    private readonly StoryResolver resolver = new(stories);
    private StoreQueue<StoreRequest, ProcessResult>? queue;

    // Created on first use (an initializer cannot name an instance method), and only once: sources
    // storing their first posts at the same time must share one queue, or their find-then-write
    // would interleave (two stories for one paper).
    private StoreQueue<StoreRequest, ProcessResult> Queue => LazyInitializer.EnsureInitialized(ref queue, () => new(StoreGroupAsync));

    public Task<ProcessResult> ProcessAsync(SourceDefinition source, IReadOnlyList<FeedItem> items, int maxItems, CancellationToken cancellationToken) =>
        ProcessAsync(source, items, maxItems, replaceStored: true, firstPoll: false, cancellationToken);

    /// <param name="replaceStored">False stores only posts not stored yet: a stand-in read (the site for a
    /// failed feed, the generic reader for broken rules) must not rewrite what the configured read stored.</param>
    /// <param name="firstPoll">No poll of the source succeeded before: an undated item may then be of any age.</param>
    public Task<ProcessResult> ProcessAsync(SourceDefinition source, IReadOnlyList<FeedItem> items, int maxItems, bool replaceStored, bool firstPoll, CancellationToken cancellationToken) =>
        ProcessAsync(source, items, maxItems, replaceStored, firstPoll, stored: null, cancellationToken);

    /// <param name="stored">Called by the writer as soon as these posts are stored (not when nothing
    /// needed storing, nor when storing failed), before the caller resumes.</param>
    internal Task<ProcessResult> ProcessAsync(SourceDefinition source, IReadOnlyList<FeedItem> items, int maxItems, bool replaceStored, bool firstPoll, Action? stored, CancellationToken cancellationToken) =>
        StoreBuiltAsync(BuildAsync(source, items, maxItems, replaceStored, firstPoll, stored, cancellationToken), cancellationToken);

    // The wait for the writer, apart from the build: what waits is the built posts, not the items
    // they were built from (a finished async method's locals go with it; decision 0078).
    private async Task<ProcessResult> StoreBuiltAsync(Task<(StoreRequest? Request, ProcessResult? Result)> building, CancellationToken cancellationToken)
    {
        var (request, result) = await building;
        return request is null ? result! : await Queue.StoreAsync(request, cancellationToken);
    }

    // The posts to store, or the result when every item is stored unchanged.
    private async Task<(StoreRequest? Request, ProcessResult? Result)> BuildAsync(SourceDefinition source, IReadOnlyList<FeedItem> items, int maxItems, bool replaceStored, bool firstPoll, Action? stored, CancellationToken cancellationToken)
    {
        var candidates = Identify(source, items, maxItems);
        var known = await store.FindStoredAsync([.. candidates.Select(c => c.Id)], cancellationToken);
        var knownHashes = known.ToDictionary(p => p.Id, p => p.RawHash, StringComparer.Ordinal);
        var now = time.GetUtcNow().UtcDateTime;
        var newest = ItemDates.NewestKnown(items, now);

        // Unchanged items cost one hash; everything else is built (and sanitised) before queueing.
        var fresh = candidates
            .Where(c => !knownHashes.TryGetValue(c.Id, out var hash) || (replaceStored && !string.Equals(hash, c.RawHash, StringComparison.Ordinal)))
            .Select(c => Build(source, c, now, newest, firstPoll))
            .ToList();
        if (fresh.Count == 0)
        {
            return (null, new ProcessResult(candidates.Count, 0, 0, 0, candidates.Count));
        }

        return (new StoreRequest(fresh, candidates.Count, candidates.Count - fresh.Count, now, stored), null);
    }

    private static List<Candidate> Identify(SourceDefinition source, IReadOnlyList<FeedItem> items, int maxItems)
    {
        var taken = items.Count > maxItems ? ItemDates.Newest(items, maxItems) : items;
        var idCounts = taken.Where(i => !string.IsNullOrWhiteSpace(i.Id))
            .GroupBy(i => i.Id!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<Candidate>(taken.Count);
        // Each link is canonicalised once, with its fragment; the document decides whether fragments stay.
        var links = taken.Select(i => UrlCanonicalizer.Canonicalize(i.Link, keepFragment: true)).ToList();
        var keepFragments = UrlCanonicalizer.FragmentsDistinguishItems(links);
        for (var i = 0; i < taken.Count; i++)
        {
            var item = taken[i];
            var url = links[i] is { } link && !keepFragments ? UrlCanonicalizer.WithoutFragment(link) : links[i];
            var unique = item.Id is { } guid && idCounts.GetValueOrDefault(guid) == 1;
            var id = PostIdentity.ItemKey(source.Id, item, url, unique);
            if (seen.Add(id))
            {
                result.Add(new Candidate(id, url, PostIdentity.RawHash(item), item));
            }
        }

        return result;
    }

    private Post Build(SourceDefinition source, Candidate candidate, DateTime now, DateTime? newest, bool firstPoll)
    {
        var item = candidate.Item;
        var baseUri = candidate.Url is not null ? new Uri(candidate.Url) : null;
        var content = string.IsNullOrWhiteSpace(item.ContentHtml) ? item.Summary : item.ContentHtml;
        var summarySource = string.IsNullOrWhiteSpace(item.Summary) ? item.ContentHtml : item.Summary;
        var title = PlainText.FromHtml(item.Title);
        if (string.IsNullOrWhiteSpace(title))
        {
            title = PlainText.Summarize(summarySource, 80) is { Length: > 0 } s ? s : candidate.Url ?? "(untitled)";
        }

        var summary = PlainText.Summarize(summarySource);
        var dated = (item.PublishedAt ?? item.UpdatedAt)?.UtcDateTime;
        // A first poll's future date gets its document's newest believable date; later, a new item is
        // as new as when it was first seen (PostMerge clamps it to that).
        var published = firstPoll ? ItemDates.Clamp(dated, now, newest) : dated;
        var html = string.IsNullOrWhiteSpace(content) ? null : sanitizer.Sanitize(content, baseUri);
        var post = new Post
        {
            Id = candidate.Id,
            SourceId = source.Id,
            Title = title,
            Url = candidate.Url,
            PublishedAt = published,
            FirstSeenAt = now,
            UpdatedAt = now,
            ModifiedAt = ItemDates.Modified(item.UpdatedAt?.UtcDateTime, published, now),
            Author = string.IsNullOrWhiteSpace(item.Author) ? null : item.Author.Trim(),
            Summary = summary,
            ContentHtml = html,
            // The feed's own picture (media:content, enclosure), else the first one in the post.
            ImageUrl = UrlCanonicalizer.Canonicalize(item.ImageUrl) ?? PostImages.First(html),
            Categories = [.. item.Categories.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Distinct(StringComparer.OrdinalIgnoreCase)],
            RawHash = candidate.RawHash,
            FirstParty = IsFirstParty(candidate.Url, source),
            // Seen in a later poll, an undated item appeared since the previous one; in the first, it may be years old.
            DateUnknown = firstPoll && (dated is null || dated > now),
        };
        // Tagging and the story signature read the same words of the title and summary: split once.
        var words = PostWords.Of(post);
        tagger.Apply(post, source, words);
        StorySignature.Apply(post, words);
        store.Prepare(post);
        return post;
    }

    // The story's own site: its URL is on the host the source itself lives on (www. aside).
    private static bool IsFirstParty(string? url, SourceDefinition source)
    {
        var host = UrlCanonicalizer.Site(url);
        return host is not null && (host == UrlCanonicalizer.Site(source.Site) || host == UrlCanonicalizer.Site(source.Url));
    }

    private sealed record Candidate(string Id, string? Url, string RawHash, FeedItem Item);
}
