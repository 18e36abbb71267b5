using System.Diagnostics;
using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Search;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace AiFeed.Search;

/// <summary>
/// The on-disk Lucene index of the stored posts: search, counts, facets and tag pages. Derived
/// data: the store writes it after each batch it commits and records in the commit the store's
/// write revision the index has reached (<see cref="Revision"/>), so after a crash the store
/// replays only the posts written since. Writes come one batch at a time (the store's gate);
/// searches run beside them on the last committed state.
/// </summary>
public sealed partial class PostIndex : IDisposable
{
    private const string RevisionKey = "aifeed-revision";

    // What the documents hold (PostDocument). An index written with another schema is rebuilt on
    // open, like one never built: 2 added the listings and list times taken from the sort keys, and
    // came with CJK bigrams in place of SmartCn tokens (decision 0029).
    private const string SchemaKey = "aifeed-schema";
    private const string Schema = "2";

    private readonly LuceneDirectory directory;
    private readonly IndexWriter writer;
    private readonly SearcherManager searchers;

    // The revision of what is written and searchable but not yet committed (Write), and when the
    // last commit was.
    private long? pending;
    private long lastCommit = Stopwatch.GetTimestamp();

    // What was written since the searcher reopened (story lookups read it beside the searcher), and
    // the lock that keeps it in step with the searcher: a write adds to it, a reopen empties it.
    private readonly System.Threading.Lock recentLock = new();
    private RecentWrites recent = new();
    private volatile bool stale;

    /// <summary>Posts written without a reopen before one is forced, which bounds <see cref="RecentWrites"/>.</summary>
    internal const int MaxRecent = 5_000;

    // Written batches have their documents analysed and added on a thread of their own, in write
    // order, while the store's single writer goes on with the next batch (analysis held that writer
    // for much of a cold poll: docs/performance.md). Story lookups need not wait: RecentWrites holds a batch's
    // keys from its write on. Every other read, a commit or a delete waits for the queue first.
    // Not the pool's thread: the writer waits for the staging (a full queue, a reopen) while
    // holding the store's gate, and pool threads blocked on that gate left the staging without a
    // thread until the pool grew (a stall of a second or more; decision 0048).
    private readonly OrderedWorker stager = new("AiFeed index staging");
    private Task staging = Task.CompletedTask;
    // Threads blocked until the staging catches up (a commit, a read, a write behind a full queue):
    // while one waits, a core is free, and the staging thread analyses its batch on both (StageQueued).
    private int stagingWaiters;
    // The batches queued for the staging thread, oldest first (Write, the store's one writer at a time).
    private readonly Queue<Task> queuedBatches = new();
    private Exception? stagingFault;

    // Batches queued before a write waits for the oldest of them: bounds the memory they hold (the
    // posts' copies, without their HTML), with room for the writes that come while the staging
    // thread writes a segment (a reopen, a flush), which waiting for the whole queue turned into a
    // stall of the whole poll (docs/performance.md, issue 24, eleventh session).
    internal const int MaxQueued = 16;

    // The searcher the staging thread reopened once RecentWrites had grown past MaxRecent, and the
    // last write it holds: the writer then drops those writes from RecentWrites (Write).
    private Released? released;

