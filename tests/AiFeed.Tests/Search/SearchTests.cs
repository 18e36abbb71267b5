using AiFeed.Model;
using AiFeed.Search;
using AiFeed.Tests.Infrastructure;
using AiFeed.Tests.Storage;

namespace AiFeed.Tests.Search;

/// <summary>Each search feature of docs/search.md against a real store: the on-disk Lucene index of LiteDB, PostgreSQL's full-text search.</summary>
public abstract class SearchTests : StoreContract
{
    [Fact]
    public async Task Search_InflectedWord_MatchesEveryFormOfItsStem()
    {
        // Arrange
        await SaveAsync(Post(1, "New benchmarks for agents"), Post(2, "A benchmark of code models"), Post(3, "Benching the bench"));

        // Act
        var singular = await TitlesAsync("benchmark");
        var plural = await TitlesAsync("benchmarks");

        // Assert
        Assert.Equal(["A benchmark of code models", "New benchmarks for agents"], singular.Order());
        Assert.Equal(singular.Order(), plural.Order());
    }

    [Fact]
    public async Task Search_NumbersAndVersionTokens_AreKept()
    {
        // Arrange
        await SaveAsync(
            Post(1, "Llama 3 is out"),
            Post(2, "Llama 3.1 405B, evaluated"),
            Post(3, "Llama 2 fine-tuning"),
            Post(4, "GPT-4o mini pricing"),
            Post(5, "GPT-4 Turbo and 4o notes"),
            Post(6, "Results on SWE-bench Verified"),
            Post(7, "A bench for software engineers"));

        // Act
        var llama3 = await TitlesAsync("llama 3 ");
        var gpt4o = await TitlesAsync("gpt-4o");
        var swe = await TitlesAsync("swe-bench");

        // Assert: "3" is not dropped, "3.1" answers "3", and hyphenated names are phrases.
        Assert.Equal(["Llama 3 is out", "Llama 3.1 405B, evaluated"], llama3.Order());
        Assert.Equal(["GPT-4o mini pricing"], gpt4o);
        Assert.Equal(["Results on SWE-bench Verified"], swe);
    }

    [Fact]
    public async Task Search_QuotedPhrase_MatchesOnlyTheWordsInOrder()
    {
        // Arrange
        await SaveAsync(Post(1, "Attention sinks in long contexts"), Post(2, "Sinks draw attention"));

        // Act
        var phrase = await TitlesAsync("\"attention sinks\"");
        var words = await TitlesAsync("attention sinks ");

        // Assert
        Assert.Equal(["Attention sinks in long contexts"], phrase);
        Assert.Equal(2, words.Count);
    }

    [Theory]
    [InlineData("\"attention sinks")]
    [InlineData("\"attention sinks\\")]
    public async Task Search_UnclosedQuote_SearchesThePhraseToTheEnd(string text)
    {
        // Arrange
        await SaveAsync(Post(1, "Attention sinks in long contexts"), Post(2, "Sinks draw attention"));

        // Act
        var check = SearchSyntax.Check(text);
        var phrase = await TitlesAsync(text);

        // Assert: as if the quote were closed, not a syntax error.
        Assert.Null(check);
        Assert.Equal(["Attention sinks in long contexts"], phrase);
    }

    [Fact]
    public async Task Search_TypoInLongerWord_StillMatchesShortWordsDoNot()
    {
        // Arrange
        await SaveAsync(Post(1, "The transformer architecture"), Post(2, "Llama weights"), Post(3, "Reasoning models"));

        // Act
        var typo = await TitlesAsync("tranformer ");
        var twoEdits = await TitlesAsync("achitecure ");
        var shortTypo = await TitlesAsync("lama ");

        // Assert: 1 edit from 5 letters, 2 from 8; a 4-letter word must be spelled right.
        Assert.Equal(["The transformer architecture"], typo);
        Assert.Equal(["The transformer architecture"], twoEdits);
        Assert.Empty(shortTypo);
    }

    [Fact]
    public async Task Search_LastWordBeingTyped_MatchesAsPrefix()
    {
        // Arrange
        await SaveAsync(Post(1, "Reinforcement learning from human feedback"), Post(2, "Reinforcement of bridges"));

        // Act
        var typing = await TitlesAsync("reinforcement lea");
        var finished = await TitlesAsync("reinforcement lea ");

        // Assert: only the word at the end, still being typed, is a prefix.
        Assert.Equal(["Reinforcement learning from human feedback"], typing);
        Assert.Empty(finished);
    }

