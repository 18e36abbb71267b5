using AiFeed.Catalog;
using AiFeed.Storage;
using Microsoft.Extensions.Options;

namespace AiFeed.Publishing;

/// <summary>
/// Ranks story clusters for "top posts" and the newsletter:
/// score = source weight × 0.5^(age / half-life) × min(1 + boost × (sources − 1), cap) × Π tag boosts.
/// </summary>
public sealed class TopPostsService(IPostStore posts, ICatalogProvider catalog, IOptionsMonitor<RankingOptions> options, TimeProvider time) : ITopStories
{
    /// <summary>
    /// The reader's "top today" and the newsletter: the best stories of the last <paramref name="window"/>.
    /// The order of two posts does not depend on "now" (both decay by the same factor), so callers may
    /// rank a window that ended earlier and keep the posts inside it.
    /// </summary>
    public async Task<IReadOnlyList<Model.Post>> TopAsync(TimeSpan window, int count, CancellationToken cancellationToken) =>
        [.. (await GetTopAsync(time.GetUtcNow().UtcDateTime - window, count, [], cancellationToken)).Select(r => r.Post)];

    /// <summary>The <paramref name="limit"/> best stories published since <paramref name="since"/>, with every one of <paramref name="tags"/>.</summary>
    public async Task<IReadOnlyList<RankedPost>> GetTopAsync(DateTime since, int limit, IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var leads = await posts.ListLeadsSinceAsync(since, tags, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var settings = options.CurrentValue;
        var current = catalog.Current;
        return [.. leads
            .Select(p => Rank(p, now, settings, current))
            .OrderByDescending(r => r.Score)
            .ThenByDescending(r => r.Post.SortAt)
            .ThenBy(r => r.Post.Id, StringComparer.Ordinal)
            .Take(Math.Max(limit, 0))];
    }

    /// <summary>The score of one post at <paramref name="now"/>.</summary>
    public static RankedPost Rank(Model.Post post, DateTime now, RankingOptions settings, FeedCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(catalog);
        // A removed source keeps its posts at the default weight.
        var weight = catalog.Find(post.SourceId)?.Weight ?? 1;
        var age = Math.Max(0, (now - post.SortAt).TotalHours);
        var recency = Math.Pow(0.5, age / settings.HalfLife.TotalHours);
        var sources = Math.Max(1, post.Sources.Count);
        var cluster = Math.Min(1 + (settings.ClusterBoost * (sources - 1)), settings.MaxClusterFactor);
        var tagFactor = 1d;
        foreach (var tag in post.Tags)
        {
            if (settings.TagBoosts.TryGetValue(tag, out var boost))
            {
                tagFactor *= boost;
            }
        }

        return new RankedPost(post, weight * recency * cluster * tagFactor, weight, recency, cluster, tagFactor, age);
    }
}
