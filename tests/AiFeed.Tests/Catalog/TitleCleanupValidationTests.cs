using AiFeed.Catalog;
using static AiFeed.Tests.Catalog.CatalogAssert;

namespace AiFeed.Tests.Catalog;

/// <summary>A source's title clean-up keys: read as given; errors positioned at the value at fault.</summary>
public sealed class TitleCleanupValidationTests
{
    // The clean-up keys start on line 4, column 7.
    private static string Catalog(string keys) => $$"""
        {
          "feeds": [
            { "id": "a", "name": "A", "site": "https://a.example/news",
              {{keys}} }
          ]
        }
        """;

    [Fact]
    public void TitleCleanUp_AllKeys_AreRead()
    {
        // Arrange
        var json = Catalog("""
            "titleStripDate": true, "titleStripPrefixes": ["Science", "News: "],
                  "titleReplace": [{ "pattern": "^(?<lab>\\w+) announces ", "replacement": "${lab}: " }, { "pattern": "\\s+\\|.*$" }]
            """);

        // Act
        var source = Valid(json).Sources[0];

        // Assert
        Assert.True(source.TitleStripDate);
        Assert.Equal(["Science", "News: "], source.TitleStripPrefixes);
        Assert.Equal(2, source.TitleReplace.Count);
        Assert.Equal("${lab}: ", source.TitleReplace[0].Replacement);
        Assert.Equal(string.Empty, source.TitleReplace[1].Replacement);
        Assert.Equal(Taxonomy.RegexTimeout, source.TitleReplace[0].Pattern.MatchTimeout);
        Assert.True(source.CleansTitles);
    }

    [Theory]
    [InlineData("""
        "titleReplace": [{ "pattern": "(unclosed" }]
        """, "feeds.json:4:37: feeds[0].titleReplace[0].pattern: invalid regex: Invalid pattern '(unclosed' at offset 9. Not enough )'s.")]
    [InlineData("""
        "titleReplace": [{ "pattern": "^(\\w+) (\\w+)", "replacement": "$2 $3" }]
        """, "feeds.json:4:70: feeds[0].titleReplace[0].replacement: '$3' names no group of the pattern (it has 0, 1, 2)")]
    [InlineData("""
        "titleReplace": [{ "pattern": "^(?<lab>\\w+)", "replacement": "${lib}" }]
        """, "feeds.json:4:69: feeds[0].titleReplace[0].replacement: '${lib}' names no group of the pattern (it has 0, lab)")]
    [InlineData("""
        "titleReplace": [{ "replacement": "x" }]
        """, "feeds.json:4:24: feeds[0].titleReplace[0]: missing required key 'pattern'")]
    [InlineData("""
        "titleReplace": [{ "pattern": "x", "with": "y" }]
        """, "feeds.json:4:42: feeds[0].titleReplace[0].with: unknown key")]
    [InlineData("""
        "titleReplace": { "pattern": "x" }
        """, "feeds.json:4:23: feeds[0].titleReplace: expected an array, found an object")]
    [InlineData("""
        "titleStripPrefixes": ["Science", " "]
        """, "feeds.json:4:41: feeds[0].titleStripPrefixes[1]: must not be empty")]
    [InlineData("""
        "titleStripDate": "yes"
        """, "feeds.json:4:25: feeds[0].titleStripDate: expected a boolean, found a string")]
    public void TitleCleanUp_BadValue_ReportsItsPosition(string keys, string error)
    {
        // Act
        var errors = Errors(Catalog(keys.Trim()));

        // Assert
        Assert.Equal([error], errors);
    }
}