    [Fact]
    public async Task Search_LastWordBeingTyped_MarksItsCompletion()
    {
        // Arrange
        await SaveAsync(Post(1, "Reinforcement learning from human feedback"), Post(2, "Reinforcement of bridges"));

        // Act
        var page = await db.Posts.QueryAsync(new PostQuery { Text = "reinforcement lea" }, TestContext.Current.CancellationToken);

        // Assert: the word the prefix completed is marked, as the words typed in full are.
        Assert.Contains("<mark>learning</mark>", page.Search!.Highlights["p00001"].Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_EqualRelevance_NewerFirstAndTitleAboveSummary()
    {
        // Arrange: posts 1 and 3 have the same title; post 2 says it only in the summary.
        var summaryOnly = Post(2, "Weekly notes");
        summaryOnly.Summary = "This week: diffusion policies.";
        await SaveAsync(Post(1, "Diffusion policies"), summaryOnly, Post(3, "Diffusion policies"));

        // Act
        var page = await db.Posts.QueryAsync(new PostQuery { Text = "diffusion policies" }, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(["p00003", "p00001", "p00002"], page.Items.Select(p => p.Id));
    }

    [Fact]
    public async Task Search_WordOnlyInSecondCopy_FindsTheStoryThroughIt()
    {
        // Arrange: one story of two posts; only the member that does not lead it says "tokenizer".
        var lead = Post(1, "Lab releases new model", source: "lab");
        var copy = Post(2, "Newsletter: the model and its tokenizer", source: "news");
        copy.ClusterId = lead.Id;
        copy.LeadKey = "";
        lead.Sources = ["lab", "news"];
        await db.Stories.SaveStoriesAsync(
            [lead, copy],
            [new StoryRecord { Id = lead.Id, Members = [lead.Id, copy.Id], AnchorId = lead.Id, LeadId = lead.Id }],
            [],
            TestContext.Current.CancellationToken);

        // Act
        var collapsed = await db.Posts.QueryAsync(new PostQuery { Text = "tokenizer" }, TestContext.Current.CancellationToken);
        var expanded = await db.Posts.QueryAsync(new PostQuery { Text = "tokenizer", Expand = true }, TestContext.Current.CancellationToken);
        var both = await db.Posts.QueryAsync(new PostQuery { Text = "model" }, TestContext.Current.CancellationToken);

        // Assert: collapsed shows the story's lead, once.
        Assert.Equal(["p00001"], collapsed.Items.Select(p => p.Id));
        Assert.Equal(["p00002"], expanded.Items.Select(p => p.Id));
        Assert.Equal(1, both.Search!.Total);
    }

    [Fact]
    public async Task Search_Matches_HighlightsEscapedTextWithMark()
    {
        // Arrange
        var post = Post(1, "Benchmarks <for> agents & tools");
        post.Summary = "We propose a benchmark. " + string.Concat(Enumerable.Repeat("Unrelated filler text. ", 30)) + "The benchmark is open.";
        await SaveAsync(post);

        // Act
        var page = await db.Posts.QueryAsync(new PostQuery { Text = "benchmark" }, TestContext.Current.CancellationToken);

        // Assert
        var marked = page.Search!.Highlights["p00001"];
        Assert.Equal("<mark>Benchmarks</mark> &lt;for&gt; agents &amp; tools", marked.Title);
        Assert.Contains("<mark>benchmark</mark>", marked.Summary, StringComparison.Ordinal);
        Assert.Contains(" … ", marked.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_ManyMatches_CountsAllAndFacetsByTagAndSource()
    {
        // Arrange: 30 matches over two sources and two tags, 5 posts that do not match.
        var posts = Enumerable.Range(0, 30)
            .Select(i => Post(i, $"Agents update {i}", source: i % 3 == 0 ? "lab" : "blog", tags: i % 2 == 0 ? ["agents", "llm"] : ["agents"]))
            .Concat(Enumerable.Range(30, 5).Select(i => Post(i, $"Robotics {i}", source: "lab", tags: ["robotics"])))
            .ToArray();
        await SaveAsync(posts);

        // Act
        var page = await db.Posts.QueryAsync(new PostQuery { Text = "agents", Limit = 10 }, TestContext.Current.CancellationToken);
        var narrowed = await db.Posts.QueryAsync(new PostQuery { Text = "agents", Tags = ["llm"], Sources = ["lab"] }, TestContext.Current.CancellationToken);
        var count = await db.Posts.CountAsync(new PostQuery { Text = "agents" }, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(10, page.Items.Count);
        Assert.Equal(30, page.Search!.Total);
        Assert.Equal(30, count);
        Assert.Equal([new FacetCount("agents", 30), new FacetCount("llm", 15)], page.Search.Tags);
        Assert.Equal([new FacetCount("blog", 20), new FacetCount("lab", 10)], page.Search.Sources);
        Assert.Equal(5, narrowed.Search!.Total);
    }

    [Fact]
    public async Task Search_WordInMoreStoriesThanTheRankDepth_RanksTheNewestAndEstimatesCountAndFacets()
    {
        // Arrange: 300 matching posts, one a minute, every other one tagged llm; searches rank 50 deep.
        var ct = TestContext.Current.CancellationToken;
        await SaveAsync([.. Enumerable.Range(0, 300).Select(i => Post(i, $"Agents update {i}", tags: i % 2 == 0 ? ["agents", "llm"] : ["agents"]))]);
        db.LimitRankDepth(50);

        // Act
        var page = await db.Posts.QueryAsync(new PostQuery { Text = "agents", Limit = 10 }, ct);
        var second = await db.Posts.QueryAsync(new PostQuery { Text = "agents", Limit = 10, After = page.NextAfter }, ct);
        var llm = await db.Posts.QueryAsync(new PostQuery { Text = "agents", Tags = ["llm"], Limit = 3 }, ct);
        var count = await db.Posts.CountAsync(new PostQuery { Text = "agents" }, ct);

        // Assert: the newest of equally good matches, a total that says it is an estimate, facets scaled alike.
        Assert.False(page.Search!.Exact);
        Assert.Equal([.. Enumerable.Range(290, 10).Reverse().Select(i => $"p{i:D5}")], page.Items.Select(p => p.Id));
        Assert.Equal([.. Enumerable.Range(280, 10).Reverse().Select(i => $"p{i:D5}")], second.Items.Select(p => p.Id));
        Assert.InRange(page.Search.Total, 280, 320);
        Assert.Equal(new FacetCount("agents", page.Search.Total), page.Search.Tags[0]);
        Assert.InRange(page.Search.Tags.Single(t => t.Value == "llm").Count, 130, 170);
        Assert.Equal(["p00298", "p00296", "p00294"], llm.Items.Select(p => p.Id));
        Assert.Equal(300, count);
    }

    [Fact]
    public async Task Search_RareWordOnlyInOldPosts_WidensToTheWholeStoreAndCountsExactly()
    {
        // Arrange: the rare word is in the two oldest of 300 posts; searches rank 50 deep.
        var ct = TestContext.Current.CancellationToken;
        await SaveAsync([.. Enumerable.Range(0, 300).Select(i => Post(i, i < 2 ? $"Kalomi agents {i}" : $"Agents update {i}"))]);
        db.LimitRankDepth(50);

        // Act
        var page = await db.Posts.QueryAsync(new PostQuery { Text = "kalomi" }, ct);

        // Assert
        Assert.True(page.Search!.Exact);
        Assert.Equal(2, page.Search.Total);
        Assert.Equal(["p00001", "p00000"], page.Items.Select(p => p.Id));
    }

    [Fact]
    public async Task Search_SecondPage_ContinuesByPosition()
    {
        // Arrange
        await SaveAsync([.. Enumerable.Range(0, 25).Select(i => Post(i, $"Agents {i}"))]);

        // Act
        var first = await db.Posts.QueryAsync(new PostQuery { Text = "agents", Limit = 20 }, TestContext.Current.CancellationToken);
        var second = await db.Posts.QueryAsync(new PostQuery { Text = "agents", Limit = 20, After = first.NextAfter }, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(25, first.Items.Concat(second.Items).Select(p => p.Id).Distinct().Count());
        Assert.Null(second.NextAfter);
    }

    [Fact]
    public async Task ListSearch_TermInOneFieldOnly_HighlightsAsTheWholePostSearch()
    {
        // Arrange: the word in the title only, in the summary only, and in both.
        var inTitle = Post(1, "Diffusion policies for robots");
        inTitle.Summary = "Robots learn to grasp.";
        var inSummary = Post(2, "Robots that grasp");
        inSummary.Summary = "A diffusion policy learns to grasp.";
        var inBoth = Post(3, "Diffusion at scale");
        inBoth.Summary = "We scale diffusion models.";
        await SaveAsync(inTitle, inSummary, inBoth);

        // Act
        var listed = await db.Posts.ListAsync(new PostQuery { Text = "diffusion " }, TestContext.Current.CancellationToken);
        var whole = await db.Posts.QueryAsync(new PostQuery { Text = "diffusion " }, TestContext.Current.CancellationToken);

        // Assert: a field without the word has no highlight, on both pages alike.
        Assert.Equal(whole.Search!.Highlights.OrderBy(h => h.Key), listed.Search!.Highlights.OrderBy(h => h.Key));
        Assert.Null(listed.Search.Highlights["p00001"].Summary);
        Assert.Null(listed.Search.Highlights["p00002"].Title);
        Assert.Contains("<mark>diffusion</mark>", listed.Search.Highlights["p00002"].Summary, StringComparison.Ordinal);
        Assert.Contains("<mark>Diffusion</mark>", listed.Search.Highlights["p00003"].Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_SameTypoAfterTheWordIsStored_FindsTheNewPost()
    {
        // Arrange: the typo is searched once before its word is in the store.
        await SaveAsync(Post(1, "Reasoning models"));
        var before = await TitlesAsync("tranformer ");

        // Act
        await SaveAsync(Post(2, "The transformer architecture"));
        var after = await TitlesAsync("tranformer ");

        // Assert: the query is expanded again for the new state of the index.
        Assert.Empty(before);
        Assert.Equal(["The transformer architecture"], after);
    }

    private async Task SaveAsync(params Post[] posts) =>
        await db.Posts.SaveAsync(posts, TestContext.Current.CancellationToken);

    private async Task<List<string>> TitlesAsync(string text) =>
        [.. (await db.Posts.QueryAsync(new PostQuery { Text = text }, TestContext.Current.CancellationToken)).Items.Select(p => p.Title)];

    private static Post Post(int i, string title, string source = "s", List<string>? tags = null) => TestPosts.Make(i, title, source, tags);
}

public sealed class SearchTestsOnLiteDb : SearchTests
{
    protected override Task<StoreUnderTest> OpenAsync() => OnLiteDb();
}

public sealed class SearchTestsOnPostgres(TestPostgres server) : SearchTests, IClassFixture<TestPostgres>
{
    protected override Task<StoreUnderTest> OpenAsync() => OnPostgresAsync(server);
}

/// <summary>What only the embedded index answers (docs/search.md, "PostgreSQL"): Chinese words, the query syntax's errors.</summary>
public sealed class LuceneOnlySearchTests : IDisposable
{
    private readonly TempStore db = new();

    public void Dispose() => db.Dispose();

    [Fact]
    public async Task Search_ChineseWord_MatchesInsideChineseTitles()
    {
        // Arrange
        await SaveAsync(Post(1, "大模型的推理能力评测"), Post(2, "模范生与类型系统"), Post(3, "Reasoning models"));

        // Act
        var word = await TitlesAsync("推理");
        var split = await TitlesAsync("模型");

        // Assert: a word, never its characters apart.
        Assert.Equal(["大模型的推理能力评测"], word);
        Assert.Equal(["大模型的推理能力评测"], split);
    }

    [Fact]
    public async Task Search_JapaneseAndKoreanWords_MatchInsideTheirTitles_NotCharactersApart()
    {
        // Arrange
        await SaveAsync(Post(1, "大規模言語モデルの推論性能"), Post(2, "거대 언어 모델의 추론 능력"), Post(3, "推しの論文まとめ"));

        // Act
        var japanese = await TitlesAsync("推論");
        var katakana = await TitlesAsync("モデル");
        var korean = await TitlesAsync("추론");

        // Assert
        Assert.Equal(["大規模言語モデルの推論性能"], japanese);
        Assert.Equal(["大規模言語モデルの推論性能"], katakana);
        Assert.Equal(["거대 언어 모델의 추론 능력"], korean);
    }

    [Theory]
    [InlineData("title:(")]
    [InlineData("(agents")]
    [InlineData("agents AND")]
    public void Check_BadSyntax_SaysWhy(string text)
    {
        // Act
        var error = SearchSyntax.Check(text);

        // Assert
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    private async Task SaveAsync(params Post[] posts) =>
        await db.Posts.SaveAsync(posts, TestContext.Current.CancellationToken);

    private async Task<List<string>> TitlesAsync(string text) =>
        [.. (await db.Posts.QueryAsync(new PostQuery { Text = text }, TestContext.Current.CancellationToken)).Items.Select(p => p.Title)];

    private static Post Post(int i, string title, string source = "s", List<string>? tags = null) => TestPosts.Make(i, title, source, tags);
}
