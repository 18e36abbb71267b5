using AiFeed.Model;
using AiFeed.Storage;
using AiFeed.Tests.Infrastructure;
using LiteDB;

namespace AiFeed.Tests.Storage;

/// <summary>How LiteDB keeps a post's HTML: compressed and apart from the post document, read only when asked for (the contract on both stores: <see cref="PostHtmlTests"/>).</summary>
public sealed class StoredHtmlTests : IDisposable
{
    internal static readonly string LongHtml = string.Concat(Enumerable.Range(0, 40).Select(i =>
        $"<p>Paragraph {i} about attention heads, 位置编码 and rotary embeddings 🚀.</p>"));

    private readonly TempStore db = new();

    public void Dispose() => db.Dispose();

    private ILiteCollection<BsonDocument> Raw => db.Context.Database.GetCollection("posts");

    private ILiteCollection<BsonDocument> Html => db.Context.Database.GetCollection("post_html");

    private BsonValue StoredHtmlOf(string id) => Html.FindById(id)["html"];

    private Task SaveWithLongHtmlAsync(CancellationToken ct)
    {
        var post = TestPosts.Make(1);
        post.ContentHtml = LongHtml;
        return db.Posts.SaveAsync([post], ct);
    }

    [Fact]
    public async Task Save_LongHtml_StoredCompressedAndReadBackExactly()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var post = TestPosts.Make(1);
        post.ContentHtml = LongHtml;

        // Act
        await db.Posts.SaveAsync([post], ct);
        var read = await db.Posts.GetWithHtmlAsync("p00001", ct);

