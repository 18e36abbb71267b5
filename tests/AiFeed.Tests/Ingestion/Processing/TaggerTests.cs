using System.Text.RegularExpressions;
using AiFeed.Catalog;
using AiFeed.Ingestion.Processing.Tagging;

namespace AiFeed.Tests.Ingestion.Processing;

public sealed class TaggerTests
{
    private static Tagger Tagger(params TagDefinition[] tags) => new(new Taxonomy { Tags = tags });

    private static TagDefinition Tag(string name, string[] keywords, TagFields fields = TagFields.Default, params Regex[] patterns) =>
        new() { Name = name, Label = name, Keywords = keywords, Patterns = patterns, Fields = fields };

    private static TagInput Title(string title) => new(title, null, [], null);

    [Theory]
    [InlineData("Fast RAG pipelines", true)]
    [InlineData("Cheaper storage for embeddings", false)]
    [InlineData("rag-based search", true)]
    public void Tag_Keyword_MatchesWholeWordsOnly(string title, bool expected)
    {
        // Arrange
        var tagger = Tagger(Tag("rag", ["rag"]));

        // Act
        var tags = tagger.Tag(new TagInput(title, "", [], "src"), []);

        // Assert
        Assert.Equal(expected, tags.Contains("rag"));
    }

    [Theory]
    [InlineData("Large Language Models explained")]
    [InlineData("A large-language-model primer")]
    [InlineData("LARGE LANGUAGE MODELLING at scale")]
    public void Tag_PhraseWithPrefix_MatchesAnyEndingAndCase(string title)
    {
        // Arrange
        var tagger = Tagger(Tag("llm", ["large language model*"]));

        // Act & Assert
        Assert.Contains("llm", tagger.Tag(new TagInput(title, null, [], null), []));
    }

    [Theory]
    [InlineData("New RÉGULATION of A.I. systems", true)]
    [InlineData("Regulation of the AI act", false)]
    public void Tag_AccentsCaseAndPunctuation_NormalisedStopWordsKept(string title, bool expected)
    {
        // Arrange: stop words stay, so "of ai" is not "of the ai".
        var tagger = Tagger(Tag("policy", ["regulation of a i"]));

        // Act & Assert
        Assert.Equal(expected, tagger.Tag(Title(title), []).Contains("policy"));
    }

    [Theory]
    [InlineData("SWE-bench Verified results", "evaluation")]
    [InlineData("Scores on swe bench pro", "evaluation")]
    [InlineData("Grok-1.5 is out", "llm")]
    [InlineData("Grok 1.5 vision preview", "llm")]
    [InlineData("GPT-4o mini", "llm")]
    public void Tag_NamesWithHyphensAndDigits_MatchTheirWords(string title, string expected)
    {
        // Arrange
        var tagger = Tagger(Tag("evaluation", ["swe bench*"]), Tag("llm", ["grok*", "gpt 4o"]));

        // Act & Assert
        Assert.Equal([expected], tagger.Tag(Title(title), []));
    }

    [Theory]
    [InlineData("Our vision for the next decade", false)]
    [InlineData("A shared vision of AI in schools", false)]
    [InlineData("A vision model that reads charts", true)]
    [InlineData("Our vision model reads charts", true)]
    public void Tag_ExcludedPhrase_DoesNotCountButOtherOccurrencesDo(string title, bool expected)
    {
        // Arrange: the keyword "vision model" reaches past "our vision", so that occurrence still counts.
        var tagger = Tagger(Tag("multimodal", ["vision", "vision model"]) with { Exclude = ["our vision", "shared vision", "vision of"] });

        // Act & Assert
        Assert.Equal(expected, tagger.Tag(Title(title), []).Contains("multimodal"));
    }

    [Fact]
    public void Tag_VocabularyReference_MatchesEveryWordOfTheList()
    {
        // Arrange
        var taxonomy = new Taxonomy
        {
            Vocabulary = new Dictionary<string, IReadOnlyList<string>> { ["families"] = ["kimi", "command r*"] },
            Tags = [Tag("llm", ["@families", "language model*"])],
        };
        var tagger = new Tagger(taxonomy);

        // Act & Assert
        Assert.Contains("llm", tagger.Tag(Title("Kimi K2 is here"), []));
        Assert.Contains("llm", tagger.Tag(Title("Command R+ for enterprises"), []));
        Assert.Empty(tagger.Tag(Title("A new command line"), []));
    }

