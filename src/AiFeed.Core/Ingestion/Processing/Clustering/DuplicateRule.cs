using AiFeed.Model;

namespace AiFeed.Ingestion.Processing.Clustering;

/// <summary>Why two posts were found to tell the same story.</summary>
public enum MatchReason
{
    None,
    SameUrl,
    SameArxivId,
    SameTitle,
    SameText,
}

/// <summary>
/// Whether two posts tell the same story. Thresholds were measured on labelled pairs from the real
/// corpus (tests/AiFeed.Tests/Ingestion/Processing/DuplicateRuleCorpusTests.cs prints precision and
/// recall); see the README before changing one.
/// </summary>
public static class DuplicateRule
{
    /// <summary>Largest publication gap for a title match: re-posts and newsletters follow within days.</summary>
    public static readonly TimeSpan TitleWindow = TimeSpan.FromDays(3);

    /// <summary>Largest publication gap for a text match.</summary>
    public static readonly TimeSpan TextWindow = TimeSpan.FromDays(7);

    /// <summary>
    /// Fewest normalised words in a title for a title match alone: "Team update" or "Weekly digest"
    /// say nothing about which story they are.
    /// </summary>
    public const int MinTitleWords = 3;

    public static MatchReason Match(Post a, Post b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        foreach (var key in a.StoryKeys)
        {
            if (b.StoryKeys.Contains(key, StringComparer.Ordinal))
            {
                return key.StartsWith("arxiv:", StringComparison.Ordinal) ? MatchReason.SameArxivId : MatchReason.SameUrl;
            }
        }

        // The title and text rules both need MayShareStory, which parses both URLs; a batch meets
        // hundreds of candidates that share only a SimHash band, so the cheap checks go first.
        var gap = (a.SortAt - b.SortAt).Duration();
        var sameTitle = a.TitleKey.Length > 0 && string.Equals(a.TitleKey, b.TitleKey, StringComparison.Ordinal);
        var closeText = TextMatches(a, b, gap, SimHash.MaxDistance);
        if ((!sameTitle && !closeText) || !MayShareStory(a, b))
        {
            return MatchReason.None;
        }

        // A page that moved within its site keeps slug and title but may be re-dated (DeepMind's
        // /discover/blog/x/ → /blog/x/ came back three months "newer"): no time window for it.
        if (sameTitle && (IsMove(a, b) || (gap <= TitleWindow && WordCount(a.TitleKey) >= MinTitleWords)))
        {
            return MatchReason.SameTitle;
        }

        return closeText ? MatchReason.SameText : MatchReason.None;
    }

    /// <summary>The text rule alone, with its guards, at a given distance: how the threshold is measured.</summary>
    internal static bool TextMatches(Post a, Post b, int maxDistance) =>
        MayShareStory(a, b) && TextMatches(a, b, (a.SortAt - b.SortAt).Duration(), maxDistance);

    private static bool TextMatches(Post a, Post b, TimeSpan gap, int maxDistance) =>
        gap <= TextWindow && a.TextHash != 0 && b.TextHash != 0 && SimHash.Distance(a.TextHash, b.TextHash) <= maxDistance;

    // Two different pages of one site, or two items of one source, are two stories ("Team update"
    // twice, Meta FAIR's recurring "Sharing new research…") unless the page only moved: same slug.
    private static bool MayShareStory(Post a, Post b)
    {
        var sameSource = string.Equals(a.SourceId, b.SourceId, StringComparison.Ordinal);
        var sameHost = Host(a.Url) is { } host && string.Equals(host, Host(b.Url), StringComparison.Ordinal);
        if (!sameSource && !sameHost)
        {
            return true;
        }

        return StorySignature.Slug(a.Url) is { } slug && string.Equals(slug, StorySignature.Slug(b.Url), StringComparison.Ordinal);
    }

    /// <summary>
    /// Worth an index lookup: a title that can match on its own. Short generic titles ("Team update")
    /// can still match a moved page, but only through candidates found by another key.
    /// </summary>
    public static bool IsDistinctiveTitle(string titleKey) => titleKey.Length > 0 && WordCount(titleKey) >= MinTitleWords;

    private static bool IsMove(Post a, Post b) =>
        (string.Equals(a.SourceId, b.SourceId, StringComparison.Ordinal) || string.Equals(Host(a.Url), Host(b.Url), StringComparison.Ordinal))
        && StorySignature.Slug(a.Url) is { } slug && string.Equals(slug, StorySignature.Slug(b.Url), StringComparison.Ordinal);

    private static string? Host(string? url)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var host = uri.Host;
        return host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
    }

    private static int WordCount(string key)
    {
        var count = 1;
        foreach (var c in key)
        {
            if (c == ' ')
            {
                count++;
            }
        }

        return count;
    }
}
