using AiFeed.Ingestion.Processing.Clustering;
using AiFeed.Model;
using AiFeed.Storage;
using AiFeed.Tests.Infrastructure;

namespace AiFeed.Tests.Storage;

/// <summary>The light copies of recent writes (RecentEvidence) answer story clustering as a LiteDB read would.</summary>
public sealed class RecentEvidenceTests : IDisposable
{
    private readonly TempStore db = new();

    public void Dispose() => db.Dispose();

    [Fact]
    public async Task GetEvidence_RecentWrites_EqualWhatLiteDbReadsBack_FieldByField()
    {
        // Arrange: dates with sub-millisecond ticks (half a millisecond rounds), the extremes, and every list.
        var ct = TestContext.Current.CancellationToken;
        var baseAt = new DateTime(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc);
        var posts = Enumerable.Range(1, 6).Select(i => Full(i, baseAt.AddTicks(i * 2_500 + (i % 2) * 7))).ToList();
        posts[4].FirstSeenAt = DateTime.MinValue;
        posts[5].SortAt = new DateTime(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc).AddTicks(5_000);
        await db.Posts.SaveAsync(posts, ct);
        var ids = posts.Select(p => p.Id).Reverse().ToList();

        // Act: the store that wrote them answers from its recent writes; a second store on the same file reads LiteDB.
        var recent = await db.Posts.GetEvidenceAsync(ids, ct);
        var read = await new LiteDbPostStore(db.Context).GetEvidenceAsync(ids, ct);

        // Assert
        Assert.Equal(ids, recent.Select(p => p.Id));
        Assert.Equal(read.Select(Fields), recent.Select(Fields));
        Assert.Equal(read.Select(p => (p.SortAt.Kind, p.FirstSeenAt.Kind)), recent.Select(p => (p.SortAt.Kind, p.FirstSeenAt.Kind)));
    }

    [Fact]
    public async Task Resolve_StoredCandidateFlaggedAndAdmitted_StoreCopyUnchanged()
    {
        // Arrange: a new post of the stored post's source with its summary under another slug: both
        // summaries turn out to be boilerplate, so clustering flags and admits the stored candidate.
        var ct = TestContext.Current.CancellationToken;
        var at = new DateTime(2026, 3, 4, 0, 0, 0, DateTimeKind.Utc);
        var stored = Full(2, at);
        stored.TextRepeated = false;
        await db.Posts.SaveAsync([stored], ct);
        var fresh = Full(4, at);
        (fresh.TextRepeated, fresh.TextHash, fresh.TextBands) = (false, stored.TextHash, [.. stored.TextBands]);

        // Act
        var plan = await new StoryResolver(db.Posts).ResolveAsync([fresh], new HashSet<string>([fresh.Id], StringComparer.Ordinal), ct);
        var after = Assert.Single(await db.Posts.GetEvidenceAsync([stored.Id], ct));

        // Assert: the plan flags the stored post; the store's recent copy stays as written.
        Assert.Contains(stored.Id, plan.Flipped);
        Assert.False(after.TextRepeated);
    }

    [Fact]
    public async Task GetEvidence_MorePostsThanTheRecentWritesHold_OlderOnesReadFromLiteDb_RewritesWin()
    {
        // Arrange: more posts than the copies kept, then the first post rewritten with a new key.
        var ct = TestContext.Current.CancellationToken;
        var at = new DateTime(2026, 3, 4, 0, 0, 0, DateTimeKind.Utc);
        var count = await SaveMoreThanTheRecentWritesHoldAsync(at, ct);

        var rewritten = Full(1, at.AddSeconds(1));
        rewritten.StoryKeys = ["u:rewritten"];
        await db.Posts.SaveAsync([rewritten], ct);

        // Act
        var ids = new[] { "p00001", "p00002", $"p{count:D5}" };
        var recent = await db.Posts.GetEvidenceAsync(ids, ct);
        var read = await new LiteDbPostStore(db.Context).GetEvidenceAsync(ids, ct);

        // Assert
        Assert.Equal(read.Select(Fields), recent.Select(Fields));
        Assert.Equal(["u:rewritten"], recent[0].StoryKeys);
    }

