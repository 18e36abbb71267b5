using System.Net.Http.Json;
using System.Text.Json;
using AiFeed.Ingestion.Parsing;
using AiFeed.Tests.Infrastructure;
using static AiFeed.Tests.Infrastructure.FeedBuilder;

namespace AiFeed.Tests.Endpoints;

/// <summary>
/// What readers of the API and the feed outputs see of stories over time: the story id stays when
/// the original arrives after a re-post and becomes the lead, and /api/top ranks only what it can date.
/// </summary>
public sealed class StoryIdentityTests : LoopbackTests
{
    [Fact]
    public async Task Feeds_LeadChangesWhenTheOriginalArrives_ItemIdsStay()
    {
        // Arrange: the newsletter's copy (linking to the lab's post) is stored first; the lab's feed is empty.
        var ct = TestContext.Current.CancellationToken;
        var labItems = new List<Item>();
        Server.MapFeed("/letter.xml", () => Rss("Letter", [new Item("Introducing Orca 3: open weights for everyone", "https://letter.example/p/orca", Published: Newest.AddHours(-5),
            Content: """<p>Big news: <a href="https://lab.example/news/orca-3">Orca 3</a>.</p>""")]));
        Server.MapFeed("/lab.xml", () => Rss("Lab", labItems));
        await using var app = new AiFeedApp(CatalogFile.Write(Folder.File("feeds.json"), [
            new { id = "letter", name = "Letter", url = Server.Url("/letter.xml").AbsoluteUri },
            new { id = "lab", name = "Lab", url = Server.Url("/lab.xml").AbsoluteUri, site = "https://lab.example/" },
        ]));
        using var client = app.CreateClient();
        await app.Poller.PollNowAsync(null, ct);
        var before = await ReadAsync(client, ct);

        // Act: the lab publishes; its post leads the story from now on.
        labItems.Add(new Item("Introducing Orca 3 — open weights for everyone", "https://lab.example/news/orca-3", Published: Newest));
        await app.Poller.PollNowAsync(null, ct);
        var after = await ReadAsync(client, ct);

        // Assert
        Assert.Equal(("letter", "https://letter.example/p/orca"), before.Lead);
        Assert.Equal(("lab", "https://lab.example/news/orca-3"), after.Lead);
        Assert.Equal(before.StoryId, after.StoryId);
        Assert.Equal(before.ItemIds, after.ItemIds);
        Assert.Equal(["urn:aifeed:post:" + before.StoryId], before.ItemIds.Distinct());
        var expanded = await client.GetFromJsonAsync<JsonElement>("/api/posts?expand=true", ct);
        Assert.All(expanded.GetProperty("items").EnumerateArray(), p => Assert.Equal(before.StoryId, p.GetProperty("storyId").GetString()));
    }

    [Fact]
    public async Task Top_UndatedAndFutureDatedPosts_RankedOnlyOnceTheirAgeIsKnown()
    {
        // Arrange: a source's first poll brings an undated post, one dated two days ahead and one of two hours ago.
        var ct = TestContext.Current.CancellationToken;
        var now = new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);
        var items = new List<Item>
        {
            new("An undated essay on scaling laws", "https://blog.example/undated-essay"),
            new("A post dated in the future by a broken clock", "https://blog.example/future", Published: now.AddDays(2)),
            new("A post of two hours ago", "https://blog.example/recent", Published: now.AddHours(-2)),
        };
        Server.MapFeed("/blog.xml", () => Rss("Blog", items));
        await using var app = new AiFeedApp(CatalogFile.Write(Folder.File("feeds.json"), [CatalogFile.Source("blog", Server.Url("/blog.xml"))]), now);
        using var client = app.CreateClient();
        await app.Poller.PollNowAsync(null, ct);

        // Act
        var first = await client.GetFromJsonAsync<JsonElement>("/api/top?hours=24", ct);
        var lastHour = await client.GetFromJsonAsync<JsonElement>("/api/top?hours=1", ct);
        app.Clock.Advance(TimeSpan.FromHours(3));
        items.Insert(0, new Item("Another undated essay, new since the last poll", "https://blog.example/undated-2"));
        items.Insert(0, new Item("Another post from the future", "https://blog.example/future-2", Published: now.AddDays(3)));
        await app.Poller.PollNowAsync(null, ct);
        var later = await client.GetFromJsonAsync<JsonElement>("/api/top?hours=24", ct);

        // Assert: the first poll's undated and future-dated posts may be of any age: not ranked.
        Assert.Equal(["A post of two hours ago"], Titles(first));
        Assert.Equal(0, lastHour.GetProperty("items").GetArrayLength());
        Assert.Equal(
            // The future-dated post sits at its feed's newest believable date (two hours ago, ItemDates), outside the hour.
            "No story published in the last hour; 3 stories stored. 1 first seen in that time came undated in their source's first poll, so when they were published is unknown and they are not ranked.",
            lastHour.GetProperty("note").GetString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("note").ValueKind);

        // Later polls date new posts by when they were first seen, a future date included.
        var ranked = later.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("post").GetProperty("title").GetString()!, i => i.GetProperty("parts"));
        Assert.Equal(["A post of two hours ago", "Another post from the future", "Another undated essay, new since the last poll"], ranked.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0, ranked["Another undated essay, new since the last poll"].GetProperty("ageHours").GetDouble());
        Assert.Equal(0, ranked["Another post from the future"].GetProperty("ageHours").GetDouble());
        Assert.Equal(5, ranked["A post of two hours ago"].GetProperty("ageHours").GetDouble());
        Assert.Equal(12, ranked["A post of two hours ago"].GetProperty("halfLifeHours").GetDouble());
    }

    [Fact]
    public async Task Top_NothingStored_SaysNoSourceWasPolled()
    {
        // Arrange
        await using var app = new AiFeedApp(CatalogFile.Write(Folder.File("feeds.json"), [CatalogFile.Source("blog", Server.Url("/missing.xml"))]));
        using var client = app.CreateClient();

        // Act
        var top = await client.GetFromJsonAsync<JsonElement>("/api/top?hours=720", TestContext.Current.CancellationToken);
        var page = await client.GetStringAsync("/top", TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal("No stories yet: 1 source not polled yet.", top.GetProperty("note").GetString());
        Assert.Contains("No stories yet: 1 source not polled yet.", page, StringComparison.Ordinal);
    }

    private static List<string?> Titles(JsonElement top) =>
        [.. top.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("post").GetProperty("title").GetString())];

    private static async Task<(string StoryId, (string?, string?) Lead, List<string> ItemIds)> ReadAsync(HttpClient client, CancellationToken ct)
    {
        var posts = await client.GetFromJsonAsync<JsonElement>("/api/posts", ct);
        var lead = Assert.Single(posts.GetProperty("items").EnumerateArray());
        var ids = new List<string>();
        foreach (var path in new[] { "/feed.xml", "/feed.atom", "/feed.json" })
        {
            var body = await client.GetByteArrayAsync(path, ct);
            ids.Add(Assert.Single(new FeedParser().Parse(body, new Uri("http://localhost" + path)).Items).Id!);
        }

        return (lead.GetProperty("storyId").GetString()!, (lead.GetProperty("sourceId").GetString(), lead.GetProperty("url").GetString()), ids);
    }
}
