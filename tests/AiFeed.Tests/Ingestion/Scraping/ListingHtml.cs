using System.Globalization;
using System.Text;

namespace AiFeed.Tests.Ingestion.Scraping;

/// <summary>A Mistral-style card list (ATI's <c>article.js-post</c> shape) for the end-to-end tests.</summary>
internal static class ListingHtml
{
    public static string Cards(IEnumerable<int> posts, string cardClass = "js-post", string? next = null, string? head = null)
    {
        var html = new StringBuilder().Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html><html><head><title>News</title>{head}</head><body><main>");
        foreach (var i in posts)
        {
            html.Append(CultureInfo.InvariantCulture, $"""
                <article class="{cardClass}"><a href="/news/post-{i}"><h2>Post {i}</h2><p>Teaser {i}.</p></a>
                <footer><div><p>Nov {1 + (i % 28)}, 2026</p></div><div><p>Lab</p></div></footer></article>
                """);
        }

        if (next is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<nav><a rel=\"next\" href=\"{next}\">Older</a></nav>");
        }

        return html.Append("</main></body></html>").ToString();
    }

    /// <summary>The rule for <see cref="Cards"/> as feeds.json writes it.</summary>
    public static object Rule(string? next = null, int? maxPages = null)
    {
        var rule = new Dictionary<string, object>
        {
            ["item"] = "article.js-post",
            ["link"] = "a@href",
            ["title"] = "h2",
            ["date"] = "footer div:first-child p",
            ["dateFormats"] = new[] { "MMM d, yyyy" },
            ["summary"] = "h2 + p",
        };
        if (next is not null)
        {
            rule["next"] = next;
        }

        if (maxPages is not null)
        {
            rule["maxPages"] = maxPages;
        }

        return rule;
    }
}
