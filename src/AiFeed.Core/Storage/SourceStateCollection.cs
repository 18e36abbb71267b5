using AiFeed.Model;
using LiteDB;

namespace AiFeed.Storage;

/// <summary>
/// The "sources" collection, one document per <see cref="SourceState"/>, mapped by hand in the
/// layout BsonMapper wrote (the source id in _id, a field per member named after it, nulls left
/// out, the attempt and lookup lists as arrays of documents). BsonMapper compiled a getter and a
/// setter per member, and its typed collection built them all at first use: every start of the
/// one-shot poll reads these states, and paid for that before its first request (decision 0051).
/// Under <see cref="LiteDbContext.Gate"/> like every LiteDB call.
/// </summary>
internal sealed class SourceStateCollection(ILiteCollection<BsonDocument> documents)
{
    public IEnumerable<SourceState> FindAll() => documents.FindAll().Select(Read);

    public SourceState? FindById(string sourceId) => documents.FindById(sourceId) is { } document ? Read(document) : null;

    public void Upsert(SourceState state) => documents.Upsert(Write(state));

    public void Upsert(IEnumerable<SourceState> states) => documents.Upsert(states.Select(Write));

    internal static BsonDocument Write(SourceState state)
    {
        var document = new BsonDocument { ["_id"] = state.SourceId };
        Put(document, nameof(SourceState.FeedUrl), state.FeedUrl);
        Put(document, nameof(SourceState.ConfiguredUrl), state.ConfiguredUrl);
        Put(document, nameof(SourceState.NextCheckAt), new BsonValue(state.NextCheckAt));
        Put(document, nameof(SourceState.LastPollAt), new BsonValue(state.LastPollAt));
        Put(document, nameof(SourceState.LastSuccessAt), new BsonValue(state.LastSuccessAt));
        Put(document, nameof(SourceState.ETag), state.ETag);
        Put(document, nameof(SourceState.LastModified), state.LastModified);
        document[nameof(SourceState.ConsecutiveErrors)] = state.ConsecutiveErrors;
        Put(document, nameof(SourceState.LastError), state.LastError);
        Put(document, nameof(SourceState.LastWarning), state.LastWarning);
        Put(document, nameof(SourceState.LastStatusCode), new BsonValue(state.LastStatusCode));
        Put(document, nameof(SourceState.LastBytes), new BsonValue(state.LastBytes));
        Put(document, nameof(SourceState.LastDurationMs), new BsonValue(state.LastDurationMs));
        Put(document, nameof(SourceState.LastOutcome), state.LastOutcome);
        document[nameof(SourceState.LastItemCount)] = state.LastItemCount;
        document[nameof(SourceState.Paused)] = state.Paused;
        Put(document, nameof(SourceState.PausedAt), new BsonValue(state.PausedAt));
        Put(document, nameof(SourceState.ReadVia), state.ReadVia);
        Put(document, nameof(SourceState.FallbackReason), state.FallbackReason);
        Put(document, nameof(SourceState.ConfiguredSite), state.ConfiguredSite);
        Put(document, nameof(SourceState.DiscoveredFeedUrl), state.DiscoveredFeedUrl);
        Put(document, nameof(SourceState.LastScrapeCount), new BsonValue(state.LastScrapeCount));
        Put(document, nameof(SourceState.ScrapeRuleFingerprint), state.ScrapeRuleFingerprint);
        Put(document, nameof(SourceState.PageETag), state.PageETag);
        Put(document, nameof(SourceState.PageLastModified), state.PageLastModified);
        document[nameof(SourceState.Attempts)] = new BsonArray(state.Attempts.Select(a => (BsonValue)Write(a)));
        document[nameof(SourceState.ArticleLookups)] = new BsonArray(state.ArticleLookups.Select(l => (BsonValue)Write(l)));
        return document;
    }

