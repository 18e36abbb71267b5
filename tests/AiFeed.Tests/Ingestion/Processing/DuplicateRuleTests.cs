using AiFeed.Ingestion.Processing;
using AiFeed.Ingestion.Processing.Clustering;

namespace AiFeed.Tests.Ingestion.Processing;

public sealed class DuplicateRuleTests
{
    private const string Summary = "We trained a sparse mixture of experts model on public code and text and release the weights, an evaluation harness and a technical report.";
    private const string OtherSummary = "Researchers decoded whale songs with a small audio model trained on ten years of hydrophone recordings from three oceans.";
    private static readonly DateTime Day = new(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("http://www.lab.example/news/model/", "https://lab.example/news/model")]
    [InlineData("https://lab.example/news/model?utm_source=x", "https://LAB.example:443/news/model#top")]
    public void Match_SameUrlSpelledDifferently_SameUrl(string first, string second)
    {
        // Arrange
        var a = Post("lab", "Our model", first, Day);
        var b = Post("letter", "Lab ships", second, Day.AddDays(30));

        // Act & Assert
        Assert.Equal(MatchReason.SameUrl, DuplicateRule.Match(a, b));
    }

    [Fact]
    public void Match_ArxivVersions_SameArxivId()
    {
        // Arrange
        var a = Post("arxiv", "Sparse experts", "https://arxiv.org/abs/2411.01234v1", Day);
        var b = Post("papers", "Sparse experts v2", "https://arxiv.org/pdf/2411.01234v3", Day.AddDays(20));

        // Act & Assert
        Assert.Equal(MatchReason.SameArxivId, DuplicateRule.Match(a, b));
        Assert.Equal("2411.01234", StorySignature.ArxivId("https://arxiv.org/abs/2411.01234v2", null, null));
        Assert.Equal("2411.01234", StorySignature.ArxivId(null, null, "arXiv:2411.01234v1 Announce Type: new"));
        Assert.Null(StorySignature.ArxivId(null, null, "We build on arXiv:2411.01234 and more."));
    }

    [Fact]
    public void Match_DoiLinkSpelledTwoWays_SameDoi()
    {
        // Arrange
        var a = Post("journal", "Protein folding at scale", "https://doi.org/10.1038/S41586-021-03819-2", Day);
        var b = Post("letter", "A landmark paper", "https://dx.doi.org/10.1038/s41586-021-03819-2", Day.AddDays(60));

        // Act & Assert
        Assert.Equal(MatchReason.SameDoi, DuplicateRule.Match(a, b));
        Assert.Equal("10.1038/s41586-021-03819-2", StorySignature.Doi(null, "doi:10.1038/s41586-021-03819-2 Protein folding"));
    }

    [Fact]
    public void Match_EqualTitlesAlone_None()
    {
        // Arrange: two blogs, the same headline, nothing else in common.
        var a = Post("lab", "Introducing Orca 3: open weights for everyone", "https://lab.example/orca", Day, Summary);
        var b = Post("letter", "Introducing “ORCA 3” — open weights, for everyone!", "https://letter.example/orca", Day.AddDays(2), OtherSummary);

        // Act & Assert
        Assert.Equal(MatchReason.None, DuplicateRule.Match(a, b));
    }

    [Fact]
    public void Match_NearEqualTitlesAndSummaries_TitleAndText()
    {
        // Arrange: quotes, case, punctuation and a "[Repost]" prefix differ; the summary is the lab's.
        var a = Post("lab", "Introducing Orca 3: open weights for everyone", "https://lab.example/orca", Day, Summary);
        var b = Post("letter", "[Repost] Introducing “ORCA 3” — open weights, for everyone!", "https://letter.example/orca", Day.AddDays(2), Summary);

        // Act & Assert
        Assert.Equal(MatchReason.TitleAndText, DuplicateRule.Match(a, b));
        Assert.Equal(MatchReason.TitleAndText, DuplicateRule.Match(b, a));
    }

