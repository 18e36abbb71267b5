using AiFeed.Model;
using LiteDB;

namespace AiFeed.Storage;

/// <summary>
/// The "stories" collection, one document per <see cref="StoryRecord"/>, mapped by hand in the
/// layout BsonMapper wrote (the story id in _id, a field per member named after it in declaration
/// order, nulls left out), and read as the mapper read it. The mapper compiled a getter and a setter
/// per member at the first use of its typed collection, which a one-shot poll storing a few posts
/// paid for to read a handful of records (decision 0071). Under <see cref="LiteDbContext.Gate"/>
/// like every LiteDB call.
/// </summary>
internal sealed class StoryRecordCollection(ILiteCollection<BsonDocument> documents)
{
    public IEnumerable<StoryRecord> Find(BsonExpression predicate) => documents.Find(predicate).Select(Read);

    public IEnumerable<StoryRecord> FindAll() => documents.FindAll().Select(Read);

    public StoryRecord? FindById(string id) => documents.FindById(id) is { } document ? Read(document) : null;

    public void Insert(StoryRecord record) => documents.Insert(Write(record));

    public void Upsert(IEnumerable<StoryRecord> records) => documents.Upsert(records.Select(Write));

    public bool Delete(string id) => documents.Delete(id);

    public int Count() => documents.Count();

    internal static BsonDocument Write(StoryRecord record)
    {
        var document = new BsonDocument { ["_id"] = record.Id };
        StoredPostDocument.Put(document, nameof(StoryRecord.Members), record.Members);
        StoredPostDocument.Put(document, nameof(StoryRecord.AnchorId), record.AnchorId);
        StoredPostDocument.Put(document, nameof(StoryRecord.LeadId), record.LeadId);
        StoredPostDocument.Put(document, nameof(StoryRecord.Keys), record.Keys);
        StoredPostDocument.Put(document, nameof(StoryRecord.TitleKey), record.TitleKey);
        document[nameof(StoryRecord.TextHash)] = record.TextHash;
        StoredPostDocument.Put(document, nameof(StoryRecord.Links), record.Links);
        document[nameof(StoryRecord.UpdatedAt)] = record.UpdatedAt;
        document[nameof(StoryRecord.Revision)] = record.Revision;
        return document;
    }

    /// <summary>
    /// The record BsonMapper reads from <paramref name="document"/>: a member whose field is absent
    /// keeps its default, a BSON null sets it to null, values are taken as stored (fields looked up by
    /// name, ignoring case, as LiteDB's documents do).
    /// </summary>
    internal static StoryRecord Read(BsonDocument document)
    {
        var record = new StoryRecord { Id = null! };
        if (document.TryGetValue("_id", out var value)) record.Id = (string)value.RawValue;
        if (document.TryGetValue(nameof(StoryRecord.Members), out value)) record.Members = StoredPostDocument.Strings(value)!;
        if (document.TryGetValue(nameof(StoryRecord.AnchorId), out value)) record.AnchorId = (string)value.RawValue;
        if (document.TryGetValue(nameof(StoryRecord.LeadId), out value)) record.LeadId = (string)value.RawValue;
        if (document.TryGetValue(nameof(StoryRecord.Keys), out value)) record.Keys = StoredPostDocument.Strings(value)!;
        if (document.TryGetValue(nameof(StoryRecord.TitleKey), out value)) record.TitleKey = (string)value.RawValue;
        if (document.TryGetValue(nameof(StoryRecord.TextHash), out value)) record.TextHash = (long)value.RawValue;
        if (document.TryGetValue(nameof(StoryRecord.Links), out value)) record.Links = StoredPostDocument.Strings(value)!;
        if (document.TryGetValue(nameof(StoryRecord.UpdatedAt), out value)) record.UpdatedAt = (DateTime)value.RawValue;
        if (document.TryGetValue(nameof(StoryRecord.Revision), out value)) record.Revision = (long)value.RawValue;
        return record;
    }
}