    internal static SourceState Read(BsonDocument document) => new()
    {
        SourceId = document["_id"].AsString,
        FeedUrl = Text(document, nameof(SourceState.FeedUrl)),
        ConfiguredUrl = Text(document, nameof(SourceState.ConfiguredUrl)),
        NextCheckAt = Date(document, nameof(SourceState.NextCheckAt)),
        LastPollAt = Date(document, nameof(SourceState.LastPollAt)),
        LastSuccessAt = Date(document, nameof(SourceState.LastSuccessAt)),
        ETag = Text(document, nameof(SourceState.ETag)),
        LastModified = Text(document, nameof(SourceState.LastModified)),
        ConsecutiveErrors = Int(document, nameof(SourceState.ConsecutiveErrors)) ?? 0,
        LastError = Text(document, nameof(SourceState.LastError)),
        LastWarning = Text(document, nameof(SourceState.LastWarning)),
        LastStatusCode = Int(document, nameof(SourceState.LastStatusCode)),
        LastBytes = Value(document, nameof(SourceState.LastBytes)) is { IsNumber: true } bytes ? bytes.AsInt64 : null,
        LastDurationMs = Value(document, nameof(SourceState.LastDurationMs)) is { IsNumber: true } duration ? duration.AsDouble : null,
        LastOutcome = Text(document, nameof(SourceState.LastOutcome)),
        LastItemCount = Int(document, nameof(SourceState.LastItemCount)) ?? 0,
        Paused = Value(document, nameof(SourceState.Paused)) is { IsBoolean: true } paused && paused.AsBoolean,
        PausedAt = Date(document, nameof(SourceState.PausedAt)),
        ReadVia = Text(document, nameof(SourceState.ReadVia)),
        FallbackReason = Text(document, nameof(SourceState.FallbackReason)),
        ConfiguredSite = Text(document, nameof(SourceState.ConfiguredSite)),
        DiscoveredFeedUrl = Text(document, nameof(SourceState.DiscoveredFeedUrl)),
        LastScrapeCount = Int(document, nameof(SourceState.LastScrapeCount)),
        ScrapeRuleFingerprint = Text(document, nameof(SourceState.ScrapeRuleFingerprint)),
        PageETag = Text(document, nameof(SourceState.PageETag)),
        PageLastModified = Text(document, nameof(SourceState.PageLastModified)),
        Attempts = new(Documents(document, nameof(SourceState.Attempts)).Select(ReadAttemptFrom)),
        ArticleLookups = new(Documents(document, nameof(SourceState.ArticleLookups)).Select(ArticleLookupFrom)),
    };

    private static BsonDocument Write(ReadAttempt attempt)
    {
        var document = new BsonDocument { [nameof(ReadAttempt.Step)] = attempt.Step, [nameof(ReadAttempt.Outcome)] = attempt.Outcome };
        Put(document, nameof(ReadAttempt.Url), attempt.Url);
        Put(document, nameof(ReadAttempt.Items), new BsonValue(attempt.Items));
        Put(document, nameof(ReadAttempt.Detail), attempt.Detail);
        return document;
    }

    private static ReadAttempt ReadAttemptFrom(BsonDocument document) => new()
    {
        Step = Text(document, nameof(ReadAttempt.Step)) ?? "",
        Outcome = Text(document, nameof(ReadAttempt.Outcome)) ?? "",
        Url = Text(document, nameof(ReadAttempt.Url)),
        Items = Int(document, nameof(ReadAttempt.Items)),
        Detail = Text(document, nameof(ReadAttempt.Detail)),
    };

    private static BsonDocument Write(ArticleLookup lookup)
    {
        var document = new BsonDocument { [nameof(ArticleLookup.Url)] = lookup.Url, [nameof(ArticleLookup.CheckedAt)] = lookup.CheckedAt };
        Put(document, nameof(ArticleLookup.ETag), lookup.ETag);
        Put(document, nameof(ArticleLookup.LastModified), lookup.LastModified);
        Put(document, nameof(ArticleLookup.Title), lookup.Title);
        Put(document, nameof(ArticleLookup.PublishedAt), new BsonValue(lookup.PublishedAt));
        Put(document, nameof(ArticleLookup.Summary), lookup.Summary);
        Put(document, nameof(ArticleLookup.ImageUrl), lookup.ImageUrl);
        return document;
    }

    private static ArticleLookup ArticleLookupFrom(BsonDocument document) => new()
    {
        Url = Text(document, nameof(ArticleLookup.Url)) ?? "",
        CheckedAt = Date(document, nameof(ArticleLookup.CheckedAt)) ?? default,
        ETag = Text(document, nameof(ArticleLookup.ETag)),
        LastModified = Text(document, nameof(ArticleLookup.LastModified)),
        Title = Text(document, nameof(ArticleLookup.Title)),
        PublishedAt = Date(document, nameof(ArticleLookup.PublishedAt)),
        Summary = Text(document, nameof(ArticleLookup.Summary)),
        ImageUrl = Text(document, nameof(ArticleLookup.ImageUrl)),
    };

    // BsonMapper left null members out of the document (SerializeNullValues = false); so does this.
    private static void Put(BsonDocument document, string field, BsonValue value)
    {
        if (!value.IsNull)
        {
            document[field] = value;
        }
    }

    private static BsonValue? Value(BsonDocument document, string field) =>
        document.TryGetValue(field, out var value) && !value.IsNull ? value : null;

    private static string? Text(BsonDocument document, string field) => Value(document, field) is { IsString: true } text ? text.AsString : null;

    private static DateTime? Date(BsonDocument document, string field) => Value(document, field) is { IsDateTime: true } date ? date.AsDateTime : null;

    private static int? Int(BsonDocument document, string field) => Value(document, field) is { IsNumber: true } number ? number.AsInt32 : null;

    private static IEnumerable<BsonDocument> Documents(BsonDocument document, string field) =>
        Value(document, field) is { IsArray: true } array ? array.AsArray.Where(b => b.IsDocument).Select(b => b.AsDocument) : [];
}
