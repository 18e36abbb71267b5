using System.Text;
using AiFeed.Ingestion.Processing;
using AngleSharp.Html.Parser;

namespace AiFeed.Tests.Ingestion.Processing;

public sealed class ContentSanitizerTests
{
    private static readonly Uri BaseUrl = new("https://blog.example.com/posts/first-post");

    private readonly ContentSanitizer sanitizer = ContentSanitizer.Shared;

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n ")]
    public void Sanitize_NullOrBlank_ReturnsEmpty(string? html)
    {
        // Arrange
        // Act
        var output = sanitizer.Sanitize(html, BaseUrl);

        // Assert
        Assert.Equal("", output);
    }

    [Theory]
    [InlineData("<p>safe</p><script>alert(1)</script>", "<p>safe</p>")]
    [InlineData("<p>safe</p><SCRIPT type=\"text/javascript\">alert(1)</SCRIPT>", "<p>safe</p>")]
    [InlineData("<style>p { color: red }</style><p>safe</p>", "<p>safe</p>")]
    [InlineData("<iframe src=\"https://evil.example/\">fallback</iframe><p>safe</p>", "<p>safe</p>")]
    [InlineData("<object data=\"x.swf\"><param name=\"a\" value=\"b\">fallback</object><p>safe</p>", "<p>safe</p>")]
    [InlineData("<embed src=\"x.swf\"><p>safe</p>", "<p>safe</p>")]
    [InlineData("<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\"><link rel=\"stylesheet\" href=\"x.css\"><base href=\"https://evil.example/\"><p>safe</p>", "<p>safe</p>")]
    [InlineData("<svg><script>alert(1)</script></svg><p>safe</p>", "<p>safe</p>")]
    [InlineData("<noscript><p>no</p></noscript><p>safe</p>", "<p>safe</p>")]
    public void Sanitize_DangerousElement_RemovedWithContent(string html, string expected)
    {
        // Arrange
        // Act
        var output = sanitizer.Sanitize(html, BaseUrl);

        // Assert
        Assert.Equal(expected, output);
    }

    [Fact]
    public void Sanitize_Form_ControlsRemovedTextKept()
    {
        // Arrange
        const string html = "<form action=\"/subscribe\" method=\"post\"><p>Join us</p><label>Email <input name=\"e\"></label><select><option>x</option></select><textarea>t</textarea><button>Go</button></form>";

        // Act
        var output = sanitizer.Sanitize(html, BaseUrl);

        // Assert
        Assert.Equal("<p>Join us</p>Email ", output);
    }

