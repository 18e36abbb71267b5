using LiteDB;

namespace AiFeed.Storage;

/// <summary>
/// Reads what can still be read of a LiteDB file, read-only. LiteDB 5 closes its engine at the first
/// damaged page it meets (every later call throws the same error), so after each failure the file
/// is opened again and the walk goes on with the next document. Ids come from the _id index alone
/// (a key-only scan loads no document), so one unreadable document costs only itself.
/// </summary>
internal sealed class SalvagingReader : IDisposable
{
    private const int Chunk = 500;

    // Unreadable documents named one by one in a report; the rest are counted.
    private const int MaxNamed = 20;

    private readonly string databasePath;
    private LiteDatabase database;

    public SalvagingReader(string databasePath)
    {
        this.databasePath = databasePath;
        database = Open();
    }

    public IReadOnlyList<string> CollectionNames() =>
        [.. database.GetCollectionNames().Order(StringComparer.Ordinal)];

    /// <summary>The collection's secondary indexes: name and expression.</summary>
    public IReadOnlyList<(string Name, string Expression)> Indexes(string collection) =>
        [.. database.GetCollection("$indexes").Find(Query.EQ("collection", collection))
            .Select(i => (Name: i["name"].AsString, Expression: i["expression"].AsString))
            .Where(i => i.Name != "_id")];

    /// <summary>Every id of the collection in _id order, or the error that stopped the _id index walk.</summary>
    private (List<BsonValue> Ids, string? Error) ReadIds(string collection)
    {
        try
        {
            // Each row is {"_id": …}, read from the index alone.
            return ([.. database.GetCollection(collection).Query().OrderBy("$._id").Select("$._id").ToEnumerable().Select(row => row["_id"])], null);
        }
        catch (Exception ex) when (IsReadFailure(ex))
        {
            Reopen();
            return ([], ex.Message);
        }
    }

    /// <summary>The documents of <paramref name="ids"/> that read, in chunks; each one that does not goes to <paramref name="unreadable"/>.</summary>
    private IEnumerable<List<BsonDocument>> ReadDocuments(string collection, List<BsonValue> ids, Action<BsonValue, string> unreadable)
    {
        for (var at = 0; at < ids.Count; at += Chunk)
        {
            var chunk = ids.Skip(at).Take(Chunk).ToList();
            List<BsonDocument>? read;
            try
            {
                read = database.GetCollection(collection).Find(Query.In("_id", new BsonArray(chunk))).ToList();
            }
            catch (Exception ex) when (IsReadFailure(ex))
            {
                Reopen();
                read = ReadOneByOne(collection, chunk, unreadable);
            }

            yield return read;
        }
    }

    /// <summary>Walks a secondary index to its end; the error that stopped it, or null.</summary>
    public string? WalkIndex(string collection, string name, string expression, int documents)
    {
        try
        {
            var col = database.GetCollection(collection);
            if (expression.Contains("[*]", StringComparison.Ordinal))
            {
                // A multi-key index has a key per array element: walked, not counted against the documents.
                _ = col.Find(Query.All(name)).LongCount();
                return null;
            }

            // A key-only scan: the index's own nodes, one per document.
            var keys = col.Query().OrderBy(expression).Select(expression).ToEnumerable().LongCount();
            return keys == documents ? null : $"it has {keys} entries for {documents} documents";
        }
        catch (Exception ex) when (IsReadFailure(ex))
        {
            Reopen();
            return ex.Message;
        }
    }

    /// <summary>
    /// Reads the whole collection, handing each chunk of readable documents to <paramref name="each"/>:
    /// how many read, how many did not, and what is wrong (its _id index, each unreadable document).
    /// </summary>
    public CollectionReport Walk(string collection, Action<List<BsonDocument>> each)
    {
        var problems = new List<string>();
        var (ids, idError) = ReadIds(collection);
        if (idError is not null)
        {
            problems.Add($"its _id index cannot be read ({idError}): none of its documents could be reached");
        }

        var unreadable = 0;
        var read = 0;
        foreach (var chunk in ReadDocuments(collection, ids, (id, error) =>
        {
            if (++unreadable <= MaxNamed)
            {
                problems.Add($"document {id} cannot be read ({error})");
            }
        }))
        {
            read += chunk.Count;
            each(chunk);
        }

        if (unreadable > MaxNamed)
        {
            problems.Add($"{unreadable - MaxNamed} more documents cannot be read");
        }

        return new CollectionReport(collection, read, unreadable, problems);
    }

    public void Dispose() => Close(database);

    private List<BsonDocument> ReadOneByOne(string collection, List<BsonValue> ids, Action<BsonValue, string> unreadable)
    {
        var read = new List<BsonDocument>(ids.Count);
        foreach (var id in ids)
        {
            try
            {
                if (database.GetCollection(collection).FindById(id) is { } document)
                {
                    read.Add(document);
                }
            }
            catch (Exception ex) when (IsReadFailure(ex))
            {
                unreadable(id, ex.Message);
                Reopen();
            }
        }

        return read;
    }

    private LiteDatabase Open()
    {
        try
        {
            return new LiteDatabase(new ConnectionString { Filename = databasePath, Connection = ConnectionType.Direct, ReadOnly = true });
        }
        catch (Exception ex) when (IsReadFailure(ex))
        {
            throw new DataFileDamagedException(
                $"the data file '{databasePath}' cannot be opened at all ({ex.Message}): nothing in it can be read; restore it from a backup (docs/operations.md)", ex);
        }
    }

    private void Reopen()
    {
        Close(database);
        database = Open();
    }

    private static void Close(LiteDatabase database)
    {
        try
        {
            database.Dispose();
        }
        catch (LiteException)
        {
            // An engine closed by a damaged page may fail to close again; it holds nothing to save.
        }
    }

    // Anything LiteDB throws while reading a damaged file: its own errors, and the plain ones a
    // broken page can cause in its readers (a length past the page, a bad BSON type).
    private static bool IsReadFailure(Exception ex) =>
        ex is LiteException or IOException or InvalidOperationException or ArgumentException or IndexOutOfRangeException or InvalidCastException or OverflowException;
}
