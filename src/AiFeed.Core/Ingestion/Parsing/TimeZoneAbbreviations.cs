using System.Text;

namespace AiFeed.Ingestion.Parsing;

/// <summary>
/// Named zones seen in real RFC 822 dates. Where an abbreviation is ambiguous we pick the reading
/// feeds use most: CST is US Central (RFC 822 lists it), IST is India (+05:30) rather than Irish
/// Summer Time (the far larger publishing population, and Irish feeds write GMT/+0100), BST is British Summer Time.
/// </summary>
internal static class TimeZoneAbbreviations
{
    // A switch, not a dictionary: a dictionary of TimeSpan values is a generic instantiation over a
    // value type, which every process JIT-compiles at its first named zone (decision 0074). ASCII only:
    // no other character equals an ASCII letter under OrdinalIgnoreCase, so upper-casing an ASCII name
    // matches exactly what a case-insensitive ordinal lookup did.
    public static bool TryGetOffset(string name, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (!Ascii.IsValid(name))
        {
            return false;
        }

        TimeSpan? found = name.ToUpperInvariant() switch
        {
            "UT" or "UTC" or "GMT" or "Z" or "WET" => TimeSpan.Zero,
            "WEST" or "BST" or "CET" or "MET" => TimeSpan.FromHours(1),
            "CEST" or "MEST" or "EET" => TimeSpan.FromHours(2),
            "EEST" or "MSK" => TimeSpan.FromHours(3),
            "IST" => new TimeSpan(5, 30, 0),
            "SGT" or "HKT" or "AWST" => TimeSpan.FromHours(8),
            "JST" or "KST" => TimeSpan.FromHours(9),
            "ACST" => new TimeSpan(9, 30, 0),
            "ACDT" => new TimeSpan(10, 30, 0),
            "AEST" => TimeSpan.FromHours(10),
            "AEDT" => TimeSpan.FromHours(11),
            "NZST" => TimeSpan.FromHours(12),
            "NZDT" => TimeSpan.FromHours(13),
            "AST" => TimeSpan.FromHours(-4),
            "ADT" => TimeSpan.FromHours(-3),
            "EST" => TimeSpan.FromHours(-5),
            "EDT" => TimeSpan.FromHours(-4),
            "CST" => TimeSpan.FromHours(-6),
            "CDT" => TimeSpan.FromHours(-5),
            "MST" => TimeSpan.FromHours(-7),
            "MDT" => TimeSpan.FromHours(-6),
            "PST" => TimeSpan.FromHours(-8),
            "PDT" => TimeSpan.FromHours(-7),
            "AKST" => TimeSpan.FromHours(-9),
            "AKDT" => TimeSpan.FromHours(-8),
            "HST" => TimeSpan.FromHours(-10),
            _ => null,
        };
        offset = found ?? TimeSpan.Zero;
        return found is not null;
    }
}
