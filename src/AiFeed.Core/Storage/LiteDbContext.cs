using AiFeed.Model;
using AiFeed.Search;
using LiteDB;

namespace AiFeed.Storage;

/// <summary>
/// The process's one LiteDatabase: opened once with ordinal collation and UTC dates, all
/// collections and indexes created up front on one thread, typed collections made on first use
/// under the gate (BsonMapper races on concurrent first use, litedb-org/LiteDB#2536), guarded by
/// the data folder lock.
/// </summary>
public sealed class LiteDbContext : IDisposable
{
    private readonly DataFolderLock folderLock;

    private readonly Lock indexOpening = new();
    private volatile PostIndex? index;
    private bool indexClosed;

    // Whether the metadata says the HTML lives apart (MoveHtmlApart); written with a store's first posts.
    private bool htmlApartMarked;

    /// <param name="openIndex">
    /// Open the search index with the data file (the service, which searches soon); false opens it
    /// at its first use: a one-shot poll that writes nothing may never need it (LiteDbPostStore.Index).
    /// </param>
    public LiteDbContext(string dataDirectory, string fileName, bool openIndex = true)
    {
        DataFolder.Prepare(dataDirectory);
        DatabasePath = Path.GetFullPath(Path.Combine(dataDirectory, fileName));
        try
        {
            folderLock = DataFolderLock.Acquire(DatabasePath);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new DataFolderUnusableException($"the data file '{DatabasePath}' is not writable ({ex.Message.TrimEnd('.')}): give AiFeed's user write access to it (chown or chmod)", ex);
        }

        // The search index opens on another thread while LiteDB opens (its mapper compiles, its
        // indexes are checked): the two files are independent, and a process start waits for both.
        var opening = openIndex ? Task.Run(() => PostIndex.Open(IndexPath)) : null;
        try
        {
            Database = OpenDatabase(DatabasePath);
            // A store without posts is about to be written (a first poll): its index is opened
            // beside the rest of the open instead of by the first write, whoever asked for it later.
            opening ??= Database.CollectionExists("posts") ? null : Task.Run(() => PostIndex.Open(IndexPath));
            if (EnsureIndexes())
            {
                // Dropping an index over a large store leaves LiteDB's page cache holding every page
                // it walked, for the life of the process: opened again, the cache starts empty.
                Database.Dispose();
                Database = OpenDatabase(DatabasePath);
            }

            Html = Database.GetCollection(HtmlCollection);
            Metadata = Database.GetCollection("metadata");
            MoveHtmlApart();
            index = opening?.GetAwaiter().GetResult();
        }
        catch (Exception ex) when (StoreErrors.IsDamage(ex))
        {
            // The header, a collection or an index page is unreadable: say so in one line, with what to do.
            DisposeQuietly(Database, opening);
            folderLock.Dispose();
            throw new DataFileDamagedException(StoreErrors.Damaged(DatabasePath, ex), ex);
        }
        catch
        {
            DisposeQuietly(Database, opening);
            folderLock.Dispose();
            throw;
        }
    }

    public string DatabasePath { get; }

    /// <summary>The Lucene index beside the data file ("aifeed.db" → "aifeed-index/"): derived from the posts, rebuilt when lost; opened here at the first use if not with the data file.</summary>
    public PostIndex Index => index ?? OpenIndex();

    /// <summary>Whether the search index is open (it opens with the data file, or at its first use).</summary>
    internal bool IndexOpen => index is not null;

    internal string IndexPath => IndexPathOf(DatabasePath);

    /// <summary>
    /// Starts opening the search index on the pool when it is not open: the one-shot poll's store
    /// opens it at its first use (OpenSearchIndexOnFirstUse), and a run that stores anything uses it
    /// within its first fetches. A failed open is left to that first use, which tries again and reports it.
    /// </summary>
    internal void OpenIndexInBackground()
    {
        if (index is null)
        {
            _ = Task.Run(() =>
            {
                try
                {
                    _ = Index;
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // The first use opens it again and fails (or rebuilds) where the error has a caller.
                }
            });
        }
    }

