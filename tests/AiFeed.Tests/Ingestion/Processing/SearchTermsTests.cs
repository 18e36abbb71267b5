using AiFeed.Ingestion.Processing;

namespace AiFeed.Tests.Ingestion.Processing;

public sealed class SearchTermsTests
{
    [Theory]
    [InlineData("Café Crème Brûlée", new[] { "cafe", "creme", "brulee" })]
    [InlineData("Straße ẞIG", new[] { "strasse", "ssig" })]
    [InlineData("Naïve Ångström Øre", new[] { "naive", "angstrom", "øre" })]
    [InlineData("GPT-4o and Llama 3.1", new[] { "gpt", "4o", "llama" })]
    [InlineData("The state of the art in AI, for you", new[] { "state", "art", "ai", "you" })]
    [InlineData("RLHF rlhf Rlhf", new[] { "rlhf" })]
    [InlineData("a b c x2 2024", new[] { "x2", "2024" })]
    [InlineData("  ...!!  ", new string[0])]
    public void Normalize_Query_WordsNormalized(string query, string[] expected)
    {
        // Arrange
        // Act
        var terms = SearchTerms.Normalize(query);

        // Assert
        Assert.Equal(expected, terms);
    }

    [Fact]
    public void Normalize_Null_Empty()
    {
        // Arrange
        // Act
        var terms = SearchTerms.Normalize(null);

        // Assert
        Assert.Empty(terms);
    }

    [Fact]
    public void Normalize_ManyWords_CappedAt200()
    {
        // Arrange
        var query = string.Join(' ', Enumerable.Range(0, 500).Select(i => $"w{i}"));

        // Act
        var terms = SearchTerms.Normalize(query);

        // Assert
        Assert.Equal(SearchTerms.MaxTerms, terms.Count);
        Assert.Equal("w0", terms[0]);
    }
}
