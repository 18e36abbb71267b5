using AiFeed.Search;
using Lucene.Net.Analysis.TokenAttributes;

namespace AiFeed.Tests.Search;

/// <summary>
/// The highlights take a word's terms from WordTerms, the English filters run on the word alone:
/// these tests hold them to what the index's analyser makes of the same word, asked twice (the
/// second answer from the table).
/// </summary>
public sealed class WordTermsTests
{
    [Theory]
    [InlineData("agents")]
    [InlineData("Reinforcement")]
    [InlineData("learning")]
    [InlineData("the")]
    [InlineData("The")]
    [InlineData("agent's")]
    [InlineData("OpenAI\u2019s")]
    [InlineData("it's")]
    [InlineData("Café")]
    [InlineData("Straße")]
    [InlineData("ÆON")]
    [InlineData("3.1")]
    [InlineData("2.0.1")]
    [InlineData("v2.0")]
    [InlineData("1,000")]
    [InlineData("e.g")]
    [InlineData("x_y")]
    [InlineData("_3")]
    [InlineData("generalization")]
    [InlineData("ability")]
    public void Of_Word_GivesTheAnalysersTermsForIt(string word)
    {
        // Arrange
        var expected = Analysed(word);

        // Act
        var first = WordTerms.Of(word);
        var again = WordTerms.Of(word);

        // Assert
        Assert.Equal(expected, first);
        Assert.Equal(expected, again);
    }

    private static List<string> Analysed(string word)
    {
        using var tokens = SearchAnalyzer.Shared.GetTokenStream(PostFields.Body, word);
        var term = tokens.AddAttribute<ICharTermAttribute>();
        var terms = new List<string>();
        tokens.Reset();
        while (tokens.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        tokens.End();
        return terms;
    }
}
