using AiFeed.Catalog;
using AiFeed.Model;
using AngleSharp.Dom;

namespace AiFeed.Ingestion.Scraping;

/// <summary>CSS mode: one element per post, each field read inside it.</summary>
internal static class CssRuleScraper
{
    private static readonly CssField DefaultLink = new("a[href]", "href");

    public static ScrapeResult Scrape(IDocument document, ScrapeRule rule)
    {
        var elements = document.QuerySelectorAll(rule.Items);
        var baseUri = HtmlPage.BaseOf(document);
        var fields = new Fields(rule);
        var dates = new ScrapeDates(rule.DateFormats, rule.Culture);
        var items = new List<FeedItem>(elements.Length);
        var filled = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in elements)
        {
            var link = fields.Link is null
                ? HtmlPage.Resolve(baseUri, element.GetAttribute("href")) ?? HtmlPage.Resolve(baseUri, Attribute(element, DefaultLink))
                : HtmlPage.Resolve(baseUri, Read(element, fields.Link, "href"));
            var title = Read(element, fields.Title, null);
            var dateText = fields.Date is null ? null : DateText(element, fields.Date);
            var item = new FeedItem
            {
                Title = title,
                Link = link,
                PublishedAt = dates.Parse(dateText),
                Summary = Read(element, fields.Summary, null),
                Author = Read(element, fields.Author, null),
                ImageUrl = HtmlPage.Resolve(baseUri, Read(element, fields.Image, "src")),
                Categories = fields.Tags is null ? [] : [.. AllTexts(element, fields.Tags)],
            };
            Note(filled, "link", link);
            Note(filled, "title", title);
            Note(filled, "date", dateText);
            items.Add(item);
        }

        return new ScrapeResult(
            ScrapedItems.Distinct(items),
            elements.Length,
            $"selector `{rule.Items}`",
            elements.Length == 0 ? [] : EmptyFields(rule, filled))
        {
            NextPage = rule.Next is null ? null : NextLink(document, CssField.Parse(rule.Next)),
        };
    }

    public static Uri? NextLink(IDocument document, CssField next)
    {
        var root = document.DocumentElement;
        var baseUri = HtmlPage.BaseOf(document);
        var href = HtmlPage.Resolve(baseUri, Read(root, next, "href"));
        return href is null ? null : new Uri(href);
    }

    // A field the rule names that no post filled: the markup under it changed. The link counts
    // even when the rule relies on the default, since a post without a link cannot be stored.
    private static List<RuleField> EmptyFields(ScrapeRule rule, HashSet<string> filled)
    {
        var empty = new List<RuleField>();
        if (!filled.Contains("link"))
        {
            empty.Add(new RuleField("link", rule.Link ?? "a@href"));
        }

        if (rule.Title is not null && !filled.Contains("title"))
        {
            empty.Add(new RuleField("title", rule.Title));
        }

        if (rule.Date is not null && !filled.Contains("date"))
        {
            empty.Add(new RuleField("date", rule.Date));
        }

        return empty;
    }

    private static void Note(HashSet<string> filled, string field, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            filled.Add(field);
        }
    }

    // Text of the first match with text, or the named attribute of the first match that has it;
    // defaultAttribute applies when the field names no attribute (link → href, image → src).
    private static string? Read(IElement scope, CssField? field, string? defaultAttribute)
    {
        if (field is null)
        {
            return null;
        }

        var attribute = field.Attribute ?? defaultAttribute;
        return attribute is not null ? Attribute(scope, field with { Attribute = attribute }) : field.Elements(scope).Select(field.Text).FirstOrDefault(t => t.Length > 0);
    }

    private static string? Attribute(IElement scope, CssField field) =>
        field.Elements(scope).Select(e => e.GetAttribute(field.Attribute!)).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();

    // A <time datetime> says exactly what its text says loosely: prefer it unless the rule names an attribute.
    private static string? DateText(IElement scope, CssField field)
    {
        if (field.Attribute is not null)
        {
            return Attribute(scope, field);
        }

        var element = field.Elements(scope).FirstOrDefault(e => field.Text(e).Length > 0 || e.HasAttribute("datetime"));
        return element?.GetAttribute("datetime") is { Length: > 0 } machine ? machine : element is null ? null : field.Text(element);
    }

    private static IEnumerable<string> AllTexts(IElement scope, CssField field) =>
        field.Attribute is null
            ? field.Elements(scope).Select(field.Text).Where(t => t.Length > 0)
            : field.Elements(scope).Select(e => e.GetAttribute(field.Attribute)?.Trim() ?? string.Empty).Where(t => t.Length > 0);

    private sealed class Fields(ScrapeRule rule)
    {
        public CssField? Title { get; } = Parse(rule.Title);

        public CssField? Link { get; } = Parse(rule.Link);

        public CssField? Date { get; } = Parse(rule.Date);

        public CssField? Summary { get; } = Parse(rule.Summary);

        public CssField? Author { get; } = Parse(rule.Author);

        public CssField? Tags { get; } = Parse(rule.Tags);

        public CssField? Image { get; } = Parse(rule.Image);

        private static CssField? Parse(string? text) => text is null ? null : CssField.Parse(text);
    }
}
