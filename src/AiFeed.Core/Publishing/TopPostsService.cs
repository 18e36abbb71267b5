using System.Globalization;
using AiFeed.Catalog;
using AiFeed.Model;
using AiFeed.Storage;
using Microsoft.Extensions.Options;

namespace AiFeed.Publishing;

/// <summary>
/// Ranks stories for "top posts" and the newsletter:
/// score = source weight × 0.5^(age / half-life) × min(1 + boost × (sources − 1), cap) × Π tag boosts.
/// The age counts from the story's publication date, else from when it was first seen; a story whose
/// publication cannot be told (undated, or dated in the future, in its source's first poll) is not
/// ranked. The half-life is <see cref="RankingOptions.HalfLife"/> for a 24-hour window and scales
/// with the window asked for, so a month's top is not a plain sort by date.
/// </summary>
public sealed class TopPostsService(
    IPostStore posts, ISourceStateStore sources, ICatalogProvider catalog, IOptionsMonitor<RankingOptions> options, TimeProvider time) : ITopStories
{
    /// <summary>The window <see cref="RankingOptions.HalfLife"/> is set for.</summary>
    public static readonly TimeSpan ReferenceWindow = TimeSpan.FromHours(24);

    /// <summary>
    /// The reader's "top today" and the newsletter: the best stories of the last <paramref name="window"/>.
    /// The order of two posts does not depend on "now" (both decay by the same factor), so callers may
    /// rank a window that ended earlier and keep the posts inside it.
    /// </summary>
    public async Task<IReadOnlyList<Post>> TopAsync(TimeSpan window, int count, CancellationToken cancellationToken) =>
        [.. (await GetTopAsync(time.GetUtcNow().UtcDateTime - window, count, [], cancellationToken)).Select(r => r.Post)];

    /// <summary>The <paramref name="limit"/> best stories published since <paramref name="since"/>, with every one of <paramref name="tags"/>.</summary>
    public async Task<IReadOnlyList<RankedPost>> GetTopAsync(DateTime since, int limit, IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var leads = await posts.ListLeadsSinceAsync(since, tags, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var settings = options.CurrentValue;
        var halfLife = HalfLifeFor(now - since, settings);
        var current = catalog.Current;
        return [.. leads
            .Where(p => !p.DateUnknown)
            .Select(p => Rank(p, now, halfLife, settings, current))
            .OrderByDescending(r => r.Score)
            .ThenByDescending(r => r.Post.SortAt)
            .ThenBy(r => r.Post.Id, StringComparer.Ordinal)
            .Take(Math.Max(limit, 0))];
    }

    public Task<string> ExplainEmptyAsync(TimeSpan window, CancellationToken cancellationToken) =>
        ExplainEmptyAsync(time.GetUtcNow().UtcDateTime - window, [], cancellationToken);

    /// <summary>Why no story ranks since <paramref name="since"/>, in words that are true of what is stored.</summary>
    public async Task<string> ExplainEmptyAsync(DateTime since, IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var stored = await posts.CountAsync(new PostQuery(), cancellationToken);
        if (stored == 0)
        {
            // Not polled yet, polled and empty, or failing (and why): the words the start-up log and /api/sources use too.
            return $"No stories yet: {PollingOverview.Of(catalog.Current, await sources.GetAllAsync(cancellationToken)).Describe()}.";
        }

        var window = time.GetUtcNow().UtcDateTime - since;
        var span = window == TimeSpan.FromHours(1) ? "hour"
            : window.TotalHours % 24 == 0 && window.TotalHours >= 48 ? string.Create(CultureInfo.InvariantCulture, $"{window.TotalDays:0} days")
            : string.Create(CultureInfo.InvariantCulture, $"{window.TotalHours:0.#} hours");
        var tagged = tags.Count == 0 ? "" : " tagged " + string.Join(" and ", tags);
        var undated = (await posts.ListLeadsSinceAsync(since, tags, cancellationToken)).Count(p => p.DateUnknown);
        var note = string.Create(CultureInfo.InvariantCulture, $"No story{tagged} published in the last {span}; {stored:N0} {(stored == 1 ? "story" : "stories")} stored.");
        return undated == 0
            ? note
            : string.Create(CultureInfo.InvariantCulture, $"{note} {undated:N0} first seen in that time came undated in their source's first poll, so when they were published is unknown and they are not ranked.");
    }

    /// <summary>The half-life for a window: <see cref="RankingOptions.HalfLife"/> × window / 24 h.</summary>
    public static TimeSpan HalfLifeFor(TimeSpan window, RankingOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var scale = window <= TimeSpan.Zero ? 1 : window / ReferenceWindow;
        return settings.HalfLife * scale;
    }

    /// <summary>The score of one post at <paramref name="now"/> with the half-life of the window asked for.</summary>
    public static RankedPost Rank(Post post, DateTime now, TimeSpan halfLife, RankingOptions settings, FeedCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(catalog);
        // A removed source keeps its posts at the default weight.
        var weight = catalog.Find(post.SourceId)?.Weight ?? 1;
        // SortAt is the publication date, or the first-seen time for an undated or future-dated post.
        var age = Math.Max(0, (now - post.SortAt).TotalHours);
        var recency = Math.Pow(0.5, age / halfLife.TotalHours);
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

        return new RankedPost(post, weight * recency * cluster * tagFactor, weight, recency, cluster, tagFactor, age, halfLife.TotalHours);
    }
}
