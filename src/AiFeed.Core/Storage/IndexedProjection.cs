using AiFeed.Model;
using LiteDB;

namespace AiFeed.Storage;

/// <summary>
/// What story clustering reads of stored posts (candidates, evidence, stored state): one
/// projection instead of whole posts with their HTML, mapped by hand rather than by BsonMapper.
/// The result is a light Post; it is never written back.
/// </summary>
internal static class IndexedProjection
{
    public static readonly BsonExpression Fields = BsonExpression.Create(
        "{ _id: $._id, SourceId: $.SourceId, Url: $.Url, SortAt: $.SortAt, FirstSeenAt: $.FirstSeenAt, ClusterId: $.ClusterId, "
        + "StoryKeys: $.StoryKeys, TitleKey: $.TitleKey, TextHash: $.TextHash, TextBands: $.TextBands, RawHash: $.RawHash, "
        + "SortKey: $.SortKey, LeadKey: $.LeadKey, Sources: $.Sources, Tags: $.Tags, "
        + "Links: $.Links, TextRepeated: $.TextRepeated, FirstParty: $.FirstParty, DateUnknown: $.DateUnknown, ContentHtml: $.ContentHtml }");

    public static Post ToPost(BsonDocument doc) => WithoutHtml(doc["ContentHtml"] is { IsBoolean: true, AsBoolean: true }, new()
    {
        Id = doc["_id"].AsString,
        SourceId = doc["SourceId"].AsString ?? "",
        Title = "",
        Url = doc["Url"].IsString ? doc["Url"].AsString : null,
        SortAt = doc["SortAt"].IsDateTime ? doc["SortAt"].AsDateTime : default,
        FirstSeenAt = doc["FirstSeenAt"].IsDateTime ? doc["FirstSeenAt"].AsDateTime : default,
        ClusterId = doc["ClusterId"].AsString ?? "",
        StoryKeys = Strings(doc["StoryKeys"]),
        TitleKey = doc["TitleKey"].AsString ?? "",
        TextHash = doc["TextHash"].IsNumber ? doc["TextHash"].AsInt64 : 0,
        TextBands = Strings(doc["TextBands"]),
        RawHash = doc["RawHash"].AsString ?? "",
        SortKey = doc["SortKey"].AsString ?? "",
        LeadKey = doc["LeadKey"].AsString ?? "",
        Sources = Strings(doc["Sources"]),
        Tags = Strings(doc["Tags"]),
        Links = Strings(doc["Links"]),
        TextRepeated = doc["TextRepeated"].IsBoolean && doc["TextRepeated"].AsBoolean,
        FirstParty = doc["FirstParty"].IsBoolean && doc["FirstParty"].AsBoolean,
        DateUnknown = doc["DateUnknown"].IsBoolean && doc["DateUnknown"].AsBoolean,
    });

    /// <summary>
    /// The same light Post as <see cref="ToPost"/> gives for this post once stored, without the
    /// round trip: dates as BSON keeps them (UTC, whole milliseconds), lists copied.
    /// </summary>
    public static Post Copy(Post post) => WithoutHtml(post.HasContent, new()
    {
        Id = post.Id,
        SourceId = post.SourceId ?? "",
        Title = "",
        Url = post.Url,
        SortAt = AsStored(post.SortAt),
        FirstSeenAt = AsStored(post.FirstSeenAt),
        ClusterId = post.ClusterId ?? "",
        StoryKeys = [.. post.StoryKeys],
        TitleKey = post.TitleKey ?? "",
        TextHash = post.TextHash,
        TextBands = [.. post.TextBands],
        RawHash = post.RawHash ?? "",
        SortKey = post.SortKey ?? "",
        LeadKey = post.LeadKey ?? "",
        Sources = [.. post.Sources],
        Tags = [.. post.Tags],
        Links = [.. post.Links],
        TextRepeated = post.TextRepeated,
        FirstParty = post.FirstParty,
        DateUnknown = post.DateUnknown,
    });

    // A light post stands for a stored one: its HTML is not loaded, so writing it would keep the stored HTML.
    private static Post WithoutHtml(bool hasContent, Post post)
    {
        post.ContentNotLoaded(hasContent);
        return post;
    }

    // LiteDB writes a date as whole UTC milliseconds since the epoch (the extremes kept as they
    // are) and reads it back as UTC (LiteDbContext sets UtcDate).
    private static DateTime AsStored(DateTime value)
    {
        if (value == DateTime.MinValue || value == DateTime.MaxValue)
        {
            return value == DateTime.MinValue ? DateTime.MinValue : DateTime.MaxValue;
        }

        var milliseconds = (value.ToUniversalTime().Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;
        return DateTime.UnixEpoch.AddTicks(milliseconds * TimeSpan.TicksPerMillisecond);
    }

    private static List<string> Strings(BsonValue value) =>
        value.IsArray ? [.. value.AsArray.Where(v => v.IsString).Select(v => v.AsString)] : [];
}
