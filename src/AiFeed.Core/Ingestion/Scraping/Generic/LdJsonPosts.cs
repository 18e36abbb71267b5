using System.Text.Json.Nodes;
using AiFeed.Ingestion.Parsing;
using AngleSharp.Dom;

namespace AiFeed.Ingestion.Scraping.Generic;

/// <summary>A post as a page's JSON-LD describes it.</summary>
internal sealed record LdPost(Uri Url, string? Title, DateTimeOffset? PublishedAt, string? Summary, string? ImageUrl);

/// <summary>
/// The posts a page lists in its <c>application/ld+json</c> (schema.org): <c>BlogPosting</c>,
/// <c>NewsArticle</c>, <c>Article</c> and their kin anywhere in the blocks (<c>@graph</c>, a
/// <c>Blog</c>'s <c>blogPost</c>), and the entries of an <c>ItemList</c>; once each, in page order.
/// </summary>
internal static class LdJsonPosts
{
    private const int MaxDepth = 12;

    public static List<LdPost> Read(IDocument document, Uri page)
    {
        var baseUri = HtmlPage.BaseOf(document) ?? page;
        var posts = new List<LdPost>();
        foreach (var script in document.QuerySelectorAll("script[type='application/ld+json' i]"))
        {
            if (JsonText.TryParse(script.TextContent) is { } root)
            {
                Walk(root, baseUri, posts, 0);
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. posts.Where(p => seen.Add(PostCards.Key(p.Url)))];
    }

    private static void Walk(JsonNode node, Uri baseUri, List<LdPost> posts, int depth)
    {
        if (depth > MaxDepth)
        {
            return;
        }

        switch (node)
        {
            case JsonArray array:
                foreach (var element in array.OfType<JsonNode>())
                {
                    Walk(element, baseUri, posts, depth + 1);
                }

                break;
            case JsonObject obj:
                if (IsList(obj) && obj["itemListElement"] is JsonArray entries)
                {
                    foreach (var entry in entries.OfType<JsonObject>())
                    {
                        // A ListItem names its post by url, or wraps it in item (an object or a URL).
                        var item = entry["item"] as JsonObject ?? entry;
                        if (Post(item, baseUri, JsonText.Scalar(entry["url"]) ?? JsonText.Scalar(entry["item"])) is { } listed)
                        {
                            posts.Add(listed);
                        }
                    }

                    return;
                }

                if (IsPost(obj) && Post(obj, baseUri, null) is { } post)
                {
                    posts.Add(post);
                }

                foreach (var (_, value) in obj)
                {
                    if (value is JsonObject or JsonArray)
                    {
                        Walk(value, baseUri, posts, depth + 1);
                    }
                }

                break;
        }
    }

    private static LdPost? Post(JsonObject obj, Uri baseUri, string? url)
    {
        var link = HtmlPage.Resolve(baseUri, url ?? JsonText.Scalar(obj["url"]) ?? JsonText.Scalar(obj["mainEntityOfPage"]) ?? Id(obj));
        if (link is null)
        {
            return null;
        }

        var title = Text(obj["headline"]) ?? Text(obj["name"]);
        var date = Text(obj["datePublished"]) ?? Text(obj["dateCreated"]) ?? Text(obj["uploadDate"]);
        return new LdPost(
            new Uri(link),
            title,
            LenientDates.TryParse(date, out var published) ? published : null,
            Text(obj["description"]) ?? Text(obj["abstract"]),
            HtmlPage.Resolve(baseUri, Image(obj["image"]) ?? Image(obj["thumbnailUrl"])));
    }

    private static bool IsList(JsonObject obj) => Types(obj).Contains("ItemList", StringComparer.Ordinal);

    private static bool IsPost(JsonObject obj) =>
        Types(obj).Any(t => t.EndsWith("Article", StringComparison.Ordinal) || t.EndsWith("Posting", StringComparison.Ordinal) || t is "Report" or "Review");

    private static IEnumerable<string> Types(JsonObject obj) => obj["@type"] is { } type ? JsonText.Scalars(type) : [];

    private static string? Id(JsonObject obj) =>
        JsonText.Scalar(obj["@id"]) is { } id && id.StartsWith("http", StringComparison.OrdinalIgnoreCase) && !id.Contains('#', StringComparison.Ordinal) ? id : null;

    private static string? Text(JsonNode? node) =>
        node is null ? null : JsonText.Scalars(node).FirstOrDefault() is { } text ? CardFields.Clean(text) : null;

    private static string? Image(JsonNode? node) => node switch
    {
        JsonObject obj => JsonText.Scalar(obj["url"]) ?? JsonText.Scalar(obj["contentUrl"]),
        JsonArray array => array.Select(Image).FirstOrDefault(i => i is not null),
        _ => JsonText.Scalar(node),
    };
}
