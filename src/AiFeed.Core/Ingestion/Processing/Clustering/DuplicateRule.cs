using System.Runtime.CompilerServices;
using AiFeed.Model;

namespace AiFeed.Ingestion.Processing.Clustering;

/// <summary>Why two posts were found to tell the same story, strongest first.</summary>
public enum MatchReason
{
    None,
    SameUrl,
    SameArxivId,
    SameDoi,
    MovedPage,
    TitleAndText,
    TitleAndLink,
}

/// <summary>
/// Whether two posts tell the same story: the same canonical URL, arXiv id or DOI, or corroborated
/// similarity (a near-equal title and, besides, a near-equal summary or a shared link). Symmetric and
/// a function of the two posts alone, so stories do not depend on the order posts arrive in
/// (StoryPartition). Thresholds and their measurements: docs/stories.md.
/// </summary>
public static class DuplicateRule
{
    /// <summary>Largest publication gap for a similarity match: re-posts and newsletters follow within days.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(7);

    /// <summary>
    /// Fewest normalised words in the shorter title of a similarity match: "Team update" or "Weekly
    /// digest" say nothing about which story they are.
    /// </summary>
    public const int MinTitleWords = 3;

    /// <summary>Words one title may have beyond the other, at its start or end ("[Blog] …", "… | Lab"), when the shorter has at least <see cref="MinNearTitleWords"/>.</summary>
    public const int MaxExtraTitleWords = 2;

    /// <summary>Fewest words of the shorter title for a near-equal (not equal) title.</summary>
    public const int MinNearTitleWords = 4;

    public static MatchReason Match(Post a, Post b) => Match(a, b, honourRepeats: true);

    /// <summary>
    /// <paramref name="honourRepeats"/> false ignores <see cref="Post.TextRepeated"/>: the widest the
    /// rule can be, which is how clustering finds every post a decision may depend on.
    /// </summary>
    public static MatchReason Match(Post a, Post b, bool honourRepeats) => Match(a, b, honourRepeats, SimHash.MaxDistance);

    /// <summary>The rule with another SimHash distance for "near-equal summaries": how the threshold is measured.</summary>
    internal static MatchReason Match(Post a, Post b, bool honourRepeats, int maxDistance)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var exact = ExactMatch(a, b);
        if (exact != MatchReason.None)
        {
            return exact;
        }

        // Every other reason needs near-equal titles: the cheapest test, and most candidates fail it.
        if (!TitlesNear(a.TitleKey, b.TitleKey, out var equalTitles))
        {
            return MatchReason.None;
        }

        // Two items of one source, or two pages of one site, are two stories (OpenAI's two "Team
        // update" posts, a forum's page.asp?ID=1 and ?ID=2) unless the page only moved: the same title
        // under the same last path segment and query. DeepMind moved /discover/blog/x/ to /blog/x/ and
        // re-dated the items, so no time window for that.
        if (SameSite(a, b))
        {
            return equalTitles && StorySignature.Slug(a.Url) is { } slug && string.Equals(slug, StorySignature.Slug(b.Url), StringComparison.Ordinal)
                ? MatchReason.MovedPage
                : MatchReason.None;
        }

        if ((a.SortAt - b.SortAt).Duration() > Window || Math.Min(WordCount(a.TitleKey), WordCount(b.TitleKey)) < MinTitleWords)
        {
            return MatchReason.None;
        }

        if (TextsNear(a, b, maxDistance, honourRepeats))
        {
            return MatchReason.TitleAndText;
        }

