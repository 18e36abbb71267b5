using AiFeed.Model;
using AiFeed.Storage;
using AiFeed.Tests.Infrastructure;
using LiteDB;

namespace AiFeed.Tests.Storage;

/// <summary>
/// The post documents the writer builds by hand are, byte for byte, the ones the store's BsonMapper
/// writes (decision 0066), and the posts read from documents by hand are the ones the mapper reads
/// (decision 0071): what a store holds, and what a read returns, does not depend on which of the two
/// wrote or read it.
/// </summary>
public sealed class StoredPostDocumentTests
{
    private static readonly DateTime At = new(2026, 12, 5, 9, 30, 15, 123, DateTimeKind.Utc);

    [Fact]
    public void Sample_EveryStoredMember_IsSet()
    {
        // Arrange: a member added to Post must be set here, so the comparisons below cover its mapping
        // (the HTML is set through ContentHtml; HasContent and ContentLoaded follow it).
        var post = Sample();
        var empty = new Post { Id = "", SourceId = "", Title = "" };

        // Act
        var unset = MemberCoverage.Unset(post, empty, p => p.SetMethod is { IsPublic: true } && p.Name != nameof(Post.ContentHtml));

        // Assert
        Assert.Empty(unset);
        Assert.True(post.HasContent);
    }

    [Fact]
    public void Of_EveryMemberSet_IsTheBytesTheMapperWrites()
    {
        // Arrange
        var post = Sample();

        // Act / Assert
        AssertSameBytes(post);
    }

