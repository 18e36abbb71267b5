using AiFeed.Model;
using AiFeed.Search;
using LiteDB;

namespace AiFeed.Storage;

/// <summary>
/// Keeps the Lucene index (<see cref="PostIndex"/>) in step with the posts. Every write batch gets
/// the next revision, stamped on its posts and story records in the same LiteDB transaction; the
/// index is written after the commit and records the revision it reached. After a crash between
/// the two, the first use replays what is stamped after the index's revision; an index that is
/// missing, unreadable or ahead of the store is rebuilt from every post.
/// </summary>
public sealed partial class LiteDbPostStore
{
    /// <summary>Posts read and indexed per hold of the gate while the index catches up or is rebuilt.</summary>
    internal const int IndexChunk = 1_000;

    private const string RevisionKey = "revision";

    // The search index as this store last committed it (RecordIndex): the revision it reached, the
    // generation of that commit and the stories it counted.
    private const string IndexStateKey = "search-index";

    private readonly Lock indexLock = new();
    private Task? indexCatchUp;

    // Under the gate: the store's revision (read once; only this process writes), and whether the
    // index has caught up with it (until then writes stage documents and the catch-up commits them).
    private long? storedRevision;
    private bool indexCurrent;
    private bool indexFaulted;

    // Set when the catch-up took the index as current from its record, without opening it: the
    // revision it must hold when it opens, and the stories it counted (the count of everything
    // until the next write).
    private long? assumedRevision;
    private long? recordedStories;

    private PostIndex Index => assumedRevision is null ? context.Index : OpenAssumed();

    // The first use of an index the catch-up did not open. One that does not hold the revision its
    // record said (unreadable and discarded as it opened, or changed behind the record) is not
    // current after all: writes stage their documents, and the next search or count catches it up.
    private PostIndex OpenAssumed()
    {
        var index = context.Index;
        lock (indexLock)
        {
            if (assumedRevision is { } assumed && index.Revision != assumed)
            {
                indexCurrent = false;
                recordedStories = null;
                if (indexCatchUp is { IsCompleted: true })
                {
                    indexCatchUp = null;
                }
            }

            assumedRevision = null;
        }

        return index;
    }

