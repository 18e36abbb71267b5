using AiFeed.Endpoints;
using AiFeed.Learning;

namespace AiFeed.Tests.Endpoints;

/// <summary>The one query-value parser: values, fallbacks, and the 400 messages the API documents.</summary>
public sealed class QueryValuesTests
{
    [Theory]
    [InlineData(null, 50, null)]
    [InlineData("7", 7, null)]
    [InlineData("100", 100, null)]
    [InlineData("0", 50, "'0' is not a whole number from 1 to 100")]
    [InlineData("101", 50, "'101' is not a whole number from 1 to 100")]
    [InlineData("+5", 50, "'+5' is not a whole number from 1 to 100")]
    [InlineData(" 5", 50, "' 5' is not a whole number from 1 to 100")]
    [InlineData("٣", 50, "'٣' is not a whole number from 1 to 100")]
    [InlineData("99999999999", 50, "'99999999999' is not a whole number from 1 to 100")]
    public void Whole_Value_NumberOrFallbackWithMessage(string? text, int expected, string? message)
    {
        // Arrange
        var values = new QueryValues();

        // Act
        var limit = values.Whole(text, "limit", 50, 1, 100);

        // Assert
        Assert.Equal(expected, limit);
        Assert.Equal(message, values.Errors.GetValueOrDefault("limit")?.Single());
    }

    [Fact]
    public void Whole_EvenAndExpected_NameWhatWasExpected()
    {
        // Arrange
        var values = new QueryValues();

        // Act
        values.Whole("3", "dModel", 64, 2, 512, even: true);
        values.Whole("0", "version", 0, 1, int.MaxValue, expected: "a version number (1, 2, …)");

        // Assert
        Assert.Equal("'3' is not an even whole number from 2 to 512", values.Errors["dModel"].Single());
        Assert.Equal("'0' is not a version number (1, 2, …)", values.Errors["version"].Single());
        Assert.IsType<Microsoft.AspNetCore.Http.HttpResults.ValidationProblem>(values.Problem());
    }

    [Theory]
    [InlineData("2026-11-26", null, null, null)]
    [InlineData("2026-13-01", null, null, "'2026-13-01' is not a date in the form yyyy-MM-dd")]
    [InlineData("26/11/2026", null, "'latest'", "'26/11/2026' is not a date in the form yyyy-MM-dd, or 'latest'")]
    [InlineData("2026-11-19", "2026-11-20", null, "'2026-11-19' is not a date in the form yyyy-MM-dd from 2026-11-20 on")]
    public void Day_Value_DayOrMessage(string text, string? from, string? orElse, string? message)
    {
        // Arrange
        var values = new QueryValues();

        // Act
        var day = values.Day(text, "date", from is null ? null : DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), orElse);

        // Assert
        Assert.Equal(message is null, day is not null);
        Assert.Equal(message, values.Errors.GetValueOrDefault("date")?.Single());
    }

    [Fact]
    public void BooleanInstantOneOfTheme_BadValues_OneMessageEach()
    {
        // Arrange
        var values = new QueryValues();

        // Act
        var expand = values.Boolean("yes", "expand");
        var since = values.Instant("last week", "since");
        var format = values.OneOf("pdf", "format", "json", ["json", "html"]);
        var theme = values.Theme("blue");

        // Assert
        Assert.False(expand);
        Assert.Null(since);
        Assert.Equal("json", format);
        Assert.Equal(SvgTheme.Auto, theme);
        Assert.Equal(
            ["'yes' is not true or false", "'last week' is not an ISO 8601 date or date-time", "'pdf' is not one of json, html", "'blue' is not auto, light or dark"],
            values.Errors.Values.Select(v => v.Single()));
    }

    [Fact]
    public void Instant_WithoutOffset_IsUtc()
    {
        // Act
        var since = new QueryValues().Instant("2026-11-26T08:00", "since");

        // Assert
        Assert.Equal(new DateTime(2026, 11, 26, 8, 0, 0, DateTimeKind.Utc), since);
    }

    [Fact]
    public void Tags_RepeatedAndCommaSeparated_TrimmedLowerCaseDistinct()
    {
        // Act
        var tags = QueryValues.Tags(["LLM, agents", "llm,,Safety "]);

        // Assert
        Assert.Equal(["llm", "agents", "safety"], tags);
    }
}