    [Theory]
    [InlineData("https://arxiv.org/abs/2401.00001v2", true)]
    [InlineData("http://www.ARXIV.org/abs/2401.00001", true)]
    [InlineData("https://example.org/blog/arxiv.org/abs/1", false)]
    [InlineData(null, false)]
    public void Tag_LinkPrefix_MatchesThePostsOwnLink(string? url, bool expected)
    {
        // Arrange
        var tagger = Tagger(new TagDefinition { Name = "research-papers", Label = "Papers", Links = [TagDefinition.NormalizeLink("arxiv.org/abs/")] });

        // Act
        var tags = tagger.Tag(new TagInput("A post", null, [], null) { Url = url }, []);

        // Assert
        Assert.Equal(expected, tags.Contains("research-papers"));
    }

    [Fact]
    public void Explain_EachTag_SaysWhichRuleGaveIt()
    {
        // Arrange
        var tagger = Tagger(
            Tag("llm", ["language model*"]),
            Tag("evaluation", [], TagFields.Default, new Regex(@"\b\w+-?bench\b", RegexOptions.IgnoreCase, Taxonomy.RegexTimeout)),
            new TagDefinition { Name = "research-papers", Label = "Papers", Keywords = ["paper"], Links = ["arxiv.org/abs/"], Fields = TagFields.Title });

        // Act
        var reasons = tagger.Explain(
            new TagInput("Introducing HealthBench", "A benchmark for language models.", [], "Lab") { Url = "https://arxiv.org/abs/2501.1" },
            ["lab"]);

        // Assert
        Assert.Equal(
            [("lab", "source tag"), ("llm", "keyword \"language model*\" in summary"), ("evaluation", "regex \"\\b\\w+-?bench\\b\" in title"), ("research-papers", "link \"arxiv.org/abs/\" in url")],
            reasons.Select(r => (r.Tag, r.Text)));
    }

    [Fact]
    public void Tag_Fields_OnlyThoseNamed()
    {
        // Arrange
        var tagger = Tagger(Tag("papers", ["arxiv"], TagFields.Source), Tag("robots", ["robot*"], TagFields.Categories));

        // Act
        var fromSource = tagger.Tag(new TagInput("arXiv is great", "arxiv", [], "Lab blog"), []);
        var fromArxiv = tagger.Tag(new TagInput("A paper", null, ["Robotics"], "arXiv cs.LG"), []);

        // Assert
        Assert.Empty(fromSource);
        Assert.Equal(["papers", "robots"], fromArxiv);
    }

    [Fact]
    public void Tag_SourceDefaults_FirstAndOnce()
    {
        // Arrange
        var tagger = Tagger(Tag("llm", ["gpt*"]));

        // Act
        var tags = tagger.Tag(new TagInput("GPT-5 is out", null, [], null), ["lab", "news", "lab"]);

        // Assert
        Assert.Equal(["lab", "news", "llm"], tags);
    }

    [Fact]
    public void Tag_SourceTagNamingATaxonomyTag_NeverStandsInForIt()
    {
        // Arrange: every post of this source is tagged "llm" by the catalog, but this one is not about LLMs.
        var tagger = Tagger(Tag("llm", ["gpt*"]), Tag("policy", ["regulation"]));

        // Act
        var tags = tagger.Tag(Title("Our new office in Munich"), ["lab", "llm"]);

        // Assert
        Assert.Equal(["lab"], tags);
    }

    [Fact]
    public void Tag_Regex_MatchesRawText()
    {
        // Arrange
        var tagger = Tagger(Tag("evaluation", [], TagFields.Default, new Regex(@"\b\w+Bench\b", RegexOptions.IgnoreCase, Taxonomy.RegexTimeout)));

        // Act & Assert
        Assert.Contains("evaluation", tagger.Tag(new TagInput("Introducing HealthBench", null, [], null), []));
        Assert.Empty(tagger.Tag(new TagInput("A bench in the park", null, [], null), []));
    }

    [Fact]
    public void Tag_RegexTimesOut_NoMatchAndNoThrow()
    {
        // Arrange: catastrophic backtracking on a long run of "a" with no final "b".
        var slow = new Regex("^(a+)+b$", RegexOptions.None, TimeSpan.FromMilliseconds(5));
        var tagger = Tagger(Tag("slow", [], TagFields.Default, slow));

        // Act
        var tags = tagger.Tag(new TagInput(new string('a', 5000) + "c", null, [], null), []);

        // Assert
        Assert.Empty(tags);
    }
}
