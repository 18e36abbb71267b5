using AiFeed.Model;
using AiFeed.Search;
using LiteDB;

namespace AiFeed.Storage;

/// <summary>
/// IPostStore over LiteDB. LiteDB has no async API and binds transactions to the thread
/// (litedb-org/LiteDB#2822), so each call runs synchronously and materialises its result.
/// </summary>
public sealed partial class LiteDbPostStore(LiteDbContext context, IEnumerable<IPostWriteObserver> observers) : IPostStore, IStoryStore
{
    private readonly IPostWriteObserver[] observers = [.. observers];
    private readonly CompiledLookup byId = new("_id IN @0");

    /// <summary>
    /// How many of the last written posts keep a light copy for story clustering
    /// (<see cref="RecentEvidence"/>): room for a cold poll of 10,000 posts, whose later batches
    /// met 2,187 candidates read back from LiteDB on the writer at 7,168 (docs/performance.md, issue 24).
    /// </summary>
    internal const int RecentEvidenceCapacity = 12_288;

    /// <summary>
    /// How many light copies read from LiteDB are kept beside those once they are full
    /// (<see cref="RecentEvidence.ReadCapacity"/>, decision 0061).
    /// </summary>
    internal const int RecentReadCapacity = 1_024;

    private readonly RecentEvidence evidence = new(RecentEvidenceCapacity, RecentReadCapacity);

    /// <summary>A store nobody observes (tools, tests, benchmarks).</summary>
    public LiteDbPostStore(LiteDbContext context)
        : this(context, [])
    {
    }

    /// <summary>
    /// Most stored posts one key of a story lookup reads: a summary or title thousands of posts share
    /// would otherwise make each poll compare against all of them. Only such a key can make a story
    /// depend on the order posts came in (docs/stories.md).
    /// </summary>
    public const int MaxStoryCandidates = 500;

    public Task<IReadOnlyList<StoredPost>> FindStoredAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        cancellationToken.ThrowIfCancellationRequested();
        // Most ids a poll asks about are new: while the search index is current it knows every
        // stored id (a term lookup under the index's own lock), so only those it knows are read.
        // Asked outside the gate: a poll's refreshes would otherwise each block a pool thread behind
        // the writer's batch for ids nobody stored. A batch committed and not yet in the index
        // reads as new here; the writer asks again under the gate before it writes (StoreGroupAsync).
        IReadOnlyCollection<string> stored = ids;
        if (Volatile.Read(ref indexCurrent))
        {
            var existing = Index.Existing(ids);
            stored = [.. ids.Where(existing.Contains)];
            if (stored.Count == 0)
            {
                return Task.FromResult<IReadOnlyList<StoredPost>>([]);
            }
        }