    /// <summary>Brings the index up to the store: at start, before the first search or count.</summary>
    public Task IndexReadyAsync(CancellationToken cancellationToken)
    {
        // An index not opened yet has staged nothing (and is not opened for this).
        if (context.IndexOpen && Index.StagingFailed)
        {
            using var gate = context.Gate.EnterScope();
            TakeStagingFault();
        }

        lock (indexLock)
        {
            indexCatchUp ??= Task.Run(CatchUpIndex, CancellationToken.None);
            return indexCatchUp.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Rebuilds the index from every stored post (<c>aifeed reindex</c>); returns how many posts it holds.</summary>
    public async Task<int> RebuildIndexAsync(CancellationToken cancellationToken)
    {
        await IndexReadyAsync(cancellationToken);
        Rebuild(cancellationToken);
        return Index.Count;
    }

    // Under the write gate, in the transaction: the batch's revision, stamped and stored.
    private long StampRevision(IReadOnlyList<Post> posts, IReadOnlyList<StoryRecord> stories)
    {
        var next = StoredRevision() + 1;
        foreach (var post in posts)
        {
            post.Revision = next;
        }

        foreach (var story in stories)
        {
            story.Revision = next;
        }

        context.Metadata.Upsert(new BsonDocument { ["_id"] = RevisionKey, ["value"] = next });
        context.Revisions.Insert(new BsonDocument
        {
            ["_id"] = next,
            ["posts"] = new BsonArray(posts.Select(p => new BsonValue(p.Id))),
            ["stories"] = new BsonArray(stories.Select(s => new BsonValue(s.Id))),
        });
        return next;
    }

    // Under the gate: the ids of the posts and story records written after revision `from` up to
    // `to`, each in the order of its last write, from the revision log; null when the log does not
    // hold every one of those revisions (a store written before the log, an index restored from an
    // older copy): the catch-up then walks every post for the revisions instead.
    private (List<string> Posts, List<string> Stories)? LoggedSince(long from, long to)
    {
        var entries = context.Revisions.Find(Query.And(Query.GT("_id", from), Query.LTE("_id", to))).ToList();
        if (entries.Count != to - from)
        {
            return null;
        }

        var posts = new List<List<string>>(entries.Count);
        var stories = new List<List<string>>(entries.Count);
        var seenPosts = new HashSet<string>(StringComparer.Ordinal);
        var seenStories = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries.OrderByDescending(e => e["_id"].AsInt64))
        {
            posts.Add([.. entry["posts"].AsArray.Select(v => v.AsString).Where(seenPosts.Add)]);
            stories.Add([.. entry["stories"].AsArray.Select(v => v.AsString).Where(seenStories.Add)]);
        }

        posts.Reverse();
        stories.Reverse();
        return ([.. posts.SelectMany(ids => ids)], [.. stories.SelectMany(ids => ids)]);
    }

    private long StoredRevision() =>
        storedRevision ??= context.Metadata.FindById(RevisionKey) is { } doc ? doc["value"].AsInt64 : 0;

    // Under the write gate, after the commit. Until the index has caught up, writes only stage
    // their documents and the catch-up commits them. A failure (here, or later on the index's
    // staging thread) leaves the batch stored and the index behind its revision: the next catch-up
    // (the next use of the index) replays it.
    private void IndexWritten(IReadOnlyList<Post> posts, IReadOnlyList<StoryRecord> stories, IReadOnlyCollection<string> removedStoryIds, long revision, IReadOnlySet<string>? firstWritten)
    {
        if (indexCurrent && Index.StagingFailed)
        {
            TakeStagingFault();
        }

        try
        {
            recordedStories = null;
            // Opened first: an index found not current as it opens (OpenAssumed) only stages.
            var index = Index;
            if (indexCurrent)
            {
                // Staged on the index's own thread while the caller goes on: from copies, so a
                // caller changing its posts after the write cannot change what is indexed, and
                // without their HTML, which no document holds and the queue need not keep alive.
                index.Write(Resolve([.. posts.Select(IndexCopy)], stories, removedStoryIds, firstWritten), revision);
            }
            else
            {
                index.Stage(Resolve(posts, stories, removedStoryIds));
            }
        }
        catch
        {
            IndexBehind();
            throw;
        }
    }

    // Under the gate: a batch the index's staging thread could not add puts the index behind (once,
    // whichever of the next write or the next use takes the fault).
    private void TakeStagingFault()
    {
        if (Index.TakeStagingFault() is not null)
        {
            IndexBehind();
        }
    }

    // Under the gate: the index missed a write. Writes only stage until the next catch-up (the next
    // use of the index) replays everything after its committed revision.
    private void IndexBehind()
    {
        indexCurrent = false;
        indexFaulted = true;
        lock (indexLock)
        {
            if (indexCatchUp is { IsCompleted: true })
            {
                indexCatchUp = null;
            }
        }
    }

    private void CatchUpIndex()
    {
        try
        {
            long? from;
            long to;
            using (context.Gate.EnterScope())
            {
                indexFaulted = false;
                to = StoredRevision();
                // Not opened yet, and as this store last committed it at this revision: current as it is.
                if (!context.IndexOpen && RecordedStories(to) is { } recorded)
                {
                    lock (indexLock)
                    {
                        assumedRevision = to;
                        recordedStories = recorded;
                    }

                    indexCurrent = true;
                    return;
                }
            }

            // Opened outside the gate (its files are not LiteDB's): a process's start reads the store
            // meanwhile (the re-tagging and story-rules checks), then both are read under it together.
            _ = context.Index;
            using (context.Gate.EnterScope())
            {
                to = StoredRevision();
                from = Index.Revision;
            }

            if (from is null || from > to)
            {
                Rebuild(CancellationToken.None);
                return;
            }

            List<string> ids;
            List<StoryRecord> stories;
            using (context.Gate.EnterScope())
            {
                if (LoggedSince(from.Value, to) is { } logged)
                {
                    ids = logged.Posts;
                    stories = logged.Stories.Count == 0 ? [] : context.Stories.Find(storiesById.With(logged.Stories)).ToList();
                }
                else
                {
                    var after = new BsonValue(from.Value);
                    ids = [.. context.PostDocuments.Query().Where("$.Revision > @0", after).Select("_id").ToEnumerable().Select(d => d["_id"].AsString)];
                    stories = context.Stories.Find(Query.GT(nameof(StoryRecord.Revision), after)).ToList();
                }
            }

            foreach (var chunk in ids.Chunk(IndexChunk))
            {
                using var gate = context.Gate.EnterScope();
                Index.Stage(Resolve(Posts(byId.With(chunk)), []));
            }

            foreach (var chunk in stories.Chunk(IndexChunk))
            {
                using var gate = context.Gate.EnterScope();
                Index.Stage(Resolve([], chunk));
            }

            Finish(to);
        }
        catch
        {
            lock (indexLock)
            {
                indexCatchUp = null;
            }

            throw;
        }
    }

    // Every post, chunk by chunk under the gate (writes meanwhile stage their documents after the
    // delete, so they survive it); one commit at the end, so a crash halfway keeps the old index.
    private void Rebuild(CancellationToken cancellationToken)
    {
        long to;
        using (context.Gate.EnterScope())
        {
            indexCurrent = false;
            indexFaulted = false;
            to = StoredRevision();
            Index.StageDeleteAll();
        }

        // A store written before story records gets them on this walk (it has no index yet either).
        var migrating = !StoryRecordsMigrated();
        var joined = new List<Post>();
        var founders = new Dictionary<string, Post>(StringComparer.Ordinal);
        string? after = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            List<Post> chunk;
            using (context.Gate.EnterScope())
            {
                chunk = Read(AfterId(context.PostDocuments.Query(), after).OrderBy("_id").Limit(IndexChunk).ToEnumerable());
                Index.Stage(Resolve(chunk, []));
            }

            if (migrating)
            {
                foreach (var post in chunk.Where(p => p.ClusterId.Length > 0).Select(Evidence))
                {
                    if (string.Equals(post.ClusterId, post.Id, StringComparison.Ordinal))
                    {
                        founders[post.Id] = post;
                    }
                    else
                    {
                        joined.Add(post);
                    }
                }
            }

            if (chunk.Count < IndexChunk)
            {
                break;
            }

            after = chunk[^1].Id;
        }

        if (migrating)
        {
            MigrateStoryRecords(joined, founders);
        }

        Finish(to);
    }

