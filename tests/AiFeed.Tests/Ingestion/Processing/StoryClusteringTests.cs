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

    private AiFeedApp App(params object[] sources) =>
        new(CatalogFile.Write(Folder.File($"feeds-{Guid.NewGuid():N}.json"), sources));
}
