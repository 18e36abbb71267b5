using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace AiFeed.Catalog;

/// <summary>
/// The tags posts get from what they say. feeds.json's <c>taxonomy</c> is laid over
/// <see cref="Default"/> (the shipped taxonomy, docs/tags.md): a tag of the same name replaces the
/// shipped one, others are added, and <c>"defaults": false</c> starts from nothing instead.
/// </summary>
public sealed record Taxonomy
{
    /// <summary>Longest a tag regex may run on one field before it counts as no match.</summary>
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);

    public static Taxonomy Empty { get; } = new();

    /// <summary>The shipped taxonomy (Catalog/DefaultTaxonomy.json): what a catalog without a <c>taxonomy</c> gets.</summary>
    public static Taxonomy Default => TaxonomyValidator.Default;

    public IReadOnlyList<TagDefinition> Tags { get; init; } = [];

    /// <summary>
    /// Named word lists a keyword refers to as <c>@name</c>, so a list (the names of language-model
    /// families, say) is written once and used by every tag that needs it.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Vocabulary { get; init; } = FrozenDictionary<string, IReadOnlyList<string>>.Empty;

    /// <summary><paramref name="keywords"/> in order, each <c>@name</c> replaced by its vocabulary list.</summary>
    public IEnumerable<string> ExpandKeywords(IEnumerable<string> keywords)
    {
        ArgumentNullException.ThrowIfNull(keywords);
        foreach (var keyword in keywords)
        {
            if (keyword.StartsWith('@'))
            {
                foreach (var word in Vocabulary.GetValueOrDefault(keyword[1..]) ?? [])
                {
                    yield return word;
                }
            }
            else
            {
                yield return keyword;
            }
        }
    }
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
/// One tag: a post gets it when a keyword (words with word boundaries; a trailing * on the last
/// word matches any ending; <c>@name</c> stands for a vocabulary list) matches one of
/// <see cref="Fields"/> outside every <see cref="Exclude"/> phrase, when a regex matches, or when the
/// post's own link starts with one of <see cref="Links"/> (docs/tags.md).
/// </summary>
public sealed record TagDefinition
{
    public required string Name { get; init; }

    public required string Label { get; init; }

    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>Phrases whose words a keyword match may not fall inside ("our vision" for <c>vision</c>).</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    public IReadOnlyList<Regex> Patterns { get; init; } = [];

    /// <summary>Host and path prefixes ("arxiv.org/abs/") matched against the post's own link.</summary>
    public IReadOnlyList<string> Links { get; init; } = [];

    public TagFields Fields { get; init; } = TagFields.Default;

    /// <summary>A link or link prefix as <see cref="Links"/> are matched: lower case, without scheme and "www.".</summary>
    public static string NormalizeLink(string link)
    {
        ArgumentNullException.ThrowIfNull(link);
        var text = link.Trim().ToLowerInvariant();
        foreach (var scheme in (ReadOnlySpan<string>)["https://", "http://"])
        {
            if (text.StartsWith(scheme, StringComparison.Ordinal))
            {
                text = text[scheme.Length..];
            }
        }

        return text.StartsWith("www.", StringComparison.Ordinal) ? text[4..] : text;
    }
}
