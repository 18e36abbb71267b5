using AiFeed.Model;
using LiteDB;

namespace AiFeed.Storage;

/// <summary>
/// IPostStore over LiteDB. LiteDB has no async API and binds transactions to the thread
/// (litedb-org/LiteDB#2822), so each call runs synchronously and materialises its result.
/// </summary>
public sealed class LiteDbPostStore(LiteDbContext context) : IPostStore
{
    public Task<IReadOnlyList<Post>> FindAsync(IReadOnlyCollection<string> ids, IReadOnlyCollection<string> urls, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var found = new Dictionary<string, Post>(StringComparer.Ordinal);
        if (ids.Count > 0)
        {
            foreach (var post in context.Posts.Find(Query.In("_id", ids.Select(i => new BsonValue(i)))))
            {
                found[post.Id] = post;
            }
        }

        if (urls.Count > 0)
        {
            foreach (var post in context.Posts.Find(Query.In(nameof(Post.Url), urls.Select(u => new BsonValue(u)))))
            {
                found.TryAdd(post.Id, post);
            }
        }

        return Task.FromResult<IReadOnlyList<Post>>([.. found.Values]);
    }

    public Task SaveAsync(IReadOnlyList<Post> posts, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (posts.Count > 0)
        {
            // Upsert(IEnumerable) is one transaction: a batch per source lands whole or not at all.
            context.Posts.Upsert(posts);
        }

        return Task.CompletedTask;
    }

    public Task<Post?> GetAsync(string id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<Post?>(context.Posts.FindById(id));
    }

    public Task<PostPage> QueryAsync(PostQuery query, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var limit = Math.Clamp(query.Limit, 1, PostQuery.MaxLimit);
        var items = Filter(query)
            .OrderByDescending(p => p.SortKey)
            .Limit(limit + 1)
            .ToList();
        var next = items.Count > limit ? items[limit - 1].SortKey : null;
        if (items.Count > limit)
        {
            items.RemoveAt(limit);
        }

        return Task.FromResult(new PostPage(items, next));
    }

    public Task<long> CountAsync(PostQuery query, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Filter(query with { After = null }).LongCount());
    }

    public Task<IReadOnlyDictionary<string, int>> CountBySourceAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var doc in context.Database.Execute("SELECT $.Sources[*] AS s FROM posts").ToEnumerable())
        {
            foreach (var source in doc["s"].AsArray)
            {
                var id = source.AsString;
                counts[id] = counts.GetValueOrDefault(id) + 1;
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, int>>(counts);
    }

    private ILiteQueryable<Post> Filter(PostQuery query)
    {
        var q = context.Posts.Query();
        if (query.Sources.Count == 1)
        {
            q = q.Where("$.Sources[*] ANY = @0", new BsonValue(query.Sources[0]));
        }
        else if (query.Sources.Count > 1)
        {
            q = q.Where("$.Sources[*] ANY IN @0", new BsonArray(query.Sources.Select(s => new BsonValue(s))));
        }

        foreach (var tag in query.Tags)
        {
            q = q.Where("$.Tags[*] ANY = @0", new BsonValue(tag));
        }

        foreach (var term in query.Terms)
        {
            q = q.Where("$.Terms[*] ANY = @0", new BsonValue(term));
        }

        if (query.Since is { } since)
        {
            q = q.Where(p => p.SortAt >= since);
        }

        if (query.Until is { } until)
        {
            q = q.Where(p => p.SortAt < until);
        }

        if (query.After is { } after)
        {
            q = q.Where("$.SortKey < @0", new BsonValue(after));
        }

        return q;
    }
}
