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
    private const int MaxChars = 64 * 1024;
    private const string Separator = " … ";

    /// <summary>
    /// Marks posts (by title and summary) for one search. The query's terms are taken out once per
    /// field and a page's posts reuse them (<see cref="TermMarker"/>): taking them out per post
    /// (QueryScorer) was most of an uncached search of a rare word. Only a query with phrases
    /// re-reads it per post, through Lucene's Highlighter, to mark a phrase's words only where
    /// they stand together.
    /// </summary>
    public static Func<string, string, PostHighlight> For(Query query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var title = Marker(query, PostFields.Title, 0, 1);
        var summary = Marker(query, PostFields.Body, FragmentLength, SummaryFragments);
        return (postTitle, postSummary) => new PostHighlight(title(postTitle), summary(postSummary));
    }

    // fragmentLength 0: the whole text is one fragment.
    private static Func<string, string?> Marker(Query query, string field, int fragmentLength, int fragments)
    {
        if (HasPositions(query))
        {
            return text => Mark(Highlighter(new QueryScorer(query, field), fragmentLength == 0 ? new NullFragmenter() : new SimpleFragmenter(fragmentLength)), field, text, fragments);
        }

        var marker = new TermMarker(QueryTermExtractor.GetTerms(query, false, field), field, fragmentLength, fragments, MaxChars);
        return text => marker.Mark(text, Separator);
    }

    private static Highlighter Highlighter(IScorer scorer, IFragmenter fragmenter) =>
        new(new SimpleHTMLFormatter("<mark>", "</mark>"), MinimalHtmlEncoder.Instance, scorer)
        {
            TextFragmenter = fragmenter,
            MaxDocCharsToAnalyze = MaxChars,
        };

    private static bool HasPositions(Query query) => query switch
    {
        PhraseQuery or MultiPhraseQuery or Lucene.Net.Search.Spans.SpanQuery => true,
        BooleanQuery boolean => boolean.Clauses.Any(c => HasPositions(c.Query)),
        DisjunctionMaxQuery max => max.Any(HasPositions),
        ConstantScoreQuery { Query: { } inner } => HasPositions(inner),
        FilteredQuery filtered => HasPositions(filtered.Query),
        _ => false,
    };

    private static string? Mark(Highlighter highlighter, string field, string text, int fragments)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        using var tokens = SearchAnalyzer.Shared.GetTokenStream(field, text);
        var best = highlighter.GetBestFragments(tokens, text, fragments);
        return best.Length == 0 ? null : string.Join(Separator, best);
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
