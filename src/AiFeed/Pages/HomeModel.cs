using AiFeed.Model;

namespace AiFeed.Pages;

/// <summary>What the home page shows: a page of the latest stories (filtered) or the top of today.</summary>
public sealed record HomeModel(
    bool Top,
    IReadOnlyList<EntryView> Entries,
    ReaderFilter Filter,
    IReadOnlyList<FilterOption> Sources,
    IReadOnlyList<FilterOption> Tags,
    string? OlderUrl,
    bool IsFirstPage,
    DateTime Now,
    string? EmptyNote = null,
    SearchOutcome? Search = null)
{
    /// <summary>How many posts match the filters; null on the unfiltered front page and on Top.</summary>
    public long? Count { get; init; }

    /// <summary>A search ranks by relevance: the pager pages through results, not back in time.</summary>
    public bool Ranked => !string.IsNullOrWhiteSpace(Filter.Q);

    /// <summary>The page's heading: what the list is.</summary>
    public string Heading
    {
        get
        {
            if (Top)
            {
                return "Top today";
            }

            if (Filter.IsEmpty)
            {
                return "Latest";
            }

            if (Ranked)
            {
                return $"Search results for “{Filter.Q}”";
            }

            if (Filter.Sources.Count == 0)
            {
                return "Tagged " + string.Join(" + ", Filter.Tags.Select(t => "#" + LabelOf(t, Tags)));
            }

            var names = string.Join(" or ", Filter.Sources.Select(s => LabelOf(s, Sources)));
            return Filter.Tags.Count == 0 ? "Posts from " + names : $"Posts from {names} tagged " + string.Join(" + ", Filter.Tags.Select(t => "#" + LabelOf(t, Tags)));
        }
    }

    /// <summary>"1 post", "1,234 posts", "about 36,000 posts" (a search's estimate); with "newest first" or "best match first".</summary>
    public string? CountLine => Count is { } n
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{(Search is { Exact: false } ? "about " : string.Empty)}{n:N0} {(n == 1 ? "post" : "posts")}, {(Ranked ? "best match first" : "newest first")}")
        : null;

    private static string LabelOf(string value, IReadOnlyList<FilterOption> options) =>
        options.FirstOrDefault(o => string.Equals(o.Value, value, StringComparison.Ordinal))?.Label ?? value;
}

/// <summary>A checkbox of the filter form.</summary>
public sealed record FilterOption(string Value, string Label, bool Selected);

/// <summary>One post read on our page.</summary>
public sealed record PostModel(EntryView Entry, string ContentHtml, DateTime Now);
