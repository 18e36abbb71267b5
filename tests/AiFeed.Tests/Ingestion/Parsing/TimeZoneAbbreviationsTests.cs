using AiFeed.Ingestion.Parsing;

namespace AiFeed.Tests.Ingestion.Parsing;

/// <summary>Named zones of RFC 822 dates: every name the lookup knows, in any case, and nothing else.</summary>
public sealed class TimeZoneAbbreviationsTests
{
    // The table the lookup was a case-insensitive ordinal dictionary of, before it became a switch.
    private static readonly Dictionary<string, TimeSpan> Reference = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UT"] = TimeSpan.Zero,
        ["UTC"] = TimeSpan.Zero,
        ["GMT"] = TimeSpan.Zero,
        ["Z"] = TimeSpan.Zero,
        ["WET"] = TimeSpan.Zero,
        ["WEST"] = TimeSpan.FromHours(1),
        ["BST"] = TimeSpan.FromHours(1),
        ["CET"] = TimeSpan.FromHours(1),
        ["MET"] = TimeSpan.FromHours(1),
        ["CEST"] = TimeSpan.FromHours(2),
        ["MEST"] = TimeSpan.FromHours(2),
        ["EET"] = TimeSpan.FromHours(2),
        ["EEST"] = TimeSpan.FromHours(3),
        ["MSK"] = TimeSpan.FromHours(3),
        ["IST"] = new TimeSpan(5, 30, 0),
        ["SGT"] = TimeSpan.FromHours(8),
        ["HKT"] = TimeSpan.FromHours(8),
        ["AWST"] = TimeSpan.FromHours(8),
        ["JST"] = TimeSpan.FromHours(9),
        ["KST"] = TimeSpan.FromHours(9),
        ["ACST"] = new TimeSpan(9, 30, 0),
        ["ACDT"] = new TimeSpan(10, 30, 0),
        ["AEST"] = TimeSpan.FromHours(10),
        ["AEDT"] = TimeSpan.FromHours(11),
        ["NZST"] = TimeSpan.FromHours(12),
        ["NZDT"] = TimeSpan.FromHours(13),
        ["AST"] = TimeSpan.FromHours(-4),
        ["ADT"] = TimeSpan.FromHours(-3),
        ["EST"] = TimeSpan.FromHours(-5),
        ["EDT"] = TimeSpan.FromHours(-4),
        ["CST"] = TimeSpan.FromHours(-6),
        ["CDT"] = TimeSpan.FromHours(-5),
        ["MST"] = TimeSpan.FromHours(-7),
        ["MDT"] = TimeSpan.FromHours(-6),
        ["PST"] = TimeSpan.FromHours(-8),
        ["PDT"] = TimeSpan.FromHours(-7),
        ["AKST"] = TimeSpan.FromHours(-9),
        ["AKDT"] = TimeSpan.FromHours(-8),
        ["HST"] = TimeSpan.FromHours(-10),
    };

    [Fact]
    public void TryGetOffset_EveryKnownNameInAnyCase_TheTablesOffset()
    {
        foreach (var (name, expected) in Reference)
        {
            foreach (var spelling in new[] { name, name.ToLowerInvariant(), char.ToLowerInvariant(name[0]) + name[1..] })
            {
                // Act
                var found = TimeZoneAbbreviations.TryGetOffset(spelling, out var offset);

                // Assert
                Assert.True(found, spelling);
                Assert.Equal(expected, offset);
            }
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("XYZ")]
    [InlineData("GMT+2")]
    [InlineData("ESTX")]
    [InlineData("E\u017FT")] // LATIN SMALL LETTER LONG S upper-cases to S, but no ordinal comparison ignoring case takes it for one
    [InlineData("\u0130ST")] // LATIN CAPITAL LETTER I WITH DOT ABOVE
    public void TryGetOffset_UnknownName_FalseAndZero(string name)
    {
        // Act
        var found = TimeZoneAbbreviations.TryGetOffset(name, out var offset);

        // Assert
        Assert.False(found);
        Assert.Equal(TimeSpan.Zero, offset);
        Assert.False(Reference.ContainsKey(name));
    }
}