        // Assert: the post document only says that there is HTML.
        Assert.True(Raw.FindById("p00001")["ContentHtml"].AsBoolean);
        var stored = StoredHtmlOf("p00001");
        Assert.True(stored.IsBinary);
        Assert.True(stored.AsBinary.Length < LongHtml.Length / 3, $"{stored.AsBinary.Length} bytes for {LongHtml.Length} characters");
        Assert.Equal(LongHtml, read!.ContentHtml);
    }

    [Fact]
    public async Task Save_PostReadWithoutHtml_LeavesItsStoredBytesUntouched()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await SaveWithLongHtmlAsync(ct);
        var before = StoredHtmlOf("p00001").AsBinary;
        var loaded = (await db.Posts.GetAsync("p00001", ct))!;

        // Act: a cross-post adds a source to the story's post.
        loaded.AlsoIn.Add(new AlsoIn { SourceId = "t", Url = "https://t.example/a" });
        await db.Posts.SaveAsync([loaded], ct);

        // Assert: no HTML was read or written.
        Assert.Equal(before, StoredHtmlOf("p00001").AsBinary);
        Assert.Equal(0, db.Context.HtmlReads);
        Assert.True(Raw.FindById("p00001")["ContentHtml"].AsBoolean);
        var reread = (await db.Posts.GetWithHtmlAsync("p00001", ct))!;
        Assert.Equal("t", Assert.Single(reread.AlsoIn).SourceId);
        Assert.Equal(LongHtml, reread.ContentHtml);
    }

    [Fact]
    public void Read_HtmlCompressedAtTheEarlierQuality_GivesTheSameHtml()
    {
        // Arrange: the bytes a store written before decision 0065 holds (Brotli quality 1, window 18, behind the length).
        var utf8 = System.Text.Encoding.UTF8.GetBytes(LongHtml);
        var earlier = new byte[sizeof(int) + System.IO.Compression.BrotliEncoder.GetMaxCompressedLength(utf8.Length)];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(earlier, utf8.Length);
        Assert.True(System.IO.Compression.BrotliEncoder.TryCompress(utf8, earlier.AsSpan(sizeof(int)), out var written, 1, 18));
        var stored = new BsonValue(earlier.AsSpan(0, sizeof(int) + written).ToArray());

        // Act
        var read = StoredHtml.Read(stored);

        // Assert: the same HTML, though today's writes pack it at another quality.
        Assert.Equal(LongHtml, read);
        Assert.NotEqual(stored.AsBinary, StoredHtml.Pack(LongHtml));
    }

    [Fact]
    public void Serialize_PreparedPost_CopiesTheBytesPreparedInsteadOfCompressingAgain()
    {
        // Arrange: the processor prepares each post it builds, before the store's single writer.
        var prepared = TestPosts.Make(1);
        prepared.ContentHtml = new string(LongHtml.AsSpan());
        var unprepared = TestPosts.Make(2);
        unprepared.ContentHtml = new string(LongHtml.AsSpan());
        StoredHtml.Prepare(prepared);

        // Act
        var first = StoredHtml.Serialize(prepared)!.AsBinary;
        var second = StoredHtml.Serialize(prepared)!.AsBinary;

        // Assert: the same bytes each time for the prepared post, those HTML of its own compresses to;
        // an unprepared one is compressed per call.
        Assert.Same(first, second);
        Assert.Equal(StoredHtml.Pack(LongHtml), first);
        Assert.NotSame(StoredHtml.Serialize(unprepared)!.AsBinary, StoredHtml.Serialize(unprepared)!.AsBinary);
    }

    [Fact]
    public void Prepare_LongHtml_KeptPackedAndReadBackTheSame()
    {
        // Arrange
        var post = TestPosts.Make(1);
        post.ContentHtml = new string(LongHtml.AsSpan());

        // Act
        StoredHtml.Prepare(post);

        // Assert: the string is gone, the HTML reads back equal, and the post still has content.
        Assert.NotNull(post.PackedHtml);
        Assert.Equal(LongHtml, post.ContentHtml);
        Assert.True(post.HasContent);
        Assert.True(post.ContentLoaded);
    }

    [Fact]
    public void Prepare_ThenHtmlReplaced_NewHtmlStored()
    {
        // Arrange: a prepared post given other HTML afterwards (a merge, a re-build).
        var post = TestPosts.Make(1);
        post.ContentHtml = new string(LongHtml.AsSpan());
        StoredHtml.Prepare(post);
        var other = LongHtml.Replace("<p>", "<p class=\"x\">", StringComparison.Ordinal);

        // Act
        post.ContentHtml = other;

        // Assert: the new HTML is what the post reads and what the store writes.
        Assert.Null(post.PackedHtml);
        Assert.Equal(other, post.ContentHtml);
        Assert.Equal(StoredHtml.Pack(other), StoredHtml.Serialize(post)!.AsBinary);
    }

    [Fact]
    public void Prepare_ShortOrNoHtml_KeptAsItIs()
    {
        // Arrange
        var short1 = TestPosts.Make(1);
        short1.ContentHtml = "<p>short</p>";
        var none = TestPosts.Make(2);
        none.ContentHtml = null;

        // Act
        StoredHtml.Prepare(short1);
        StoredHtml.Prepare(none);

        // Assert
        Assert.Null(short1.PackedHtml);
        Assert.Equal("<p>short</p>", StoredHtml.Serialize(short1)!.AsString);
        Assert.Null(none.PackedHtml);
        Assert.Null(StoredHtml.Serialize(none));
    }

    [Fact]
    public async Task Save_ShortHtml_StoredAsString()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var post = TestPosts.Make(1);
        post.ContentHtml = "<p>Short.</p>";

        // Act
        await db.Posts.SaveAsync([post], ct);

        // Assert
        Assert.Equal("<p>Short.</p>", StoredHtmlOf("p00001").AsString);
        Assert.Equal("<p>Short.</p>", (await db.Posts.GetWithHtmlAsync("p00001", ct))!.ContentHtml);
    }

    [Fact]
    public async Task Get_PostWithoutHtml_HasNoContent()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await db.Posts.SaveAsync([TestPosts.Make(1)], ct);

        // Act
        var read = (await db.Posts.GetAsync("p00001", ct))!;

        // Assert
        Assert.False(read.HasContent);
        await db.Posts.LoadHtmlAsync([read], ct);
        Assert.Null(read.ContentHtml);
        Assert.Equal(0, db.Context.HtmlReads);
        Assert.False(Raw.FindById("p00001").ContainsKey("ContentHtml"));
        Assert.Null(Html.FindById("p00001"));
    }

    [Fact]
    public async Task Save_HtmlRemovedFromAStoredPost_ItsRecordIsDeleted()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await SaveWithLongHtmlAsync(ct);
        var post = (await db.Posts.GetAsync("p00001", ct))!;

        // Act: the feed now carries the item without content.
        post.ContentHtml = null;
        await db.Posts.SaveAsync([post], ct);

        // Assert
        Assert.Null(Html.FindById("p00001"));
        Assert.False(Raw.FindById("p00001").ContainsKey("ContentHtml"));
    }

    [Fact]
    public async Task Reads_ListsSearchesAndStoryLookups_ReadNoHtmlRecord()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await SaveWithLongHtmlAsync(ct);
        await db.Posts.IndexReadyAsync(ct);

        // Act: every read a list, a ranking, a count or clustering makes.
        await db.Posts.QueryAsync(new PostQuery { Limit = 10 }, ct);
        await db.Posts.QueryAsync(new PostQuery { Text = "post" }, ct);
        await db.Posts.ListAsync(new PostQuery { Limit = 10 }, ct);
        await db.Posts.ListLeadsSinceAsync(DateTime.MinValue, [], ct);
        await db.Posts.ListBatchAsync(null, 10, ct);
        await db.Posts.GetManyAsync(["p00001"], ct);
        await db.Posts.FindStoredAsync(["p00001"], ct);
        await db.Posts.CountAsync(new PostQuery(), ct);
        var before = db.Context.HtmlReads;
        await db.Posts.GetWithHtmlAsync("p00001", ct);

        // Assert: only the post page's read touched the HTML collection.
        Assert.Equal(0, before);
        Assert.Equal(1, db.Context.HtmlReads);
    }

    [Fact]
    public async Task Get_StoreWrittenBeforeCompression_ReadsItsHtmlStrings()
    {
        // Arrange: a post as stores made before kept it, HTML as a plain string.
        var ct = TestContext.Current.CancellationToken;
        await db.Posts.SaveAsync([TestPosts.Make(1)], ct);
        var old = Raw.FindById("p00001");
        old["ContentHtml"] = LongHtml;
        Raw.Update(old);

        // Act
        var read = (await db.Posts.GetWithHtmlAsync("p00001", ct))!;

        // Assert
        Assert.True(read.HasContent);
        Assert.Equal(LongHtml, read.ContentHtml);
    }

    [Fact]
    public async Task Get_DamagedCompressedHtml_FailsWithAClearError()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await SaveWithLongHtmlAsync(ct);
        var doc = Html.FindById("p00001");
        var bytes = doc["html"].AsBinary;
        bytes.AsSpan(4).Fill(0xFF);
        doc["html"] = bytes;
        Html.Update(doc);

        // Act
        var read = (await db.Posts.GetAsync("p00001", ct))!;
        var error = await Record.ExceptionAsync(() => db.Posts.LoadHtmlAsync([read], ct));

        // Assert: the rest of the post is intact; only its HTML is unreadable.
        Assert.Equal("Post 1", read.Title);
        Assert.IsType<InvalidDataException>(error);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(511)]
    [InlineData(512)]
    [InlineData(100_000)]
    public void PackAndUnpack_AnyLength_RoundTrips(int length)
    {
        // Arrange
        var html = string.Concat(Enumerable.Repeat("é<b>x</b>", (length / 9) + 1))[..length];

        // Act
        var stored = StoredHtml.Serialize(html);
        var post = TestPosts.Make(1);
        StoredHtml.Restore(post, stored);

        // Assert
        Assert.Equal(length >= 512, stored.IsBinary);
        Assert.Equal(html, post.ContentHtml);
    }
}