    [Theory]
    [InlineData("<img src=\"a.png\" onerror=\"alert(1)\">")]
    [InlineData("<p onclick=\"alert(1)\" ONMOUSEOVER=\"x()\">t</p>")]
    [InlineData("<a href=\"https://example.com/\" onfocus=\"x()\">t</a>")]
    [InlineData("<body onload=\"x()\"><p>t</p></body>")]
    public void Sanitize_EventHandler_Removed(string html)
    {
        // Arrange
        // Act
        var output = sanitizer.Sanitize(html, BaseUrl);

        // Assert
        Assert.Empty(HtmlSafety.Violations(output));
        Assert.DoesNotContain(" on", output, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    [InlineData("<a href=\"JaVaScRiPt:alert(1)\">x</a>")]
    [InlineData("<a href=\" java&#x09;script:alert(1)\">x</a>")]
    [InlineData("<a href=\"&#106;avascript:alert(1)\">x</a>")]
    [InlineData("<a href=\"vbscript:msgbox(1)\">x</a>")]
    [InlineData("<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>")]
    [InlineData("<img src=\"data:image/png;base64,iVBORw0KGgo=\">")]
    [InlineData("<img src=\"javascript:alert(1)\">")]
    [InlineData("<img srcset=\"a.png 1x, javascript:alert(1) 2x\">")]
    public void Sanitize_ScriptOrDataUrl_Dropped(string html)
    {
        // Arrange
        // Act
        var output = sanitizer.Sanitize(html, BaseUrl);

        // Assert
        Assert.Empty(HtmlSafety.Violations(output));
        Assert.DoesNotContain("script:", output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("data:", output, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("<p style=\"color: red; background: url(javascript:x)\">t</p>", "<p>t</p>")]
    [InlineData("<p style=\"width: expression(alert(1))\">t</p>", "<p>t</p>")]
    [InlineData("<p class=\"lead big\" id=\"top\">t</p>", "<p>t</p>")]
    [InlineData("<a name=\"x\" target=\"_blank\" href=\"https://example.com/\">t</a>", "<a href=\"https://example.com/\" rel=\"noopener noreferrer nofollow ugc\">t</a>")]
    public void Sanitize_StyleClassIdNameTarget_Removed(string html, string expected)
    {
        // Arrange
        // Act
        var output = sanitizer.Sanitize(html, BaseUrl);

        // Assert
        Assert.Equal(expected, output);
    }

    [Theory]
    [InlineData("<a href=\"/about\">a</a>", "https://blog.example.com/about")]
    [InlineData("<a href=\"second-post\">a</a>", "https://blog.example.com/posts/second-post")]
    [InlineData("<a href=\"../up\">a</a>", "https://blog.example.com/up")]
    [InlineData("<a href=\"//cdn.example.com/x\">a</a>", "https://cdn.example.com/x")]
    [InlineData("<a href=\"https://other.example/x\">a</a>", "https://other.example/x")]
    public void Sanitize_RelativeHref_ResolvedAgainstBase(string html, string expected)
    {
        // Arrange
        // Act
        var output = sanitizer.Sanitize(html, BaseUrl);

        // Assert
        Assert.Equal($"<a href=\"{expected}\" rel=\"noopener noreferrer nofollow ugc\">a</a>", output);
    }

    [Fact]
    public void Sanitize_RelativeImg_ResolvedAndLazy()
    {
        // Arrange
        const string html = "<img src=\"/img/a.png\" alt=\"A\">";

        // Act
        var output = sanitizer.Sanitize(html, BaseUrl);

        // Assert
        Assert.Equal("<img src=\"https://blog.example.com/img/a.png\" alt=\"A\" loading=\"lazy\">", output);
    }

    [Fact]
    public void Sanitize_ImgSrcset_CandidatesResolved()
    {
        // Arrange
        const string html = "<img src=\"a.png\" srcset=\"a.png 1x, /b.png 2x\">";

        // Act
        var output = sanitizer.Sanitize(html, BaseUrl);

        // Assert
        Assert.Contains("https://blog.example.com/posts/a.png 1x", output, StringComparison.Ordinal);
        Assert.Contains("https://blog.example.com/b.png 2x", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<p>a<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"x\">b</p>", "<p>ab</p>")]
    [InlineData("<p>a<img src=\"javascript:alert(1)\">b</p>", "<p>ab</p>")]
    [InlineData("<p>a<img>b</p>", "<p>ab</p>")]
    public void Sanitize_ImgWithoutSafeSource_Removed(string html, string expected)
    {
        // Arrange
        // Act
        var output = sanitizer.Sanitize(html, BaseUrl);

        // Assert
        Assert.Equal(expected, output);
    }

    [Fact]
    public void Sanitize_LinkWithOwnRel_RelReplaced()
    {
        // Arrange
        const string html = "<a href=\"https://example.com/\" rel=\"opener\">x</a>";

        // Act
        var output = sanitizer.Sanitize(html, BaseUrl);

        // Assert
        Assert.Equal("<a href=\"https://example.com/\" rel=\"noopener noreferrer nofollow ugc\">x</a>", output);
    }

    [Fact]
    public void Sanitize_NoBaseUrl_RelativeLinkKeptAndSafe()
    {
        // Arrange
        const string html = "<p><a href=\"/about\">a</a></p>";

        // Act
        var output = sanitizer.Sanitize(html, null);

        // Assert
        Assert.Equal("<p><a href=\"/about\" rel=\"noopener noreferrer nofollow ugc\">a</a></p>", output);
    }

    [Fact]
    public void Sanitize_UnknownWrapper_TextKept()
    {
        // Arrange
        const string html = "<blink>hello <b>world</b></blink>";

        // Act
        var output = sanitizer.Sanitize(html, BaseUrl);

        // Assert
        Assert.Equal("hello <b>world</b>", output);
    }

    [Fact]
    public void Sanitize_OrdinaryArticle_StructureKept()
    {
        // Arrange
        const string html = "<h2>Title</h2><p>Some <em>text</em> &amp; <code>x &lt; y</code>.</p><ul><li>one</li></ul><pre><code>print(1)</code></pre><blockquote>q</blockquote><table><tr><td>1</td></tr></table>";

        // Act
        var output = sanitizer.Sanitize(html, BaseUrl);

        // Assert
        Assert.Equal("<h2>Title</h2><p>Some <em>text</em> &amp; <code>x &lt; y</code>.</p><ul><li>one</li></ul><pre><code>print(1)</code></pre><blockquote>q</blockquote><table><tbody><tr><td>1</td></tr></tbody></table>", output);
    }

    [Fact]
    public void Sanitize_HugeContent_CappedAndWellFormed()
    {
        // Arrange
        var html = new StringBuilder();
        for (var i = 0; i < 4000; i++)
        {
            html.Append("<div><p>Paragraph ").Append(i).Append(" with <a href=\"/p/").Append(i).Append("\">a link</a> and <b>bold words</b> to pad it out.</p></div>");
        }

        // Act
        var output = sanitizer.Sanitize(html.ToString(), BaseUrl);

        // Assert
        Assert.InRange(Encoding.UTF8.GetByteCount(output), ContentSanitizer.MaxOutputBytes * 9 / 10, ContentSanitizer.MaxOutputBytes);
        Assert.EndsWith("</div>", output, StringComparison.Ordinal);
        Assert.Equal(output, Reserialize(output));
    }

    [Fact]
    public void Sanitize_HugeSingleParagraph_CutAtWordAndWellFormed()
    {
        // Arrange
        var html = "<div><p>" + string.Concat(Enumerable.Repeat("word & more é ", 40_000)) + "</p></div>";

        // Act
        var output = sanitizer.Sanitize(html, BaseUrl);

        // Assert
        Assert.InRange(Encoding.UTF8.GetByteCount(output), ContentSanitizer.MaxOutputBytes * 9 / 10, ContentSanitizer.MaxOutputBytes);
        Assert.StartsWith("<div><p>word &amp; more", output, StringComparison.Ordinal);
        Assert.EndsWith("</p></div>", output, StringComparison.Ordinal);
        Assert.Equal(output, Reserialize(output));
    }

    [Fact]
    public async Task Sanitize_ManyThreads_SameResult()
    {
        // Arrange
        const string html = "<p onclick=\"x()\">t <a href=\"/a\">a</a><img src=\"b.png\"><script>x</script></p>";
        var expected = sanitizer.Sanitize(html, BaseUrl);

        // Act
        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => sanitizer.Sanitize(html, BaseUrl), TestContext.Current.CancellationToken)));

        // Assert
        Assert.All(results, r => Assert.Equal(expected, r));
    }

    private static string Reserialize(string html)
    {
        var parser = new HtmlParser();
        using var document = parser.ParseDocument(html);
        return document.Body!.InnerHtml;
    }
}
