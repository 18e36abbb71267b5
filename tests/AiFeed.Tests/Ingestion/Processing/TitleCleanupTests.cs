using System.Text.RegularExpressions;
using AiFeed.Catalog;
using AiFeed.Ingestion.Processing;
using AiFeed.Model;

namespace AiFeed.Tests.Ingestion.Processing;

public sealed class TitleCleanupTests
{
    private static readonly DateTimeOffset Known = new(2026, 8, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Apply_GluedDateAndLabel_StrippedAndTheDateUsedWhenTheItemHasNone()
    {
        // Arrange
        var source = Source(stripDate: true, prefixes: ["Science", "Policy"]);

        // Act
        var undated = TitleCleanup.Apply(source, new FeedItem { Title = "Aug 18, 2026ScienceHow Claude is used in labs" });
        var dated = TitleCleanup.Apply(source, new FeedItem { Title = "Aug 18, 2026Policy: A framework", PublishedAt = Known });

        // Assert
        Assert.Equal(("How Claude is used in labs", new DateTimeOffset(2026, 8, 18, 0, 0, 0, TimeSpan.Zero)), (undated.Title, undated.PublishedAt));
        Assert.Equal(("A framework", Known), (dated.Title, dated.PublishedAt));
    }

    [Theory]
    [InlineData("AIs are getting better", "AIs are getting better")]
    [InlineData("AI: the year in review", "the year in review")]
    [InlineData("AIThe year in review", "The year in review")]
    [InlineData("AI", "AI")]
    public void Apply_Prefix_StrippedOnlyWhereItIsALabel(string title, string expected)
    {
        // Act
        var cleaned = TitleCleanup.Apply(Source(prefixes: ["AI"]), new FeedItem { Title = title });

        // Assert
        Assert.Equal(expected, cleaned.Title);
    }

    [Fact]
    public void Apply_Replacements_RunInOrderAfterTheOtherCleanUps()
    {
        // Arrange
        var source = Source(stripDate: true, replacements: [(@"^(?<lab>\w+) announces ", "${lab}: "), (@"\s+\|\s+Lab Blog$", "")]);

        // Act
        var cleaned = TitleCleanup.Apply(source, new FeedItem { Title = "Mistral announces Magistral 2 | Lab Blog — Nov 3, 2026" });

        // Assert
        Assert.Equal("Mistral: Magistral 2", cleaned.Title);
    }

    [Fact]
    public void Apply_ReplacementThatTimesOut_SkippedAndTheRestApplies()
    {
        // Arrange: catastrophic backtracking on a long run of x's with no y.
        var source = Source(replacements: [("(x+x+)+y", "z"), ("^Title", "Name")]);
        var title = "Title " + new string('x', 40);

        // Act
        var cleaned = TitleCleanup.Apply(source, new FeedItem { Title = title });

        // Assert
        Assert.Equal("Name " + new string('x', 40), cleaned.Title);
    }

    [Fact]
    public void Apply_CleanUpLeavesNothing_KeepsTheTitle()
    {
        // Act
        var cleaned = TitleCleanup.Apply(Source(replacements: [(".*", "")]), new FeedItem { Title = "Keep me" });

        // Assert
        Assert.Equal("Keep me", cleaned.Title);
    }

    private static SourceDefinition Source(bool stripDate = false, string[]? prefixes = null, (string Pattern, string Replacement)[]? replacements = null) => new()
    {
        Id = "lab",
        Name = "Lab",
        Site = "https://lab.example/news",
        TitleStripDate = stripDate,
        TitleStripPrefixes = prefixes ?? [],
        TitleReplace = [.. (replacements ?? []).Select(r => new TitleReplacement { Pattern = new Regex(r.Pattern, RegexOptions.CultureInvariant, Taxonomy.RegexTimeout), Replacement = r.Replacement })],
    };
}
