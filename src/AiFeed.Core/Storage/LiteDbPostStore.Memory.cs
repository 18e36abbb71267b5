using AiFeed.Model;
using LiteDB;

namespace AiFeed.Storage;

public sealed partial class LiteDbPostStore
{
    /// <summary>
    /// Posts read per hold of the gate while the in-memory indexes are built. Reading 100,000 posts
    /// and indexing them takes 7–12 s on the 2-core VM; held whole, that blocked every API read for
    /// as long. In chunks, a newest-page read waited at most ~240 ms during the build.
    /// </summary>
    internal const int IndexBuildChunk = 2_000;

    private readonly Lock buildLock = new();
    private Task? build;

    // Set under the gate once built; until then, writes are also kept here (under the gate) so the
    // build can replay what it may have read before they landed.
    private SearchIndex? searchIndex;
    private StoryIndex? storyIndex;
    private List<Post>? writtenDuringBuild;

    // Callers hold the gate and have awaited MemoryIndexesAsync.
    private SearchIndex SearchIndex => searchIndex ?? throw new InvalidOperationException("The search index is not built yet.");

    private StoryIndex StoryIndex => storyIndex ?? throw new InvalidOperationException("The story index is not built yet.");

    /// <summary>
    /// Both in-memory indexes come from one scan of the stored posts on first use (never persisted:
    /// the posts are the truth), on a pool thread; every write after that updates them.
    /// </summary>
    private Task MemoryIndexesAsync(CancellationToken cancellationToken)
    {
        lock (buildLock)
        {
            build ??= Task.Run(BuildMemoryIndexes, CancellationToken.None);
            return build.WaitAsync(cancellationToken);
        }
    }

    private void BuildMemoryIndexes()
    {
        try
        {
            var search = new SearchIndex();
            var stories = new StoryIndex();
            using (context.Gate.EnterScope())
            {
                writtenDuringBuild = [];
            }

            string? after = null;
            var migrating = !StoryRecordsMigrated();
            var joined = new List<Post>();
            var founders = new Dictionary<string, Post>(StringComparer.Ordinal);
            while (true)
            {
                List<BsonDocument> chunk;
                using (context.Gate.EnterScope())
                {
                    chunk = AfterId(context.Posts.Query(), after).OrderBy("_id").Select(IndexedProjection.Fields).Limit(IndexBuildChunk).ToList();
                }

                foreach (var post in chunk.Select(IndexedProjection.ToPost))
                {
                    search.Upsert(post);
                    stories.Upsert(post);
                    if (migrating && post.ClusterId.Length > 0)
                    {
                        if (!string.Equals(post.ClusterId, post.Id, StringComparison.Ordinal))
                        {
                            joined.Add(post);
                        }
                        else
                        {
                            founders[post.Id] = post;
                        }
                    }
                }

                if (chunk.Count < IndexBuildChunk)
                {
                    break;
                }

                after = chunk[^1]["_id"].AsString;
            }

            if (migrating)
            {
                MigrateStoryRecords(joined, founders);
            }

            using (context.Gate.EnterScope())
            {
                // Newest last: a post written twice meanwhile ends as its last write.
                foreach (var post in writtenDuringBuild!)
                {
                    search.Upsert(post);
                    stories.Upsert(post);
                }

                (searchIndex, storyIndex, writtenDuringBuild) = (search, stories, null);
            }
        }
        catch
        {
            // A failed build (a LiteDB error) is tried again by the next caller, not cached.
            using (context.Gate.EnterScope())
            {
                writtenDuringBuild = null;
            }

            lock (buildLock)
            {
                build = null;
            }

            throw;
        }
    }

    private const string StoryRecordsKey = "story-records";

    private bool StoryRecordsMigrated()
    {
        using var gate = context.Gate.EnterScope();
        return context.Metadata.FindById(StoryRecordsKey) is not null;
    }

    /// <summary>
    /// Once per store: a store written before story records has multi-post stories only as posts
    /// sharing a ClusterId. Each gets its record; a record written since (by a poll meanwhile) stands.
    /// </summary>
    private void MigrateStoryRecords(List<Post> joined, Dictionary<string, Post> founders)
    {
        var records = new List<StoryRecord>();
        foreach (var story in joined.GroupBy(p => p.ClusterId, StringComparer.Ordinal))
        {
            var members = story.ToList();
            if (founders.TryGetValue(story.Key, out var founder))
            {
                members.Add(founder);
            }

            members = [.. members.OrderBy(p => p.SortAt).ThenBy(p => p.Id, StringComparer.Ordinal)];
            var anchor = members[0];
            records.Add(new StoryRecord
            {
                Id = story.Key,
                Members = [.. members.Select(p => p.Id)],
                AnchorId = anchor.Id,
                LeadId = members.FirstOrDefault(p => p.LeadKey.Length > 0)?.Id ?? anchor.Id,
                Keys = [.. members.SelectMany(p => p.StoryKeys).Distinct(StringComparer.Ordinal)],
                TitleKey = anchor.TitleKey,
                TextHash = anchor.TextHash,
                Links = anchor.Links,
            });
        }

        using var gate = context.Gate.EnterScope();
        context.Database.BeginTrans();
        try
        {
            foreach (var record in records)
            {
                if (context.Stories.FindById(record.Id) is null)
                {
                    context.Stories.Insert(record);
                }
            }

            context.Metadata.Upsert(new BsonDocument { ["_id"] = StoryRecordsKey, ["value"] = "1" });
            context.Database.Commit();
        }
        catch
        {
            context.Database.Rollback();
            throw;
        }
    }

    // Under the gate, once the write has landed.
    private void Indexed(IReadOnlyList<Post> written)
    {
        if (searchIndex is not null && storyIndex is not null)
        {
            foreach (var post in written)
            {
                searchIndex.Upsert(post);
                storyIndex.Upsert(post);
            }
        }
        else
        {
            writtenDuringBuild?.AddRange(written);
        }
    }
}
