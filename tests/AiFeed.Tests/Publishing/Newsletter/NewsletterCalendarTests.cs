using AiFeed.Publishing.Newsletter;

namespace AiFeed.Tests.Publishing.Newsletter;

/// <summary>Which day it is in a zone, and when a day's issue is due across daylight-saving changes.</summary>
public sealed class NewsletterCalendarTests
{
    private static TimeZoneInfo Zone(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);

    [Theory]
    [InlineData("2026-11-26T10:59:59Z", "Pacific/Auckland", "2026-11-26")]
    [InlineData("2026-11-26T11:00:00Z", "Pacific/Auckland", "2026-11-27")]
    [InlineData("2026-11-27T07:59:59Z", "America/Los_Angeles", "2026-11-26")]
    [InlineData("2026-11-27T08:00:00Z", "America/Los_Angeles", "2026-11-27")]
    [InlineData("2026-11-26T23:59:59Z", "UTC", "2026-11-26")]
    public void Today_AroundLocalMidnight_LocalDate(string now, string zone, string expected)
    {
        // Act
        var today = NewsletterCalendar.Today(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), Zone(zone));

        // Assert
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), today);
    }

    [Theory]
    [InlineData("2026-11-26", "07:00", "Europe/Berlin", "2026-11-26T06:00:00Z")]
    [InlineData("2026-07-01", "07:00", "Europe/Berlin", "2026-07-01T05:00:00Z")]
    // 02:30 does not exist in New York on 8 March 2026: the first minute after the gap is 03:00 EDT.
    [InlineData("2026-03-08", "02:30", "America/New_York", "2026-03-08T07:00:00Z")]
    // 01:30 happens twice on 1 November 2026: the first time (EDT) is the one.
    [InlineData("2026-11-01", "01:30", "America/New_York", "2026-11-01T05:30:00Z")]
    public void DueAt_IncludingDaylightSavingChanges_FirstValidMoment(string date, string time, string zone, string expected)
    {
        // Act
        var due = NewsletterCalendar.DueAt(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture), Zone(zone));

        // Assert
        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal), due);
        Assert.Equal(DateTimeKind.Utc, due.Kind);
    }
}