    // Commits at the revision the catch-up started from: a write staged meanwhile is in the commit
    // too, and one whose staging failed is replayed by the next catch-up.
    private void Finish(long revision)
    {
        using var gate = context.EnterWrite();
        // Nothing replayed and nothing written meanwhile: the last commit stands (and its record).
        if (Index.Revision != revision || Index.HasUncommitted)
        {
            Index.Commit(revision);
            RecordIndex();
        }
        else if (RecordedStories(revision) is null)
        {
            RecordIndex();
        }

        indexCurrent = !indexFaulted;
        if (indexFaulted)
        {
            throw new InvalidOperationException("A write failed to reach the search index while it caught up; the next use replays it.");
        }
    }

    /// <summary>
    /// Makes the search index's writes durable (<see cref="PostIndex.Write"/>): once per poll, not per
    /// write batch; recorded for the next start (<see cref="RecordIndex"/>). An index never opened has
    /// none. <paramref name="meanwhile"/> runs under the gate while the index commits on another
    /// thread: the end of a poll copies LiteDB's log into its data file there, beside the segment
    /// the index writes, each on a core (docs/performance.md, issue 24).
    /// </summary>
    public void CommitIndex(Action? meanwhile = null)
    {
        using var gate = context.EnterWrite();
        if (!context.IndexOpen)
        {
            meanwhile?.Invoke();
            return;
        }

        // The index's commit reads and writes Lucene's files only; LiteDB stays under this thread's gate.
        var index = Index;
        var committing = meanwhile is null ? Task.FromResult(index.CommitPending()) : Task.Run(index.CommitPending);
        try
        {
            meanwhile?.Invoke();
        }
        finally
        {
            // The commit is awaited even when the log's copy failed: the gate is not left while it runs.
            ((Task)committing).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing).GetAwaiter().GetResult();
        }

