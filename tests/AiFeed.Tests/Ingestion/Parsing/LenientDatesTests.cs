using System.Globalization;
using AiFeed.Ingestion.Parsing;

namespace AiFeed.Tests.Ingestion.Parsing;

public sealed class LenientDatesTests
{
    public static TheoryData<string, string> Rfc822Variants => new()
    {
        { "Tue, 10 Jun 2003 04:00:00 GMT", "2003-06-10T04:00:00Z" },
        { "Tue, 10 Jun 2003 04:00:00 UTC", "2003-06-10T04:00:00Z" },
        { "Tue, 10 Jun 2003 04:00:00 UT", "2003-06-10T04:00:00Z" },
        { "Tue, 10 Jun 2003 04:00:00 Z", "2003-06-10T04:00:00Z" },
        { "Tue, 10 Jun 2003 04:00:00 +0000", "2003-06-10T04:00:00Z" },
        { "Tue, 10 Jun 2003 04:00:00 -0000", "2003-06-10T04:00:00Z" },
        { "Tue, 10 Jun 2003 04:00:00 +0530", "2003-06-09T22:30:00Z" },
        { "Tue, 10 Jun 2003 04:00:00 -07:00", "2003-06-10T11:00:00Z" },
        { "Tue, 10 Jun 2003 04:00:00 EST", "2003-06-10T09:00:00Z" },
        { "Tue, 10 Jun 2003 04:00:00 EDT", "2003-06-10T08:00:00Z" },
        { "Tue, 10 Jun 2003 04:00:00 PST", "2003-06-10T12:00:00Z" },
        { "Tue, 10 Jun 2003 04:00:00 PDT", "2003-06-10T11:00:00Z" },
        { "Tue, 10 Jun 2003 04:00:00 CET", "2003-06-10T03:00:00Z" },
        { "Tue, 10 Jun 2003 04:00:00 CEST", "2003-06-10T02:00:00Z" },
        { "Tue, 10 Jun 2003 04:00:00 BST", "2003-06-10T03:00:00Z" },
        { "Tue, 10 Jun 2003 04:00:00 IST", "2003-06-09T22:30:00Z" },
        { "Tue, 10 Jun 2003 04:00:00 JST", "2003-06-09T19:00:00Z" },
        { "Tue, 10 Jun 2003 04:00:00 AEST", "2003-06-09T18:00:00Z" },
        { "Tue, 10 Jun 2003 04:00:00 +0000 (UTC)", "2003-06-10T04:00:00Z" },
        { "Sat, 7 Jun 2003 04:00:00 GMT", "2003-06-07T04:00:00Z" },
        { "Tue, 10 Jun 2003 04:00 GMT", "2003-06-10T04:00:00Z" },
        { "Wed, 10 Jun 2003 04:00:00 GMT", "2003-06-10T04:00:00Z" },
        { "Wed, 10 Sept 2003 04:00:00 GMT", "2003-09-10T04:00:00Z" },
        { "Tue, 10 Jun 03 04:00:00 GMT", "2003-06-10T04:00:00Z" },
        { "Tue, 10 Jun 99 04:00:00 GMT", "1999-06-10T04:00:00Z" },
        { "Tuesday, 10 June 2003 04:00:00 GMT", "2003-06-10T04:00:00Z" },
        { "tue, 10 jun 2003 04:00:00 gmt", "2003-06-10T04:00:00Z" },
        { "Tue,10 Jun 2003 04:00:00 GMT", "2003-06-10T04:00:00Z" },
        { "Tue, 10 Jun 2003 04:00:00", "2003-06-10T04:00:00Z" },
        { "10 Jun 2003 04:00:00 +0100", "2003-06-10T03:00:00Z" },
        { "Tue, 10 Jun 2003", "2003-06-10T00:00:00Z" },
    };

    public static TheoryData<string, string> Iso8601Variants => new()
    {
        { "2003-12-13T18:30:02Z", "2003-12-13T18:30:02Z" },
        { "2003-12-13T18:30:02.25Z", "2003-12-13T18:30:02.25Z" },
        { "2003-12-13T18:30:02+01:00", "2003-12-13T17:30:02Z" },
        { "2003-12-13T18:30:02+0100", "2003-12-13T17:30:02Z" },
        { "2003-12-13t18:30:02z", "2003-12-13T18:30:02Z" },
        { "2003-12-13 18:30:02Z", "2003-12-13T18:30:02Z" },
        { "2003-12-13T18:30Z", "2003-12-13T18:30:00Z" },
        { "2003-12-13T18:30:02", "2003-12-13T18:30:02Z" },
        { "2018-01-06T08:00", "2018-01-06T08:00:00Z" },
        { "2003-12-13", "2003-12-13T00:00:00Z" },
        { "2003-12-13T18:30:02.123456789Z", "2003-12-13T18:30:02.1234567Z" },
        { "  2003-12-13T18:30:02Z \n", "2003-12-13T18:30:02Z" },
    };

    [Theory]
    [MemberData(nameof(Rfc822Variants))]
    [MemberData(nameof(Iso8601Variants))]
    public void TryParse_RealWorldVariant_ReturnsUtcInstant(string text, string expected)
    {
        // Arrange
        var instant = DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture);

        // Act
        var parsed = LenientDates.TryParse(text, out var value);

        // Assert
        Assert.True(parsed, text);
        Assert.Equal(instant, value);
        Assert.Equal(TimeSpan.Zero, value.Offset);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not a date")]
    [InlineData("Tue, 31 Feb 2003 04:00:00 GMT")]
    [InlineData("2003-13-45")]
    public void TryParse_Garbage_ReturnsFalse(string? text)
    {
        // Arrange
        // Act
        var parsed = LenientDates.TryParse(text, out _);

        // Assert
        Assert.False(parsed);
    }

    [Fact]
    public void TryParse_UnderGermanCulture_StillUsesInvariantRules()
    {
        // Arrange
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");

        try
        {
            // Act
            var parsed = LenientDates.TryParse("Tue, 10 Jun 2003 04:00:00 GMT", out var value);

            // Assert
            Assert.True(parsed);
            Assert.Equal(new DateTimeOffset(2003, 6, 10, 4, 0, 0, TimeSpan.Zero), value);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