    private PostIndex OpenIndex()
    {
        lock (indexOpening)
        {
            // A background open that starts after the store closed must not take the index's lock.
            ObjectDisposedException.ThrowIf(indexClosed, this);
            return index ??= PostIndex.Open(IndexPath);
        }
    }

    internal static string IndexPathOf(string databasePath) => Path.ChangeExtension(databasePath, null) + "-index";

    internal LiteDatabase Database { get; }

    // The typed collections are made on first use, under the gate like every LiteDB call, so one
    // thread at a time builds a type's mapping (BsonMapper races otherwise, LiteDB#2536). Building
    // them all at open compiled a getter and setter per mapped member: most of a warm one-shot
    // poll's LiteDB start, for collections it never reads.
    internal ILiteCollection<Post> Posts => field ??= Database.GetCollection<Post>("posts");

    /// <summary>
    /// The posts collection as documents, written and read by hand (<see cref="StoredPostDocument"/>):
    /// the store reads and writes posts only through it (decisions 0066, 0071); <see cref="Posts"/>
    /// maps through BsonMapper, for tools and tests.
    /// </summary>
    internal ILiteCollection<BsonDocument> PostDocuments => field ??= Database.GetCollection("posts");

    /// <summary>Each post's HTML, keyed by post id, apart from the post document (<see cref="StoredHtml"/>).</summary>
    internal ILiteCollection<BsonDocument> Html { get; }

    /// <summary>Stories of more than one post (StoryRecord), keyed by story id.</summary>
    internal StoryRecordCollection Stories => field ??= new(Database.GetCollection("stories"));

    /// <summary>
    /// The revision log: per write batch, keyed by its revision, the ids of the posts and story
    /// records it wrote; kept until the search index has committed that revision (LiteDbPostStore.Index).
    /// </summary>
    internal ILiteCollection<BsonDocument> Revisions => field ??= Database.GetCollection("revisions");

    internal SourceStateCollection Sources => field ??= new(Database.GetCollection("sources"));

    internal ILiteCollection<BsonDocument> Metadata { get; }

    /// <summary>The current version of each newsletter issue, keyed by its date.</summary>
    internal ILiteCollection<FrozenIssue> Newsletters => field ??= Database.GetCollection<FrozenIssue>("newsletters");

    /// <summary>Versions a regeneration replaced, keyed "date/vN".</summary>
    internal ILiteCollection<FrozenIssue> NewsletterVersions => field ??= Database.GetCollection<FrozenIssue>("newsletter_versions");

    internal ILiteCollection<Subscriber> Subscribers => field ??= Database.GetCollection<Subscriber>("subscribers");

    /// <summary>Per-recipient delivery claims, keyed "date/recipient".</summary>
    internal ILiteCollection<IssueDelivery> Deliveries => field ??= Database.GetCollection<IssueDelivery>("newsletter_deliveries");

    /// <summary>Bytes used by the data file and its log.</summary>
    public long SizeInBytes =>
        FileLength(DatabasePath) + FileLength(LogPath);

    private string LogPath => LogPathOf(DatabasePath);

    /// <summary>LiteDB's log beside a data file: "aifeed.db" → "aifeed-log.db".</summary>
    internal static string LogPathOf(string databasePath) => Path.ChangeExtension(databasePath, null) + "-log" + Path.GetExtension(databasePath);

    /// <summary>Copies the log into the data file; run after each poll cycle so the log stays small (LiteDB#2814).</summary>
    public void Checkpoint()
    {
        using var gate = EnterWrite();
        Database.Checkpoint();
    }


    /// <summary>Throws <see cref="DataFolderLockLostException"/> when the data file is no longer the one this process locked.</summary>
    public void EnsureLockHeld() => folderLock.EnsureHeld();

