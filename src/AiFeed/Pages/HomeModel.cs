namespace AiFeed.Pages;

/// <summary>
/// What the home page shows: a page of the latest stories (filtered) or the top of today; with no
/// posts at all, where polling stands (<see cref="Ingestion.PollingOverview"/>).
/// </summary>
public sealed record HomeModel(
    bool Top,
    IReadOnlyList<EntryView> Entries,
    ReaderFilter Filter,
    IReadOnlyList<FilterOption> Sources,
    IReadOnlyList<FilterOption> Tags,
    string? OlderUrl,
    bool IsFirstPage,
    DateTime Now,
    string? Polling = null);

/// <summary>A checkbox of the filter form.</summary>
public sealed record FilterOption(string Value, string Label, bool Selected);

/// <summary>One post read on our page.</summary>
public sealed record PostModel(EntryView Entry, string ContentHtml, DateTime Now);
