using AiFeed.Search;
using AiFeed.Tests.Infrastructure;
using AiFeed.Tests.Ingestion.Processing;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;

namespace AiFeed.Tests.Search;

/// <summary>
/// The highlights of a search without phrases are marked by AiFeed's own TermMarker: these tests
/// hold it to what Lucene's Highlighter (QueryTermScorer, SimpleFragmenter of 160 characters, two
/// summary fragments, the title whole) answers for the same query and text, character for character.
/// </summary>
public sealed class SearchHighlighterTests
{
    private static readonly string[] Texts =
    [
        "",
        "Benchmarks <for> agents & \"tools\"",
        "Llama 3.1 405B, evaluated: Llama 3 vs. Llama 2 on 1,000 tasks",
        "OpenAI's new reasoning model; Anthropic’s agents — and the café's robots",
        "The the the of and a an",
        "大模型的推理能力评测 and reasoning models",
        "tab\tseparated\nlines of agent text with e.g. U.S. dots and snake_case_words",
        new string('x', 300) + " agents " + new string('y', 300),
        "Agents everywhere. " + string.Join(' ', Enumerable.Repeat("A long sentence about benchmark design and reinforcement learning for agents", 6)),
        string.Join(' ', Enumerable.Repeat("padding words without a match here", 5)) + " agents at the end",
        "agents agents agents benchmarks benchmark benchmarking agent's",
        "Łukasz’s naïve agents’ “benchmarks” — don't it's e.g. U.S.A. 3.1.2 v2.0 1,000.5 x_y ___ _3 ÆON Straße",
        "co\u00adoperative agents and benchmarks, with a soft hyphen the tokenizer reads past",
        "agents " + new string('z', 256) + " benchmark agents",
        "The agents: reinforcement-learning; agents' tools & \"benchmarks\" <i>for</i> learners, learned and learning",
    ];

    private static readonly string[] Queries =
    [
        "model learning",
        "google",
        "agents",
        "benchmark agents",
        "llama 3 ",
        "reasoning OR robots",
        "agents -robots",
        "title:agents",
        "café",
        "reinforcement learning ",
        "tools^4 agents",
    ];

    public static TheoryData<string> QueryTexts() => [.. Queries];

    [Theory]
    [MemberData(nameof(QueryTexts))]
    public void For_QueryWithoutPhrases_MarksWhatLucenesHighlighterMarks(string text)
    {
        // Arrange
        var query = SearchSyntax.Parse(text)!.Query;

        // Act + Assert
        AssertSameAsLucene(query, [.. Texts, .. Generated(200)]);
    }

    [Theory]
    [MemberData(nameof(QueryTexts))]
    public void For_RealPosts_MarksWhatLucenesHighlighterMarks(string text)
    {
        // Arrange: the real feeds' titles and summaries as stored.
        var folder = TestEnvironment.CorpusPath("real");
        var posts = Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".xml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .SelectMany(f => CorpusPosts.Load(Path.GetRelativePath(folder, f), "real"));
        var query = SearchSyntax.Parse(text)!.Query;

        // Act + Assert
        AssertSameAsLucene(query, posts.SelectMany(p => new[] { p.Title, p.Summary }));
    }

    [Fact]
    public void For_TermsWeightedApartAndNamedTwice_MarksWhatLucenesHighlighterMarks()
    {
        // Arrange: what fuzzy and prefix expansion leave, terms of their own weights, one of them twice.
        var query = new BooleanQuery
        {
            { new TermQuery(new Term(PostFields.Body, "agent")) { Boost = 0.3f }, Occur.SHOULD },
            { new TermQuery(new Term(PostFields.Body, "agent")) { Boost = 2f }, Occur.SHOULD },
            { new TermQuery(new Term(PostFields.Body, "benchmark")) { Boost = 0.5f }, Occur.SHOULD },
            { new TermQuery(new Term(PostFields.Title, "reinforc")) { Boost = 3f }, Occur.SHOULD },
            { new ConstantScoreQuery(new TermQuery(new Term(PostFields.Body, "learn"))) { Boost = 0.5f }, Occur.SHOULD },
        };

        // Act + Assert
        AssertSameAsLucene(query, [.. Texts, .. Generated(200)]);
    }

    [Fact]
    public void For_LongSummary_KeepsTheTwoBestFragmentsMergedWhenAdjacent()
    {
        // Arrange: matches in the first, second and last fragments of 160 characters.
        var summary = "agents " + new string('a', 150) + " agents benchmark " + new string('b', 200) + " agents";
        var mark = SearchHighlighter.For(SearchSyntax.Parse("agents benchmark")!.Query);

        // Act
        var marked = mark("", summary).Summary;

        // Assert: the two adjacent best fragments are one, and the third is left out.
        Assert.Equal(Lucene(SearchSyntax.Parse("agents benchmark")!.Query, PostFields.Body, summary, fragmentLength: 160, fragments: 2), marked);
        Assert.StartsWith("<mark>agents</mark> aaa", marked, StringComparison.Ordinal);
        Assert.DoesNotContain(" … ", marked, StringComparison.Ordinal);
    }

    private static void AssertSameAsLucene(Query query, IEnumerable<string> texts)
    {
        var mark = SearchHighlighter.For(query);
        foreach (var text in texts)
        {
            var marked = mark(text, text);
            Assert.Equal(Lucene(query, PostFields.Title, text, fragmentLength: 0, fragments: 1), marked.Title);
            Assert.Equal(Lucene(query, PostFields.Body, text, fragmentLength: 160, fragments: 2), marked.Summary);
        }
    }

    // Lucene's Highlighter as SearchHighlighter used it for every query before TermMarker.
    private static string? Lucene(Query query, string field, string text, int fragmentLength, int fragments)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var highlighter = new Highlighter(new SimpleHTMLFormatter("<mark>", "</mark>"), new HtmlOnlyEncoder(), new QueryTermScorer(QueryTermExtractor.GetTerms(query, false, field)))
        {
            TextFragmenter = fragmentLength == 0 ? new NullFragmenter() : new SimpleFragmenter(fragmentLength),
            MaxDocCharsToAnalyze = 64 * 1024,
        };
        using var tokens = SearchAnalyzer.Shared.GetTokenStream(field, text);
        var best = highlighter.GetBestFragments(tokens, text, fragments);
        return best.Length == 0 ? null : string.Join(" … ", best);
    }

    // Texts of words, numbers, versions, punctuation and markup in a fixed random order.
    private static IEnumerable<string> Generated(int count)
    {
        string[] words =
        [
            "agents", "agent's", "benchmark", "benchmarks", "Reinforcement", "learning", "robots", "café", "Llama", "3.1", "3", "tools",
            "the", "of", "<b>", "&", "\"quoted\"", "e.g.", "GPT-4o", "1,000", "reasoning,", "models.", "—", "推理", "learn", "x_y",
        ];
        var random = new Random(17);
        for (var i = 0; i < count; i++)
        {
            var length = random.Next(1, 90);
            yield return string.Join(random.Next(4) == 0 ? "  " : " ", Enumerable.Range(0, length).Select(_ => words[random.Next(words.Length)]));
        }
    }

    private sealed class HtmlOnlyEncoder : IEncoder
    {
        public string EncodeText(string originalText) =>
            originalText.Replace("&", "&amp;", StringComparison.Ordinal)
                .Replace("<", "&lt;", StringComparison.Ordinal)
                .Replace(">", "&gt;", StringComparison.Ordinal)
                .Replace("\"", "&quot;", StringComparison.Ordinal);
    }
}
