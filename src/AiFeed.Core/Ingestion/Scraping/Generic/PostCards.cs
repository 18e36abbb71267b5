using System.Globalization;
using AiFeed.Ingestion.Parsing;
using AngleSharp.Dom;

namespace AiFeed.Ingestion.Scraping.Generic;

/// <summary>One post's card on a listing: the element around its links that holds no other post's link.</summary>
internal sealed class PostCard(IElement element, Uri url, IReadOnlyList<IElement> anchors, int order, string signature)
{
    // Read once: scoring, keeping and reading a card all ask.
    private (string? Text, bool Named)? title;
    private (FoundDate? Value, bool Read) date;

    public IElement Element => element;

    public Uri Url => url;

    public IReadOnlyList<IElement> Anchors => anchors;

    public int Order => order;

    public string Signature => signature;

    public string? Title => (title ??= (CardFields.Title(element, anchors, out var named), named)).Text;

    /// <summary>Whether a headline element says the title (see <see cref="CardFields.Title(IElement, IReadOnlyList{IElement}, out bool)"/>).</summary>
    public bool Named => Title is not null && title!.Value.Named;

    public FoundDate? Date
    {
        get
        {
            if (!date.Read)
            {
                date = (CardFields.Date(element, url), true);
            }

            return date.Value;
        }
    }
}

/// <summary>
/// Finds the repeated cards of a listing page. Post links are grouped by the shape of their URL
/// (depth, first segment, a numeric or word last segment: /news/slug, /2026/08/18/slug,
/// /research/publications/123); each link's card is the largest element around it that holds no
/// other link of its group. The group whose cards most look like a post list wins: cards with
/// titles of some words, dates, links under the listing's path, one repeated markup. Cards elsewhere
/// with the winners' markup (a list that mixes /news/ and /research/ posts) or beside them join.
/// </summary>
internal static class PostCards
{
    public const int MinPosts = 2;

    private const string Boundaries = "body, html, main, section, form, [role=main]";

    public sealed record Selection(IReadOnlyList<PostCard> Cards, string Description);

    public static Selection? Find(IDocument document, Uri page)
    {
        var baseUri = HtmlPage.BaseOf(document) ?? page;
        var links = new List<Link>();
        var order = 0;
        foreach (var anchor in document.QuerySelectorAll("a[href]"))
        {
            if (PostLinks.PostUrl(anchor, baseUri, page) is { } url)
            {
                links.Add(new Link(anchor, url, order));
            }

            order++;
        }

        var groups = links.GroupBy(l => ShapeKey(l.Url), StringComparer.Ordinal).Select(g => WithoutLabels(g.ToList())).Where(g => g.Count > 0).ToList();
        (List<PostCard> Cards, double Score, string Key)? best = null;
        foreach (var group in groups)
        {
            var cards = Cards(group, null);
            if (Score(cards, page) is { } score && (best is null || score > best.Value.Score))
            {
                best = (cards, score, ShapeKey(group[0].Url));
            }
        }

        if (best is null)
        {
            return null;
        }

        var chosen = Keep(best.Value.Cards);
        var joined = Keep(Join(chosen, groups.Where(g => ShapeKey(g[0].Url) != best.Value.Key)), Common(chosen));
        var kept = chosen.Concat(joined).OrderBy(c => c.Order).ToList();
        var others = Distinct(kept).Count(joined.Contains);
        var description = string.Create(
            CultureInfo.InvariantCulture,
            $"{Distinct(kept).Count} post cards linking to {Describe(best.Value.Key)}{(others > 0 ? $", {others} of them elsewhere with the same markup" : string.Empty)}");
        return new Selection(kept, description);
    }