    [Fact]
    public void Match_EqualTitlesAndALinkToTheOther_TitleAndLink()
    {
        // Arrange: the newsletter links to the lab's post; a blog links to the same paper as the lab.
        var lab = Post("lab", "Introducing Orca 3: open weights for everyone", "https://lab.example/orca", Day, Summary,
            """<p>Read <a href="https://arxiv.org/abs/2411.01234">the paper</a>.</p>""");
        var letter = Post("letter", "Introducing Orca 3: open weights for everyone", "https://letter.example/42", Day.AddDays(1), "The lab shipped.",
            """<p>From <a href="https://lab.example/orca?utm_source=letter">the lab</a>.</p>""");
        var blog = Post("blog", "Introducing Orca 3: open weights for everyone", "https://blog.example/orca", Day, "My notes.",
            """<p><a href="https://arxiv.org/abs/2411.01234">Paper</a></p>""");

        // Act & Assert
        Assert.Equal(MatchReason.TitleAndLink, DuplicateRule.Match(lab, letter));
        Assert.Equal(MatchReason.TitleAndLink, DuplicateRule.Match(letter, lab));
        Assert.Equal(MatchReason.TitleAndLink, DuplicateRule.Match(lab, blog));
        Assert.Equal(["u:lab.example/orca"], letter.Links);
    }

    [Fact]
    public void Match_SameTitleAndTextOutsideWindow_None()
    {
        // Arrange
        var a = Post("lab", "Introducing our new safety framework", "https://lab.example/a", Day, Summary);
        var b = Post("other", "Introducing our new safety framework", "https://other.example/b", Day + DuplicateRule.Window + TimeSpan.FromHours(1), Summary);

        // Act & Assert
        Assert.Equal(MatchReason.None, DuplicateRule.Match(a, b));
    }

    [Fact]
    public void Match_SameTitleAndTextSameSourceDifferentLinks_None()
    {
        // Arrange: Meta's recurring FAIR title with its recurring summary; OpenAI's two "Team update" posts.
        var a = Post("meta", "Sharing new research, models, and datasets from Meta FAIR", "https://ai.meta.com/blog/fair-a/", Day, Summary);
        var b = Post("meta", "Sharing new research, models, and datasets from Meta FAIR", "https://ai.meta.com/blog/fair-b/", Day, Summary);
        var c = Post("openai", "Team update", "https://openai.com/index/team-update/", Day);
        var d = Post("openai", "Team update", "https://openai.com/index/team-update-2/", Day);

        // Act & Assert
        Assert.Equal(MatchReason.None, DuplicateRule.Match(a, b));
        Assert.Equal(MatchReason.None, DuplicateRule.Match(c, d));
    }

    [Fact]
    public void Match_SameSourceQueryIds_ComparedAsWholeUrls()
    {
        // Arrange: a forum whose posts are one script with ?ID=N; every page has the same slug.
        var a = Post("forum", "Re: which GPU for fine-tuning", "https://forum.example/page.asp?ID=101", Day, Summary);
        var b = Post("forum", "Re: which GPU for fine-tuning", "https://forum.example/page.asp?ID=102", Day, Summary);
        var again = Post("other", "Re: which GPU for fine-tuning", "https://forum.example/page.asp?ID=101", Day.AddDays(40));

        // Act & Assert
        Assert.Equal(MatchReason.None, DuplicateRule.Match(a, b));
        Assert.Equal(MatchReason.SameUrl, DuplicateRule.Match(a, again));
        Assert.Equal("page.asp?id=101", StorySignature.Slug(a.Url));
    }

    [Fact]
    public void Match_FragmentsThatTellItemsApart_Kept()
    {
        // Arrange: Scripting News, one page a day, one anchor per post.
        var links = new[] { "http://scripting.com/2017/06/26.html#a080605", "http://scripting.com/2017/06/26.html#a030658", "http://scripting.com/2017/06/25.html#a080631" };
        var keep = UrlCanonicalizer.FragmentsDistinguishItems(links);
        var a = Post("scripting", "Scripting News post", links[0], Day, keepFragment: keep);
        var b = Post("scripting", "Scripting News post", links[1], Day, keepFragment: keep);

        // Act & Assert
        Assert.True(keep);
        Assert.False(UrlCanonicalizer.FragmentsDistinguishItems(["https://lab.example/a#comments", "https://lab.example/b#top"]));
        Assert.Equal("http://scripting.com/2017/06/26.html#a080605", a.Url);
        Assert.Equal(MatchReason.None, DuplicateRule.Match(a, b));
    }

    [Fact]
    public void Match_ShortGenericTitleAndTextAcrossSources_None()
    {
        // Arrange
        var a = Post("lab", "Team update", "https://lab.example/team", Day, Summary);
        var b = Post("other", "Team update", "https://other.example/team", Day, Summary);

        // Act & Assert
        Assert.Equal(MatchReason.None, DuplicateRule.Match(a, b));
    }