        using var gate = context.Gate.EnterScope();
        return Task.FromResult<IReadOnlyList<StoredPost>>([.. Light(stored).Select(StoredPost.Of)]);
    }

    public Task<IReadOnlyList<Post>> GetManyAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        cancellationToken.ThrowIfCancellationRequested();
        if (ids.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<Post>>([]);
        }

        using var gate = context.Gate.EnterScope();
        return Task.FromResult<IReadOnlyList<Post>>(Posts(byId.With(ids)));
    }

    // Compressing the HTML (StoredHtml) is the part of writing that needs no lock.
    public void Prepare(Post post) => StoredHtml.Prepare(post);

    public Task SaveAsync(IReadOnlyList<Post> posts, CancellationToken cancellationToken) =>
        SaveStoriesAsync(posts, [], [], cancellationToken);

    public async Task SaveStoriesAsync(IReadOnlyList<Post> posts, IReadOnlyList<StoryRecord> stories, IReadOnlyCollection<string> removedStoryIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(posts);
        ArgumentNullException.ThrowIfNull(stories);
        ArgumentNullException.ThrowIfNull(removedStoryIds);
        cancellationToken.ThrowIfCancellationRequested();
        if (posts.Count == 0 && stories.Count == 0 && removedStoryIds.Count == 0)
        {
            return;
        }

        using (context.EnterWrite())
        {
            var revision = Write(posts, stories, removedStoryIds, out var firstWritten);
            evidence.Put(posts);
            IndexWritten(posts, stories, removedStoryIds, revision, firstWritten);
        }

        if (posts.Count > 0)
        {
            foreach (var observer in observers)
            {
                await observer.PostsWrittenAsync(posts.Count, cancellationToken);
            }
        }
    }

    // One transaction: a batch lands whole or not at all. Upsert looks every post up by _id before
    // it inserts, a skip-list walk as costly as writing an index key (8 % of a cold poll's
    // allocations); while the search index is current it knows every stored id (a term lookup), and
    // new posts are inserted directly.
    // Under the gate, so the explicit transaction never spans an await (LiteDB binds it to the thread).
    // firstWritten: the posts stored for the first time (null when the index could not tell).
    private long Write(IReadOnlyList<Post> posts, IReadOnlyList<StoryRecord> stories, IReadOnlyCollection<string> removedStoryIds, out HashSet<string>? firstWritten)
    {
        context.Database.BeginTrans();
        try
        {
            var revision = StampRevision(posts, stories);
            firstWritten = null;
            // Upsert also while the index catches up, and for a batch naming a post twice (Insert
            // would refuse the second).
            if (!indexCurrent || posts.DistinctBy(p => p.Id, StringComparer.Ordinal).Count() != posts.Count)
            {
                context.PostDocuments.Upsert(posts.Select(StoredPostDocument.Of));
                context.WriteHtml(posts, fresh: false);
            }
            else
            {
                var known = Index.Existing(posts.Select(p => p.Id));
                var fresh = posts.Where(p => !known.Contains(p.Id)).ToList();
                if (fresh.Count > 0)
                {
                    firstWritten = fresh.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
                    context.PostDocuments.Insert(fresh.Select(StoredPostDocument.Of));
                    context.WriteHtml(fresh, fresh: true);
                }

                if (fresh.Count < posts.Count)
                {
                    var stored = posts.Where(p => known.Contains(p.Id)).ToList();
                    context.PostDocuments.Update(stored.Select(StoredPostDocument.Of));
                    context.WriteHtml(stored, fresh: false);
                }
            }

            if (stories.Count > 0)
            {
                context.Stories.Upsert(stories);
            }

            // A story's record is keyed by a post stored with or before it, so a post stored for the
            // first time has none to delete: a cold poll's new one-post stories (nearly every story)
            // skip a lookup each.
            foreach (var id in removedStoryIds)
            {
                if (firstWritten?.Contains(id) != true)
                {
                    context.Stories.Delete(id);
                }
            }

            context.Database.Commit();
            storedRevision = revision;
            return revision;
        }
        catch
        {
            context.Database.Rollback();
            throw;
        }
    }

    // Under the gate: the posts of ids from an index, in that order (one _id lookup).
    private List<Post> LoadInOrder(List<string> ids)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var posts = Posts(byId.With(ids)).ToDictionary(p => p.Id, StringComparer.Ordinal);
        return [.. ids.Where(posts.ContainsKey).Select(id => posts[id])];
    }

    public Task<Post?> GetAsync(string id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var gate = context.Gate.EnterScope();
        return Task.FromResult(context.PostDocuments.FindById(id) is { } document ? StoredPostDocument.Read(document) : null);
    }

    public Task LoadHtmlAsync(IReadOnlyList<Post> posts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(posts);
        cancellationToken.ThrowIfCancellationRequested();
        context.LoadHtml(posts);
        return Task.CompletedTask;
    }

    public async Task<PostPage> QueryAsync(PostQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        if (SearchSyntax.Parse(query.Text) is { } text)
        {
            await IndexReadyAsync(cancellationToken);
            return Search(query, text);
        }

        // The order comes from the search index, the posts from LiteDB by _id: LiteDB keeps no
        // index on the list keys or sources, which every write of a post would pay for.
        await IndexReadyAsync(cancellationToken);
        var limit = PostOrder.Limit(query);
        var ids = Index.Newest(query, limit + 1).Select(l => l.Id).ToList();
        List<Post> items;
        using (context.Gate.EnterScope())
        {
            items = LoadInOrder(ids);
        }

        return PostOrder.Page(items, limit, query.Expand);
    }

    // Answered by the search index alone (its listings), never by LiteDB: list pages run beside
    // each other on both cores instead of one at a time through the gate.
    public async Task<ListingPage> ListAsync(PostQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await IndexReadyAsync(cancellationToken);
        if (SearchSyntax.Parse(query.Text) is { } text)
        {
            return SearchListings(query, text);
        }

        var limit = PostOrder.Limit(query);
        return PostOrder.Page(Complete(Index.Newest(query, limit + 1)), limit, query.Expand);
    }

    public async Task<long> CountAsync(PostQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        // Counted in the search index, never by a LiteDB walk: LiteDB loads every document a count
        // walks, and its read snapshot keeps each page it loads in the page cache until the walk
        // ends, a cache that never hands memory back (the whole data file after one count).
        await IndexReadyAsync(cancellationToken);
        if (recordedStories is { } stories && IsEverything(query))
        {
            return stories;
        }

        var all = query with { After = null };
        return SearchSyntax.Parse(query.Text) is { } text ? Index.Search(all, text, 0, 0, exact: true).Total : Index.CountFiltered(all);
    }

    // Every story, what the index's record counted (RecordIndex).
    private static bool IsEverything(PostQuery query) =>
        query is { Expand: false, Since: null, Until: null, Sources.Count: 0, Tags.Count: 0, Terms.Count: 0 } && string.IsNullOrWhiteSpace(query.Text);

    public async Task<IReadOnlyList<Post>> ListLeadsSinceAsync(DateTime since, IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tags);
        await IndexReadyAsync(cancellationToken);
        var ids = Index.Matching(new PostQuery { Since = since, Tags = tags });
        using var gate = context.Gate.EnterScope();
        return LoadInOrder(ids);
    }

    public async Task<IReadOnlyDictionary<string, int>> CountBySourceAsync(CancellationToken cancellationToken)
    {
        // Counted in the search index: grouping in LiteDB needed a SourceId index that cost every write.
        await IndexReadyAsync(cancellationToken);
        return Index.CountBySource();
    }

    public async Task<IReadOnlyDictionary<string, long>> CountByTagAsync(IReadOnlyCollection<string> tags, bool expand, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tags);
        await IndexReadyAsync(cancellationToken);
        return Index.CountByTag(tags, expand);
    }

    public Task<IReadOnlyList<Post>> ListBatchAsync(string? afterId, int batchSize, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var gate = context.Gate.EnterScope();
        return Task.FromResult<IReadOnlyList<Post>>(Read(AfterId(context.PostDocuments.Query(), afterId).OrderBy("_id").Limit(batchSize).ToEnumerable()));
    }

    // Under the gate: the posts a filter finds, read by hand (StoredPostDocument.Read), not by BsonMapper.
    private List<Post> Posts(BsonExpression filter) => Read(context.PostDocuments.Find(filter));

    private static List<Post> Read(IEnumerable<BsonDocument> documents) => [.. documents.Select(StoredPostDocument.Read)];

    // Posts with ids after afterId: how ListBatchAsync and the in-memory index build walk the store.
    private static ILiteQueryable<T> AfterId<T>(ILiteQueryable<T> query, string? afterId) =>
        afterId is null ? query : query.Where("_id > @0", new BsonValue(afterId));
}
