using AiFeed.Catalog;

namespace AiFeed.Ingestion.Processing.Tagging;

/// <summary>What a post is tagged by.</summary>
public sealed record TagInput(string? Title, string? Summary, IReadOnlyList<string> Categories, string? SourceName)
{
    /// <summary>The post's own link: a tag's <c>links</c> prefixes are matched against it.</summary>
    public string? Url { get; init; }

    /// <summary>
    /// <see cref="Title"/> and <see cref="Summary"/> already split by <see cref="SearchTerms.AllWords"/>
    /// (a post being built: its story signature reads the same words); null splits them here.
    /// </summary>
    internal PostWords? Words { get; init; }
}

/// <summary>A post's fields as the tagger reads them: normalised words per field, the link without scheme.</summary>
internal sealed class TagText(TagInput input, bool readSource)
{
    public TagInput Input { get; } = input;

    public TextWords Title { get; } = input.Words is { } words ? new(words.Title) : new(input.Title);

    public TextWords Summary { get; } = input.Words is { } words ? new(words.Summary) : new(input.Summary);

    public List<TextWords> Categories { get; } = [.. input.Categories.Select(c => new TextWords(c))];

    public TextWords Source { get; } = readSource ? new(input.SourceName) : TextWords.Empty;

    /// <summary>The post's own link, without scheme and "www.".</summary>
    public string? Url { get; } = string.IsNullOrEmpty(input.Url) ? null : TagDefinition.NormalizeLink(input.Url);
}
