using System.Globalization;
using System.Text.RegularExpressions;

namespace AiFeed.Catalog;

// Validates a source's title clean-up keys: titleReplace (regexes that compile, with the tag regexes'
// match timeout, and replacements whose $n / ${name} name groups the pattern has) and titleStripPrefixes.
internal static partial class TitleCleanupValidator
{
    internal const int MaxPatternLength = 500;

    internal static readonly KeyTable<TitleReplacement> ReplacementKeys = new(new Dictionary<string, PropertyHandler<TitleReplacement>>(StringComparer.Ordinal)
    {
        ["pattern"] = (t, v, p, r) => Pattern(v, p, r, out var regex) ? t with { Pattern = regex } : t,
        ["replacement"] = (t, v, p, r) => r.String(v, p, out var text) ? t with { Replacement = text } : t,
    });

    public static List<TitleReplacement> Replacements(PositionedValue value, string path, FieldReader read)
    {
        var result = new List<TitleReplacement>();
        if (!read.Array(value, path, out var array))
        {
            return result;
        }

        for (var i = 0; i < array.Items.Count; i++)
        {
            var itemPath = string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]");
            if (!read.Object(array.Items[i], itemPath, out var obj))
            {
                continue;
            }

            var replacement = ReplacementKeys.Apply(obj, itemPath, new TitleReplacement { Pattern = NoPattern }, read);
            if (!KeyTable<TitleReplacement>.RequireKeys(obj, itemPath, read, "pattern") || replacement.Pattern == NoPattern)
            {
                continue;
            }

            if (obj.Find("replacement") is { } given && !GroupsExist(replacement, given.Value, KeyTable<TitleReplacement>.Join(itemPath, "replacement"), read))
            {
                continue;
            }

            result.Add(replacement);
        }

        return result;
    }

    public static List<string> Prefixes(PositionedValue value, string path, FieldReader read)
    {
        var result = new List<string>();
        if (!read.Array(value, path, out var array))
        {
            return result;
        }

        for (var i = 0; i < array.Items.Count; i++)
        {
            // Not trimmed: a prefix may end with the separator it removes ("News: ").
            if (read.String(array.Items[i], string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"), out var prefix)
                && read.Check(prefix.Trim().Length > 0, array.Items[i], string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"), "must not be empty"))
            {
                result.Add(prefix);
            }
        }

        return result;
    }

    // A stand-in until "pattern" is read; never kept.
    private static readonly Regex NoPattern = new("(?!)", RegexOptions.None, Taxonomy.RegexTimeout);

    private static bool Pattern(PositionedValue value, string path, FieldReader read, out Regex regex)
    {
        regex = NoPattern;
        if (!read.NonEmptyString(value, path, out var pattern)
            || !read.Check(pattern.Length <= MaxPatternLength, value, path, $"a pattern may be at most {MaxPatternLength} characters long"))
        {
            return false;
        }

        try
        {
            // Titles are short, but a pattern that backtracks badly must not stall a poll: the tag regexes' timeout applies.
            regex = new Regex(pattern, RegexOptions.CultureInvariant, Taxonomy.RegexTimeout);
            return true;
        }
        catch (ArgumentException ex)
        {
            return read.Check(false, value, path, $"invalid regex: {ex.Message}");
        }
    }

    // .NET keeps a $3 that names no group as literal text, which is never what the operator meant.
    private static bool GroupsExist(TitleReplacement replacement, PositionedValue value, string path, FieldReader read)
    {
        var numbers = replacement.Pattern.GetGroupNumbers().ToHashSet();
        var names = replacement.Pattern.GetGroupNames().ToHashSet(StringComparer.Ordinal);
        foreach (Match reference in GroupReference().Matches(replacement.Replacement))
        {
            var name = reference.Groups["name"].Value;
            var exists = int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? numbers.Contains(number) : names.Contains(name);
            if (!exists)
            {
                return read.Check(false, value, path, $"'{reference.Value}' names no group of the pattern (it has {string.Join(", ", names.Order(StringComparer.Ordinal))})");
            }
        }

        return true;
    }

    [GeneratedRegex(@"(?<!\$)(?:\$\$)*\$(?:\{(?<name>[^}]+)\}|(?<name>\d+))", RegexOptions.CultureInvariant)]
    private static partial Regex GroupReference();
}
