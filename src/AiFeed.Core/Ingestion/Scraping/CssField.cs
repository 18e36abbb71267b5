using System.Text.RegularExpressions;
using AngleSharp.Css.Parser;
using AngleSharp.Dom;

namespace AiFeed.Ingestion.Scraping;

/// <summary>
/// One field of a CSS rule: <c>selector</c> (its text), <c>selector@attribute</c> or
/// <c>@attribute</c> (of the post element itself); an empty selector is the post element.
/// The Scrapy forms public scrapers use are accepted too: <c>a::attr(href)</c>, and <c>h2::text</c>,
/// which, as in Scrapy, reads only the element's own text (not that of a date <c>&lt;span&gt;</c> inside it).
/// </summary>
internal sealed partial record CssField(string? Selector, string? Attribute, bool OwnText = false)
{
    public static bool TryParse(string text, out CssField field, out string error)
    {
        error = string.Empty;
        if (text.Length > MaxSelectorLength)
        {
            field = default!;
            error = $"a field may be at most {MaxSelectorLength} characters long";
            return false;
        }

        var trimmed = text.Trim();
        string? attribute = null;
        var ownText = false;
        var scrapyAttr = ScrapyAttr().Match(trimmed);
        if (scrapyAttr.Success)
        {
            attribute = scrapyAttr.Groups["name"].Value;
            trimmed = trimmed[..scrapyAttr.Index].Trim();
        }
        else if (trimmed.EndsWith("::text", StringComparison.Ordinal))
        {
            trimmed = trimmed[..^"::text".Length].Trim();
            ownText = true;
        }
        else if (AttributeSuffix().Match(trimmed) is { Success: true } at)
        {
            attribute = at.Groups["name"].Value;
            trimmed = trimmed[..at.Index].Trim();
        }

        field = new CssField(trimmed.Length == 0 ? null : trimmed, attribute, ownText);
        if (field.Selector is { } selector && !IsSelector(selector))
        {
            error = $"`{selector}` is not a valid CSS selector";
            return false;
        }

        return true;
    }

    public static CssField Parse(string text) =>
        TryParse(text, out var field, out var error) ? field : throw new FormatException(error);

    /// <summary>AngleSharp's own parser: a selector that validates is one the scraper can run.</summary>
    /// <summary>Longest selector a rule may use: selectors come from feeds.json, and matching cost grows with them.</summary>
    internal const int MaxSelectorLength = 300;

    public static bool IsSelector(string selector) =>
        selector.Length <= MaxSelectorLength && new CssSelectorParser().ParseSelector(selector) is not null;

    /// <summary>The text the field reads from one element: all of it, or only its own text nodes.</summary>
    public string Text(IElement element) => ScrapedItems.CollapseWhitespace(
        OwnText ? string.Concat(element.ChildNodes.OfType<IText>().Select(t => t.Data)) : element.TextContent);

    /// <summary>The elements the field reads in <paramref name="scope"/>: the scope itself or its matching descendants.</summary>
    public IEnumerable<IElement> Elements(IElement scope) =>
        Selector is null ? [scope] : scope.QuerySelectorAll(Selector);

    // "@name" at the end, outside any [..] or quotes: a CSS selector never ends that way.
    [GeneratedRegex(@"@(?<name>[A-Za-z_:][-A-Za-z0-9_:.]*)\s*\z", RegexOptions.CultureInvariant)]
    private static partial Regex AttributeSuffix();

    [GeneratedRegex(@"::attr\(\s*(?<name>[A-Za-z_:][-A-Za-z0-9_:.]*)\s*\)\s*\z", RegexOptions.CultureInvariant)]
    private static partial Regex ScrapyAttr();
}
