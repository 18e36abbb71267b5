using AiFeed.Model;
using AiFeed.Storage;
using AiFeed.Tests.Infrastructure;
using LiteDB;

namespace AiFeed.Tests.Storage;

/// <summary>
/// Story records written and read by hand are, byte for byte, what the store's BsonMapper wrote and
/// read (decision 0071): stores written before read the same, and what is written now is the same.
/// </summary>
public sealed class StoryRecordCollectionTests
{
    private static readonly DateTime At = new(2026, 12, 6, 2, 30, 15, 123, DateTimeKind.Utc);

    [Fact]
    public void Sample_EveryMember_IsSet()
    {
        // Arrange: a member added to StoryRecord must be set here, so the tests below cover its mapping.
        var record = Sample();
        var empty = new StoryRecord { Id = "" };

        // Act
        var unset = MemberCoverage.Unset(record, empty, p => p.CanWrite);

        // Assert
        Assert.Empty(unset);
    }

    [Fact]
    public void Write_EveryMemberSet_IsTheBytesTheMapperWrites()
    {
        // Arrange
        var record = Sample();

        // Act / Assert
        Assert.Equal(Bytes(LiteDbContext.CreateMapper().ToDocument(record)), Bytes(StoryRecordCollection.Write(record)));
    }

    [Fact]
    public void Write_NullMembersAndNullItems_IsTheBytesTheMapperWrites()
    {
        // Arrange: the model never makes these, and a document must not differ if it did.
        var record = new StoryRecord { Id = "s1", Members = ["a", null!], AnchorId = null!, Keys = null!, Links = [], UpdatedAt = DateTime.MinValue };

        // Act / Assert
        Assert.Equal(Bytes(LiteDbContext.CreateMapper().ToDocument(record)), Bytes(StoryRecordCollection.Write(record)));
    }

    [Fact]
    public void Read_DocumentTheMapperWrote_IsTheRecordTheMapperReads()
    {
        // Arrange
        var document = LiteDbContext.CreateMapper().ToDocument(Sample());

        // Act
        var read = StoryRecordCollection.Read(document);
        var mapped = LiteDbContext.CreateMapper().ToObject<StoryRecord>(document);

        // Assert
        Assert.Equal(Bytes(LiteDbContext.CreateMapper().ToDocument(mapped)), Bytes(StoryRecordCollection.Write(read)));
    }

    [Fact]
    public void Read_FieldsAbsentNullOrInAnotherCase_IsTheRecordTheMapperReads()
    {
        // Arrange: LiteDB's documents ignore case; an absent field keeps the member's default, a null sets null.
        var document = new BsonDocument { ["_id"] = "s1", ["members"] = new BsonArray(new BsonValue("a")), ["Keys"] = BsonValue.Null, ["Retired"] = 1 };

        // Act
        var read = StoryRecordCollection.Read(document);
        var mapped = LiteDbContext.CreateMapper().ToObject<StoryRecord>(document);

        // Assert
        Assert.Equal(Bytes(LiteDbContext.CreateMapper().ToDocument(mapped)), Bytes(StoryRecordCollection.Write(read)));
    }

    [Fact]
    public void Upsert_ThenReopen_ReadsTheSameRecord()
    {
        // Arrange
        using var folder = new TempDirectory();
        var record = Sample();

        // Act
        using (var context = new LiteDbContext(folder.Path, "aifeed.db"))
        {
            context.Stories.Upsert([record]);
        }

        StoryRecord? read;
        using (var context = new LiteDbContext(folder.Path, "aifeed.db"))
        {
            read = context.Stories.FindById(record.Id);
        }

        // Assert
        Assert.NotNull(read);
        Assert.Equal(Bytes(StoryRecordCollection.Write(record)), Bytes(StoryRecordCollection.Write(read)));
    }

    private static byte[] Bytes(BsonDocument document) => BsonSerializer.Serialize(document);

    private static StoryRecord Sample() => new()
    {
        Id = "0123456789abcdef",
        Members = ["0123456789abcdef", "fedcba9876543210"],
        AnchorId = "0123456789abcdef",
        LeadId = "fedcba9876543210",
        Keys = ["u:lab.example/posts/rotary", "arxiv:2401.00001"],
        TitleKey = "attention heads rotary",
        TextHash = long.MinValue + 12_345,
        Links = ["u:other.example/paper"],
        UpdatedAt = At,
        Revision = 5_000_000_000,
    };
}
