namespace AiFeed.Pages;

/// <summary>The filters in force on a page, and links that keep, change or drop them.</summary>
public sealed record ReaderFilter(IReadOnlyList<string> Sources, IReadOnlyList<string> Tags, string? Q)
{
    public bool IsEmpty => Sources.Count == 0 && Tags.Count == 0 && string.IsNullOrWhiteSpace(Q);

    /// <summary>The filters as a query string ("" or "?source=a&amp;tag=b"), plus a cursor when given.</summary>
    public string Query(string? cursor = null)
    {
        var pairs = Sources.Select(s => KeyValuePair.Create("source", (string?)s))
            .Concat(Tags.Select(t => KeyValuePair.Create("tag", (string?)t)))
            .Concat(string.IsNullOrWhiteSpace(Q) ? [] : [KeyValuePair.Create("q", (string?)Q)])
            .Concat(cursor is null ? [] : [KeyValuePair.Create("cursor", (string?)cursor)]);
        return QueryString.Create(pairs).ToUriComponent();
    }

    public string Home(string? cursor = null) => "/" + Query(cursor);

    public string Feed(string file) => "/" + file + Query();

    /// <summary>This filter narrowed by one more source or tag (a facet link).</summary>
    public ReaderFilter With(string kind, string value) => kind switch
    {
        "source" => Sources.Contains(value, StringComparer.Ordinal) ? this : this with { Sources = [.. Sources, value] },
        _ => Tags.Contains(value, StringComparer.Ordinal) ? this : this with { Tags = [.. Tags, value] },
    };

    public ReaderFilter Without(string kind, string value) => kind switch
    {
        "source" => this with { Sources = [.. Sources.Where(s => !string.Equals(s, value, StringComparison.Ordinal))] },
        "tag" => this with { Tags = [.. Tags.Where(t => !string.Equals(t, value, StringComparison.Ordinal))] },
        _ => this with { Q = null },
    };
}
