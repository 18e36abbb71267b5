using AiFeed.Ingestion.Parsing;
using AngleSharp.Dom;

namespace AiFeed.Ingestion.Scraping.Generic;

/// <summary>
/// Reads one post card of a listing without a rule: the title from the heading or title-classed
/// element around or inside the post's link (else the link's own text), the date from a
/// <c>&lt;time datetime&gt;</c>, a date printed in the card or one in the URL, a teaser paragraph,
/// an image and a byline.
/// </summary>
internal static class CardFields
{
    private const string Headings = "h1, h2, h3, h4, h5, h6, [role=heading]";

    private const string TitleClasses =
        "[class*=title i]:not([class*=subtitle i]), [class*=headline i], [class*=heading i], [itemprop=headline], [itemprop=name], [fs-list-field=heading i], [fs-list-field=title i]";

    private const string SummaryClasses = "[class*=excerpt i], [class*=summary i], [class*=description i], [class*=teaser i], [class*=dek i], [class*=subtitle i], [class*=lede i], [class*=abstract i], [itemprop=description]";

    private const int MaxTitleLength = 300;

    // Link texts that say where a link goes, never what the post is called.
    private static readonly HashSet<string> CallsToAction = new(StringComparer.OrdinalIgnoreCase)
    {
        "read more", "read", "more", "learn more", "continue reading", "continue", "read the post", "read post",
        "read article", "read the article", "read story", "read the story", "view", "view post", "see more",
        "details", "open", "link", "here", "click here", "full story", "keep reading", "→", "»",
    };

    /// <summary>The post's title in <paramref name="card"/>, whose links to the post are <paramref name="anchors"/>; null when none.</summary>
    public static string? Title(IElement card, IReadOnlyList<IElement> anchors) => Title(card, anchors, out _);

    /// <summary>
    /// As <see cref="Title(IElement, IReadOnlyList{IElement})"/>; <paramref name="named"/> tells whether a
    /// heading or a title-classed element says it (a card), rather than the bare text of a link (a link in prose).
    /// </summary>
    public static string? Title(IElement card, IReadOnlyList<IElement> anchors, out bool named)
    {
        named = true;
        // A heading inside the link, or the heading the link sits in, names exactly this post.
        foreach (var anchor in anchors)
        {
            if ((First(anchor.QuerySelectorAll(Headings)) ?? Ancestor(anchor, card, e => e.Matches(Headings))) is { } heading)
            {
                return Edges(heading);
            }
        }

        foreach (var anchor in anchors)
        {
            if ((First(anchor.QuerySelectorAll(TitleClasses)) ?? Ancestor(anchor, card, e => e.Matches(TitleClasses))) is { } titled)
            {
                return Edges(titled);
            }
        }

        if ((First(card.QuerySelectorAll(Headings)) ?? First(card.QuerySelectorAll(TitleClasses))) is { } inCard)
        {
            return Edges(inCard);
        }

        // No headline element: the link's own text, or, when the link holds several blocks (a date, a
        // label, the title, a teaser), the first block that reads like a title; then the card's blocks.
        named = false;
        if (anchors.Select(a => FirstTitleBlock(a)).FirstOrDefault(t => t is not null) is { } linked)
        {
            return Edges(linked);
        }

        return anchors.Select(a => a.GetAttribute("aria-label") ?? a.GetAttribute("title")).Select(Clean).FirstOrDefault(IsTitle)
            ?? FirstTitleBlock(card)
            ?? card.QuerySelectorAll("img[alt]").Select(i => Clean(i.GetAttribute("alt"))).FirstOrDefault(t => IsTitle(t) && t.Contains(' ', StringComparison.Ordinal));
    }

    /// <summary>
    /// Whether a link is a post's main link: it holds or sits in a headline element, or its text is a
    /// sentence of a title's length (a category or author link is a word or two).
    /// </summary>
    public static bool IsMainLink(IElement anchor) =>
        anchor.QuerySelector(Headings) is not null
        || anchor.QuerySelector(TitleClasses) is not null
        || anchor.Closest(Headings) is not null
        || anchor.Closest(TitleClasses) is not null
        || Clean(anchor.TextContent).Split(' ').Length >= 4;

    /// <summary>A text that can be a title: letters, not only a date, not a call to action, not too long.</summary>
    public static bool IsTitle(string? text) =>
        !string.IsNullOrWhiteSpace(text)
        && text.Any(char.IsLetter)
        && text.Length <= MaxTitleLength
        && !CallsToAction.Contains(text.Trim().TrimEnd('→', '»', '.', ' '))
        && !TextDates.IsMostlyDate(text);

