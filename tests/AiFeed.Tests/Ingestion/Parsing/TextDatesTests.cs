using AiFeed.Ingestion.Parsing;

namespace AiFeed.Tests.Ingestion.Parsing;

public sealed class TextDatesTests
{
    [Theory]
    [InlineData("Aug 18, 2026ScienceHow Claude is used", "2026-08-18", 0)]
    [InlineData("ProductAug 7, 2026Improving safeguards", "2026-08-07", 7)]
    [InlineData("Published 18 August 2026 · 5 min read", "2026-08-18", 10)]
    [InlineData("Sept. 3rd, 2026", "2026-09-03", 0)]
    [InlineData("updated 2026-08-18T09:30:00Z", "2026-08-18", 8)]
    [InlineData("(2026/8/18)", "2026-08-18", 1)]
    [InlineData("NOVEMBER 17, 2026", "2026-11-17", 0)]
    public void Find_DateInText_DayAndWhereItStarts(string text, string date, int index)
    {
        // Act
        var found = TextDates.Find(text);

        // Assert
        Assert.NotNull(found);
        Assert.Equal((date, index, true), (found.Value.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), found.Value.Index, found.Value.DayPrecision));
    }

    [Theory]
    [InlineData("The dismay 2026 report")]
    [InlineData("Augmented 7, 2026")]
    [InlineData("Feb 30, 2026")]
    [InlineData("12/08/2026")]
    [InlineData("GPT-5 and 2026 plans")]
    public void Find_NoDate_Null(string text)
    {
        // Act
        var found = TextDates.Find(text);

        // Assert
        Assert.Null(found);
    }

    [Fact]
    public void Find_MonthAndYearOnly_MonthPrecision()
    {
        // Act
        var found = TextDates.Find("Posted in August 2026");

        // Assert
        Assert.Equal((new DateTimeOffset(2026, 8, 1, 0, 0, 0, TimeSpan.Zero), false), (found!.Value.Date, found.Value.DayPrecision));
    }

    [Theory]
    [InlineData("https://lab.example/2026/08/18/slug/", "2026-08-18", true)]
    [InlineData("https://lab.example/posts/2026-08-18-slug/", "2026-08-18", true)]
    [InlineData("https://lab.example/research/2026/08/18/slug.html", "2026-08-18", true)]
    [InlineData("https://lab.example/2026/08/slug/", "2026-08-01", false)]
    public void FromUrl_DateInPath_Read(string url, string date, bool day)
    {
        // Act
        var found = TextDates.FromUrl(new Uri(url));

        // Assert
        Assert.Equal((date, day), (found!.Value.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), found.Value.DayPrecision));
    }

    [Theory]
    [InlineData("https://lab.example/news/gpt-2026-plans")]
    [InlineData("https://lab.example/publications/20260818/")]
    public void FromUrl_NoDate_Null(string url)
    {
        // Act
        var found = TextDates.FromUrl(new Uri(url));

        // Assert
        Assert.Null(found);
    }

    [Theory]
    [InlineData("Aug 18, 2026ScienceHow Claude is used", "ScienceHow Claude is used")]
    [InlineData("How Claude works · Aug 18, 2026", "How Claude works")]
    [InlineData("18 August 2026 | A framework for safety", "A framework for safety")]
    [InlineData("The 2026 AI Index", "The 2026 AI Index")]
    [InlineData("What changed on Aug 18, 2026 for agents", "What changed on Aug 18, 2026 for agents")]
    [InlineData("Aug 18, 2026", "Aug 18, 2026")]
    public void StripFromEdges_DateAtEitherEnd_Removed(string title, string expected)
    {
        // Act
        var stripped = TextDates.StripFromEdges(title, out _);

        // Assert
        Assert.Equal(expected, stripped);
    }
}
