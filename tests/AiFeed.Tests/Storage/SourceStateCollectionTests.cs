using System.Reflection;
using AiFeed.Model;
using AiFeed.Storage;
using AiFeed.Tests.Infrastructure;
using LiteDB;

namespace AiFeed.Tests.Storage;

public sealed class SourceStateCollectionTests
{
    [Fact]
    public void Sample_EveryMember_IsSet()
    {
        // Arrange: a member added to SourceState must be set here, so the tests below cover its mapping.
        var state = Sample();
        var empty = new SourceState { SourceId = "" };

        // Act
        var unset = typeof(SourceState).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && Equals(p.GetValue(state), p.GetValue(empty)))
            .Select(p => p.Name)
            .ToList();

        // Assert
        Assert.Empty(unset);
    }

    [Fact]
    public void Write_EveryMemberSet_IsTheDocumentBsonMapperWrote()
    {
        // Arrange
        var state = Sample();

        // Act
        var written = SourceStateCollection.Write(state);
        var mapped = MapperAsBefore().ToDocument(state);

        // Assert
        Assert.Equal(Canonical(mapped), Canonical(written));
    }

    [Fact]
    public void Write_NullMembers_LeavesThemOutAsBsonMapperDid()
    {
        // Arrange
        var state = new SourceState { SourceId = "lab" };

        // Act
        var written = SourceStateCollection.Write(state);
        var mapped = MapperAsBefore().ToDocument(state);

        // Assert
        Assert.Equal(Canonical(mapped), Canonical(written));
    }

    [Fact]
    public void Read_DocumentBsonMapperWrote_IsTheSameState()
    {
        // Arrange
        var state = Sample();
        var mapped = MapperAsBefore().ToDocument(state);

        // Act
        var read = SourceStateCollection.Read(mapped);

        // Assert
        Assert.Equal(state, read);
    }

    [Fact]
    public void Upsert_ThenReopen_ReadsTheSameState()
    {
        // Arrange
        using var folder = new TempDirectory();
        var state = Sample();

        // Act
        using (var context = new LiteDbContext(folder.Path, "aifeed.db"))
        {
            context.Sources.Upsert(state);
        }

        using var reopened = new LiteDbContext(folder.Path, "aifeed.db");
        var read = reopened.Sources.FindById(state.SourceId);

        // Assert
        Assert.Equal(state, read);
        Assert.Equal(DateTimeKind.Utc, read!.LastPollAt!.Value.Kind);
        Assert.Null(reopened.Sources.FindById("unknown"));
    }

    // How the store's BsonMapper mapped a source state before the hand-written mapping: what stores
    // written until then hold.
    private static BsonMapper MapperAsBefore()
    {
        var mapper = new BsonMapper { EmptyStringToNull = false, TrimWhitespace = false, SerializeNullValues = false };
        mapper.ResolveMember = (type, member, map) =>
        {
            if (type == typeof(SourceState) && member.Name == nameof(SourceState.SourceId))
            {
                map.FieldName = "_id";
                map.AutoId = false;
            }
        };
        RegisterValueList<ReadAttempt>(mapper);
        RegisterValueList<ArticleLookup>(mapper);
        return mapper;
    }

    private static void RegisterValueList<T>(BsonMapper mapper)
        where T : IEquatable<T> =>
        mapper.RegisterType(
            list => new BsonArray(list.Select(item => (BsonValue)mapper.ToDocument(item))),
            bson => bson.IsArray ? new ValueList<T>(bson.AsArray.Where(b => b.IsDocument).Select(b => mapper.ToObject<T>(b.AsDocument))) : []);

    // Field order aside, every field with its BSON type and value.
    private static string Canonical(BsonValue value) => value switch
    {
        { IsDocument: true } => "{" + string.Join(",", value.AsDocument.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Key + ":" + Canonical(e.Value))) + "}",
        { IsArray: true } => "[" + string.Join(",", value.AsArray.Select(Canonical)) + "]",
        _ => value.Type + "=" + JsonSerializer.Serialize(value),
    };

    private static readonly DateTime At = new(2026, 12, 3, 9, 0, 0, 123, DateTimeKind.Utc);

    // Every member set, to a value that tells its BSON type (LastBytes beyond an Int32).
    private static SourceState Sample() => SourceStateStoreTests.Fetched(At) with
    {
        ConfiguredUrl = "https://lab.example/rss",
        LastSuccessAt = At.AddMinutes(-5),
        LastModified = "Thu, 03 Dec 2026 08:00:00 GMT",
        ConsecutiveErrors = 2,
        LastError = "timeout",
        LastWarning = "repaired",
        LastBytes = 5_000_000_000,
        Paused = true,
        PausedAt = At.AddDays(-1),
        ReadVia = "scrape",
        FallbackReason = "feed failed",
        ConfiguredSite = "https://lab.example/",
        DiscoveredFeedUrl = "https://lab.example/atom.xml",
        LastScrapeCount = 12,
        ScrapeRuleFingerprint = "abc123",
        PageETag = "\"p1\"",
        PageLastModified = "Wed, 02 Dec 2026 08:00:00 GMT",
        Attempts =
        [
            new ReadAttempt { Step = ReadAttemptStep.Feed, Outcome = ReadAttemptOutcome.Failed, Url = "https://lab.example/feed.xml", Detail = "404" },
            new ReadAttempt { Step = ReadAttemptStep.Rule, Outcome = ReadAttemptOutcome.Ok, Items = 12 },
        ],
        ArticleLookups =
        [
            new ArticleLookup { Url = "https://lab.example/a", CheckedAt = At, ETag = "\"a\"", LastModified = "x", Title = "A", PublishedAt = At.AddDays(-2), Summary = "s", ImageUrl = "https://lab.example/a.png" },
            new ArticleLookup { Url = "https://lab.example/b", CheckedAt = At },
        ],
    };
}
