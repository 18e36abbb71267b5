using System.Globalization;
using System.Text.Json;
using AiFeed.Model;

namespace AiFeed.Ingestion.Parsing;

/// <summary>JSON Feed 1.0/1.1 (https://jsonfeed.org/version/1.1) and Dave Winer's RSS-in-JSON.</summary>
internal static class JsonFeedReader
{
    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 64,
    };

    public static ParsedFeed Read(FeedSource source, Uri feedUrl)
    {
        JsonDocument document;
        try
        {
            document = source.Text is null ? JsonDocument.Parse(source.Utf8, Options) : JsonDocument.Parse(source.Text.AsMemory(), Options);
        }
        catch (JsonException exception)
        {
            throw new FeedParseException(
                $"the response starts like JSON but is not valid JSON (it breaks at line {exception.LineNumber + 1}, position {exception.BytePositionInLine + 1})",
                exception);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FeedParseException("the response is JSON but not a JSON Feed object");
            }

            if (root.TryGetProperty("rss", out var rss) && rss.ValueKind == JsonValueKind.Object)
            {
                return ReadRssInJson(rss, feedUrl);
            }

            if (!root.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
            {
                throw new FeedParseException("the response is JSON but has no JSON Feed \"items\" array");
            }

            var home = String(root, "home_page_url");
            var baseUri = home is not null && Uri.TryCreate(home, UriKind.Absolute, out var homeUri) ? homeUri : feedUrl;
            var feedAuthor = AuthorName(root);
            var list = new List<FeedItem>(items.GetArrayLength());
            foreach (var item in items.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object)
                {
                    list.Add(ReadItem(item, baseUri, feedAuthor));
                }
            }

            return new ParsedFeed
            {
                Format = FeedFormat.JsonFeed,
                Title = String(root, "title"),
                Link = LinkResolver.Resolve(home, feedUrl),
                Items = list,
            };
        }
    }

    private static FeedItem ReadItem(JsonElement item, Uri baseUri, string? feedAuthor)
    {
        var categories = new List<string>();
        if (item.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array)
        {
            foreach (var tag in tags.EnumerateArray())
            {
                if (tag.ValueKind == JsonValueKind.String && tag.GetString()?.Trim() is { Length: > 0 } text)
                {
                    categories.Add(text);
                }
            }
        }

        return new FeedItem
        {
            // JSON Feed ids may be numbers in the wild although the spec says string.
            Id = String(item, "id"),
            Title = String(item, "title"),
            Link = LinkResolver.Resolve(String(item, "url") ?? String(item, "external_url"), baseUri),
            PublishedAt = Date(String(item, "date_published")),
            UpdatedAt = Date(String(item, "date_modified")),
            Author = AuthorName(item) ?? feedAuthor,
            Summary = String(item, "summary") ?? String(item, "content_text"),
            ContentHtml = String(item, "content_html"),
            ImageUrl = LinkResolver.Resolve(String(item, "image") ?? String(item, "banner_image"), baseUri),
            Categories = categories,
        };
    }

    private static ParsedFeed ReadRssInJson(JsonElement rss, Uri feedUrl)
    {
        var channel = rss.TryGetProperty("channel", out var c) && c.ValueKind == JsonValueKind.Object ? c : rss;
        var link = LinkResolver.Resolve(String(channel, "link"), feedUrl);
        var baseUri = link is not null && Uri.TryCreate(link, UriKind.Absolute, out var linkUri) ? linkUri : feedUrl;
        var list = new List<FeedItem>();
        if (channel.TryGetProperty("item", out var items))
        {
            var array = items.ValueKind == JsonValueKind.Array ? items.EnumerateArray().ToList() : [items];
            foreach (var item in array.Where(i => i.ValueKind == JsonValueKind.Object))
            {
                var guid = item.TryGetProperty("guid", out var g) && g.ValueKind == JsonValueKind.Object ? String(g, "value") : String(item, "guid");
                list.Add(new FeedItem
                {
                    Id = guid,
                    Title = String(item, "title"),
                    Link = LinkResolver.Resolve(String(item, "link") ?? (LinkResolver.IsHttpUrl(guid) ? guid : null), baseUri),
                    PublishedAt = Date(String(item, "pubDate")),
                    Summary = String(item, "description"),
                    Author = String(item, "author"),
                });
            }
        }

        var ttl = String(channel, "ttl");
        return new ParsedFeed
        {
            Format = FeedFormat.Rss20,
            Title = String(channel, "title"),
            Link = link,
            Ttl = int.TryParse(ttl, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) && minutes > 0 ? TimeSpan.FromMinutes(minutes) : null,
            Items = list,
        };
    }

    private static string? AuthorName(JsonElement element)
    {
        // JSON Feed 1.1 "authors" wins over the 1.0 "author" when both are present.
        if (element.TryGetProperty("authors", out var authors) && authors.ValueKind == JsonValueKind.Array)
        {
            foreach (var author in authors.EnumerateArray())
            {
                if (author.ValueKind == JsonValueKind.Object && String(author, "name") is { } name)
                {
                    return name;
                }
            }
        }

        return element.TryGetProperty("author", out var single) && single.ValueKind == JsonValueKind.Object ? String(single, "name") : null;
    }

    private static DateTimeOffset? Date(string? text) => LenientDates.TryParse(text, out var value) ? value : null;

    private static string? String(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
        text = text?.Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }
}
