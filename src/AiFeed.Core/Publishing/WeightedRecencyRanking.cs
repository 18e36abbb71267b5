using AiFeed.Catalog;
using AiFeed.Model;
using AiFeed.Storage;

namespace AiFeed.Publishing;

/// <summary>
/// A first "top today": source weight (the highest of the sources that carried the story) ×
/// a bonus per extra source (a story several sources ran matters more) × recency decay with a
/// 12-hour half-life, so a weighty post from this morning still beats a light one from an hour ago.
/// </summary>
public sealed class WeightedRecencyRanking(IPostStore posts, ICatalogProvider catalog, TimeProvider time) : ITopStories
{
    public static readonly TimeSpan HalfLife = TimeSpan.FromHours(12);

    // A day of posts from every source fits comfortably; beyond this the oldest are ignored.
    private const int MaxCandidates = 2000;

    public async Task<IReadOnlyList<Post>> TopAsync(TimeSpan window, int count, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var candidates = new List<Post>();
        string? after = null;
        do
        {
            var page = await posts.QueryAsync(new PostQuery { Since = now - window, Limit = PostQuery.MaxLimit, After = after }, cancellationToken);
            candidates.AddRange(page.Items);
            after = page.NextAfter;
        }
        while (after is not null && candidates.Count < MaxCandidates);

        var current = catalog.Current;
        return [.. candidates
            .Select(p => (Post: p, Score: Score(p, current, now)))
            .OrderByDescending(x => x.Score)
            .ThenByDescending(x => x.Post.SortAt)
            .Take(count)
            .Select(x => x.Post)];
    }

    public static double Score(Post post, FeedCatalog catalog, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(catalog);
        var weight = post.AlsoIn.Select(a => a.SourceId).Append(post.SourceId)
            .Max(id => catalog.Find(id)?.Weight ?? 1);
        var ageHours = Math.Max(0, (now - post.SortAt).TotalHours);
        return weight * (1 + (0.5 * post.AlsoIn.Count)) * Math.Pow(0.5, ageHours / HalfLife.TotalHours);
    }
}
