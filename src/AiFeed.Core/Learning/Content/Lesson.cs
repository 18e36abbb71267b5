namespace AiFeed.Learning;

/// <summary>A lesson of the study plan: its Markdown source and the HTML rendered from it.</summary>
public sealed record Lesson(string Slug, string Title, string Summary, string Markdown, string Html, string SourcePath)
{
    /// <summary>The chapter that lists it in plan.md; empty when the plan does not list it.</summary>
    public string Chapter { get; init; } = "";

    public string PageUrl => $"/learn/{Slug}";

    public string ApiUrl => $"/api/learning/lessons/{Slug}";
}
