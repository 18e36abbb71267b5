using AiFeed.Catalog;
using AiFeed.Model;
using AiFeed.Ingestion.Processing.Clustering;
using AiFeed.Ingestion.Processing.Tagging;
using AiFeed.Storage;

namespace AiFeed.Ingestion.Processing;

/// <summary>
/// Items → stored posts: canonical URL and identity, change detection (only new or changed items
/// are sanitised and tagged), story clustering against the store (same identity: update in place;
/// the same story from another source: a member of its cluster, see StoryClusters), then one
/// write for every source that was ready at the same time (see StoreQueue).
/// </summary>
public sealed partial class PostProcessor(IPostStore store, ContentSanitizer sanitizer, PostTagger tagger, TimeProvider time)
{
    private StoreQueue<StoreRequest, ProcessResult>? queue;

    // Created on first use: an initializer cannot name an instance method.
    private StoreQueue<StoreRequest, ProcessResult> Queue => queue ??= new(StoreGroupAsync);

    public Task<ProcessResult> ProcessAsync(SourceDefinition source, IReadOnlyList<FeedItem> items, int maxItems, CancellationToken cancellationToken) =>
        ProcessAsync(source, items, maxItems, replaceStored: true, cancellationToken);

    /// <param name="replaceStored">False stores only posts not stored yet: a stand-in read (the site for a
    /// failed feed, the generic reader for broken rules) must not rewrite what the configured read stored.</param>
    public async Task<ProcessResult> ProcessAsync(SourceDefinition source, IReadOnlyList<FeedItem> items, int maxItems, bool replaceStored, CancellationToken cancellationToken)
    {
        var candidates = Identify(source, items, maxItems);
        var known = await store.FindStoredAsync([.. candidates.Select(c => c.Id)], cancellationToken);
        var knownHashes = known.ToDictionary(p => p.Id, p => p.RawHash, StringComparer.Ordinal);
        var now = time.GetUtcNow().UtcDateTime;
        var newest = ItemDates.NewestKnown(items, now);

        // Unchanged items cost one hash; everything else is built (and sanitised) before queueing.
        var fresh = candidates
            .Where(c => !knownHashes.TryGetValue(c.Id, out var hash) || (replaceStored && !string.Equals(hash, c.RawHash, StringComparison.Ordinal)))
            .Select(c => Build(source, c, now, newest))
            .ToList();
        if (fresh.Count == 0)
        {
            return new ProcessResult(candidates.Count, 0, 0, 0, candidates.Count);
        }

        return await Queue.StoreAsync(new StoreRequest(fresh, candidates.Count, candidates.Count - fresh.Count, now), cancellationToken);
    }

    private static List<Candidate> Identify(SourceDefinition source, IReadOnlyList<FeedItem> items, int maxItems)
    {
        var taken = items.Count > maxItems ? ItemDates.Newest(items, maxItems) : items;
        var idCounts = taken.Where(i => !string.IsNullOrWhiteSpace(i.Id))
            .GroupBy(i => i.Id!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<Candidate>(taken.Count);
        foreach (var item in taken)
        {
            var url = UrlCanonicalizer.Canonicalize(item.Link);
            var unique = item.Id is { } guid && idCounts.GetValueOrDefault(guid) == 1;
            var id = PostIdentity.ItemKey(source.Id, item, url, unique);
            if (seen.Add(id))
            {
                result.Add(new Candidate(id, url, PostIdentity.RawHash(item), item));
            }
        }

        return result;
    }

    private Post Build(SourceDefinition source, Candidate candidate, DateTime now, DateTime? newest)
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
        var published = ItemDates.Clamp((item.PublishedAt ?? item.UpdatedAt)?.UtcDateTime, now, newest);
        var titleTerms = SearchTerms.Extract(title);
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
            Terms = SearchTerms.Extract(title, summary, item.Author),
            TitleTermCount = titleTerms.Count,
            RawHash = candidate.RawHash,
            FirstParty = IsFirstParty(candidate.Url, source),
        };
        post.Tags = tagger.Tag(post, source);
        StorySignature.Apply(post);
        store.Prepare(post);
        return post;
    }

    // The story's own site: its URL is on the host the source itself lives on (www. aside).
    private static bool IsFirstParty(string? url, SourceDefinition source)
    {
        var host = HostOf(url);
        return host is not null && (host == HostOf(source.Site) || host == HostOf(source.Url));
    }

    private static string? HostOf(string? url) =>
        url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri)
            ? (uri.Host.StartsWith("www.", StringComparison.Ordinal) ? uri.Host[4..] : uri.Host)
            : null;

    private sealed record Candidate(string Id, string? Url, string RawHash, FeedItem Item);
}