    [Fact]
    public async Task GetEvidence_ReadFromLiteDbThenRewrittenByTheSameStore_AnswersTheRewrite()
    {
        // Arrange: a store that did not write the posts reads them (and keeps the copies it read).
        var ct = TestContext.Current.CancellationToken;
        var at = new DateTime(2026, 3, 4, 0, 0, 0, DateTimeKind.Utc);
        await db.Posts.SaveAsync([.. Enumerable.Range(1, 3).Select(i => Full(i, at.AddSeconds(i)))], ct);
        var reader = new LiteDbPostStore(db.Context);
        var ids = new[] { "p00001", "p00002", "p00003" };
        var first = await reader.GetEvidenceAsync(ids, ct);
        var rewritten = Full(2, at.AddSeconds(2));
        (rewritten.StoryKeys, rewritten.ClusterId) = (["u:rewritten"], "p00001");

        // Act
        await reader.SaveAsync([rewritten], ct);
        var again = await reader.GetEvidenceAsync(ids, ct);
        var read = await new LiteDbPostStore(db.Context).GetEvidenceAsync(ids, ct);

        // Assert: the same copies for the posts not written since, the rewrite for the other, as LiteDB holds them.
        Assert.Same(first[0], again[0]);
        Assert.Same(first[2], again[2]);
        Assert.Equal(["u:rewritten"], again[1].StoryKeys);
        Assert.Equal(read.Select(Fields), again.Select(Fields));
    }

    [Fact]
    public void Remember_ThenPutAndFull_KeepsTheWrittenCopyAndPushesNothingOut()
    {
        // Arrange
        var evidence = new RecentEvidence(capacity: 2);
        var at = new DateTime(2026, 3, 4, 0, 0, 0, DateTimeKind.Utc);
        var read = IndexedProjection.Copy(Full(1, at));
        var written = Full(1, at);
        written.TitleKey = "written";

        // Act
        evidence.Remember(read);
        var remembered = evidence.Find(read.Id);
        evidence.Put([written]);
        var afterWrite = evidence.Find(read.Id);
        evidence.Remember(IndexedProjection.Copy(Full(2, at)));
        evidence.Remember(IndexedProjection.Copy(Full(3, at)));

        // Assert: the read copy is handed out as kept, the write replaces it, a read finding no room
        // pushes nothing out.
        Assert.Same(read, remembered);
        Assert.Equal("written", afterWrite?.TitleKey);
        Assert.Equal(2, evidence.Count);
        Assert.Same(afterWrite, evidence.Find(read.Id));
        Assert.NotNull(evidence.Find("p00002"));
        Assert.Null(evidence.Find("p00003"));
    }

    [Fact]
    public void Remember_FullWithRoomForReads_KeepsReadsBesideLeastRecentlyUsedFirstAndWritesReplaceThem()
    {
        // Arrange: two written copies fill the bound; one read may be kept beside them.
        var evidence = new RecentEvidence(capacity: 2, readCapacity: 2);
        var at = new DateTime(2026, 3, 4, 0, 0, 0, DateTimeKind.Utc);
        evidence.Put([Full(1, at), Full(2, at)]);
        var read3 = IndexedProjection.Copy(Full(3, at));
        var read4 = IndexedProjection.Copy(Full(4, at));
        var read5 = IndexedProjection.Copy(Full(5, at));
        var written4 = Full(4, at);
        written4.TitleKey = "written";

        // Act
        evidence.Remember(read3);
        evidence.Remember(read4);
        var kept3 = evidence.Find(read3.Id);
        evidence.Remember(read5);
        var after5 = (Three: evidence.Find(read3.Id), Four: evidence.Find(read4.Id), Five: evidence.Find(read5.Id));
        evidence.Put([written4]);
        var afterWrite = evidence.Find(read4.Id);

        // Assert: the written copies stay; reads are handed out as kept, the least recently used
        // (4, after 3 was asked for) goes first, and a write replaces the read copy.
        Assert.Same(read3, kept3);
        Assert.Same(read3, after5.Three);
        Assert.Null(after5.Four);
        Assert.Same(read5, after5.Five);
        Assert.Equal("written", afterWrite?.TitleKey);
        Assert.NotNull(evidence.Find("p00002"));
        Assert.Equal(2, evidence.Count);
    }

