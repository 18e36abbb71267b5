using AiFeed.Model;
using AiFeed.Storage;
using AiFeed.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static AiFeed.Tests.Infrastructure.FeedBuilder;

namespace AiFeed.Tests.Ingestion.Processing;

/// <summary>Clustering as ingestion does it: real polls of loopback feeds into the real store.</summary>
public sealed class StoryClusteringTests : LoopbackTests
{
    [Fact]
    public async Task Poll_OriginalSourceArrivesLater_BecomesRepresentative()
    {
        // Arrange: the newsletter's copy, which links to the lab's post, is published (and polled) first.
        Server.MapFeed("/letter.xml", () => Rss("Letter", [new Item("Introducing Orca 3: open weights for everyone", "https://letter.example/p/orca", Published: Newest.AddHours(-5),
            Content: "<p>Big news: <a href=\"https://lab.example/news/orca-3\">Orca 3</a>.</p>")]));
        Server.MapFeed("/lab.xml", () => Rss("Lab", [new Item("Introducing Orca 3 — open weights for everyone", "https://lab.example/news/orca-3", Published: Newest)]));
        await using var app = App(
            new { id = "letter", name = "Letter", url = Server.Url("/letter.xml").AbsoluteUri },
            new { id = "lab", name = "Lab", url = Server.Url("/lab.xml").AbsoluteUri, site = "https://lab.example/" });
        await app.Poller.PollNowAsync("letter", TestContext.Current.CancellationToken);

        // Act
        var summary = await app.Poller.PollNowAsync("lab", TestContext.Current.CancellationToken);

        // Assert
        var store = app.Services.GetRequiredService<IPostStore>();
        var lead = Assert.Single((await store.QueryAsync(new PostQuery(), TestContext.Current.CancellationToken)).Items);
        Assert.Equal(("lab", "https://lab.example/news/orca-3"), (lead.SourceId, lead.Url));
        Assert.Equal([("letter", "https://letter.example/p/orca")], lead.AlsoIn.Select(a => (a.SourceId, a.Url)));
        Assert.Equal(["lab", "letter"], lead.Sources);
        var all = (await store.QueryAsync(new PostQuery { Expand = true }, TestContext.Current.CancellationToken)).Items;
        Assert.Equal(2, all.Count);
        Assert.Single(all.Select(p => p.ClusterId).Distinct());
        Assert.Equal((0, 0), (summary.NewPosts, summary.UpdatedPosts));
    }

    [Fact]
    public async Task Poll_SameTitleTwiceInOneSource_TwoStories()
    {
        // Arrange: OpenAI's feed holds two "Team update" posts with different links.
        Server.MapFeed("/openai.xml", () => Rss("OpenAI", [
            new Item("Team update", "https://openai.com/index/team-update-2/", Published: Newest),
            new Item("Team update", "https://openai.com/index/team-update/", Published: Newest.AddDays(-400)),
        ]));
        await using var app = App(new { id = "openai", name = "OpenAI", url = Server.Url("/openai.xml").AbsoluteUri });

        // Act
        await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);