    /// <summary>The first card of each post, in page order.</summary>
    public static List<PostCard> Distinct(IEnumerable<PostCard> cards)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. cards.Where(c => seen.Add(Key(c.Url)))];
    }

    // Posts with a title; cards off the list's markup count only when they look like a card (a featured
    // post with a headline or a date), not a link in a sentence ("the archive of old notes").
    private static List<PostCard> Keep(List<PostCard> cards, string? common = null)
    {
        common ??= Common(Distinct(cards));
        return [.. cards.Where(c => c.Title is not null && (c.Signature == common || c.Named || c.Date is { DayPrecision: true }))];
    }

    private static double? Score(List<PostCard> cards, Uri page)
    {
        var posts = Distinct(cards);
        if (posts.Count < MinPosts)
        {
            return null;
        }

        var titles = posts.Select(c => c.Title).ToList();
        var titled = titles.Count(t => t is not null && (t.Contains(' ', StringComparison.Ordinal) || t.Length >= 12));

        // Tags, categories and menus are links with one-word texts: not a post list.
        if (titled < MinPosts || titled < 0.6 * posts.Count)
        {
            return null;
        }

        var dated = posts.Count(c => c.Date is not null);
        var under = posts.Count(c => PostLinks.UnderListing(c.Url, page));
        var common = Common(posts);
        var repeated = posts.Count(c => c.Signature == common);
        var words = titles.Where(t => t is not null).Average(t => Math.Min(t!.Split(' ').Length, 10));
        return titled
            * (1 + ((double)dated / posts.Count))
            * (1 + ((double)under / posts.Count))
            * (0.5 + ((double)repeated / posts.Count))
            * (1 + (words / 10));
    }

    // Cards of other URL shapes that belong to the chosen list: the markup of one of its cards, or beside them.
    private static List<PostCard> Join(List<PostCard> chosen, IEnumerable<List<Link>> others)
    {
        var signatures = chosen.Select(c => c.Signature).ToHashSet(StringComparer.Ordinal);
        var parents = chosen.Select(c => c.Element.ParentElement).OfType<IElement>().ToHashSet();
        var tags = chosen.Select(c => c.Element.LocalName).ToHashSet(StringComparer.Ordinal);
        var inChosen = Owners(chosen.SelectMany(c => c.Anchors.Select(a => new Link(a, c.Url, c.Order))));
        var joined = new List<PostCard>();
        foreach (var group in others)
        {
            foreach (var card in Cards(group, e => inChosen.ContainsKey(e)))
            {
                if (signatures.Contains(card.Signature) || (card.Element.ParentElement is { } parent && parents.Contains(parent) && tags.Contains(card.Element.LocalName)))
                {
                    joined.Add(card);
                }
            }
        }

        return joined;
    }

    // Links of the group that label posts rather than lead to one: a category at /blog/research in
    // each card beside the post's headline link (and in a bar of categories). Such a URL is never a
    // main link, and at least half its links sit in a card with one other URL of the group, a main link.
    // Left in, they would cut every card down to its headline and be taken for posts themselves.
    private static List<Link> WithoutLabels(List<Link> group)
    {
        var main = group.Where(l => CardFields.IsMainLink(l.Anchor)).Select(l => Key(l.Url)).ToHashSet(StringComparer.Ordinal);
        var under = new Dictionary<IElement, HashSet<string>>();
        foreach (var link in group)
        {
            for (var element = link.Anchor.ParentElement; element is not null; element = element.ParentElement)
            {
                if (!under.TryGetValue(element, out var urls))
                {
                    under[element] = urls = new HashSet<string>(StringComparer.Ordinal);
                }

                // Only "one", "two" or "more" matters.
                if (urls.Count < 3)
                {
                    urls.Add(Key(link.Url));
                }
            }
        }

        var labels = group.GroupBy(l => Key(l.Url), StringComparer.Ordinal)
            .Where(g => !main.Contains(g.Key) && g.Count(l => BesideMainLink(l, g.Key)) * 2 >= g.Count())
            .Select(g => g.Key)
            .ToHashSet(StringComparer.Ordinal);
        return labels.Count == 0 ? group : [.. group.Where(l => !labels.Contains(Key(l.Url)))];

        bool BesideMainLink(Link link, string key)
        {
            for (var element = link.Anchor.ParentElement; element is not null; element = element.ParentElement)
            {
                var urls = under[element];
                if (urls.Count > 1)
                {
                    return urls.Count == 2 && urls.Any(u => u != key && main.Contains(u));
                }
            }

            return false;
        }
    }

    // Each link's card: climb while the parent holds no other URL of the group (and is not blocked).
    private static List<PostCard> Cards(List<Link> links, Func<IElement, bool>? blocked)
    {
        var owners = Owners(links);
        var cards = new Dictionary<IElement, (Uri Url, List<IElement> Anchors, int Order)>();
        foreach (var link in links)
        {
            var key = Key(link.Url);
            var card = link.Anchor;
            while (card.ParentElement is { } parent
                && !parent.Matches(Boundaries)
                && owners.GetValueOrDefault(parent) == key
                && (blocked is null || !blocked(parent)))
            {
                card = parent;
            }

            if (cards.TryGetValue(card, out var existing))
            {
                existing.Anchors.Add(link.Anchor);
            }
            else
            {
                cards[card] = (link.Url, [link.Anchor], link.Order);
            }
        }

        return [.. cards.Select(c => new PostCard(c.Key, c.Value.Url, c.Value.Anchors, c.Value.Order, Signature(c.Key))).OrderBy(c => c.Order)];
    }

    // For each ancestor of the links, the one URL it holds, or null when it holds several.
    private static Dictionary<IElement, string?> Owners(IEnumerable<Link> links)
    {
        var owners = new Dictionary<IElement, string?>();
        foreach (var link in links)
        {
            var key = Key(link.Url);
            for (var element = link.Anchor.ParentElement; element is not null; element = element.ParentElement)
            {
                if (!owners.TryGetValue(element, out var owner))
                {
                    owners[element] = key;
                }
                else if (owner is null)
                {
                    // It holds several URLs already, and so does everything above it.
                    break;
                }
                else if (owner != key)
                {
                    owners[element] = null;
                }
            }
        }

        return owners;
    }

    /// <summary>One post whether or not its link ends with a slash.</summary>
    public static string Key(Uri url) => url.AbsoluteUri.TrimEnd('/');

    private static string? Common(IEnumerable<PostCard> cards) =>
        cards.GroupBy(c => c.Signature, StringComparer.Ordinal).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();

    private static string Signature(IElement card) =>
        $"{Tag(card)}<{(card.ParentElement is { } parent ? Tag(parent) : string.Empty)}";

    private static string Tag(IElement element) =>
        element.ClassList.Length == 0 ? element.LocalName : $"{element.LocalName}.{string.Join('.', element.ClassList.Order(StringComparer.Ordinal))}";

    // Depth, first segment (a year stands for any year) and whether the last is a number.
    private static string ShapeKey(Uri url)
    {
        var segments = PostLinks.Segments(url);
        var first = segments.Length < 2 ? "*" : IsYear(segments[0]) ? "{year}" : segments[0].ToLowerInvariant();
        var last = segments.Length > 0 && segments[^1].All(char.IsAsciiDigit) ? "n" : "w";
        return string.Create(CultureInfo.InvariantCulture, $"{segments.Length}|{first}|{last}");
    }

    private static string Describe(string key)
    {
        var parts = key.Split('|');
        var depth = int.Parse(parts[0], CultureInfo.InvariantCulture);
        var first = parts[1] == "*" ? "…" : parts[1];
        return depth <= 1 ? "/…" : $"/{first}/{string.Join('/', Enumerable.Repeat("…", depth - 1))}";
    }

    private static bool IsYear(string segment) =>
        segment.Length == 4 && segment.All(char.IsAsciiDigit) && segment[0] is '1' or '2';

    private sealed record Link(IElement Anchor, Uri Url, int Order);
}
