using System.Text.Json.Nodes;
using AiFeed.Catalog;
using AiFeed.Model;
using AngleSharp.Dom;

namespace AiFeed.Ingestion.Scraping;

/// <summary>Embedded-data mode: the path selects post objects in the page's JSON, each field reads one of them.</summary>
internal static class EmbeddedDataScraper
{
    public static ScrapeResult Scrape(IDocument document, ScrapeRule rule)
    {
        var kind = rule.Embedded!.Value;
        var description = $"path `{rule.Items}` in {EmbeddedJson.Describe(kind)}";
        var root = EmbeddedJson.Root(document, kind);
        if (root is null)
        {
            return new ScrapeResult([], 0, description, []) { Problem = $"the page has no {EmbeddedJson.Describe(kind)} (or it is not JSON)", ItemsKey = "items" };
        }

        // Only objects can be posts; a path that reaches strings matched nothing useful.
        var posts = JsonPath.Parse(rule.Items).Select(root).OfType<JsonObject>().ToList();
        var baseUri = HtmlPage.BaseOf(document);
        var fields = new Fields(rule);
        var dates = new ScrapeDates(rule.DateFormats, rule.Culture);
        var items = new List<FeedItem>(posts.Count);
        var anyTitle = false;
        var anyLink = false;
        var anyDate = false;
        foreach (var post in posts)
        {
            var title = fields.Title?.First(post);
            var link = HtmlPage.Resolve(baseUri, fields.Link?.First(post));
            var date = fields.Date?.First(post);
            anyTitle |= title is not null;
            anyLink |= link is not null;
            anyDate |= date is not null;
            items.Add(new FeedItem
            {
                Title = title,
                Link = link,
                PublishedAt = dates.Parse(date),
                Summary = fields.Summary?.First(post),
                Author = fields.Author?.First(post),
                ImageUrl = HtmlPage.Resolve(baseUri, fields.Image?.First(post)),
                Categories = fields.Tags?.All(post) ?? [],
            });
        }

        var empty = new List<RuleField>();
        if (posts.Count > 0)
        {
            AddIfEmpty(empty, anyLink, "link", rule.Link);
            AddIfEmpty(empty, anyTitle, "title", rule.Title);
            AddIfEmpty(empty, anyDate, "date", rule.Date);
        }

        return new ScrapeResult(ScrapedItems.Distinct(items), posts.Count, description, empty)
        {
            ItemsKey = "items",
            NextPage = rule.Next is null ? null : CssRuleScraper.NextLink(document, CssField.Parse(rule.Next)),
        };
    }

    private static void AddIfEmpty(List<RuleField> empty, bool any, string name, string? field)
    {
        if (!any && field is not null)
        {
            empty.Add(new RuleField(name, field));
        }
    }

    private sealed class Fields(ScrapeRule rule)
    {
        public JsonField? Title { get; } = Parse(rule.Title);

        public JsonField? Link { get; } = Parse(rule.Link);

        public JsonField? Date { get; } = Parse(rule.Date);

        public JsonField? Summary { get; } = Parse(rule.Summary);

        public JsonField? Author { get; } = Parse(rule.Author);

        public JsonField? Tags { get; } = Parse(rule.Tags);

        public JsonField? Image { get; } = Parse(rule.Image);

        private static JsonField? Parse(string? text) => text is null ? null : JsonField.Parse(text);
    }
}