    [Fact]
    public void Of_NullMembersEmptyListsAndNoHtml_IsTheBytesTheMapperWrites()
    {
        // Arrange
        var post = new Post { Id = "p1", SourceId = "s", Title = "", Summary = "", SortAt = At };

        // Act / Assert
        AssertSameBytes(post);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Of_PostReadWithoutItsHtml_KeepsTheMarkerAsTheMapperDoes(bool hasContent)
    {
        // Arrange
        var post = Sample();
        post.ContentNotLoaded(hasContent);

        // Act / Assert
        AssertSameBytes(post);
    }

    [Fact]
    public void Of_DatesOfEveryKindAndTheExtremes_IsTheBytesTheMapperWrites()
    {
        // Arrange: sub-millisecond ticks, local and unspecified kinds, the extremes.
        var post = Sample();
        post.PublishedAt = new DateTime(2026, 12, 5, 9, 30, 15, DateTimeKind.Local).AddTicks(12_345);
        post.FirstSeenAt = new DateTime(2026, 12, 5, 9, 30, 15, DateTimeKind.Unspecified).AddTicks(7);
        post.UpdatedAt = DateTime.MaxValue;
        post.ModifiedAt = DateTime.MinValue;
        post.SortAt = At.AddTicks(9_999);

        // Act / Assert
        AssertSameBytes(post);
    }

    [Fact]
    public void Of_NullItemsInLists_AreKeptAsTheMapperKeepsThem()
    {
        // Arrange: the model never makes these, and a document must not differ if it did.
        var post = Sample();
        post.Tags = ["a", null!, "b"];
        post.AlsoIn = [new AlsoIn { SourceId = "x", Url = null! }, null!];
        post.Categories = null!;

        // Act / Assert
        AssertSameBytes(post);
    }

    [Theory]
    [InlineData("every member")]
    [InlineData("null members")]
    [InlineData("no html")]
    [InlineData("html not loaded")]
    [InlineData("null list items")]
    [InlineData("extreme dates")]
    public void Read_DocumentTheStoreWrites_IsThePostTheMapperReads(string variant)
    {
        // Arrange
        var document = StoredPostDocument.Of(Variant(variant));

        // Act / Assert
        AssertSameRead(document);
    }

    [Fact]
    public void Read_HtmlInlineAsStoresBeforeTheHtmlMovedApart_IsThePostTheMapperReads()
    {
        // Arrange: a document written before the HTML lived apart holds the HTML itself.
        var document = StoredPostDocument.Of(Sample());
        document[nameof(Post.ContentHtml)] = "<p>Inline</p>";

        // Act / Assert
        AssertSameRead(document);
    }

    [Fact]
    public void Read_FieldsAbsentNullOrUnknown_IsThePostTheMapperReads()
    {
        // Arrange: an older document without later members, explicit nulls, a field no member names,
        // and a name in another case (LiteDB's documents ignore case).
        var document = new BsonDocument
        {
            ["_id"] = "p1",
            ["SourceId"] = "s",
            ["title"] = "Lower-case field",
            ["Url"] = BsonValue.Null,
            ["Tags"] = BsonValue.Null,
            ["PublishedAt"] = BsonValue.Null,
            ["Retired"] = "a field no member names",
            ["SortAt"] = At,
        };

        // Act / Assert
        AssertSameRead(document);
    }

    private static Post Variant(string variant)
    {
        var post = Sample();
        switch (variant)
        {
            case "null members":
                return new Post { Id = "p1", SourceId = "s", Title = "", Summary = "", SortAt = At };
            case "no html":
                post.ContentHtml = null;
                break;
            case "html not loaded":
                post.ContentNotLoaded(hasContent: true);
                break;
            case "null list items":
                post.Tags = ["a", null!, "b"];
                post.AlsoIn = [new AlsoIn { SourceId = "x", Url = null! }, null!];
                post.Categories = null!;
                break;
            case "extreme dates":
                post.UpdatedAt = DateTime.MaxValue;
                post.ModifiedAt = DateTime.MinValue;
                break;
            default:
                break;
        }

        return post;
    }

    // The two reads agree on every stored member (their documents' bytes) and on the HTML's state.
    private static void AssertSameRead(BsonDocument document)
    {
        var mapped = LiteDbContext.CreateMapper().ToObject<Post>(new BsonDocument(document.ToDictionary()));
        var read = StoredPostDocument.Read(new BsonDocument(document.ToDictionary()));
        Assert.Equal(BsonSerializer.Serialize(LiteDbContext.CreateMapper().ToDocument(mapped)), BsonSerializer.Serialize(StoredPostDocument.Of(read)));
        Assert.Equal((mapped.ContentLoaded, mapped.HasContent), (read.ContentLoaded, read.HasContent));
        if (mapped.ContentLoaded)
        {
            Assert.Equal(mapped.ContentHtml, read.ContentHtml);
        }
    }

    private static void AssertSameBytes(Post post)
    {
        var mapped = LiteDbContext.CreateMapper().ToDocument(post);
        var built = StoredPostDocument.Of(post);
        Assert.Equal(BsonSerializer.Serialize(mapped), BsonSerializer.Serialize(built));
    }

    // Every stored member set to a value that tells its BSON type.
    private static Post Sample() => new()
    {
        Id = "0123456789abcdef0123456789abcdef",
        SourceId = "lab",
        Title = "Attention heads, 位置编码 and rotary embeddings 🚀",
        Url = "https://lab.example/posts/rotary",
        PublishedAt = At.AddDays(-1),
        FirstSeenAt = At,
        UpdatedAt = At.AddMinutes(5),
        ModifiedAt = At.AddHours(-3),
        SortAt = At.AddDays(-1),
        Author = "A. Researcher",
        Summary = "  A summary with spaces around it  ",
        ContentHtml = "<p>Body</p>",
        ImageUrl = "https://lab.example/cover.png",
        Categories = ["ML", ""],
        Tags = ["llm", "rl"],
        AlsoIn = [new AlsoIn { SourceId = "other", Url = "https://other.example/a" }, new AlsoIn { SourceId = "third", Url = "" }],
        Sources = ["lab", "other", "third"],
        SortKey = Post.SortKeyOf(At.AddDays(-1), "0123456789abcdef0123456789abcdef"),
        RawHash = new string('f', 64),
        ClusterId = "story-1",
        LeadKey = "lead",
        StoryKeys = ["u:lab.example/posts/rotary", "arxiv:2401.00001"],
        TitleKey = "attention heads rotary",
        TextHash = long.MinValue + 12_345,
        TextBands = ["0:ab12", "1:cd34"],
        FirstParty = true,
        Links = ["u:other.example/paper"],
        TextRepeated = true,
        DateUnknown = true,
        Revision = 5_000_000_000,
    };
}
