namespace AiFeed.Tests.Ingestion.Processing;

/// <summary>The checker the corpus tests rely on must itself catch what it claims to.</summary>
public sealed class HtmlSafetyTests
{
    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<p><style>p{}</style></p>")]
    [InlineData("<img src=\"x\" onerror=\"alert(1)\">")]
    [InlineData("<a href=\"java\tscript:alert(1)\">x</a>")]
    [InlineData("<a href=\"data:text/html,x\">x</a>")]
    [InlineData("<p style=\"width: expression(alert(1))\">x</p>")]
    [InlineData("<iframe src=\"https://example.com/\"></iframe>")]
    [InlineData("<form><input></form>")]
    [InlineData("<meta http-equiv=\"refresh\" content=\"0\">")]
    public void Violations_UnsafeHtml_Reported(string html)
    {
        // Arrange
        // Act
        var violations = HtmlSafety.Violations(html);

        // Assert
        Assert.NotEmpty(violations);
    }

    [Fact]
    public void Violations_SafeHtmlMentioningScript_None()
    {
        // Arrange
        const string html = "<p>Write &lt;script&gt; or javascript: in text, not in <a href=\"https://example.com/\" rel=\"nofollow\">links</a>.</p>";

        // Act
        var violations = HtmlSafety.Violations(html);

        // Assert
        Assert.Empty(violations);
    }
}
