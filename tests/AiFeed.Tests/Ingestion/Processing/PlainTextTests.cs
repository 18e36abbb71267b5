using AiFeed.Ingestion.Processing;

namespace AiFeed.Tests.Ingestion.Processing;

public sealed class PlainTextTests
{
    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("  \t\n ", "")]
    [InlineData("plain text", "plain text")]
    [InlineData("  spaced \t out\r\n text  ", "spaced out text")]
    [InlineData("AT&amp;T &lt;3 caf&eacute; &#8211; &#x2014; &nbsp;x", "AT&T <3 café – — x")]
    [InlineData("AT&T and R&D", "AT&T and R&D")]
    [InlineData("<p>One</p><p>Two</p>", "One Two")]
    [InlineData("<h1>Head</h1><ul><li>a</li><li>b</li></ul><div>c<br>d</div>", "Head a b c d")]
    [InlineData("<b>Hel</b>lo <i>wor</i>ld", "Hello world")]
    [InlineData("<table><tr><td>1</td><td>2</td></tr></table>", "1 2")]
    [InlineData("text<script>alert('x')</script> more<style>p{color:red}</style>", "text more")]
    [InlineData("<html><head><title>T</title></head><body><p>Body</p></body></html>", "Body")]
    [InlineData("<p>a <!-- comment --> b</p>", "a b")]
    [InlineData("<P>Up</P><DIV>per</DIV>", "Up per")]
    [InlineData("a<image>b", "a b")]
    [InlineData("a<svg><text>svg</text><svg></svg>more svg</svg>b<math><mi>x</mi></math>c", "abc")]
    [InlineData("<script>if (a < b) document.write('<p>x</p>')</script>after", "after")]
    [InlineData("<title>&amp; T</title><textarea><p>t</p></textarea>body", "body")]
    [InlineData("<xmp>&amp; <b>raw</b></xmp>", "&amp; <b>raw</b>")]
    [InlineData("a<script>never closed", "a")]
    [InlineData("<scr<script>ipt>x</script>", "ipt>x")]
    [InlineData("caf&eacute &notit; &#x1F600;", "café ¬it; 😀")]
    public void FromHtml_Input_TextExtracted(string? html, string expected)
    {
        // Arrange
        // Act
        var text = PlainText.FromHtml(html);

        // Assert
        Assert.Equal(expected, text);
    }

    [Fact]
    public void FromHtml_NoMarkup_ReturnsCollapsedInput()
    {
        // Arrange
        const string input = "Plain title without markup";

        // Act
        var text = PlainText.FromHtml(input);

        // Assert
        Assert.Equal(input, text);
    }

    [Fact]
    public void Summarize_ShortText_Unchanged()
    {
        // Arrange
        const string html = "<p>Short <b>summary</b>.</p>";

        // Act
        var summary = PlainText.Summarize(html);

        // Assert
        Assert.Equal("Short summary.", summary);
    }

    [Fact]
    public void Summarize_LongText_CutAtWordWithinLimit()
    {
        // Arrange
        var words = string.Join(' ', Enumerable.Range(0, 200).Select(i => $"word{i}"));

        // Act
        var summary = PlainText.Summarize($"<p>{words}</p>");

        // Assert
        Assert.InRange(summary.Length, 250, 300);
        Assert.EndsWith("…", summary, StringComparison.Ordinal);
        var body = summary[..^1];
        Assert.StartsWith(body + " ", words, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(50)]
    [InlineData(300)]
    public void Summarize_AnyMax_NeverLonger(int maxLength)
    {
        // Arrange
        var text = string.Concat(Enumerable.Repeat("The quick brown fox jumps over the lazy dog. ", 20));

        // Act
        var summary = PlainText.Summarize(text, maxLength);

        // Assert
        Assert.True(summary.Length <= maxLength, $"{summary.Length} > {maxLength}");
        Assert.EndsWith("…", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Summarize_OneHugeWord_HardCut()
    {
        // Arrange
        var text = new string('x', 1000);

        // Act
        var summary = PlainText.Summarize(text, 300);

        // Assert
        Assert.Equal(new string('x', 299) + "…", summary);
    }

    [Fact]
    public void Summarize_SurrogatePairAtCut_NotSplit()
    {
        // Arrange
        var text = new string('a', 8) + "😀😀😀";

        // Act
        var summary = PlainText.Summarize(text, 10);

        // Assert
        Assert.Equal(new string('a', 8) + "…", summary);
    }

    [Fact]
    public void Summarize_TrailingPunctuationAtCut_Trimmed()
    {
        // Arrange
        const string text = "alpha beta, gamma delta epsilon";

        // Act
        var summary = PlainText.Summarize(text, 13);

        // Assert
        Assert.Equal("alpha beta…", summary);
    }

    // Summarize reads the text only up to one character past the limit: at and around it, the
    // summary is what cutting the whole text gives.
    [Theory]
    [InlineData("abcdefghij", "abcdefghij")]
    [InlineData("abcdefghij \n\n ", "abcdefghij")]
    [InlineData("abcdefghij k", "abcdefghi…")]
    [InlineData("abcdefghijk and more words after the limit", "abcdefghi…")]
    [InlineData("<p>abcde</p>\n  <p>fghij k</p>", "abcde…")]
    [InlineData("<p>abcd</p><script>x y z</script>   <p>fghij</p>", "abcd fghij")]
    public void Summarize_TextAtOrJustPastTheLimit_AsCuttingTheWholeText(string html, string expected)
    {
        // Act
        var summary = PlainText.Summarize(html, 10);

        // Assert
        Assert.Equal(expected, summary);
        Assert.Equal(PlainText.FromHtml(html).Length <= 10, !summary.EndsWith('…'));
    }

    [Fact]
    public void Summarize_ZeroMax_Throws()
    {
        // Arrange
        // Act
        // Assert
        Assert.Throws<ArgumentOutOfRangeException>(() => PlainText.Summarize("x", 0));
    }
}
