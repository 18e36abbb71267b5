using System.Text.RegularExpressions;
using AiFeed.Catalog;
using AiFeed.Ingestion.Processing.Tagging;

namespace AiFeed.Tests.Ingestion.Processing;

public sealed class TaggerTests
{
    private static Tagger Tagger(params TagDefinition[] tags) => new(new Taxonomy { Tags = tags });

    private static TagDefinition Tag(string name, string[] keywords, TagFields fields = TagFields.Default, params Regex[] patterns) =>
        new() { Name = name, Label = name, Keywords = keywords, Patterns = patterns, Fields = fields };

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

    [Fact]
    public void Tag_AccentsAndStopWords_NormalisedLikeSearch()
    {
        // Arrange
        var tagger = Tagger(Tag("policy", ["régulation of ai"]));

        // Act & Assert
        Assert.Contains("policy", tagger.Tag(new TagInput("New REGULATION for the AI act", null, [], null), []));
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
        var tags = tagger.Tag(new TagInput("GPT-5 is out", null, [], null), ["lab", "llm"]);

        // Assert
        Assert.Equal(["lab", "llm"], tags);
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
