using System.Text.RegularExpressions;

namespace AiFeed.Catalog;

/// <summary>The <c>taxonomy</c> of feeds.json: the tags posts get from what they say.</summary>
public sealed record Taxonomy
{
    public static Taxonomy Empty { get; } = new();

    /// <summary>Longest a tag regex may run on one field before it counts as no match.</summary>
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);

    public IReadOnlyList<TagDefinition> Tags { get; init; } = [];
}

/// <summary>Where a tag's rules look.</summary>
[Flags]
public enum TagFields
{
    None = 0,
    Title = 1,
    Summary = 2,
    Categories = 4,
    Source = 8,
    Default = Title | Summary | Categories,
}

/// <summary>
/// One tag: a post gets it when any keyword (words with word boundaries; a trailing * on the last
/// word matches any ending) or any regex matches one of <see cref="Fields"/>.
/// </summary>
public sealed record TagDefinition
{
    public required string Name { get; init; }

    public required string Label { get; init; }

    public IReadOnlyList<string> Keywords { get; init; } = [];

    public IReadOnlyList<Regex> Patterns { get; init; } = [];

    public TagFields Fields { get; init; } = TagFields.Default;
}
