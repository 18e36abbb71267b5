using System.Text.Json;
using AiFeed.Storage;
using AiFeed.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AiFeed.Tests.Storage;

/// <summary>
/// The service on each store: the post page, the API's single post and the three feeds show a
/// stored post's HTML, though every post is read without it; lists show whether a post has HTML.
/// </summary>
public abstract class PostHtmlServingTests
{
    private const string Body = "Body of the first post.";

    protected abstract Task<AiFeedApp> StartAsync();

    /// <summary>HTML records the app's store has read, where the provider counts them (LiteDB).</summary>
    protected virtual long? HtmlReads(AiFeedApp app) => null;

    [Fact]
    public async Task PostPageApiAndFeeds_StoredPostWithHtml_ShowIt()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        await using var app = await StartAsync();
        var withHtml = TestPosts.Make(1, "First");
        withHtml.ContentHtml = $"<p>{Body}</p>";
        await app.Services.GetRequiredService<IPostStore>().SaveAsync([withHtml, TestPosts.Make(2, "Second")], ct);
        using var client = app.CreateClient();

        // Act
        using var list = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/posts?expand=true", UriKind.Relative), ct));
        await client.GetStringAsync(new Uri("/", UriKind.Relative), ct);
        var readByLists = HtmlReads(app);
        using var post = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/posts/p00001", UriKind.Relative), ct));
        var page = await client.GetStringAsync(new Uri("/post/p00001", UriKind.Relative), ct);
        var feeds = new List<string>();
        foreach (var feed in (string[])["/feed.xml", "/feed.atom", "/feed.json"])
        {
            feeds.Add(await client.GetStringAsync(new Uri(feed, UriKind.Relative), ct));
        }

        // Assert
        Assert.Equal(["Second", "First"], list.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()));
        Assert.Equal($"<p>{Body}</p>", post.RootElement.GetProperty("contentHtml").GetString());
        Assert.Contains(Body, page, StringComparison.Ordinal);
        Assert.All(feeds, f => Assert.Contains(Body, f, StringComparison.Ordinal));
        Assert.Equal(readByLists is null ? null : 0, readByLists);
    }
}

public sealed class PostHtmlServingTestsOnLiteDb : PostHtmlServingTests
{
    protected override Task<AiFeedApp> StartAsync() => Task.FromResult(new AiFeedApp());

    protected override long? HtmlReads(AiFeedApp app) => app.Services.GetRequiredService<LiteDbContext>().HtmlReads;
}

public sealed class PostHtmlServingTestsOnPostgres(TestPostgres server) : PostHtmlServingTests, IClassFixture<TestPostgres>
{
    protected override async Task<AiFeedApp> StartAsync()
    {
        TestPostgres.EnsureConfigured();
        await server.EmptyAsync();
        return new AiFeedApp(settings: new Dictionary<string, string?> { ["Storage:Provider"] = "postgres", ["Storage:ConnectionString"] = server.ConnectionString });
    }
}
