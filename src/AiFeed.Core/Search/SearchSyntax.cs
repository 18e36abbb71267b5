using System.Collections.Concurrent;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;

namespace AiFeed.Search;

/// <summary>
/// What q= means: Lucene's classic syntax over title (weighted 3), summary and author, every word
/// required. "Quoted phrases", <c>-word</c>, <c>OR</c>, <c>word*</c> and <c>word~</c> work as in
/// Lucene; on top, a bare word of 5+ letters also matches a typo (1 edit, 2 from 8 letters), and the
/// last word, while it is being typed, also matches as a prefix. docs/search.md.
/// </summary>
public static class SearchSyntax
{
    internal const int FuzzyMinLength = 5;
    internal const int FuzzyTwoEditsLength = 8;
    internal const int FuzzyUnlessIn = 3;
    private const float FuzzyBoost = 0.3f;
    private const float PrefixBoost = 0.5f;
    private const float TitleBoost = 3;

    // Lucene.NET's MultiFieldQueryParser reads a boost for every field it searches.
    private static readonly Dictionary<string, float> Boosts = new(StringComparer.Ordinal)
    {
        [PostFields.Title] = TitleBoost,
        [PostFields.TitleZh] = TitleBoost,
        [PostFields.Body] = 1,
        [PostFields.BodyZh] = 1,
    };

    /// <summary>Why <paramref name="text"/> is not a valid search, or null when it is.</summary>
    public static string? Check(string? text)
    {
        try
        {
            _ = Parse(text);
            return null;
        }
        catch (SearchSyntaxException ex)
        {
            return ex.Message;
        }
    }

    // Parsed texts: a search parses its q= twice (validation, then the search), and the same texts
    // come again and again. A parsed query is never changed (Loosen and Rewrite build new ones).
    private static readonly ConcurrentDictionary<string, SearchText> Parsed = new(StringComparer.Ordinal);
    private const int MaxParsed = 1024;

    /// <summary>The query for <paramref name="text"/>; null when it has no searchable word.</summary>
    public static SearchText? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (Parsed.TryGetValue(text, out var known))
        {
            return known;
        }

        var parsed = ParseNew(text);
        if (parsed is not null)
        {
            if (Parsed.Count >= MaxParsed)
            {
                Parsed.Clear();
            }

            Parsed[text] = parsed;
        }