    [Fact]
    public void Match_PageMovedWithinSite_MovedPageWithoutWindow()
    {
        // Arrange: DeepMind moved /discover/blog/x/ to /blog/x/ and re-dated the item.
        var a = Post("google-deepmind", "Exploring the context of online images with Backstory", "https://deepmind.google/discover/blog/backstory/", Day);
        var b = Post("google-deepmind", "Exploring the context of online images with Backstory", "https://deepmind.google/blog/backstory/", Day.AddDays(90));

        // Act & Assert
        Assert.Equal(MatchReason.MovedPage, DuplicateRule.Match(a, b));
    }

    [Fact]
    public void Match_CopiedSummaryUnderNewHeadline_None()
    {
        // Arrange: the text alone is not enough; a re-headlined copy is a related story, not the same entry.
        var a = Post("lab", "Orca 3 is here", "https://lab.example/orca", Day, Summary);
        var b = Post("letter", "The lab's big release", "https://letter.example/p/1", Day.AddDays(1), Summary);

        // Act & Assert
        Assert.Equal(MatchReason.None, DuplicateRule.Match(a, b));
    }

    [Fact]
    public void Match_DifferentModelVersions_None()
    {
        // Arrange
        var a = Post("lab", "Introducing Gemini 2 Flash today", "https://lab.example/g2", Day, Summary);
        var b = Post("letter", "Introducing Gemini 3 Flash today", "https://letter.example/g3", Day, Summary);

        // Act & Assert
        Assert.Equal(MatchReason.None, DuplicateRule.Match(a, b));
    }

    [Fact]
    public void RepeatsText_SourceGivesTwoItemsOneSummary_NoLongerEvidence()
    {
        // Arrange: Meta sends one boilerplate summary with two different posts; an aggregator copies one.
        var first = Post("meta", "Sharing new research, models, and datasets from Meta FAIR", "https://ai.meta.com/blog/fair-a/", Day, Summary);
        var second = Post("meta", "Sharing new research, models, and datasets from Meta FAIR", "https://ai.meta.com/blog/fair-b/", Day.AddDays(2), Summary);
        var copy = Post("aggregator", "Sharing new research, models, and datasets from Meta FAIR", "https://aggregator.example/fair-b", Day.AddDays(2), Summary);

        // Act
        var repeats = DuplicateRule.RepeatsText(first, second);
        var before = DuplicateRule.Match(first, copy);
        first.TextRepeated = second.TextRepeated = true;

        // Assert
        Assert.True(repeats);
        Assert.False(DuplicateRule.RepeatsText(first, copy));
        Assert.Equal(MatchReason.TitleAndText, before);
        Assert.Equal(MatchReason.None, DuplicateRule.Match(first, copy));
        Assert.Equal(MatchReason.TitleAndText, DuplicateRule.Match(first, copy, honourRepeats: false));
    }

    [Fact]
    public void RepeatsText_StockSentenceUnderOtherTitles_BoilerplateEverywhere()
    {
        // Arrange: two blogs close a post with the same stock sentence; two more run one headline with it.
        const string Stock = "Thanks to the many people who reviewed early drafts of this post, any errors in it are mine alone.";
        var a = Post("blog-a", "KV-cache quantization explained for everyone", "https://a.example/kv", Day, Stock);
        var b = Post("blog-b", "Model merging explained for everyone", "https://b.example/merging", Day, Stock);
        var c = Post("blog-c", "Model merging explained for everyone", "https://c.example/merging", Day, Stock);

        // Act
        var stock = DuplicateRule.RepeatsText(a, b);
        var sameHeadline = DuplicateRule.RepeatsText(b, c);
        a.TextRepeated = b.TextRepeated = c.TextRepeated = true;

        // Assert: the sentence stands under two stories, so it tells neither; b and c share only a title.
        Assert.True(stock);
        Assert.False(sameHeadline);
        Assert.Equal(MatchReason.None, DuplicateRule.Match(b, c));
    }

    private static AiFeed.Model.Post Post(string source, string title, string url, DateTime published, string summary = "", string? content = null, bool keepFragment = false) =>
        CorpusPosts.Create(source, $"{source}-{title.GetHashCode(StringComparison.Ordinal)}-{published.Ticks}", title, UrlCanonicalizer.Canonicalize(url, keepFragment), summary, published, content);
}
