using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AiFeed.Publishing;

/// <summary>
/// JSON Feed 1.1 (https://jsonfeed.org/version/1.1), written with Utf8JsonWriter. Text is cleaned as
/// for XML so a post reads the same in all three formats (a stray control character is noise anyway).
/// </summary>
public static class JsonFeedWriter
{
    public const string ContentType = "application/feed+json; charset=utf-8";
    public const string Version = "https://jsonfeed.org/version/1.1";

    // The default encoder escapes '<' and '&' too, which is right for JSON that lands inside HTML.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.Default };

    public static PublishedDocument Write(FeedChannel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("version", Version);
            json.WriteString("title", channel.Title);
            json.WriteString("home_page_url", channel.HomeUrl.AbsoluteUri);
            json.WriteString("feed_url", channel.SelfUrl.AbsoluteUri);
            json.WriteString("description", channel.Description);
            json.WriteString("language", "en");
            json.WriteStartArray("items");
            foreach (var entry in channel.Entries)
            {
                WriteItem(json, entry);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return DocumentValidators.Seal(buffer.ToArray(), ContentType, channel);
    }

    private static void WriteItem(Utf8JsonWriter json, FeedEntry entry)
    {
        json.WriteStartObject();
        json.WriteString("id", entry.Id);
        if (entry.Url is not null)
        {
            json.WriteString("url", entry.Url);
        }

        json.WriteString("title", XmlText.Clean(entry.Title));
        // Every item needs content_html or content_text; the summary stands in when there is no body.
        if (!string.IsNullOrEmpty(entry.ContentHtml))
        {
            json.WriteString("content_html", XmlText.Clean(entry.ContentHtml));
        }
        else
        {
            json.WriteString("content_text", XmlText.Clean(entry.Summary));
        }

        if (!string.IsNullOrEmpty(entry.Summary))
        {
            json.WriteString("summary", XmlText.Clean(entry.Summary));
        }

        if (entry.Image is not null)
        {
            json.WriteString("image", entry.Image.AbsoluteUri);
        }

        json.WriteString("date_published", Rfc3339(entry.Published));
        json.WriteString("date_modified", Rfc3339(entry.Updated));
        if (entry.Author is { } author)
        {
            json.WriteStartArray("authors");
            json.WriteStartObject();
            json.WriteString("name", XmlText.Clean(author));
            json.WriteEndObject();
            json.WriteEndArray();
        }

        // JSON Feed has no source element; an underscore key is its way to extend an item.
        json.WriteStartObject("_aifeed");
        json.WriteString("source_name", XmlText.Clean(entry.SourceName));
        if (entry.SourceUrl is not null)
        {
            json.WriteString("source_url", entry.SourceUrl.AbsoluteUri);
        }

        json.WriteEndObject();
        if (entry.Tags.Count > 0)
        {
            json.WriteStartArray("tags");
            foreach (var tag in entry.Tags)
            {
                json.WriteStringValue(tag);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static string Rfc3339(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
