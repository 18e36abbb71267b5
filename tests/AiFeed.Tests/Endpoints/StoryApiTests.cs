using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AiFeed.Tests.Infrastructure;
using static AiFeed.Tests.Infrastructure.FeedBuilder;

namespace AiFeed.Tests.Endpoints;

/// <summary>
/// Clusters, tags, ranking and search through the API, over a store filled by a real poll of three
/// loopback feeds: a lab, a newsletter that re-posts the lab's story under its own link, and a
/// blog. The clock stands at 2026-11-26 08:00 UTC.
/// </summary>
public sealed class StoryApiTests(StoryApiTests.Fixture fixture) : IClassFixture<StoryApiTests.Fixture>
{
    private HttpClient Client => fixture.App.CreateClient();

    [Fact]
    public async Task ListPosts_SameStoryInTwoFeeds_OneEntryWithAlsoIn()
    {
        // Act
        var page = await GetAsync("/api/posts?limit=50");

        // Assert
        var items = page.GetProperty("items").EnumerateArray().ToList();
        var story = Assert.Single(items, i => i.GetProperty("title").GetString()!.Contains("Orca 3", StringComparison.Ordinal));
        Assert.Equal("lab", story.GetProperty("sourceId").GetString());
        var also = Assert.Single(story.GetProperty("alsoIn").EnumerateArray());
        Assert.Equal("letter", also.GetProperty("sourceId").GetString());
        Assert.Equal("https://letter.example/issues/42/orca", also.GetProperty("url").GetString());
        Assert.Equal(4, items.Count);
    }

