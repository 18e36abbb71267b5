using AiFeed.Ingestion.Processing;
using AiFeed.Publishing;

namespace AiFeed.Tests.Publishing;

public sealed class LinkOnlyImagesTests
{
    [Fact]
    public void Rewrite_SanitisedImage_BecomesLinkWithAlt()
    {
        // Arrange
        var html = new ContentSanitizer().Sanitize("<p>Look: <img src=\"https://cdn.example.org/a.png?x=1&amp;y=2\" alt=\"a > b &quot;chart&quot;\" onerror=\"alert(1)\"></p>", new Uri("https://example.org/"));

        // Act
        var rewritten = LinkOnlyImages.Rewrite(html);

        // Assert
        Assert.DoesNotContain("<img", rewritten, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<a class=\"image-link\" href=\"https://cdn.example.org/a.png?x=1&amp;y=2\" rel=\"noopener noreferrer\">[image: a", rewritten, StringComparison.Ordinal);
        Assert.Contains("&quot;chart&quot;]</a>", rewritten, StringComparison.Ordinal);
        Assert.DoesNotContain("onerror", rewritten, StringComparison.Ordinal);
    }

    [Fact]
    public void Rewrite_NoImages_Unchanged()
    {
        // Arrange
        const string html = "<p>Text about <code>&lt;img&gt;</code> tags.</p>";

        // Act
        var rewritten = LinkOnlyImages.Rewrite(html);

        // Assert
        Assert.Same(html, rewritten);
    }
}
