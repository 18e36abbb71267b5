using System.Collections.Frozen;

namespace AiFeed.Ingestion.Parsing;

/// <summary>
/// Named zones seen in real RFC 822 dates. Where an abbreviation is ambiguous we pick the reading
/// feeds use most: CST is US Central (RFC 822 lists it), IST is India (+05:30) rather than Irish
/// Summer Time (the far larger publishing population, and Irish feeds write GMT/+0100), BST is British Summer Time.
/// </summary>
internal static class TimeZoneAbbreviations
{
    private static readonly FrozenDictionary<string, TimeSpan> Offsets = new Dictionary<string, TimeSpan>(StringComparer.OrdinalIgnoreCase)
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
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static bool TryGetOffset(string name, out TimeSpan offset) => Offsets.TryGetValue(name, out offset);
}
