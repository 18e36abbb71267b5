using System.Globalization;
using System.Security;
using System.Text;

namespace AiFeed.Tests.Infrastructure;

/// <summary>Writes small RSS 2.0 documents for tests.</summary>
public static class FeedBuilder
{
    public sealed record Item(string Title, string Link, string? Id = null, DateTimeOffset? Published = null, string Description = "", string? Content = null, Uri? Image = null);

    public static string Rss(string title, IEnumerable<Item> items, string? ttl = null)
    {
        var sb = new StringBuilder();
        sb.Append("""<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:media="http://search.yahoo.com/mrss/"><channel>""");
        sb.Append(CultureInfo.InvariantCulture, $"<title>{SecurityElement.Escape(title)}</title><link>https://example.org/</link><description>test</description>");
        if (ttl is not null)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<ttl>{ttl}</ttl>");
        }

        foreach (var item in items)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<item><title>{SecurityElement.Escape(item.Title)}</title><link>{SecurityElement.Escape(item.Link)}</link>");
            if (item.Id is not null)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<guid isPermaLink=\"false\">{SecurityElement.Escape(item.Id)}</guid>");
            }

            if (item.Published is { } published)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<pubDate>{published.ToString("r", CultureInfo.InvariantCulture)}</pubDate>");
            }

            sb.Append(CultureInfo.InvariantCulture, $"<description>{SecurityElement.Escape(item.Description)}</description>");
            if (item.Content is not null)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<content:encoded><![CDATA[{item.Content}]]></content:encoded>");
            }

            if (item.Image is not null)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<media:content url=\"{SecurityElement.Escape(item.Image.AbsoluteUri)}\" medium=\"image\"/>");
            }

            sb.Append("</item>");
        }

        sb.Append("</channel></rss>");
        return sb.ToString();
    }

    /// <summary>N items with distinct links under a base URL, newest first, one hour apart.</summary>
    public static IEnumerable<Item> Items(string prefix, int count, DateTimeOffset newest) =>
        Enumerable.Range(0, count).Select(i => new Item(
            $"{prefix} post {i}",
            $"https://{prefix}.example.org/posts/{i}",
            Published: newest.AddHours(-i),
            Description: $"<p>Summary of {prefix} post {i} about language models.</p>"));
}
