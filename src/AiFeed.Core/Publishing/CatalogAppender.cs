using System.Globalization;
using System.Text;
using System.Text.Json;
using AiFeed.Catalog;

namespace AiFeed.Publishing;

/// <summary>What an import did: the new file text, the ids added and the feeds refused with why.</summary>
public sealed record CatalogAppendResult(string Text, IReadOnlyList<string> Added, IReadOnlyList<string> Skipped);

/// <summary>
/// Adds OPML feeds to a feeds.json as text: new entries go just before the closing <c>]</c> of the
/// <c>feeds</c> array, so the operator's comments, order and layout stay as they were. Feeds whose
/// URL the catalog has already, and explicit ids it has already, are refused.
/// </summary>
public static class CatalogAppender
{
    private static readonly System.Text.Encodings.Web.JavaScriptEncoder Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <exception cref="FormatException">The text has no feeds array to add to.</exception>
    public static CatalogAppendResult Append(string text, FeedCatalog catalog, IReadOnlyList<OpmlOutline> feeds, string note)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(feeds);
        var ids = catalog.Sources.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var urls = catalog.Sources.Where(s => s.Url is not null).Select(s => UrlKey(s.Url!)).ToHashSet(StringComparer.Ordinal);
        var added = new List<(string Id, OpmlOutline Feed)>();
        var skipped = new List<string>();
        foreach (var feed in feeds)
        {
            if (!Uri.TryCreate(feed.XmlUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                skipped.Add($"{feed.XmlUrl}: not an absolute http(s) URL");
            }
            else if (!urls.Add(UrlKey(feed.XmlUrl)))
            {
                skipped.Add($"{feed.XmlUrl}: already in the catalog");
            }
            else if (feed.Id is not null && (ids.Contains(feed.Id) || Slug.From(feed.Id) != feed.Id))
            {
                skipped.Add($"{feed.XmlUrl}: the id '{feed.Id}' is taken or not a slug");
            }
            else
            {
                var id = feed.Id ?? UniqueId(Slug.From(feed.Title) is { Length: > 0 } s ? s : "feed", ids);
                ids.Add(id);
                added.Add((id, feed));
            }
        }

        return added.Count == 0
            ? new CatalogAppendResult(text, [], skipped)
            : new CatalogAppendResult(Insert(text, added, note), [.. added.Select(a => a.Id)], skipped);
    }

    private static string Insert(string text, List<(string Id, OpmlOutline Feed)> added, string note)
    {
        var (lastItemEnd, needsComma, close) = FeedsArrayEnd(text);
        var lineStart = text.LastIndexOf('\n', close - 1) + 1;
        var closeOnOwnLine = string.IsNullOrWhiteSpace(text[lineStart..close]);
        var outer = closeOnOwnLine ? text[lineStart..close] : "  ";
        var indent = outer + "  ";

        // New lines end as the file's do, so a CRLF file stays CRLF.
        var nl = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var sb = new StringBuilder();
        sb.Append(indent).Append("// ").Append(note).Append(nl);
        foreach (var (id, feed) in added)
        {
            sb.Append(indent).Append('{').Append(nl);
            var fields = new List<string> { $"\"id\": {Str(id)}, \"name\": {Str(feed.Title)}" };
            fields.Add(feed.HtmlUrl is not null && Uri.IsWellFormedUriString(feed.HtmlUrl, UriKind.Absolute)
                ? $"\"url\": {Str(feed.XmlUrl)}, \"site\": {Str(feed.HtmlUrl)}"
                : $"\"url\": {Str(feed.XmlUrl)}");
            var extras = new List<string>();
            if (feed.Tags.Count > 0)
            {
                extras.Add($"\"tags\": [{string.Join(", ", feed.Tags.Select(Str))}]");
            }

            if (feed.Weight is { } weight)
            {
                extras.Add($"\"weight\": {weight.ToString(CultureInfo.InvariantCulture)}");
            }

            if (feed.PollInterval is { } interval)
            {
                extras.Add($"\"pollInterval\": {Str(interval.ToString("c", CultureInfo.InvariantCulture))}");
            }

            if (feed.Enabled is false)
            {
                extras.Add("\"enabled\": false");
            }

            if (extras.Count > 0)
            {
                fields.Add(string.Join(", ", extras));
            }

            sb.Append(string.Join("," + nl, fields.Select(f => indent + "  " + f))).Append(nl);
            sb.Append(indent).Append("},").Append(nl);
        }

        // New entries go on the lines before the closing bracket's, or before the bracket itself when
        // it shares a line; a comma after the last existing entry unless it has one (trailing commas are allowed).
        var at = closeOnOwnLine ? lineStart : close;
        var before = needsComma ? text[..lastItemEnd] + "," + text[lastItemEnd..at] : text[..at];
        return closeOnOwnLine ? before + sb + text[at..] : before + nl + sb + text[at..];
    }

    /// <summary>
    /// From the positioned reader: where the feeds array's last entry ends, whether it needs a comma
    /// before a new entry, and where the closing bracket is, as char indexes into <paramref name="text"/>.
    /// </summary>
    private static (int LastItemEnd, bool NeedsComma, int Close) FeedsArrayEnd(string text)
    {
        var body = text.StartsWith('\uFEFF') ? text[1..] : text;
        var utf8 = Encoding.UTF8.GetBytes(body);
        if (PositionedJsonReader.Read(utf8) is not PositionedObject root || root.Find("feeds")?.Value is not PositionedArray feeds)
        {
            throw new FormatException("the catalog has no \"feeds\" array");
        }

        // The reader's offsets count UTF-8 bytes; the text counts chars (after a byte-order mark).
        var shift = text.Length - body.Length;
        int CharIndex(long offset) => Encoding.UTF8.GetCharCount(utf8, 0, (int)offset) + shift;
        return feeds.LastItemEnd is { } end
            ? (CharIndex(end), !feeds.TrailingComma, CharIndex(feeds.Close))
            : (0, false, CharIndex(feeds.Close));
    }

    private static string UniqueId(string slug, HashSet<string> ids)
    {
        var id = slug;
        for (var n = 2; ids.Contains(id); n++)
        {
            var suffix = "-" + n.ToString(CultureInfo.InvariantCulture);
            id = slug[..Math.Min(slug.Length, Slug.MaxLength - suffix.Length)].TrimEnd('-') + suffix;
        }

        return id;
    }

    /// <summary>Scheme and host are case-insensitive and a trailing slash is not a different feed.</summary>
    private static string UrlKey(string url) =>
        Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
            ? uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant() + uri.PathAndQuery.TrimEnd('/')
            : url;

    // The string's JSON escape without the serializer, whose first use builds its reflection metadata (poll --opml reads a list at every start).
    private static string Str(string value) => "\"" + JsonEncodedText.Encode(value, Encoder).Value + "\"";
}