    [Fact]
    public async Task GetEvidence_OlderThanTheRecentWritesAskedAgain_ReadOnceThenKeptUntilRewritten()
    {
        // Arrange: more posts than the written copies kept, so the first ones are read from LiteDB.
        var ct = TestContext.Current.CancellationToken;
        var at = new DateTime(2026, 3, 4, 0, 0, 0, DateTimeKind.Utc);
        await SaveMoreThanTheRecentWritesHoldAsync(at, ct);

        var ids = new[] { "p00001", "p00002" };
        var first = await db.Posts.GetEvidenceAsync(ids, ct);

        // Act
        var again = await db.Posts.GetEvidenceAsync(ids, ct);
        var rewritten = Full(2, at.AddSeconds(2));
        rewritten.StoryKeys = ["u:rewritten"];
        await db.Posts.SaveAsync([rewritten], ct);
        var afterWrite = await db.Posts.GetEvidenceAsync(ids, ct);
        var read = await new LiteDbPostStore(db.Context).GetEvidenceAsync(ids, ct);

        // Assert: the second ask is answered by the copies the first read, the rewrite replaces its
        // copy, and every answer is what LiteDB holds.
        Assert.Same(first[0], again[0]);
        Assert.Same(first[1], again[1]);
        Assert.Same(first[0], afterWrite[0]);
        Assert.Equal(["u:rewritten"], afterWrite[1].StoryKeys);
        Assert.Equal(read.Select(Fields), afterWrite.Select(Fields));
    }

    // Posts p00001… in order, 100 more than the store keeps written copies of; returns how many.
    private async Task<int> SaveMoreThanTheRecentWritesHoldAsync(DateTime at, CancellationToken ct)
    {
        var count = LiteDbPostStore.RecentEvidenceCapacity + 100;
        foreach (var chunk in Enumerable.Range(1, count).Chunk(1_000))
        {
            await db.Posts.SaveAsync([.. chunk.Select(i => Full(i, at.AddSeconds(i)))], ct);
        }

        return count;
    }

    private static Post Full(int i, DateTime at)
    {
        var post = TestPosts.Make(i, source: i % 2 == 0 ? "s" : "t");
        post.SortAt = at;
        post.FirstSeenAt = at.AddTicks(4_999);
        post.Url = i % 3 == 0 ? null : $"https://example.com/{i}";
        post.StoryKeys = [$"u:example.com/{i}", $"arxiv:2603.{i:D5}"];
        post.TitleKey = $"title {i}";
        post.TextHash = -1234567890123L * i;
        post.TextBands = [$"0:{i:x4}", $"1:{i + 1:x4}", $"2:{i + 2:x4}", $"3:{i + 3:x4}"];
        post.RawHash = $"raw{i}";
        post.Sources = [post.SourceId, "z"];
        post.Tags = ["llm", "agents"];
        post.Links = [$"u:other.org/{i}"];
        post.TextRepeated = i % 2 == 0;
        post.FirstParty = i % 3 == 0;
        post.DateUnknown = i % 4 == 0;
        post.Summary = "not part of the light copy";
        return post;
    }

    // Every field but the HTML, which a light copy never carries (StoreJson leaves it out).
    private static string Fields(Post post) => StoreJson.Write(post);
}