        return parsed;
    }

    private static SearchText? ParseNew(string text)
    {
        var analyzer = SearchAnalyzer.Shared;
        var fields = SearchAnalyzer.HasCjk(text) ? PostFields.Text : [PostFields.Title, PostFields.Body];
        var parser = new MultiFieldQueryParser(SearchAnalyzer.Version, fields, analyzer, Boosts)
        {
            DefaultOperator = Operator.AND,
            AutoGeneratePhraseQueries = true,
            AllowLeadingWildcard = false,
        };

        Query parsed;
        try
        {
            parsed = parser.Parse(Closed(text.Trim()));
        }
        catch (ParseException ex)
        {
            throw new SearchSyntaxException(FirstLine(ex.Message), ex);
        }
        catch (BooleanQuery.TooManyClausesException ex)
        {
            throw new SearchSyntaxException("the query has too many words", ex);
        }

        if (parsed is BooleanQuery { Clauses.Count: 0 })
        {
            return null;
        }

        return new SearchText(parsed, TypedWord(text, analyzer));
    }

    /// <summary>
    /// A bare term of a text field also matches near spellings, unless the word itself is common
    /// (in at least <see cref="FuzzyUnlessIn"/> posts, by its <paramref name="states"/>: then it is
    /// no typo, and expanding it would only cost time), and the word being typed matches as a prefix.
    /// The term keeps the states it was looked up with, so the search does not look it up again in
    /// each segment for each window it runs.
    /// </summary>
    internal static Query Loosen(Query query, string? typing, Func<Term, TermContext> states)
    {
        switch (query)
        {
            case TermQuery term when IsEnglishText(term.Term.Field):
                var text = term.Term.Text;
                var state = states(term.Term);
                var fuzzy = text.Length >= FuzzyMinLength && text.All(char.IsLetter) && state.DocFreq < FuzzyUnlessIn;
                var prefix = string.Equals(text, typing, StringComparison.Ordinal);
                if (!fuzzy && !prefix)
                {
                    return new TermQuery(term.Term, state) { Boost = term.Boost };
                }

                var either = new BooleanQuery(disableCoord: true) { Boost = term.Boost };
                either.Add(new TermQuery(term.Term, state), Occur.SHOULD);
                if (fuzzy)
                {
                    either.Add(new FuzzyQuery(term.Term, text.Length >= FuzzyTwoEditsLength ? 2 : 1, prefixLength: 1) { Boost = FuzzyBoost }, Occur.SHOULD);
                }

                if (prefix)
                {
                    either.Add(new PrefixQuery(term.Term) { Boost = PrefixBoost, MultiTermRewriteMethod = CompletionsRewrite.Instance }, Occur.SHOULD);
                }

                return either;
            case BooleanQuery boolean:
                var loosened = new BooleanQuery(boolean.CoordDisabled) { Boost = boolean.Boost, MinimumNumberShouldMatch = boolean.MinimumNumberShouldMatch };
                foreach (var clause in boolean.Clauses)
                {
                    loosened.Add(Loosen(clause.Query, typing, states), clause.Occur);
                }

                return loosened;
            default:
                return query;
        }
    }

    private static bool IsEnglishText(string field) => field is PostFields.Title or PostFields.Body;

    // The last word, as analysed, when the text ends in it (no space, quote or operator after it):
    // the user may still be typing it.
    private static string? TypedWord(string text, SearchAnalyzer analyzer)
    {
        if (text.Length == 0 || !char.IsLetterOrDigit(text[^1]))
        {
            return null;
        }

        var start = text.Length;
        while (start > 0 && char.IsLetterOrDigit(text[start - 1]))
        {
            start--;
        }

        if (start > 0 && !char.IsWhiteSpace(text[start - 1]))
        {
            return null;
        }

        if (text.Count(c => c == '"') % 2 == 1)
        {
            return null;
        }

        using var stream = analyzer.GetTokenStream(PostFields.Title, text[start..]);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        string? only = stream.IncrementToken() ? term.ToString() : null;
        var more = only is not null && stream.IncrementToken();
        stream.End();
        return more ? null : only;
    }

    /// <summary>
    /// The text as a search box takes it: a quote left open is closed at the end (<c>"open weights</c>
    /// searches the phrase), and a backslash at the end, escaping nothing, is dropped. Lucene's
    /// parser refuses both with a lexical error.
    /// </summary>
    internal static string Closed(string text)
    {
        var quotes = 0;
        var escaped = false;
        foreach (var c in text)
        {
            if (escaped)
            {
                escaped = false;
            }
            else if (c == '\\')
            {
                escaped = true;
            }
            else if (c == '"')
            {
                quotes++;
            }
        }

        var closed = escaped ? text[..^1] : text;
        return quotes % 2 == 1 ? closed + "\"" : closed;
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.StartsWith("Cannot parse", StringComparison.Ordinal) && line.IndexOf(": ", StringComparison.Ordinal) is var colon and > 0
            ? "cannot parse the query: " + line[(colon + 2)..]
            : line;
    }
}

/// <summary>A parsed q=: the query as typed and the word still being typed (if any), loosened per index by <see cref="SearchSyntax.Loosen"/>.</summary>
public sealed record SearchText(Query Query, string? Typing);

/// <summary>The q= text is not valid query syntax; the message says why, for a 400.</summary>
public sealed class SearchSyntaxException(string message, Exception inner) : Exception(message, inner);