        // Assert
        var page = await app.Services.GetRequiredService<IPostStore>().QueryAsync(new PostQuery(), TestContext.Current.CancellationToken);
        Assert.Equal(2, page.Items.Count);
        Assert.All(page.Items, p => Assert.Empty(p.AlsoIn));
    }

    [Fact]
    public async Task Poll_ArxivVersionsInTwoSources_OneStory()
    {
        // Arrange
        Server.MapFeed("/lg.xml", () => Rss("cs.LG", [new Item("Sparse Experts at Scale", "https://arxiv.org/abs/2411.01234v1", Published: Newest.AddDays(-3))]));
        Server.MapFeed("/cl.xml", () => Rss("cs.CL", [new Item("Sparse Experts at Scale (revised)", "https://arxiv.org/abs/2411.01234v2", Published: Newest)]));
        await using var app = App(
            new { id = "arxiv-lg", name = "cs.LG", url = Server.Url("/lg.xml").AbsoluteUri },
            new { id = "arxiv-cl", name = "cs.CL", url = Server.Url("/cl.xml").AbsoluteUri });

        // Act
        await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);

        // Assert
        var lead = Assert.Single((await app.Services.GetRequiredService<IPostStore>().QueryAsync(new PostQuery(), TestContext.Current.CancellationToken)).Items);
        Assert.Equal("arxiv-lg", lead.SourceId);
        Assert.Equal("https://arxiv.org/abs/2411.01234v2", Assert.Single(lead.AlsoIn).Url);
    }

    [Fact]
    public async Task Poll_FirstPollOfManySourcesAtOnce_OneStoryPerPaper()
    {
        // Arrange: sixteen arXiv listings carry versions of the same three papers (48 posts: one page);
        // none was polled before, so every source stores its first posts at about the same time.
        const int Sources = 16;
        for (var s = 0; s < Sources; s++)
        {
            var version = s + 1;
            Server.MapFeed($"/list-{s}.xml", () => Rss($"List {version}", [.. Enumerable.Range(1, 3).Select(paper =>
                new Item($"Paper {paper} (version {version})", $"https://arxiv.org/abs/2411.0000{paper}v{version}", Published: Newest.AddHours(-version)))]));
        }

        await using var app = App([.. Enumerable.Range(0, Sources).Select(s => (object)new { id = $"list-{s}", name = $"List {s}", url = Server.Url($"/list-{s}.xml").AbsoluteUri })]);

        // Act
        await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);

        // Assert
        var stories = await StoriesAsync(app);
        Assert.Equal(3, stories.Count);
        Assert.All(stories, story => Assert.Equal(Sources, story.Split(' ').Length));
    }

    [Fact]
    public async Task Poll_GuidChangedSameLink_UpdatesInPlace()
    {
        // Arrange
        var guid = "guid-1";
        Server.MapFeed("/f.xml", () => Rss("F", [new Item("A story", "https://f.example/story", guid, Newest)]));
        await using var app = App(new { id = "f", name = "F", url = Server.Url("/f.xml").AbsoluteUri });
        await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);
        guid = "guid-2";

        // Act
        var summary = await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);

        // Assert
        var store = app.Services.GetRequiredService<IPostStore>();
        Assert.Single((await store.QueryAsync(new PostQuery { Expand = true }, TestContext.Current.CancellationToken)).Items);
        Assert.Equal((0, 1), (summary.NewPosts, summary.UpdatedPosts));
    }

    [Fact]
    public async Task Poll_ItemsThatDifferOnlyByFragment_StayApart()
    {
        // Arrange: Scripting News: one page a day, an anchor per post, often no title and no guid.
        Server.MapFeed("/scripting.xml", () => Rss("Scripting News", [
            new Item("", "http://scripting.example/2017/06/26.html#a080605", Published: Newest, Description: "First post of the day about outliners and the open web."),
            new Item("", "http://scripting.example/2017/06/26.html#a030658", Published: Newest.AddHours(-5), Description: "Second post of the day about podcasts and RSS readers."),
            new Item("", "http://scripting.example/2017/06/25.html#a080631", Published: Newest.AddDays(-1), Description: "A post of the day before about blogging tools."),
        ]));
        await using var app = App(new { id = "scripting", name = "Scripting News", url = Server.Url("/scripting.xml").AbsoluteUri });

        // Act
        var summary = await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);

        // Assert
        var posts = (await app.Services.GetRequiredService<IPostStore>().QueryAsync(new PostQuery(), TestContext.Current.CancellationToken)).Items;
        Assert.Equal(3, summary.NewPosts);
        Assert.Equal(
            ["http://scripting.example/2017/06/25.html#a080631", "http://scripting.example/2017/06/26.html#a030658", "http://scripting.example/2017/06/26.html#a080605"],
            posts.Select(p => p.Url).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Poll_ForumPostsByQueryId_StayApart()
    {
        // Arrange: every post is page.asp?ID=N, and replies share a title and the forum's stock summary.
        Server.MapFeed("/forum.xml", () => Rss("Forum", [
            new Item("Re: which GPU for fine-tuning a small model", "https://forum.example/page.asp?ID=102", Published: Newest, Description: "A reply in the thread about fine-tuning hardware; read the whole thread on the forum."),
            new Item("Re: which GPU for fine-tuning a small model", "https://forum.example/page.asp?ID=101", Published: Newest.AddHours(-1), Description: "A reply in the thread about fine-tuning hardware; read the whole thread on the forum."),
        ]));
        await using var app = App(new { id = "forum", name = "Forum", url = Server.Url("/forum.xml").AbsoluteUri });

        // Act
        await app.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);

        // Assert
        var posts = (await app.Services.GetRequiredService<IPostStore>().QueryAsync(new PostQuery(), TestContext.Current.CancellationToken)).Items;
        Assert.Equal(2, posts.Count);
        Assert.All(posts, p => Assert.True(p.TextRepeated));
    }

    [Fact]
    public async Task Poll_ChainOfLookalikesInAnyOrder_SameStoriesAndNoSnowball()
    {
        // Arrange: the letter links to the lab's post, the blog links to the letter (not the lab), the
        // mirror re-posts the lab's URL. All four share the headline.
        const string Title = "Gemini brings faster reasoning to every app";
        var feeds = new (string Id, Item Item)[]
        {
            ("lab", new Item(Title, "https://lab.example/gemini", Published: Newest.AddDays(-3), Description: "The lab's own announcement of the release.")),
            ("letter", new Item(Title, "https://letter.example/42", Published: Newest.AddDays(-2), Content: """<p><a href="https://lab.example/gemini">The lab</a> shipped.</p>""")),
            ("blog", new Item(Title, "https://blog.example/gemini", Published: Newest.AddDays(-1), Content: """<p>As <a href="https://letter.example/42">the letter</a> says.</p>""")),
            ("mirror", new Item(Title, "https://lab.example/gemini?utm_source=mirror", Published: Newest)),
        };
        foreach (var (id, item) in feeds)
        {
            Server.MapFeed($"/{id}.xml", () => Rss(id, [item]));
        }

        var sources = feeds.Select(f => (object)new { id = f.Id, name = f.Id, url = Server.Url($"/{f.Id}.xml").AbsoluteUri }).ToArray();
        await using var oneByOne = App(sources);
        await using var together = App(sources);

        // Act: newest first, one source at a time (the anchor changes three times); and all at once.
        foreach (var id in new[] { "mirror", "blog", "letter", "lab" })
        {
            await oneByOne.Poller.PollNowAsync(id, TestContext.Current.CancellationToken);
        }

        await together.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);

        // Assert: the blog matches the letter, not the story's anchor (the lab): a story of its own.
        var expected = new[] { "blog", "lab letter mirror" };
        Assert.Equal(expected, await StoriesAsync(oneByOne));
        Assert.Equal(expected, await StoriesAsync(together));
    }

    [Fact]
    public async Task Poll_SummaryTurnsOutBoilerplate_StoryDecidedAgainAsIfKnownFromTheStart()
    {
        // Arrange: Meta runs one summary under every FAIR round-up; an aggregator copies the second.
        const string Title = "Sharing new research, models, and datasets from Meta FAIR";
        const string Summary = "Meta FAIR is releasing several new research artifacts, models and datasets that advance our work on machine intelligence for everyone.";
        var first = new Item(Title, "https://ai.meta.example/blog/fair-1", Published: Newest.AddDays(-1), Description: Summary);
        var second = new Item(Title, "https://ai.meta.example/blog/fair-2", Published: Newest, Description: Summary);
        var metaItems = new List<Item> { first };
        Server.MapFeed("/meta.xml", () => Rss("Meta", metaItems));
        Server.MapFeed("/meta-both.xml", () => Rss("Meta", [second, first]));
        Server.MapFeed("/agg.xml", () => Rss("Aggregator", [new Item(Title, "https://agg.example/fair", Published: Newest, Description: Summary)]));
        await using var learning = App(
            new { id = "meta", name = "Meta", url = Server.Url("/meta.xml").AbsoluteUri },
            new { id = "agg", name = "Aggregator", url = Server.Url("/agg.xml").AbsoluteUri });
        await using var knowing = App(
            new { id = "meta", name = "Meta", url = Server.Url("/meta-both.xml").AbsoluteUri },
            new { id = "agg", name = "Aggregator", url = Server.Url("/agg.xml").AbsoluteUri });
        await learning.Poller.PollNowAsync("meta", TestContext.Current.CancellationToken);
        await learning.Poller.PollNowAsync("agg", TestContext.Current.CancellationToken);
        var merged = await StoriesAsync(learning);

        // Act: Meta's second round-up shows its summary is boilerplate.
        metaItems.Insert(0, second);
        await learning.Poller.PollNowAsync("meta", TestContext.Current.CancellationToken);
        await knowing.Poller.PollNowAsync(null, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(["agg meta"], merged);
        Assert.Equal(["agg", "meta", "meta"], await StoriesAsync(learning));
        Assert.Equal(["agg", "meta", "meta"], await StoriesAsync(knowing));
    }

    // Each story as its members' source ids, sorted: the partition, whatever the story ids.
    private static async Task<List<string>> StoriesAsync(AiFeedApp app)
    {
        var posts = (await app.Services.GetRequiredService<IPostStore>().QueryAsync(new PostQuery { Expand = true }, TestContext.Current.CancellationToken)).Items;
        return [.. posts.GroupBy(p => p.ClusterId, StringComparer.Ordinal)
            .Select(g => string.Join(' ', g.Select(p => p.SourceId).Order(StringComparer.Ordinal)))
            .Order(StringComparer.Ordinal)];
    }

    private AiFeedApp App(params object[] sources) =>
        new(CatalogFile.Write(Folder.File($"feeds-{Guid.NewGuid():N}.json"), sources));
}