        if (committing.GetAwaiter().GetResult())
        {
            RecordIndex();
        }
    }

    // Under the write gate, after a commit: what the next start's catch-up checks (RecordedStories)
    // to take the index as current without opening it, with the count of every story.
    private void RecordIndex()
    {
        // A batch that failed to stage stopped the commit: the last record stands, and the fault
        // is taken (and replayed) by the next use, before any read reopens the searcher.
        if (Index.StagingFailed || Index.Revision is not { } revision)
        {
            return;
        }

        context.Metadata.Upsert(new BsonDocument
        {
            ["_id"] = IndexStateKey,
            ["revision"] = revision,
            ["generation"] = Index.CommitGeneration,
            ["stories"] = Index.CountFiltered(new PostQuery()),
        });

        // What the index committed no catch-up replays.
        context.Revisions.DeleteMany(Query.LTE("_id", revision));
    }

    // Under the gate: the stories the index counted, while its record still describes it (the store
    // at the revision it reached, the folder's last commit the one it made); otherwise null. Lucene
    // numbers commits in a folder one after another, so a lost, rebuilt or restored index does not
    // pass for the recorded one.
    private long? RecordedStories(long revision) =>
        context.Metadata.FindById(IndexStateKey) is { } state
            && state["revision"].AsInt64 == revision
            && state["generation"].AsInt64 == PostIndex.LastCommitGeneration(context.IndexPath)
            ? state["stories"].AsInt64
            : null;

    // A post as the index's queue keeps it until staged: a copy, without the HTML no document holds.
    private static Post IndexCopy(Post post)
    {
        var copy = post.Snapshot();
        copy.ContentNotLoaded(post.HasContent);
        return copy;
    }

    // Under the gate. Every member of every story the batch touches, each with its story's lead: a
    // member's document carries the lead's time, sources and tags, so a new lead, or a lead's new
    // tags, rewrites them all. <paramref name="removedStoryIds"/> is given for a batch just written:
    // its records are then the stored ones and its removed stories have none, so only the other
    // stories' records are read (a cold poll's batch: none of them).
    // firstWritten: posts the index has no document of (Write found them through it): added, not replaced.
    private List<IndexedPost> Resolve(IReadOnlyList<Post> posts, IReadOnlyList<StoryRecord> stories, IReadOnlyCollection<string>? removedStoryIds = null, IReadOnlySet<string>? firstWritten = null)
    {
        var known = new Dictionary<string, Post>(StringComparer.Ordinal);
        foreach (var post in posts)
        {
            known[post.Id] = post;
        }

        var clusters = posts.Select(StoryOf).Concat(stories.Select(s => s.Id)).ToHashSet(StringComparer.Ordinal);
        Dictionary<string, StoryRecord> records;
        if (removedStoryIds is null)
        {
            records = context.Stories.Find(storiesById.With(clusters)).ToDictionary(s => s.Id, StringComparer.Ordinal);
        }
        else
        {
            // As Write left them: the records upserted, then the removed ones deleted.
            var absent = removedStoryIds.ToHashSet(StringComparer.Ordinal);
            records = new(StringComparer.Ordinal);
            foreach (var story in stories.Where(s => !absent.Contains(s.Id)))
            {
                records[story.Id] = story;
            }

            var unread = clusters.Where(c => !records.ContainsKey(c) && !absent.Contains(c)).ToList();
            if (unread.Count > 0)
            {
                foreach (var record in context.Stories.Find(storiesById.With(unread)))
                {
                    records.Add(record.Id, record);
                }
            }
        }

        var missing = clusters
            .SelectMany(c => records.TryGetValue(c, out var record) ? record.Members : [c])
            .Where(id => !known.ContainsKey(id))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (missing.Count > 0)
        {
            foreach (var post in Posts(byId.With(missing)))
            {
                known[post.Id] = post;
            }
        }

        var indexed = new List<IndexedPost>(known.Count);
        foreach (var story in known.Values.Where(p => clusters.Contains(StoryOf(p))).GroupBy(StoryOf, StringComparer.Ordinal))
        {
            var leadId = records.TryGetValue(story.Key, out var record) ? record.LeadId : story.Key;
            var lead = story.FirstOrDefault(p => p.LeadKey.Length > 0 && string.Equals(p.Id, leadId, StringComparison.Ordinal))
                ?? story.FirstOrDefault(p => p.LeadKey.Length > 0);
            var fields = lead is null ? null : StoryLead.Of(lead);
            indexed.AddRange(story.Select(p => new IndexedPost(p, fields, firstWritten?.Contains(p.Id) == true)));
        }

        return indexed;
    }

    // What the migration keeps of a post: what clustering compares, no HTML or summary.
    private static Post Evidence(Post post) => new()
    {
        Id = post.Id,
        SourceId = post.SourceId,
        Title = "",
        SortAt = post.SortAt,
        ClusterId = post.ClusterId,
        LeadKey = post.LeadKey,
        StoryKeys = post.StoryKeys,
        TitleKey = post.TitleKey,
        TextHash = post.TextHash,
        Links = post.Links,
    };

    private static string StoryOf(Post post) => post.ClusterId.Length > 0 ? post.ClusterId : post.Id;
}
