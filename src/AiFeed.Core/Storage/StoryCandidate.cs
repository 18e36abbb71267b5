using AiFeed.Model;
using LiteDB;

namespace AiFeed.Storage;

/// <summary>
/// The fields of a stored post that story clustering reads (DuplicateRule, StoryClusters.Assign and
/// an update in place), read as a projection: a whole post carries its HTML, and mapping thousands
/// of them per poll through BsonMapper cost more than the comparisons.
/// </summary>
internal static class StoryCandidate
{
    public static readonly BsonExpression Projection = BsonExpression.Create(
        "{ _id: $._id, SourceId: $.SourceId, Url: $.Url, SortAt: $.SortAt, FirstSeenAt: $.FirstSeenAt, ClusterId: $.ClusterId, StoryKeys: $.StoryKeys, TitleKey: $.TitleKey, TextHash: $.TextHash, RawHash: $.RawHash }");

    public static Post ToPost(BsonDocument doc) => new()
    {
        Id = doc["_id"].AsString,
        SourceId = doc["SourceId"].AsString ?? "",
        Title = "",
        Url = doc["Url"].IsString ? doc["Url"].AsString : null,
        SortAt = doc["SortAt"].IsDateTime ? doc["SortAt"].AsDateTime : default,
        FirstSeenAt = doc["FirstSeenAt"].IsDateTime ? doc["FirstSeenAt"].AsDateTime : default,
        ClusterId = doc["ClusterId"].AsString ?? "",
        StoryKeys = doc["StoryKeys"].IsArray ? [.. doc["StoryKeys"].AsArray.Where(v => v.IsString).Select(v => v.AsString)] : [],
        TitleKey = doc["TitleKey"].AsString ?? "",
        TextHash = doc["TextHash"].IsNumber ? doc["TextHash"].AsInt64 : 0,
        RawHash = doc["RawHash"].AsString ?? "",
    };

    public static StoredPost ToStored(BsonDocument doc) => StoredPost.Of(ToPost(doc));
}