    /// <summary>The card's date and whether it names a day; the URL's when the card prints none.</summary>
    public static FoundDate? Date(IElement card, Uri url)
    {
        foreach (var time in card.QuerySelectorAll("time[datetime], [itemprop=datePublished]"))
        {
            var machine = time.GetAttribute("datetime") ?? time.GetAttribute("content");
            if (LenientDates.TryParse(machine, out var date))
            {
                return new FoundDate(date, 0, 0, DayPrecision: true);
            }
        }

        // Printed dates sit in small elements of their own ("Aug 7, 2026", "Published 18 August 2026 · 5 min").
        FoundDate? monthOnly = null;
        foreach (var element in card.QuerySelectorAll("*").Prepend(card))
        {
            if (element.Children.Length > 0 && element.LocalName != "time")
            {
                continue;
            }

            var found = TextDates.Find(element.TextContent);
            if (found is { DayPrecision: true })
            {
                return found;
            }

            monthOnly ??= found;
        }

        // A card whose texts are split oddly ("Aug" "7, 2026") still reads as one text.
        if (TextDates.Find(Clean(card.TextContent)) is { DayPrecision: true } whole)
        {
            return whole;
        }

        var fromUrl = TextDates.FromUrl(url);
        return fromUrl is { DayPrecision: true } ? fromUrl : monthOnly ?? fromUrl;
    }

    /// <summary>A teaser: a summary-classed element or a paragraph of some length that is not the title.</summary>
    public static string? Summary(IElement card, string? title)
    {
        foreach (var element in card.QuerySelectorAll(SummaryClasses).Concat(card.QuerySelectorAll("p")))
        {
            var text = Clean(element.TextContent);
            if (text.Length >= 25 && text.Any(char.IsLetter) && !TextDates.IsMostlyDate(text)
                && (title is null || !text.Contains(title, StringComparison.OrdinalIgnoreCase)))
            {
                return text.Length > 600 ? text[..600] : text;
            }
        }

        return null;
    }

    /// <summary>The card's first picture, lazy-loading attributes and Next.js image URLs included.</summary>
    public static string? Image(IElement card, Uri? baseUri)
    {
        foreach (var image in card.QuerySelectorAll("img, source[srcset]"))
        {
            var source = image.GetAttribute("src") is { } src && !src.StartsWith("data:", StringComparison.OrdinalIgnoreCase)
                ? src
                : image.GetAttribute("data-src") ?? image.GetAttribute("data-lazy-src") ?? FirstOfSrcset(image.GetAttribute("srcset") ?? image.GetAttribute("data-srcset"));
            if (HtmlPage.Resolve(baseUri, source) is { } resolved)
            {
                return Unwrap(resolved);
            }
        }

        return null;
    }

    /// <summary>A byline: an author link or element of the card, "By " aside.</summary>
    public static string? Author(IElement card, string? title)
    {
        var element = card.QuerySelector("[rel~=author], [itemprop=author], [class*=author i], [class*=byline i]");
        var text = element is null ? null : Clean(element.TextContent);
        if (string.IsNullOrEmpty(text) || text.Length > 80 || (title is not null && text.Contains(title, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        return text.StartsWith("By ", StringComparison.OrdinalIgnoreCase) ? text[3..].Trim() : text;
    }

    public static string Clean(string? text) => text is null ? string.Empty : ScrapedItems.CollapseWhitespace(text);

    // The text blocks of an element in order (an element with text of its own is one block, whatever
    // it holds); the first with two words or more that can be a title, else the first that can be one.
    private static string? FirstTitleBlock(IElement element)
    {
        var blocks = new List<string>();
        Blocks(element, blocks);
        var titles = blocks.Select(b => TextDates.StripFromEdges(b, out _)).Where(IsTitle).ToList();
        return titles.FirstOrDefault(t => t.Contains(' ', StringComparison.Ordinal)) ?? titles.FirstOrDefault();
    }

    private static void Blocks(IElement element, List<string> blocks)
    {
        if (element.LocalName is "script" or "style" or "svg" or "noscript" or "template")
        {
            return;
        }

        if (element.ChildNodes.OfType<IText>().Any(t => !string.IsNullOrWhiteSpace(t.Data)))
        {
            blocks.Add(Clean(element.TextContent));
            return;
        }

        foreach (var child in element.Children)
        {
            Blocks(child, blocks);
        }
    }

    private static string? First(IEnumerable<IElement> elements) =>
        elements.Select(e => Clean(e.TextContent)).FirstOrDefault(IsTitle);

    // The text of the nearest ancestor of start (up to and including the card) that satisfies match.
    private static string? Ancestor(IElement start, IElement card, Func<IElement, bool> match)
    {
        for (var element = start.ParentElement; element is not null; element = element.ParentElement)
        {
            if (match(element))
            {
                var text = Clean(element.TextContent);
                return IsTitle(text) ? text : null;
            }

            if (element == card)
            {
                break;
            }
        }

        return null;
    }

    // Cards print the date next to the title, and pages glue them together.
    private static string Edges(string title) => TextDates.StripFromEdges(title, out _);

    private static string? FirstOfSrcset(string? srcset) =>
        srcset?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault()?.Split(' ')[0];

    // /_next/image?url=<the picture>&w=…: the picture itself is what a reader wants.
    private static string Unwrap(string url)
    {
        var uri = new Uri(url);
        if (!uri.AbsolutePath.EndsWith("/_next/image", StringComparison.Ordinal))
        {
            return url;
        }

        var inner = uri.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).FirstOrDefault(p => p.Length == 2 && p[0] == "url")?[1];
        return inner is not null && HtmlPage.Resolve(uri, Uri.UnescapeDataString(inner)) is { } resolved ? resolved : url;
    }
}
