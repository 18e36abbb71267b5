using AiFeed.Model;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;

namespace AiFeed.Search;

/// <summary>
/// The words of a post that answered a search, marked: the whole title, and up to two fragments
/// of the summary. Text is HTML-escaped and only <c>&lt;mark&gt;</c> is added, so pages and API
/// clients can show it as HTML.
/// </summary>
public static class SearchHighlighter
{
    private const int FragmentLength = 160;
    private const int SummaryFragments = 2;

    public static PostHighlight For(Query query, Post post)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(post);
        var title = Mark(query, PostFields.Title, post.Title, new NullFragmenter(), 1);
        var summary = Mark(query, PostFields.Body, post.Summary, new SimpleFragmenter(FragmentLength), SummaryFragments);
        return new PostHighlight(title, summary);
    }

    private static string? Mark(Query query, string field, string text, IFragmenter fragmenter, int fragments)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var highlighter = new Highlighter(new SimpleHTMLFormatter("<mark>", "</mark>"), MinimalHtmlEncoder.Instance, new QueryScorer(query, field))
        {
            TextFragmenter = fragmenter,
            MaxDocCharsToAnalyze = 64 * 1024,
        };

        using var tokens = SearchAnalyzer.Shared.GetTokenStream(field, text);
        var best = highlighter.GetBestFragments(tokens, text, fragments);
        return best.Length == 0 ? null : string.Join(" … ", best);
    }

    // Lucene's SimpleHTMLEncoder writes every non-ASCII letter as a numeric reference ("Caf&#233;"),
    // which API clients would have to decode; only the characters HTML needs are escaped here.
    private sealed class MinimalHtmlEncoder : IEncoder
    {
        public static readonly MinimalHtmlEncoder Instance = new();

        public string EncodeText(string originalText) =>
            originalText.Replace("&", "&amp;", StringComparison.Ordinal)
                .Replace("<", "&lt;", StringComparison.Ordinal)
                .Replace(">", "&gt;", StringComparison.Ordinal)
                .Replace("\"", "&quot;", StringComparison.Ordinal);
    }
}