        return LinksShared(a, b) ? MatchReason.TitleAndLink : MatchReason.None;
    }

    /// <summary>The same canonical URL, arXiv id or DOI: the same story whatever else differs.</summary>
    public static MatchReason ExactMatch(Post a, Post b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        foreach (var key in a.StoryKeys)
        {
            if (b.StoryKeys.Contains(key, StringComparer.Ordinal))
            {
                return key.StartsWith("arxiv:", StringComparison.Ordinal) ? MatchReason.SameArxivId
                    : key.StartsWith("doi:", StringComparison.Ordinal) ? MatchReason.SameDoi
                    : MatchReason.SameUrl;
            }
        }

        return MatchReason.None;
    }

    /// <summary>
    /// A summary that also stands under another story says nothing about which story a post tells:
    /// another item of the same source has it (Meta FAIR's "Sharing new research, models, and
    /// datasets…" under every such post), or a post elsewhere has it under another title (a stock
    /// sentence: "Thanks to everyone who reviewed drafts of this post"). Both posts' summaries are
    /// then boilerplate (<see cref="Post.TextRepeated"/>) and carry no weight.
    /// </summary>
    public static bool RepeatsText(Post a, Post b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (string.Equals(a.Id, b.Id, StringComparison.Ordinal)
            || !TextsNear(a, b, SimHash.MaxDistance, honourRepeats: false)
            || ExactMatch(a, b) != MatchReason.None)
        {
            return false;
        }

        return string.Equals(a.SourceId, b.SourceId, StringComparison.Ordinal)
            ? !string.Equals(StorySignature.Slug(a.Url), StorySignature.Slug(b.Url), StringComparison.Ordinal)
            : !TitlesNear(a.TitleKey, b.TitleKey, out _);
    }

    /// <summary>The text test alone at a given distance, as the corpus tests sweep it.</summary>
    internal static bool TextsNear(Post a, Post b, int maxDistance, bool honourRepeats) =>
        a.TextHash != 0 && b.TextHash != 0
        && (!honourRepeats || (!a.TextRepeated && !b.TextRepeated))
        && SimHash.Distance(a.TextHash, b.TextHash) <= maxDistance;

    /// <summary>
    /// Equal normalised titles, or one is the other with at most <see cref="MaxExtraTitleWords"/> words
    /// more at its start or end. Digits are words, so "Gemini 2 Flash" is not near "Gemini 3 Flash".
    /// </summary>
    public static bool TitlesNear(string a, string b, out bool equal)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        equal = a.Length > 0 && string.Equals(a, b, StringComparison.Ordinal);
        if (equal || a.Length == 0 || b.Length == 0)
        {
            return equal;
        }

        var (shorter, longer) = a.Length < b.Length ? (a, b) : (b, a);
        // Most pairs a story lookup meets fail here: one search, where counting both titles' words
        // walked every character of both first.
        var span = longer.AsSpan();
        var at = span.IndexOf(shorter, StringComparison.Ordinal);
        if (at < 0)
        {
            return false;
        }

        var extra = WordCount(longer) - WordCount(shorter);
        if (extra < 1 || extra > MaxExtraTitleWords || WordCount(shorter) < MinNearTitleWords)
        {
            return false;
        }

        // The shorter title as whole words of the longer one, at any word boundary.
        while (at >= 0)
        {
            var end = at + shorter.Length;
            if ((at == 0 || span[at - 1] == ' ') && (end == span.Length || span[end] == ' '))
            {
                return true;
            }

            var next = span[(at + 1)..].IndexOf(shorter, StringComparison.Ordinal);
            at = next < 0 ? -1 : at + 1 + next;
        }

        return false;
    }

    /// <summary>Worth an index lookup: a title that can match with its corroboration.</summary>
    public static bool IsDistinctiveTitle(string titleKey) => titleKey.Length > 0 && WordCount(titleKey) >= MinTitleWords;

    // One post links to the other's page, or both link to the same page of a third site.
    private static bool LinksShared(Post a, Post b)
    {
        foreach (var link in a.Links)
        {
            if (b.StoryKeys.Contains(link, StringComparer.Ordinal) || b.Links.Contains(link, StringComparer.Ordinal))
            {
                return true;
            }
        }

        foreach (var link in b.Links)
        {
            if (a.StoryKeys.Contains(link, StringComparer.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool SameSite(Post a, Post b) =>
        string.Equals(a.SourceId, b.SourceId, StringComparison.Ordinal)
        || (SiteOf(a.Url) is { } site && string.Equals(site, SiteOf(b.Url), StringComparison.Ordinal));

    // The site of each URL string met, parsed once: the writer compares a post with every candidate
    // its keys find, and parsing both URLs (System.Uri) on each comparison was the largest part of
    // comparing. Keyed by the string instance, so an entry lives as long as the posts holding it,
    // and a post given another URL holds another string.
    private static readonly ConditionalWeakTable<string, Site> Sites = new();

    private static string? SiteOf(string? url) =>
        url is null ? null : Sites.GetValue(url, static u => new Site(UrlCanonicalizer.Site(u))).Value;

    private sealed record Site(string? Value);

    private static int WordCount(string key)
    {
        if (key.Length == 0)
        {
            return 0;
        }

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
