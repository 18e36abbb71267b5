using AiFeed.Ingestion.Processing;
using AiFeed.Ingestion.Processing.Clustering;

namespace AiFeed.Tests.Ingestion.Processing;

public sealed class DuplicateRuleTests
{
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
    public void Match_NearIdenticalTitlesWithinWindow_SameTitle()
    {
        // Arrange: quotes, case and punctuation differ.
        var a = Post("lab", "Introducing Orca 3: open weights for everyone", "https://lab.example/orca", Day);
        var b = Post("letter", "Introducing “ORCA 3” — open weights, for everyone!", "https://letter.example/orca", Day.AddDays(2));

        // Act & Assert
        Assert.Equal(MatchReason.SameTitle, DuplicateRule.Match(a, b));
    }

    [Fact]
    public void Match_SameTitleOutsideWindow_None()
    {
        // Arrange
        var a = Post("lab", "Introducing our new safety framework", "https://lab.example/a", Day);
        var b = Post("other", "Introducing our new safety framework", "https://other.example/b", Day + DuplicateRule.TitleWindow + TimeSpan.FromHours(1));

        // Act & Assert
        Assert.Equal(MatchReason.None, DuplicateRule.Match(a, b));
    }

    [Fact]
    public void Match_SameTitleSameSourceDifferentLinks_None()
    {
        // Arrange: OpenAI's two "Team update" posts, and Meta's recurring FAIR title, on the same day.
        var a = Post("openai", "Sharing new research, models, and datasets from Meta FAIR", "https://ai.meta.com/blog/fair-a/", Day);
        var b = Post("openai", "Sharing new research, models, and datasets from Meta FAIR", "https://ai.meta.com/blog/fair-b/", Day);
        var c = Post("openai", "Team update", "https://openai.com/index/team-update/", Day);
        var d = Post("openai", "Team update", "https://openai.com/index/team-update-2/", Day);

        // Act & Assert
        Assert.Equal(MatchReason.None, DuplicateRule.Match(a, b));
        Assert.Equal(MatchReason.None, DuplicateRule.Match(c, d));
    }

    [Fact]
    public void Match_ShortGenericTitleAcrossSources_None()
    {
        // Arrange
        var a = Post("lab", "Team update", "https://lab.example/team", Day);
        var b = Post("other", "Team update", "https://other.example/team", Day);

        // Act & Assert
        Assert.Equal(MatchReason.None, DuplicateRule.Match(a, b));
    }

    [Fact]
    public void Match_PageMovedWithinSite_SameTitleWithoutWindow()
    {
        // Arrange: DeepMind moved /discover/blog/x/ to /blog/x/ and re-dated the item.
        var a = Post("google-deepmind", "Exploring the context of online images with Backstory", "https://deepmind.google/discover/blog/backstory/", Day);
        var b = Post("google-deepmind", "Exploring the context of online images with Backstory", "https://deepmind.google/blog/backstory/", Day.AddDays(90));

        // Act & Assert
        Assert.Equal(MatchReason.SameTitle, DuplicateRule.Match(a, b));
    }

    [Fact]
    public void Match_CopiedSummaryUnderNewHeadline_SameText()
    {
        // Arrange
        const string Summary = "We trained a sparse mixture of experts model on public code and text and release the weights, an evaluation harness and a technical report.";
        var a = Post("lab", "Orca 3 is here", "https://lab.example/orca", Day, Summary);
        var b = Post("letter", "The lab's big release", "https://letter.example/p/1", Day.AddDays(1), Summary);

        // Act & Assert
        Assert.Equal(MatchReason.SameText, DuplicateRule.Match(a, b));
    }

    [Fact]
    public void Match_DifferentModelVersions_None()
    {
        // Arrange
        var a = Post("lab", "Introducing Gemini 2 Flash", "https://lab.example/g2", Day);
        var b = Post("letter", "Introducing Gemini 3 Flash", "https://letter.example/g3", Day);

        // Act & Assert
        Assert.Equal(MatchReason.None, DuplicateRule.Match(a, b));
    }

    private static AiFeed.Model.Post Post(string source, string title, string url, DateTime published, string summary = "") =>
        CorpusPosts.Create(source, $"{source}-{title.GetHashCode(StringComparison.Ordinal)}-{published.Ticks}", title, UrlCanonicalizer.Canonicalize(url), summary, published);
}
