using AiFeed.Ingestion;

namespace AiFeed.Tests.Ingestion;

/// <summary>
/// Failures back off from a minute (1, 2, 4 … minutes up to the catalog's maxBackoff), not from the
/// source's interval, so a first start without network fills the site soon after the network is back.
/// </summary>
public sealed class NextCheckTests
{
    private static readonly DateTime Now = new(2026, 12, 5, 8, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(6, 32)]
    [InlineData(7, 60)]
    [InlineData(40, 60)]
    public void AfterError_ConsecutiveErrors_DoublesFromAMinuteUpToMaxBackoff(int errors, int minutes)
    {
        // Act: no jitter (0.5 is the middle of ±10 %)
        var next = NextCheck.AfterError(Now, TimeSpan.FromHours(2), errors, maxBackoff: TimeSpan.FromHours(1), retryAfter: null, jitter: 0.5);

        // Assert
        Assert.Equal(TimeSpan.FromMinutes(minutes), next - Now);
    }

    [Theory]
    [InlineData(0.0, 54)]
    [InlineData(1.0, 66)]
    public void AfterError_Jitter_TenPercentEitherWay(double jitter, int seconds)
    {
        // Act
        var next = NextCheck.AfterError(Now, TimeSpan.FromHours(2), 1, TimeSpan.FromHours(1), null, jitter);

        // Assert
        Assert.Equal(TimeSpan.FromSeconds(seconds), next - Now);
    }

    [Fact]
    public void AfterError_IntervalShorterThanAMinute_StartsFromTheInterval()
    {
        // Act
        var next = NextCheck.AfterError(Now, TimeSpan.FromSeconds(20), 1, TimeSpan.FromHours(1), null, 0.5);

        // Assert
        Assert.Equal(TimeSpan.FromSeconds(20), next - Now);
    }

    [Theory]
    [InlineData(30, 30)]
    [InlineData(0.5, 1)]
    public void AfterError_RetryAfter_WinsOnlyWhenLonger(double retryAfterMinutes, double minutes)
    {
        // Act
        var next = NextCheck.AfterError(Now, TimeSpan.FromHours(2), 1, TimeSpan.FromHours(1), TimeSpan.FromMinutes(retryAfterMinutes), 0.5);

        // Assert
        Assert.Equal(TimeSpan.FromMinutes(minutes), next - Now);
    }
}
