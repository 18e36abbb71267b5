namespace AiFeed.Publishing.Newsletter;

/// <summary>Calendar days of the newsletter's time zone, and the moment each day's issue is due.</summary>
public static class NewsletterCalendar
{
    /// <summary>The date it is at <paramref name="now"/> in <paramref name="zone"/>.</summary>
    public static DateOnly Today(DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
    }

    /// <summary>
    /// The UTC moment of <paramref name="time"/> on <paramref name="date"/> in <paramref name="zone"/>. A time the
    /// clocks skip (spring forward) moves to the first valid minute after the gap; a time that occurs twice
    /// (fall back) is its first occurrence, so the issue never waits an extra hour.
    /// </summary>
    public static DateTime DueAt(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        if (zone.IsAmbiguousTime(local))
        {
            // The larger offset is the daylight one, which comes first.
            var offset = zone.GetAmbiguousTimeOffsets(local).Max();
            return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    /// <summary>The moment <paramref name="utc"/> as a date in <paramref name="zone"/>, for printing.</summary>
    public static DateTime Local(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
}
