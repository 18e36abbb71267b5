using System.Globalization;
using System.Text;
using AiFeed.Ingestion.Processing;
using AiFeed.Model;
using AiFeed.Search;
using Microsoft.AspNetCore.Mvc;

namespace AiFeed.Endpoints;

/// <summary>
/// The filters of /api/posts and the feed outputs, bound as text and parsed here so that a bad
/// value gets a 400 that names its parameter (typed binding would fail without saying which).
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

    public PostQuery ToQuery(out Dictionary<string, string[]> errors)
    {
        errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var limit = DefaultLimit;
        if (Limit is not null && (!int.TryParse(Limit, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > PostQuery.MaxLimit))
        {
            errors["limit"] = [$"'{Limit}' is not a whole number from 1 to {PostQuery.MaxLimit}"];
        }

        var since = ParseDate(Since, "since", errors);
        var until = ParseDate(Until, "until", errors);
        if (since is not null && until is not null && since >= until)
        {
            errors["until"] = ["must be later than since"];
        }

        string? after = null;
        if (Cursor is not null && !TryDecodeCursor(Cursor, out after))
        {
            errors["cursor"] = ["is not a cursor this API returned"];
        }

        var expand = false;
        if (Expand is not null && !bool.TryParse(Expand, out expand))
        {
            errors["expand"] = [$"'{Expand}' is not true or false"];
        }

        if (SearchSyntax.Check(Q) is { } badQuery)
        {
            errors["q"] = [badQuery];
        }

        var sources = Split(Source);
        foreach (var bad in sources.Where(s => !IsSlug(s)))
        {
            errors["source"] = [$"'{bad}' is not a source id"];
        }

        return new PostQuery
        {
            Sources = sources,
            Tags = [.. Split(Tag).Select(t => t.ToLowerInvariant())],
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

    private static DateTime? ParseDate(string? value, string name, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed.UtcDateTime;
        }

        errors[name] = [$"'{value}' is not an ISO 8601 date or date-time"];
        return null;
    }

    private static List<string> Split(string[]? values) =>
        values is null ? [] : [.. values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal)];

    private static bool IsSlug(string value) => value.Length is > 0 and <= 64 && value.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}
