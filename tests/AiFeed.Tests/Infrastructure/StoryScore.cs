using AiFeed.Ingestion.Processing;
using AiFeed.Model;

namespace AiFeed.Tests.Infrastructure;

/// <summary>
/// Stories scored against the bench manifest: pairwise precision (of the item pairs put in one story,
/// the share that are one post) and recall (of the pairs that are one post, the share put in one
/// story), and the partition itself, to compare runs.
/// </summary>
public sealed record StoryScore(int Items, int Matched, int Stories, int TruePosts, long TruePairs, long FalsePairs, long MissedPairs, IReadOnlyList<string> Partition)
{
    public double Precision => TruePairs + FalsePairs == 0 ? 1 : (double)TruePairs / (TruePairs + FalsePairs);

    public double Recall => TruePairs + MissedPairs == 0 ? 1 : (double)TruePairs / (TruePairs + MissedPairs);

    /// <summary>Each item is found by its feed and canonical link; an item no stored post has is a story of its own.</summary>
    public static StoryScore Of(IReadOnlyList<(string FeedId, string Link, string Canonical)> manifest, IEnumerable<Post> posts)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var storyOf = new Dictionary<(string, string), string>();
        foreach (var post in posts.Where(p => p.Url is not null))
        {
            storyOf[(post.SourceId, post.Url!)] = post.ClusterId;
        }

        var predicted = new List<string>(manifest.Count);
        var matched = 0;
        foreach (var (feed, link, _) in manifest)
        {
            if (UrlCanonicalizer.Canonicalize(link) is { } url && storyOf.TryGetValue((feed, url), out var story))
            {
                predicted.Add(story);
                matched++;
            }
            else
            {
                predicted.Add($"missing:{feed}:{link}");
            }
        }

        static long Pairs(IEnumerable<int> sizes) => sizes.Sum(n => (long)n * (n - 1) / 2);
        var together = Pairs(predicted.Zip(manifest).GroupBy(x => (x.First, x.Second.Canonical)).Select(g => g.Count()));
        var inStories = Pairs(predicted.GroupBy(p => p, StringComparer.Ordinal).Select(g => g.Count()));
        var inPosts = Pairs(manifest.GroupBy(m => m.Canonical, StringComparer.Ordinal).Select(g => g.Count()));
        var partition = predicted.Zip(manifest)
            .GroupBy(x => x.First, StringComparer.Ordinal)
            .Select(g => string.Join(' ', g.Select(x => x.Second.FeedId + ":" + x.Second.Link).Order(StringComparer.Ordinal)))
            .Order(StringComparer.Ordinal)
            .ToList();
        return new StoryScore(
            manifest.Count,
            matched,
            partition.Count,
            manifest.Select(m => m.Canonical).Distinct(StringComparer.Ordinal).Count(),
            together,
            inStories - together,
            inPosts - together,
            partition);
    }

    public override string ToString() =>
        $"{Items} items ({Matched} stored), {Stories} stories for {TruePosts} distinct posts: pairwise precision {Precision:P2} ({TruePairs} right, {FalsePairs} false pairs), recall {Recall:P2} ({MissedPairs} missed pairs)";
}
