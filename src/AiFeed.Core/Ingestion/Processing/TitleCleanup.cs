using System.Text.RegularExpressions;
using AiFeed.Catalog;
using AiFeed.Ingestion.Parsing;
using AiFeed.Model;

namespace AiFeed.Ingestion.Processing;

/// <summary>
/// A source's title clean-up from feeds.json, run over every item however it was read (feed, rules,
/// generic reader) before processing: first <c>titleStripDate</c> (a date glued to either end goes,
/// and dates the item when it has none), then <c>titleStripPrefixes</c> (category labels glued to
/// the start), then each <c>titleReplace</c> in order. A regex that times out is skipped for that
/// title; a clean-up that would leave nothing keeps the title as it was.
/// </summary>
public static class TitleCleanup
{
    private static readonly char[] Separators = [' ', '\u00a0', ':', '|', '·', '•', '-', '–', '—', '/'];

    public static IReadOnlyList<FeedItem> Apply(SourceDefinition source, IReadOnlyList<FeedItem> items)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(items);
        return source.CleansTitles ? [.. items.Select(i => Apply(source, i))] : items;
    }

    public static FeedItem Apply(SourceDefinition source, FeedItem item)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(item);
        if (string.IsNullOrWhiteSpace(item.Title))
        {
            return item;
        }

        var title = item.Title;
        var published = item.PublishedAt;
        if (source.TitleStripDate)
        {
            title = TextDates.StripFromEdges(title, out var removed);
            published ??= removed?.Date;
        }

        title = StripPrefixes(title, source.TitleStripPrefixes);
        foreach (var replacement in source.TitleReplace)
        {
            try
            {
                title = replacement.Pattern.Replace(title, replacement.Replacement);
            }
            catch (RegexMatchTimeoutException)
            {
                // The rest of the clean-up still applies; the operator sees the title as it came.
            }
        }

        title = string.Join(' ', title.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return title.Length == 0 ? item with { PublishedAt = published } : item with { Title = title, PublishedAt = published };
    }

    // Labels glue on without a space ("ScienceHow Claude …") or with a separator ("Research: …"); one label per title.
    private static string StripPrefixes(string title, IReadOnlyList<string> prefixes)
    {
        var trimmed = title.TrimStart();
        foreach (var prefix in prefixes)
        {
            if (trimmed.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && GluedOrSeparated(trimmed, prefix))
            {
                var rest = trimmed[prefix.Length..].TrimStart(Separators);
                return rest.Length > 0 ? rest : title;
            }
        }

        return title;
    }

    // "ScienceHow" is "Science" + "How"; "AIs are …" does not start with the label "AI".
    private static bool GluedOrSeparated(string title, string prefix)
    {
        if (title.Length == prefix.Length || !char.IsLetter(prefix[^1]))
        {
            return true;
        }

        var next = title[prefix.Length];
        return !char.IsLetter(next) || char.IsUpper(next);
    }
}
