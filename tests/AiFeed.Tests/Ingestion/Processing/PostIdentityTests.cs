using AiFeed.Ingestion.Processing;
using AiFeed.Model;

namespace AiFeed.Tests.Ingestion.Processing;

public sealed class PostIdentityTests
{
    private static readonly FeedItem Item = new()
    {
        Id = "tag:blog.example.com,2026:post-1",
        Title = "Scaling laws revisited",
        Link = "https://blog.example.com/post-1?utm_source=rss",
        PublishedAt = new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.FromHours(1)),
        UpdatedAt = new DateTimeOffset(2026, 11, 21, 9, 30, 0, TimeSpan.Zero),
        Author = "Jane Doe",
        Summary = "<p>Summary</p>",
        ContentHtml = "<p>Content</p>",
        ImageUrl = "https://blog.example.com/a.png",
        Categories = ["research", "scaling"],
    };

    private const string Canonical = "https://blog.example.com/post-1";

    [Fact]
    public void ItemKey_SameInput_StableAcrossCalls()
    {
        // Arrange
        var first = PostIdentity.ItemKey("blog", Item, Canonical, guidIsUniqueInFeed: true);

        // Act
        var second = PostIdentity.ItemKey("blog", Item with { }, Canonical, guidIsUniqueInFeed: true);

        // Assert
        Assert.Equal(first, second);
        Assert.Equal(PostIdentity.ItemKeyLength, first.Length);
        Assert.Matches("^[0-9a-f]{32}$", first);
    }

    [Fact]
    public void ItemKey_KnownInput_KnownValue()
    {
        // Arrange
        // sha256("blog\ntag:blog.example.com,2026:post-1"), first 32 hex characters; pins the format
        // so a refactor cannot silently re-key every stored post.
        var expected = Sha256Hex("blog\ntag:blog.example.com,2026:post-1")[..32];

        // Act
        var key = PostIdentity.ItemKey("blog", Item, Canonical, guidIsUniqueInFeed: true);

        // Assert
        Assert.Equal(expected, key);
    }

    [Fact]
    public void ItemKey_UniqueGuid_LinkChangeIgnored()
    {
        // Arrange
        var before = PostIdentity.ItemKey("blog", Item, Canonical, guidIsUniqueInFeed: true);

        // Act
        var after = PostIdentity.ItemKey("blog", Item with { Title = "New title" }, "https://blog.example.com/moved", guidIsUniqueInFeed: true);

        // Assert
        Assert.Equal(before, after);
    }

    [Fact]
    public void ItemKey_GuidNotUnique_UsesCanonicalLink()
    {
        // Arrange
        var expected = Sha256Hex("blog\n" + Canonical)[..32];

        // Act
        var key = PostIdentity.ItemKey("blog", Item, Canonical, guidIsUniqueInFeed: false);

        // Assert
        Assert.Equal(expected, key);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void ItemKey_NoGuid_UsesCanonicalLink(string? id)
    {
        // Arrange
        var expected = Sha256Hex("blog\n" + Canonical)[..32];

        // Act
        var key = PostIdentity.ItemKey("blog", Item with { Id = id }, Canonical, guidIsUniqueInFeed: true);

        // Assert
        Assert.Equal(expected, key);
    }

    [Fact]
    public void ItemKey_NoGuidNoLink_UsesTitleAndDate()
    {
        // Arrange
        var item = Item with { Id = null, Link = null };
        var identity = Sha256Hex("Scaling laws revisited\n2026-11-20T08:30:00.0000000Z");
        var expected = Sha256Hex("blog\n" + identity)[..32];

        // Act
        var key = PostIdentity.ItemKey("blog", item, null, guidIsUniqueInFeed: true);

        // Assert
        Assert.Equal(expected, key);
    }

    [Fact]
    public void ItemKey_TitleDateFallback_DifferentTitleDifferentKey()
    {
        // Arrange
        var item = Item with { Id = null, Link = null };

        // Act
        var first = PostIdentity.ItemKey("blog", item, null, guidIsUniqueInFeed: true);
        var second = PostIdentity.ItemKey("blog", item with { Title = "Other" }, null, guidIsUniqueInFeed: true);
        var edited = PostIdentity.ItemKey("blog", item with { UpdatedAt = DateTimeOffset.UnixEpoch, Summary = "x" }, null, guidIsUniqueInFeed: true);

        // Assert
        Assert.NotEqual(first, second);
        Assert.Equal(first, edited);
    }

    [Fact]
    public void ItemKey_NoTitleNoDate_TextTellsItemsApart()
    {
        // Arrange
        var bare = new FeedItem { Summary = "first" };

        // Act
        var first = PostIdentity.ItemKey("blog", bare, null, guidIsUniqueInFeed: false);
        var second = PostIdentity.ItemKey("blog", bare with { Summary = "second" }, null, guidIsUniqueInFeed: false);

        // Assert
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void ItemKey_OtherSource_OtherKey()
    {
        // Arrange
        var mine = PostIdentity.ItemKey("blog", Item, Canonical, guidIsUniqueInFeed: true);

        // Act
        var theirs = PostIdentity.ItemKey("aggregator", Item, Canonical, guidIsUniqueInFeed: true);

        // Assert
        Assert.NotEqual(mine, theirs);
    }

    [Fact]
    public void ItemKey_LongIdentity_Hashed()
    {
        // Arrange
        var longId = new string('é', 5000);

        // Act
        var key = PostIdentity.ItemKey("blog", Item with { Id = longId }, Canonical, guidIsUniqueInFeed: true);

        // Assert
        Assert.Equal(Sha256Hex("blog\n" + longId)[..32], key);
    }

    [Fact]
    public void RawHash_SameItem_Stable()
    {
        // Arrange
        var first = PostIdentity.RawHash(Item);

        // Act
        var second = PostIdentity.RawHash(Item with { Categories = ["research", "scaling"] });

        // Assert
        Assert.Equal(first, second);
        Assert.Matches("^[0-9a-f]{64}$", first);
    }

    [Fact]
    public void RawHash_TitleChanged_Differs()
    {
        // Arrange
        var before = PostIdentity.RawHash(Item);

        // Act
        var after = PostIdentity.RawHash(Item with { Title = "Scaling laws revisited (updated)" });

        // Assert
        Assert.NotEqual(before, after);
    }

    public static TheoryData<FeedItem> ChangedItems() =>
    [
        Item with { Link = "https://blog.example.com/other" },
        Item with { Id = "other" },
        Item with { PublishedAt = null },
        Item with { UpdatedAt = Item.UpdatedAt!.Value.AddSeconds(1) },
        Item with { Author = null },
        Item with { Summary = "<p>Summary!</p>" },
        Item with { ContentHtml = "" },
        Item with { ImageUrl = null },
        Item with { Categories = ["research"] },
        Item with { Categories = ["scaling", "research"] },
        Item with { Title = "Scaling laws revisite", Link = "d" + Item.Link },
    ];

    [Theory]
    [MemberData(nameof(ChangedItems))]
    public void RawHash_AnyFieldChanged_Differs(FeedItem changed)
    {
        // Arrange
        var before = PostIdentity.RawHash(Item);

        // Act
        var after = PostIdentity.RawHash(changed);

        // Assert
        Assert.NotEqual(before, after);
    }

    [Fact]
    public void RawHash_SameInstantOtherOffset_Same()
    {
        // Arrange
        var before = PostIdentity.RawHash(Item);

        // Act
        var after = PostIdentity.RawHash(Item with { PublishedAt = Item.PublishedAt!.Value.ToOffset(TimeSpan.FromHours(-5)) });

        // Assert
        Assert.Equal(before, after);
    }

    [Fact]
    public void RawHash_HugeContent_Hashed()
    {
        // Arrange
        var big = Item with { ContentHtml = new string('x', 300_000) };

        // Act
        var first = PostIdentity.RawHash(big);
        var second = PostIdentity.RawHash(big with { ContentHtml = new string('x', 299_999) + "y" });

        // Assert
        Assert.NotEqual(first, second);
    }

    private static string Sha256Hex(string value) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(value)));
}
