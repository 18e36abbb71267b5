using AiFeed.Catalog;
using AiFeed.Ingestion.Processing.Tagging;
using AiFeed.Model;
using AiFeed.Storage;
using AiFeed.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiFeed.Tests.Ingestion.Processing;

public sealed class RetaggerTests : IDisposable
{
    private readonly TempDirectory folder = new();
    private readonly LiteDbContext context;
    private readonly LiteDbPostStore posts;
    private readonly LiteDbMetadataStore metadata;
    private readonly MutableCatalog catalog = new();

    public RetaggerTests()
    {
        context = new LiteDbContext(folder.File("data"), "aifeed.db");
        posts = new LiteDbPostStore(context);
        metadata = new LiteDbMetadataStore(context);
    }

    public void Dispose()
    {
        context.Dispose();
        folder.Dispose();
    }

    [Fact]
    public async Task Run_TaxonomyChanged_RetagsStoredPostsOnce()
    {
        // Arrange: 1,200 posts (three batches) stored under a taxonomy without "robotics".
        catalog.Set(Taxonomy(("llm", "language model*")));
        await posts.SaveAsync([.. Enumerable.Range(0, 1200).Select(i => Post(i, i % 2 == 0 ? "Robot arms and language models" : "Language models only"))], TestContext.Current.CancellationToken);
        await Retagger().RunAsync(TestContext.Current.CancellationToken);
        catalog.Set(Taxonomy(("llm", "language model*"), ("robotics", "robot*")));

        // Act
        var rewritten = await Retagger().RunAsync(TestContext.Current.CancellationToken);
        var again = await Retagger().RunAsync(TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(600, rewritten);
        Assert.Equal(0, again);
        var robot = (await posts.GetAsync("p0000", TestContext.Current.CancellationToken))!;
        Assert.Equal(["src", "llm", "robotics"], robot.Tags);
        Assert.Equal(["source tag", "keyword \"language model*\" in title", "keyword \"robot*\" in title"], new PostTagger(catalog).Explain(robot, catalog.Current.Find("src")).Select(r => r.Text));
        Assert.Equal(["src", "llm"], (await posts.GetAsync("p0001", TestContext.Current.CancellationToken))!.Tags);
    }

    [Fact]
    public async Task Run_PostsFromBeforeClustering_GetStoryFields()
    {
        // Arrange: a post as the ingestion core stored it, without cluster fields.
        catalog.Set(Taxonomy());
        var old = Post(7, "Introducing Orca 3");
        old.ClusterId = "";
        old.LeadKey = "";
        await posts.SaveAsync([old], TestContext.Current.CancellationToken);

        // Act
        await Retagger().RunAsync(TestContext.Current.CancellationToken);

        // Assert
        var post = (await posts.GetAsync("p0007", TestContext.Current.CancellationToken))!;
        Assert.Equal(("p0007", post.SortKey, "introducing orca 3"), (post.ClusterId, post.LeadKey, post.TitleKey));
        Assert.Contains("u:example.org/p/7", post.StoryKeys);
    }

    [Fact]
    public void Explain_StoredTagTheCatalogNoLongerGives_SaysItCameFromAnEarlierCatalog()
    {
        // Arrange: tagged under a taxonomy with "robotics", which feeds.json then drops while the service runs.
        catalog.Set(Taxonomy(("llm", "language model*"), ("robotics", "robot*")));
        var tagger = new PostTagger(catalog);
        var post = Post(3, "Robot arms and language models");
        tagger.Apply(post, catalog.Current.Find("src"));
        catalog.Set(Taxonomy(("llm", "language model*")));

        // Act
        var reasons = tagger.Explain(post, catalog.Current.Find("src"));

        // Assert
        Assert.Equal(
            [("src", "source tag"), ("llm", "keyword \"language model*\" in title"), ("robotics", "given under an earlier feeds.json; stored posts are re-tagged at the next start")],
            reasons.Select(r => (r.Tag, r.Text)));
    }

    private Retagger Retagger() => new(posts, metadata, new PostTagger(catalog), catalog, NullLogger<Retagger>.Instance);

    private static Taxonomy Taxonomy(params (string Name, string Keyword)[] tags) =>
        new() { Tags = [.. tags.Select(t => new TagDefinition { Name = t.Name, Label = t.Name, Keywords = [t.Keyword] })] };

    private static Post Post(int i, string title)
    {
        var at = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i);
        var id = $"p{i:D4}";
        return new Post
        {
            Id = id, SourceId = "src", Title = title, Url = $"https://example.org/p/{i}", PublishedAt = at, FirstSeenAt = at, UpdatedAt = at,
            SortAt = at, SortKey = $"{at.Ticks:D19}:{id}", LeadKey = $"{at.Ticks:D19}:{id}", ClusterId = id, Tags = ["src"],
        };
    }

    private sealed class MutableCatalog : ICatalogProvider
    {
        public FeedCatalog Current { get; private set; } = FeedCatalog.Empty;

        public IReadOnlyList<CatalogError> Errors => [];

        public string FilePath => "feeds.json";

        public DateTimeOffset? AppliedAt => null;

        // Retagging reads Current when asked; nothing here listens for changes.
        public event EventHandler<CatalogChangedEventArgs>? Changed
        {
            add { }
            remove { }
        }

        public void Set(Taxonomy taxonomy) => Current = FeedCatalog.Empty with
        {
            Taxonomy = taxonomy,
            Sources = [new SourceDefinition { Id = "src", Name = "Source", Url = "https://example.org/feed", Tags = ["src"] }],
        };
    }
}