    private PostIndex(string path, LuceneDirectory directory, IndexWriter writer)
    {
        Path = path;
        this.directory = directory;
        this.writer = writer;
        searchers = new SearcherManager(writer, applyAllDeletes: true, searcherFactory: new StatisticsKeptSearcher.Factory());
        var data = writer.CommitData;
        Revision = data.TryGetValue(SchemaKey, out var schema) && string.Equals(schema, Schema, StringComparison.Ordinal)
            && data.TryGetValue(RevisionKey, out var value) && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var revision)
            ? revision
            : null;
    }

    /// <summary>The index folder.</summary>
    public string Path { get; }

    /// <summary>The store's write revision the last commit reached; null for an index never built, or built with another schema (build it whole).</summary>
    public long? Revision { get; private set; }

    /// <summary>
    /// Opens (or creates) the index in <paramref name="path"/>. An index that cannot be read is
    /// derived data: it is deleted and comes back empty, to be rebuilt from the store.
    /// </summary>
    public static PostIndex Open(string path, Action<Exception>? discarded = null)
    {
        try
        {
            return OpenOnce(path);
        }
        catch (Exception ex) when (ex is IOException or CorruptIndexException or IndexFormatTooOldException or IndexFormatTooNewException)
        {
            discarded?.Invoke(ex);
            System.IO.Directory.Delete(path, recursive: true);
            return OpenOnce(path);
        }
    }

    private static PostIndex OpenOnce(string path)
    {
        System.IO.Directory.CreateDirectory(path);
        var directory = new MappedDirectory(path);
        try
        {
            // A flushed segment keeps its files as written: packing them into a compound file copied
            // every byte once more, on the staging thread and in the commit that ends a poll
            // (docs/performance.md, issue 24). Merges still pack small merged segments (the merge
            // policy's own ratio), so the folder's file count stays bounded.
            var config = new IndexWriterConfig(SearchAnalyzer.Version, SearchAnalyzer.Shared) { OpenMode = OpenMode.CREATE_OR_APPEND, UseCompoundFile = false };
            var writer = new IndexWriter(directory, config);
            try
            {
                return new PostIndex(path, directory, writer);
            }
            catch
            {
                writer.Dispose();
                throw;
            }
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    /// <summary>Adds or replaces these posts' documents, without committing.</summary>
    public void Stage(IEnumerable<IndexedPost> posts)
    {
        ArgumentNullException.ThrowIfNull(posts);
        AwaitStaging();
        StageNow(posts as IReadOnlyList<IndexedPost> ?? [.. posts], parallel: true);
    }

    private void StageNow(IReadOnlyList<IndexedPost> batch, bool parallel)
    {
        // Analysing the documents is most of a catch-up's or rebuild's work, and it holds the
        // store's writes meanwhile: IndexWriter takes documents from several threads at once. Only
        // for posts named once each (two writes of one post must land in order).
        if (parallel && batch.Count >= ParallelStageFrom && batch.Select(p => p.Post.Id).Distinct(StringComparer.Ordinal).Count() == batch.Count)
        {
            Parallel.For(0, batch.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i => Update(batch[i]));
            return;
        }

        foreach (var post in batch)
        {
            Update(post);
        }
    }

    // Below this many documents a batch is staged on the calling thread.
    private const int ParallelStageFrom = 32;

    private void Update(IndexedPost post)
    {
        if (post.New)
        {
            writer.AddDocument(PostDocument.Create(post));
        }
        else
        {
            writer.UpdateDocument(new Term(PostFields.Id, post.Post.Id), PostDocument.Create(post));
        }
    }

    /// <summary>Longest a published write waits for its commit (<see cref="CommitPending"/> usually comes first, at the end of a poll).</summary>
    public static readonly TimeSpan MaxUncommitted = TimeSpan.FromSeconds(30);

    /// <summary>Makes what was staged durable and searchable, recording that the index has reached <paramref name="revision"/>.</summary>
    public void Commit(long revision)
    {
        AwaitStaging();
        if (StagingFailed)
        {
            // A written batch is missing: committing past it would lose it. The store replays it
            // from the last committed revision when it takes the fault (TakeStagingFault).
            return;
        }

        writer.SetCommitData(new Dictionary<string, string> { [RevisionKey] = revision.ToString(CultureInfo.InvariantCulture), [SchemaKey] = Schema });
        writer.Commit();
        Revision = revision;
        pending = null;
        lastCommit = Stopwatch.GetTimestamp();
        Reopen();
    }

    // Every document written so far becomes searchable; the recent writes are then in the searcher.
    private void Reopen()
    {
        lock (recentLock)
        {
            AwaitStaging();
            stale = false;
            searchers.MaybeRefreshBlocking();
            recent = new RecentWrites();
        }
    }

    /// <summary>
    /// Adds or replaces these posts' documents as one write of the store at <paramref name="revision"/>,
    /// analysed on the staging thread: visible at once to story lookups (<see cref="RecentWrites"/>)
    /// and to every other read (which waits for the staging and reopens the searcher first), durable
    /// at the next <see cref="CommitPending"/> (or here, once the
    /// last commit is <see cref="MaxUncommitted"/> old). A commit (segment files written and synced)
    /// and a reopen after every write batch made most of a cold poll's index cost; a crash before
    /// the commit is replayed from <see cref="Revision"/>, like any write the index missed.
    /// </summary>
    public void Write(IReadOnlyList<IndexedPost> posts, long revision)
    {
        ArgumentNullException.ThrowIfNull(posts);
        while (queuedBatches.TryPeek(out var oldest) && (oldest.IsCompleted || queuedBatches.Count >= MaxQueued))
        {
            // StageQueued catches everything: the wait never throws.
            WaitForStaging(queuedBatches.Dequeue());
        }

        lock (recentLock)
        {
            if (Volatile.Read(ref released) is { } done && ReferenceEquals(done.Recent, recent))
            {
                recent.Forget(done.Through);
                released = null;
            }

            foreach (var post in posts)
            {
                recent.Add(post);
            }

            stale = true;
            var written = recent;
            var through = recent.Last;
            staging = stager.Run(() => StageQueued(posts, written, through));
            queuedBatches.Enqueue(staging);
        }

        pending = revision;
        if (Stopwatch.GetElapsedTime(lastCommit) >= MaxUncommitted)
        {
            Commit(revision);
        }
        else if (recent.Count >= 2 * MaxRecent)
        {
            // The staging thread's reopens fell behind (see ReleaseRecent): bound the recent writes here.
            Reopen();
        }
    }

    /// <summary>The generation of the last commit (its segments_N file); a new one with every commit.</summary>
    public long CommitGeneration => SegmentInfos.GetLastCommitGeneration(directory);

    /// <summary>
    /// The generation of the last commit of the index in <paramref name="path"/>, read from the folder's
    /// file names without opening the index; -1 when it holds none (missing or never committed).
    /// Lucene's rule (SegmentInfos.GetLastCommitGeneration: "segments_N", N in base 36, "segments.gen"
    /// aside) read here without Lucene: a start that finds its index current (a one-shot poll that
    /// stores nothing) then never loads Lucene's assemblies. A name it cannot read goes to Lucene.
    /// </summary>
    public static long LastCommitGeneration(string path)
    {
        if (!System.IO.Directory.Exists(path))
        {
            return -1;
        }

        var names = System.IO.Directory.EnumerateFiles(path).Select(System.IO.Path.GetFileName).OfType<string>().ToList();
        var last = -1L;
        foreach (var name in names)
        {
            if (!name.StartsWith(SegmentsPrefix, StringComparison.Ordinal) || name == SegmentsGen)
            {
                continue;
            }

            var generation = name.Length == SegmentsPrefix.Length ? 0 : Base36(name.AsSpan(SegmentsPrefix.Length + 1));
            if (generation < 0)
            {
                return SegmentInfos.GetLastCommitGeneration([.. names]);
            }

            last = Math.Max(last, generation);
        }

        return last;
    }

    private const string SegmentsPrefix = "segments";

    private const string SegmentsGen = "segments.gen";

    // Java's Long.parseLong(text, 36) for what Lucene writes (digits and lower-case letters); -1 otherwise.
    private static long Base36(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || text.Length > 12)
        {
            return -1;
        }

        var value = 0L;
        foreach (var c in text)
        {
            var digit = c is >= '0' and <= '9' ? c - '0' : c is >= 'a' and <= 'z' ? c - 'a' + 10 : -1;
            if (digit < 0)
            {
                return -1;
            }

            value = (value * 36) + digit;
        }

        return value;
    }

    /// <summary>Whether documents were staged or deleted since the last commit (batches still queued included).</summary>
    public bool HasUncommitted
    {
        get
        {
            AwaitStaging();
            return StagingFailed || writer.HasUncommittedChanges();
        }
    }

    // On the staging thread. After a failure the batches queued behind it are left for the replay.
    private void StageQueued(IReadOnlyList<IndexedPost> batch, RecentWrites written, int through)
    {
        try
        {
            if (!StagingFailed)
            {
                // One thread while the writer goes on and the pool builds the next posts: more
                // threads then only contend inside IndexWriter (its locks, more segments to flush).
                // Both cores once a thread waits for the staging, such as the commit that ends a
                // poll behind the batches still queued.
                StageNow(batch, parallel: Volatile.Read(ref stagingWaiters) > 0);

                ReleaseRecent(written, through);
            }
        }
        catch (Exception ex)
        {
            Interlocked.CompareExchange(ref stagingFault, ex, null);
        }
    }

    // On the staging thread, once the recent writes reach MaxRecent: the searcher reopens on every
    // batch staged so far (writing their segment, most of a reopen's cost), here rather than on the
    // store's single writer, which then drops those writes from RecentWrites at its next write.
    // Batches staged later are not in that searcher and stay in RecentWrites.
    private void ReleaseRecent(RecentWrites written, int through)
    {
        if (written.Count < MaxRecent || Volatile.Read(ref released) is { } done && ReferenceEquals(done.Recent, written))
        {
            return;
        }

        searchers.MaybeRefreshBlocking();
        Volatile.Write(ref released, new Released(written, through));
    }

    private sealed record Released(RecentWrites Recent, int Through);

    // Every batch written so far is staged (or failed: see StagingFailed). StageQueued catches
    // everything, so the wait never throws.
    private void AwaitStaging() => WaitForStaging(Volatile.Read(ref staging));

    private void WaitForStaging(Task staged)
    {
        if (staged.IsCompleted)
        {
            return;
        }

        Interlocked.Increment(ref stagingWaiters);
        try
        {
            staged.Wait();
        }
        finally
        {
            Interlocked.Decrement(ref stagingWaiters);
        }
    }

    /// <summary>A written batch failed to reach the index (on the staging thread): reads go on, nothing commits until the store takes the fault.</summary>
    public bool StagingFailed => Volatile.Read(ref stagingFault) is not null;

    /// <summary>The failure of a written batch, once: the store then replays what the index missed from <see cref="Revision"/>.</summary>
    public Exception? TakeStagingFault()
    {
        AwaitStaging();
        return Interlocked.Exchange(ref stagingFault, null);
    }

    /// <summary>Commits what <see cref="Write"/> wrote since the last commit; false when nothing waited.</summary>
    public bool CommitPending()
    {
        if (pending is not { } revision)
        {
            return false;
        }

        Commit(revision);
        return true;
    }

    /// <summary>Removes every document (a rebuild); nothing changes on disk until <see cref="Commit"/>.</summary>
    public void StageDeleteAll()
    {
        // What was written before is gone with the rest: committing it now would commit half a rebuild.
        pending = null;
        lock (recentLock)
        {
            AwaitStaging();
            writer.DeleteAll();
            recent = new RecentWrites();
        }
    }

    /// <summary>Documents written so far (a read reopens the searcher when something was written since).</summary>
    public int Count => Use(s => s.IndexReader.NumDocs);

    // Reads see every write: the searcher reopens first when something was written since.
    private T Use<T>(Func<IndexSearcher, T> read)
    {
        if (stale)
        {
            Reopen();
        }

        var searcher = searchers.Acquire();
        try
        {
            return read(searcher);
        }
        finally
        {
            searchers.Release(searcher);
        }
    }

    // Story lookups: the searcher as it is, without a reopen, and the writes since it opened; under
    // the lock, so neither moves meanwhile.
    private T Lookup<T>(Func<IndexSearcher, RecentWrites, T> read)
    {
        lock (recentLock)
        {
            var searcher = searchers.Acquire();
            try
            {
                return read(searcher, recent);
            }
            finally
            {
                searchers.Release(searcher);
            }
        }
    }

    public void Dispose()
    {
        AwaitStaging();
        try
        {
            CommitPending();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // Replayed from the last committed revision at the next start.
        }

        searchers.Dispose();
        // Closing an IndexWriter commits what is staged, under the last commit's revision: half a
        // rebuild would then pass for a whole index. Roll back instead; the store replays anything
        // staged and not committed from its revision.
        writer.Rollback();
        directory.Dispose();
    }
}