    /// <summary>
    /// Checkpoints when the log holds more than <paramref name="logBytes"/>. A run where every feed
    /// answered 304 logs only source states (a few pages); copying those into the data file each
    /// run cost more than the run's HTTP requests, and the next checkpoint takes them anyway.
    /// </summary>
    public void CheckpointIfLogOver(long logBytes)
    {
        if (FileLength(LogPath) > logBytes)
        {
            Checkpoint();
        }
    }

    /// <summary>
    /// Held around every use of the database. LiteDB 5.0.21's page cache races when a write meets
    /// concurrent reads ("pages in memory store must be non-shared", litedb-org/LiteDB#2817; fixed
    /// upstream in #2772, in no release yet): the ingest soak hit it after 39 cycles. LiteDB calls
    /// are short and synchronous, so one process-wide gate costs little and rules the race out.
    /// Re-entrant, and never held across an await.
    /// </summary>
    internal Lock Gate { get; } = new();

    /// <summary>
    /// <see cref="Gate"/> for a write batch: entered only while this process still holds the data
    /// file (<see cref="DataFolderLock.EnsureHeld"/>), so a write never lands in a file another
    /// process may have opened meanwhile.
    /// </summary>
    internal Lock.Scope EnterWrite()
    {
        var scope = Gate.EnterScope();
        try
        {
            folderLock.EnsureHeld();
            return scope;
        }
        catch
        {
            scope.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        // After an open still running in the background (OpenIndexInBackground), or its writer's lock stays behind.
        lock (indexOpening)
        {
            indexClosed = true;
            index?.Dispose();
        }

        Database.Dispose();
        folderLock.Dispose();
    }

    internal static BsonMapper CreateMapper()
    {
        var mapper = new StoreMapper { EmptyStringToNull = false, TrimWhitespace = false, SerializeNullValues = false };
        // Ids and ignored members are set as each type's mapping is built, at its first use: Entity<T>()
        // built every type's mapping at open, a compiled getter and setter per member, most of them
        // for types a short run never reads or writes.
        mapper.ResolveMember = (type, member, map) =>
        {
            if (type == typeof(Post) && member.Name == nameof(Post.ContentHtml))
            {
                StoredHtml.Map(map);
            }
            else if (Ids.TryGetValue(type, out var id) && member.Name == id)
            {
                map.FieldName = "_id";
                map.AutoId = false;
            }
            else if ((type == typeof(Post) && member.Name is nameof(Post.HasContent) or nameof(Post.ContentLoaded)) || (type == typeof(Subscriber) && member.Name == nameof(Subscriber.IsConfirmed)))
            {
                // Not stored: derived from what is.
                map.FieldName = null;
            }
        };
        return mapper;
    }

    // The member each stored type keeps in _id.
    private static readonly Dictionary<Type, string> Ids = new()
    {
        [typeof(Post)] = nameof(Post.Id),
        [typeof(StoryRecord)] = nameof(StoryRecord.Id),
        [typeof(FrozenIssue)] = nameof(FrozenIssue.Id),
        [typeof(Subscriber)] = nameof(Subscriber.Id),
        [typeof(IssueDelivery)] = nameof(IssueDelivery.Id),
    };

    // Pages LiteDB's log may hold before a commit copies it into the data file (LiteDB's default is
    // 1,000, 8 MB): the end of a poll run copies it (AfterPollRun), beside the search index's commit,
    // instead of the store's writer copying it every 8 MB, with an fsync each time, in the middle of
    // the run. A cold poll of 10,000 posts (a 39 MB data file) logs ~147 MB: every transaction
    // rewrites the _id index pages its inserts touch (docs/performance.md, issue 24).
    internal const int CheckpointPages = 32_000;

    private static LiteDatabase OpenDatabase(string path)
    {
        var database = new LiteDatabase(
            new ConnectionString { Filename = path, Connection = ConnectionType.Direct, Collation = new Collation("en-US/Ordinal") },
            CreateMapper());
        database.UtcDate = true;
        // A pragma is kept in the file's header: set once, not rewritten at every open.
        if (database.CheckpointSize != CheckpointPages)
        {
            database.CheckpointSize = CheckpointPages;
        }

        return database;
    }

    // Whether an index of an earlier version was dropped.
    private bool EnsureIndexes()
    {
        // By expression, on untyped handles: the typed collections (and their mappings) wait for
        // first use. The names are the ones a member expression gets ("$.SortKey" → "SortKey").
        var posts = Database.GetCollection("posts");

        // Posts and story records are found by _id only; lists, counts, search and story lookups run
        // on the Lucene index (Search/PostIndex), and the index's catch-up finds what it missed in
        // the revision log (Revisions), not by a Revision index each post's write would pay for.
        // A store made before still has these LiteDB indexes, and every write would keep paying for
        // them: each index key costs a LiteDB insert ~40 skip-list nodes read and ~20 KB allocated.
        var dropped = false;
        foreach (var retired in new[] { "terms", "Url", "TitleKey", "storykeys", "textbands", "ClusterId", "SourceId", "tags", nameof(Post.SortKey), "sources", nameof(Post.LeadKey), nameof(Post.Revision) })
        {
            dropped |= posts.DropIndex(retired);
        }

        dropped |= Database.GetCollection("stories").DropIndex(nameof(StoryRecord.Revision));

        Database.GetCollection("newsletter_versions").EnsureIndex(nameof(FrozenIssue.Date), "$." + nameof(FrozenIssue.Date));
        Database.GetCollection("subscribers").EnsureIndex(nameof(Subscriber.EmailKey), "$." + nameof(Subscriber.EmailKey), unique: true);
        var deliveries = Database.GetCollection("newsletter_deliveries");
        deliveries.EnsureIndex(nameof(IssueDelivery.Date), "$." + nameof(IssueDelivery.Date));
        deliveries.EnsureIndex(nameof(IssueDelivery.Recipient), "$." + nameof(IssueDelivery.Recipient));
        return dropped;
    }

    internal const string HtmlCollection = "post_html";

    internal const string HtmlField = "html";

    private const string HtmlLayoutKey = "post-html";

    private const string HtmlApart = "apart";

    /// <summary>
    /// Writes the HTML of <paramref name="posts"/> into the HTML collection, inside the caller's
    /// transaction. <paramref name="fresh"/>: none of them was stored before (nothing to replace or delete).
    /// </summary>
    internal void WriteHtml(IEnumerable<Post> posts, bool fresh)
    {
        if (!htmlApartMarked)
        {
            // A store's first posts: written in the new layout, nothing to move at the next open.
            Metadata.Upsert(new BsonDocument { ["_id"] = HtmlLayoutKey, ["value"] = HtmlApart });
            htmlApartMarked = true;
        }

        // One engine call for the batch's records: LiteDB sets up a call's snapshot and services each
        // time, which one call per post paid ten thousand times in a cold poll. A post named twice
        // keeps its last state.
        var latest = new Dictionary<string, BsonDocument?>(StringComparer.Ordinal);
        foreach (var post in posts)
        {
            // Read without its HTML (re-tagged, re-clustered, a story's lead changed): the stored HTML stays.
            if (post.ContentLoaded)
            {
                latest[post.Id] = StoredHtml.Serialize(post) is { } html
                    ? new BsonDocument { ["_id"] = post.Id, [HtmlField] = html }
                    : null;
            }
        }

        var records = new List<BsonDocument>(latest.Count);
        foreach (var (id, record) in latest)
        {
            if (record is not null)
            {
                records.Add(record);
            }
            else if (!fresh)
            {
                // The post has none (any more): the source dropped it, so the stored copy goes too.
                Html.Delete(id);
            }
        }

        if (records.Count == 0)
        {
            return;
        }

        if (fresh)
        {
            Html.Insert(records);
        }
        else
        {
            Html.Upsert(records);
        }
    }

    /// <summary>
    /// Loads the HTML of those <paramref name="posts"/> read without it that have some, in one
    /// lookup; the others are marked loaded with none. Under the gate.
    /// </summary>
    internal void LoadHtml(IReadOnlyList<Post> posts)
    {
        var unread = posts.Where(p => !p.ContentLoaded).ToList();
        var ids = unread.Where(p => p.HasContent).Select(p => new BsonValue(p.Id)).Distinct().ToList();
        var found = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (ids.Count > 0)
        {
            using var gate = Gate.EnterScope();
            foreach (var record in Html.Find(Query.In("_id", ids)))
            {
                found[record["_id"].AsString] = StoredHtml.Read(record[HtmlField]);
            }

            HtmlReads += found.Count;
        }

        foreach (var post in unread)
        {
            post.ContentHtml = found.GetValueOrDefault(post.Id);
        }
    }

    /// <summary>HTML records read since the store opened: what proves that lists read none.</summary>
    internal long HtmlReads { get; private set; }

    /// <summary>
    /// The one-off upgrade of a store written before the HTML lived apart: each post document's HTML
    /// moves into the HTML collection, a thousand posts per transaction, and the store is marked done.
    /// A crash halfway leaves moved and unmoved posts, both readable; the next open moves the rest.
    /// </summary>
    private void MoveHtmlApart()
    {
        var raw = Database.GetCollection("posts");
        // An empty store is marked by its first write, not here: a repair copies a damaged file's
        // collections, marker included, into a store opened empty.
        htmlApartMarked = Metadata.FindById(HtmlLayoutKey) is not null;
        if (htmlApartMarked || raw.Query().Limit(1).ToList().Count == 0)
        {
            return;
        }

        var field = nameof(Post.ContentHtml);
        for (BsonValue after = BsonValue.MinValue; ;)
        {
            var batch = raw.Query().Where("_id > @0", after).OrderBy("_id").Limit(1_000).ToList();
            if (batch.Count == 0)
            {
                break;
            }

            after = batch[^1]["_id"];
            var inline = batch.Where(d => d.TryGetValue(field, out var html) && (html.IsBinary || html.IsString)).ToList();
            if (inline.Count == 0)
            {
                continue;
            }

            Database.BeginTrans();
            try
            {
                foreach (var doc in inline)
                {
                    var html = doc[field];
                    if (html.IsString && html.AsString.Length == 0)
                    {
                        doc.Remove(field);
                    }
                    else
                    {
                        Html.Upsert(new BsonDocument { ["_id"] = doc["_id"], [HtmlField] = html });
                        doc[field] = true;
                    }

                    raw.Update(doc);
                }

                Database.Commit();
            }
            catch
            {
                Database.Rollback();
                throw;
            }
        }

        Metadata.Upsert(new BsonDocument { ["_id"] = HtmlLayoutKey, ["value"] = HtmlApart });
        htmlApartMarked = true;
    }

    // The mapper's one addition to each type's mapping as it is built (ResolveMember sets the rest).
    private sealed class StoreMapper : BsonMapper
    {
        // A post read from the store comes without its HTML (the document's marker, when there is
        // one, says it has some): IPostStore.LoadHtmlAsync reads it when something shows it.
        protected override CreateObject GetTypeCtor(EntityMapper mapper) =>
            mapper.ForType == typeof(Post) ? _ => Unread() : base.GetTypeCtor(mapper);
    }

    // How BsonMapper starts a post it reads: without its HTML, until its document's marker says it has some.
    private static Post Unread()
    {
        var post = new Post { Id = "", SourceId = "", Title = "" };
        post.ContentNotLoaded(hasContent: false);
        return post;
    }

    private static void DisposeQuietly(LiteDatabase? database, Task<PostIndex>? index)
    {
        try
        {
            database?.Dispose();
        }
        catch (LiteException)
        {
            // A damaged file can fail its closing checkpoint too; the open failure is what counts.
        }

        if (index is null)
        {
            return;
        }

        // The open failed: the index, once open, is closed before the folder lock goes (or its own failure is the lesser one).
        ((Task)index).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing).GetAwaiter().GetResult();
        if (index.IsCompletedSuccessfully)
        {
            index.Result.Dispose();
        }
    }

    private static long FileLength(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
}
