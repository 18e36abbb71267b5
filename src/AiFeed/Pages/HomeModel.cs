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
    string? EmptyNote = null);

/// <summary>A checkbox of the filter form.</summary>
public sealed record FilterOption(string Value, string Label, bool Selected);

/// <summary>One post read on our page.</summary>
public sealed record PostModel(EntryView Entry, string ContentHtml, DateTime Now);