    [Fact]
    public async Task ListPosts_Expand_ShowsEveryMember()
    {
        // Act
        var page = await GetAsync("/api/posts?expand=true&limit=50");

        // Assert
        var orca = page.GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("title").GetString()!.Contains("Orca 3", StringComparison.Ordinal))
            .Select(i => i.GetProperty("sourceId").GetString())
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(["lab", "letter"], orca);
        Assert.Equal(5, (await GetAsync("/api/posts/count?expand=true")).GetProperty("count").GetInt32());
        Assert.Equal(4, (await GetAsync("/api/posts/count")).GetProperty("count").GetInt32());
    }

    [Theory]
    [InlineData("source=letter", 1)]
    [InlineData("source=letter&expand=true", 1)]
    [InlineData("tag=llm", 2)]
    [InlineData("tag=llm,robotics", 1)]
    [InlineData("tag=llm&tag=robotics", 1)]
    public async Task CountPosts_ClusterFilters_CountStories(string query, int expected)
    {
        // Act
        var body = await GetAsync($"/api/posts/count?{query}");

        // Assert
        Assert.Equal(expected, body.GetProperty("count").GetInt32());
    }

    [Theory]
    [InlineData("q=orc", "Introducing Orca 3: open weights for everyone")]
    [InlineData("q=ROBOT+caf", "Café robots learn to pour latte art")]
    [InlineData("q=cafe", "Café robots learn to pour latte art")]
    [InlineData("q=weights+orca", "Introducing Orca 3: open weights for everyone")]
    public async Task ListPosts_SearchPrefixesAndAccents_FindsPost(string query, string title)
    {
        // Act
        var page = await GetAsync($"/api/posts?{query}");

        // Assert
        Assert.Equal(title, page.GetProperty("items")[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task ListPosts_Search_TitleMatchesRankAboveSummaryMatches()
    {
        // Act: "robot" is in one title and in another post's summary only.
        var page = await GetAsync("/api/posts?q=robot");

        // Assert
        var titles = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()).ToList();
        Assert.Equal(["Café robots learn to pour latte art", "A quiet week in model land"], titles);
    }

    [Fact]
    public async Task ListPosts_SearchPaging_FollowsCursor()
    {
        // Act
        var first = await GetAsync("/api/posts?q=model&limit=1");
        var second = await GetAsync($"/api/posts?q=model&limit=1&cursor={first.GetProperty("nextCursor").GetString()}");

        // Assert
        Assert.NotEqual(first.GetProperty("items")[0].GetProperty("id").GetString(), second.GetProperty("items")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Top_LastDay_RanksByScoreWithParts()
    {
        // Act
        var top = await GetAsync("/api/top?hours=24&limit=10");

        // Assert
        var items = top.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["Introducing Orca 3: open weights for everyone", "Café robots learn to pour latte art", "A quiet week in model land"],
            items.Select(i => i.GetProperty("post").GetProperty("title").GetString()));
        var scores = items.Select(i => i.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
        var parts = items[0].GetProperty("parts");
        Assert.Equal(2, parts.GetProperty("sourceWeight").GetDouble());
        Assert.Equal(2, parts.GetProperty("sources").GetInt32());
        Assert.Equal(1.5, parts.GetProperty("clusterFactor").GetDouble());
        Assert.Equal(1.2, parts.GetProperty("tagFactor").GetDouble(), 6);
        Assert.Equal(Math.Pow(0.5, 6 / 12d), parts.GetProperty("recency").GetDouble(), 5);
        var product = parts.GetProperty("sourceWeight").GetDouble() * parts.GetProperty("recency").GetDouble()
            * parts.GetProperty("clusterFactor").GetDouble() * parts.GetProperty("tagFactor").GetDouble();
        Assert.Equal(product, items[0].GetProperty("score").GetDouble(), 4);
    }

    [Fact]
    public async Task Top_TagFilter_KeepsTaggedStories()
    {
        // Act
        var top = await GetAsync("/api/top?hours=48&tag=robotics&tag=LLM");

        // Assert
        var item = Assert.Single(top.GetProperty("items").EnumerateArray());
        Assert.Equal("Café robots learn to pour latte art", item.GetProperty("post").GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("/api/top?hours=0", "hours")]
    [InlineData("/api/top?limit=x", "limit")]
    [InlineData("/api/posts?expand=maybe", "expand")]
    [InlineData("/api/tags?expand=2", "expand")]
    [InlineData("/api/posts?q=title%3A(", "q")]
    [InlineData("/api/posts/count?q=(open+weights", "q")]
    [InlineData("/feed.xml?q=model+AND", "q")]
    public async Task Endpoints_BadQueryValue_Answers400ProblemNamingIt(string url, string parameter)
    {
        // Act
        var response = await Client.GetAsync(url, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), $"errors should name '{parameter}'");
    }

    [Fact]
    public async Task ListPosts_UnclosedQuote_SearchesThePhraseToTheEnd()
    {
        // Act
        var page = await GetAsync("/api/posts?q=%22quiet+week");

        // Assert
        var item = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal("A quiet week in model land", item.GetProperty("title").GetString());
    }

    [Fact]
    public async Task ListPosts_Search_CountsHighlightsAndFacetsStories()
    {
        // Act: "model" is said by the Orca story (both copies), the quiet week and the café post.
        var page = await GetAsync("/api/posts?q=model");

        // Assert
        Assert.Equal(3, page.GetProperty("total").GetInt32());
        Assert.True(page.GetProperty("totalExact").GetBoolean());
        var sources = page.GetProperty("facets").GetProperty("sources").EnumerateArray()
            .ToDictionary(f => f.GetProperty("value").GetString()!, f => f.GetProperty("count").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["lab"] = 2, ["blog"] = 1, ["letter"] = 1 }, sources);
        var quiet = page.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("title").GetString() == "A quiet week in model land");
        Assert.Equal("A quiet week in <mark>model</mark> land", quiet.GetProperty("highlights").GetProperty("title").GetString());
    }

    [Fact]
    public async Task HomePage_Search_ShowsCountFacetsAndMarks()
    {
        // Act
        var html = await Client.GetStringAsync("/?q=robots", TestContext.Current.CancellationToken);

        // Assert
        Assert.Contains("2 posts, best match first", html, StringComparison.Ordinal);
        Assert.Contains("Café <mark>robots</mark> learn to pour latte art", html, StringComparison.Ordinal);
        Assert.Contains("a <mark>robot</mark> arm", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/?tag=robotics&amp;q=robots\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tags_Counts_TaxonomyAndSourceTagsByStory()
    {
        // Act
        var tags = await GetAsync("/api/tags");

        // Assert
        var counts = tags.GetProperty("items").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("count").GetInt32());
        Assert.Equal(2, counts["llm"]);
        Assert.Equal(2, counts["robotics"]);
        Assert.Equal(1, counts["open-models"]);
        Assert.Equal(0, counts["policy"]);
        Assert.Equal(2, counts["lab"]);
        var names = tags.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        Assert.Equal(["lab", "llm", "robotics", "open-models", "policy"], names);
        var llm = tags.GetProperty("items")[1];
        Assert.Equal("LLMs", llm.GetProperty("label").GetString());
        Assert.Equal("taxonomy", llm.GetProperty("kind").GetString());
        Assert.Equal("source", tags.GetProperty("items")[0].GetProperty("kind").GetString());
    }

    private async Task<JsonElement> GetAsync(string url) =>
        await Client.GetFromJsonAsync<JsonElement>(url, TestContext.Current.CancellationToken);

    public sealed class Fixture : IAsyncLifetime
    {
        private static readonly DateTimeOffset Now = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);
        private readonly TempDirectory folder = new();
        private LoopbackServer server = null!;

        public AiFeedApp App { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            server = await LoopbackServer.StartAsync(TestContext.Current.CancellationToken);
            server.MapFeed("/lab.xml", () => Rss("Lab", [
                new Item("Introducing Orca 3: open weights for everyone", "https://lab.example/news/orca-3", Published: Now.AddHours(-6), Description: "Our new language model, with open weights."),
                new Item("A quiet week in model land", "https://lab.example/news/quiet", Published: Now.AddHours(-20), Description: "Nothing shipped; a robot arm got a new gripper."),
            ]));
            server.MapFeed("/letter.xml", () => Rss("Letter", [
                new Item("Introducing “Orca 3” — open weights for everyone!", "https://letter.example/issues/42/orca?utm_source=rss", Published: Now.AddHours(-2), Description: "The lab released a model.",
                    Content: "<p>The lab released a model: <a href=\"https://lab.example/news/orca-3\">read the announcement</a>.</p>"),
            ]));
            server.MapFeed("/blog.xml", () => Rss("Blog", [
                new Item("Café robots learn to pour latte art", "https://blog.example/2026/cafe-robots", Published: Now.AddHours(-3), Description: "A language model plans the pour."),
                new Item("Notes from last month", "https://blog.example/2026/notes", Published: Now.AddDays(-30), Description: "Old news."),
            ]));
            var taxonomy = CatalogFile.Taxonomy(
                ("llm", ["language model*", "llm*"]),
                ("robotics", ["robot*"]),
                ("open-models", ["open weight*"]),
                ("policy", ["regulat*"]));
            var feeds = CatalogFile.Write(folder.File("feeds.json"), [
                new { id = "lab", name = "Lab", url = server.Url("/lab.xml").AbsoluteUri, site = "https://lab.example/", weight = 2.0, tags = new[] { "lab" } },
                CatalogFile.Source("letter", server.Url("/letter.xml")),
                CatalogFile.Source("blog", server.Url("/blog.xml")),
            ], taxonomy: taxonomy);
            // The LLMs label comes from the catalog; the test taxonomy has no labels, so set one here.
            File.WriteAllText(feeds, File.ReadAllText(feeds).Replace("\"name\": \"llm\",", "\"name\": \"llm\", \"label\": \"LLMs\",", StringComparison.Ordinal));
            App = new AiFeedApp(feeds, Now);
            await App.Poller.PollNowAsync("lab", TestContext.Current.CancellationToken);
            await App.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            await App.DisposeAsync();
            await server.DisposeAsync();
            folder.Dispose();
        }
    }
}
