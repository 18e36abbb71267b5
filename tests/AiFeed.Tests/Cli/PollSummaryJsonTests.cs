using System.Text.Json;
using AiFeed.Cli;
using AiFeed.Ingestion;

namespace AiFeed.Tests.Cli;

/// <summary><c>aifeed poll --json</c>'s line, written by hand, is byte for byte what JsonSerializer writes for the summary.</summary>
public sealed class PollSummaryJsonTests
{
    public static TheoryData<int, long, double> Summaries => new()
    {
        { 0, 0, 0 },
        { 500, 9_684, 0.211 },
        { 47, 9_729, 10.392 },
        { 1, long.MaxValue, 0.1 + 0.2 },
        { int.MaxValue, 3_000_000_000, 123_456.789 },
        { 3, 12, 1e-3 },
        { 7, 70, 12_345_678_901.5 },
    };

    [Theory]
    [MemberData(nameof(Summaries))]
    public void Write_AnySummary_MatchesJsonSerializer(int count, long stored, double elapsed)
    {
        // Arrange: every member a different value, so a member written under another's name shows; a
        // member added to PollSummary and not to the hand-written line shows as a difference too.
        var summary = new PollSummary
        {
            Sources = count,
            Ok = count / 2,
            NotModified = count / 3,
            FetchErrors = count / 5,
            ParseErrors = count / 7,
            ScrapeBroken = count / 11,
            Items = count * 3,
            NewPosts = count / 13,
            UpdatedPosts = count / 17,
            StoredPosts = stored,
            ElapsedSeconds = elapsed,
        };

        // Act
        var written = PollSummaryJson.Write(summary);

        // Assert
        Assert.Equal(JsonSerializer.Serialize(summary), written);
    }
}
