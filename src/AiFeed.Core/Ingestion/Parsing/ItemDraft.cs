using AiFeed.Model;

namespace AiFeed.Ingestion.Parsing;

/// <summary>Mutable collector for one item while its elements are visited; later dates overwrite earlier ones.</summary>
internal sealed class ItemDraft
{
    public string? Id { get; set; }

    public string? Title { get; set; }

    public string? FallbackTitle { get; set; }

    public string? Link { get; set; }

    public string? GuidLink { get; set; }

    public DateTimeOffset? Published { get; set; }

    public DateTimeOffset? Created { get; set; }

    public DateTimeOffset? Updated { get; set; }

    public DateTimeOffset? DcDate { get; set; }

    public string? Author { get; set; }

    public string? Creator { get; set; }

    public string? Summary { get; set; }

    public string? Content { get; set; }

    public string? Image { get; set; }

    public List<string> Categories { get; } = [];

    public static DateTimeOffset? ParseDate(string? text) => LenientDates.TryParse(text, out var value) ? value : null;

    public void AddCategory(string? category)
    {
        var text = category?.Trim();
        if (!string.IsNullOrEmpty(text) && !Categories.Contains(text, StringComparer.Ordinal))
        {
            Categories.Add(text);
        }
    }

    public FeedItem ToItem() => new()
    {
        Id = Id,
        Title = Title ?? FallbackTitle,
        Link = Link ?? GuidLink,
        PublishedAt = Published ?? DcDate ?? Created,
        UpdatedAt = Updated ?? DcDate,
        Author = Creator ?? Author,
        Summary = Summary,
        ContentHtml = Content,
        ImageUrl = Image,
        Categories = Categories,
    };
}
