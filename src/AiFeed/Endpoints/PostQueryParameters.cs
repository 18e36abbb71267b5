using System.Text;
using AiFeed.Ingestion.Processing;
using AiFeed.Model;
using AiFeed.Search;
using Microsoft.AspNetCore.Mvc;

namespace AiFeed.Endpoints;

/// <summary>
/// The filters of /api/posts, the reader's pages and the feed outputs, bound as text and read
/// through <see cref="QueryValues"/>, so a bad value gets a 400 that names its parameter.
/// </summary>
public sealed record PostQueryParameters(
    [FromQuery(Name = "source")] string[]? Source,
    [FromQuery(Name = "tag")] string[]? Tag,
    [FromQuery(Name = "q")] string? Q,
    [FromQuery(Name = "since")] string? Since,
    [FromQuery(Name = "until")] string? Until,
    [FromQuery(Name = "limit")] string? Limit,
    [FromQuery(Name = "cursor")] string? Cursor,
    [FromQuery(Name = "expand")] string? Expand = null)
{
    public const int DefaultLimit = 50;

    public PostQuery ToQuery(QueryValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var limit = values.Whole(Limit, "limit", DefaultLimit, 1, PostQuery.MaxLimit);
        var since = values.Instant(Since, "since");
        var until = values.Instant(Until, "until");
        if (since is not null && until is not null && since >= until)
        {
            values.Add("until", "must be later than since");
        }

        string? after = null;
        if (Cursor is not null && !TryDecodeCursor(Cursor, out after))
        {
            values.Add("cursor", "is not a cursor this API returned");
        }

        var expand = values.Boolean(Expand, "expand");
        if (SearchSyntax.Check(Q) is { } badQuery)
        {
            values.Add("q", badQuery);
        }

        var sources = QueryValues.List(Source);
        foreach (var bad in sources.Where(s => !IsSlug(s)))
        {
            values.Add("source", $"'{bad}' is not a source id");
        }

        return new PostQuery
        {
            Sources = sources,
            Tags = QueryValues.Tags(Tag),
            Terms = SearchTerms.Normalize(Q),
            Text = Q,
            Since = since,
            Until = until,
            Limit = limit,
            After = after,
            Expand = expand,
        };
    }

    public static string EncodeCursor(string sortKey) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(sortKey)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryDecodeCursor(string cursor, out string? sortKey)
    {
        sortKey = null;
        var base64 = cursor.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        var bytes = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, bytes, out var written))
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(bytes, 0, written);
        // Search results page by position: '@' and the count already returned.
        if (text.Length > 1 && text[0] == '@' && !text.AsSpan(1).ContainsAnyExceptInRange('0', '9') && text.Length <= 11)
        {
            sortKey = text;
            return true;
        }

        // SortKey shape: 19 digits, ':', the post id.
        if (text.Length < 21 || text[19] != ':' || text.AsSpan(0, 19).ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        sortKey = text;
        return true;
    }

    private static bool IsSlug(string value) => value.Length is > 0 and <= 64 && value.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}
