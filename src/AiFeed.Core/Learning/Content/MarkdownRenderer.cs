using Markdig;

namespace AiFeed.Learning;

/// <summary>
/// Markdown to HTML for lessons and problems. Content files are trusted operator input (they ship
/// with the service or are placed by its operator), so raw HTML, MathML included, passes through.
/// </summary>
internal static class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseAutoIdentifiers(Markdig.Extensions.AutoIdentifiers.AutoIdentifierOptions.GitHub)
        .UseEmphasisExtras()
        .Build();

    public static string ToHtml(string markdown) => Markdown.ToHtml(markdown, Pipeline);
}
