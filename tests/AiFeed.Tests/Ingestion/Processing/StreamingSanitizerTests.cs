using AiFeed.Ingestion.Processing;
using AiFeed.Ingestion.Processing.Html;

namespace AiFeed.Tests.Ingestion.Processing;

/// <summary>Edge cases of the streaming sanitiser: tokenizing, nesting repair, URL screening.</summary>
public sealed class StreamingSanitizerTests
{
    private static readonly Uri BaseUrl = new("https://blog.example.com/posts/first-post");

    private const string Rel = " rel=\"noopener noreferrer nofollow ugc\"";

    [Theory]
    [InlineData("<b><i>x</b>y</i>z", "<b><i>x</i></b>yz")]
    [InlineData("<p>a<div>b</div>", "<p>a</p><div>b</div>")]
    [InlineData("<ul><li>a<li>b</ul>", "<ul><li>a</li><li>b</li></ul>")]
    [InlineData("<ul><li>a<ul><li>b</ul>c</ul>", "<ul><li>a<ul><li>b</li></ul>c</li></ul>")]
    [InlineData("<dl><dt>t<dd>d<dt>u</dl>", "<dl><dt>t</dt><dd>d</dd><dt>u</dt></dl>")]
    [InlineData("<h1>a<h2>b</h2>", "<h1>a</h1><h2>b</h2>")]
    [InlineData("<p>open <b>bold", "<p>open <b>bold</b></p>")]
    [InlineData("</p></div>t</span>", "t")]
    [InlineData("<p>a</br>b", "<p>a<br>b</p>")]
    [InlineData("<table><td>x</table>", "<table><tbody><tr><td>x</td></tr></tbody></table>")]
    [InlineData("<table><tr><td>a<td>b<tr><td>c</table>", "<table><tbody><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></tbody></table>")]
    [InlineData("<table><tr><td><div>x</div></div>y</td></tr></table>", "<table><tbody><tr><td><div>x</div>y</td></tr></tbody></table>")]
    [InlineData("<td>outside</td><tr>", "outside")]
    [InlineData("<p>a<form><p>b</p></form>", "<p>a</p><p>b</p>")]
    public void Sanitize_BrokenNesting_Balanced(string html, string expected)
    {
        // Arrange
        // Act
        var output = ContentSanitizer.Shared.Sanitize(html, BaseUrl);

        // Assert
        Assert.Equal(expected, output);
    }

    [Fact]
    public void Sanitize_NestedLinks_OuterClosed()
    {
        // Arrange
        const string html = "<a href=\"x\"><a href=\"y\">z</a>";

        // Act
        var output = ContentSanitizer.Shared.Sanitize(html, BaseUrl);

        // Assert
        Assert.Equal($"<a href=\"https://blog.example.com/posts/x\"{Rel}></a><a href=\"https://blog.example.com/posts/y\"{Rel}>z</a>", output);
    }

    [Theory]
    [InlineData("<scr<script>ipt>alert(1)</script>", "ipt&gt;alert(1)")]
    [InlineData("<P CLASS=x ONCLICK=y()>Up</P>", "<p>Up</p>")]
    // Outside svg and math, CDATA is a bogus comment ending at the first '>'.
    [InlineData("<!-- <script>x</script> --><![CDATA[<p>x</p>]]><!DOCTYPE html><?php echo 1 ?><p>t</p>", "x]]&gt;<p>t</p>")]
    [InlineData("<!--><p>a</p><!---><p>b</p><!-- x --!><p>c</p>", "<p>a</p><p>b</p><p>c</p>")]
    [InlineData("<p>unterminated <!-- comment <p>lost", "<p>unterminated </p>")]
    [InlineData("<textarea><p>no</p></textarea><title><b>t</b></title><p>ok", "<p>ok</p>")]
    [InlineData("<style></p><script>x</script></style><p>ok</p>", "<p>ok</p>")]
    [InlineData("<script>document.write('</scr' + 'ipt><p>x</p>')</SCRIPT ><p>ok</p>", "<p>ok</p>")]
    [InlineData("<xmp><b>shown</b></xmp>", "&lt;b&gt;shown&lt;/b&gt;")]
    [InlineData("<plaintext><p>all text", "&lt;p&gt;all text")]
    [InlineData("<noscript><p title=\"</noscript><b>x</b>\">", "<b>x</b>\"&gt;")]
    [InlineData("<svg><svg></svg>still svg</svg><p>out</p>", "<p>out</p>")]
    [InlineData("<svg/><p>x</p><math><mi>y</mi></math>", "<p>x</p>")]
    [InlineData("<select><option>o<p>p</select>after", "after")]
    [InlineData("a < b && c > d &lt;tag&gt; &copy; &#169; &#x1F600; &#0; &notit;", "a &lt; b &amp;&amp; c &gt; d &lt;tag&gt; © © 😀 \uFFFD ¬it;")]
    [InlineData("<p>a\0b</p>", "<p>ab</p>")]
    [InlineData("<p <p>x</p>", "<p>x</p>")]
    [InlineData("<p>cut <b", "<p>cut </p>")]
    public void Sanitize_Tokenizing_AsBrowsersSplitIt(string html, string expected)
    {
        // Arrange
        // Act
        var output = ContentSanitizer.Shared.Sanitize(html, BaseUrl);

        // Assert
        Assert.Equal(expected, output);
        Assert.Empty(HtmlSafety.Violations(output));
    }

    [Theory]
    [InlineData("<a href=\"&#106;avascript:alert(1)\">x</a>")]
    [InlineData("<a href=\"&#x6A;ava&#x09;script&colon;alert(1)\">x</a>")]
    [InlineData("<a href=\"java&NewLine;script:alert(1)\">x</a>")]
    [InlineData("<a href=\"&#0;javascript:alert(1)\">x</a>")]
    [InlineData("<a href=\"java&nbsp;script:alert(1)\">x</a>")]
    [InlineData("<a href=javascript:alert(1)>x</a>")]
    [InlineData("<a href='  JAVASCRIPT:alert(1)'>x</a>")]
    [InlineData("<a href=\"\u0001javascript:alert(1)\">x</a>")]
    [InlineData("<a href=\"vbscript:x\" href=\"https://ok.example/\">x</a>")]
    public void Sanitize_EncodedScriptUrl_HrefDropped(string html)
    {
        // Arrange
        // Act
        var output = ContentSanitizer.Shared.Sanitize(html, BaseUrl);

        // Assert
        Assert.Equal($"<a{Rel}>x</a>", output);
    }

    [Theory]
    [InlineData("<a href=\"https://x.example/?a=1&copy=2&amp;b=3\">q</a>", "https://x.example/?a=1&amp;copy=2&amp;b=3")]
    [InlineData("<a href=HTTPS://X.EXAMPLE/p>q</a>", "HTTPS://X.EXAMPLE/p")]
    [InlineData("<a href=\" https://x.example/a\n b \">q</a>", "https://x.example/a b")]
    [InlineData("<a href=\"a b.html\">q</a>", "https://blog.example.com/posts/a%20b.html")]
    [InlineData("<a href=\"?page=2\">q</a>", "https://blog.example.com/posts/first-post?page=2")]
    [InlineData("<a href=\"https://x.example/&quot;onmouseover=&quot;x\">q</a>", "https://x.example/&quot;onmouseover=&quot;x")]
    public void Sanitize_Href_DecodedCleanedAndEscaped(string html, string expectedHref)
    {
        // Arrange
        // Act
        var output = ContentSanitizer.Shared.Sanitize(html, BaseUrl);

        // Assert
        Assert.Equal($"<a href=\"{expectedHref}\"{Rel}>q</a>", output);
    }

    [Theory]
    [InlineData("<img srcset=\"a.png 1x, javascript:alert(1) 2x, data:image/png;base64,xx 3x, /c,d.png 4x\">",
        "<img srcset=\"https://blog.example.com/posts/a.png 1x, https://blog.example.com/c,d.png 4x\" loading=\"lazy\">")]
    // A srcset URL is a run of non-spaces, commas included (HTML's srcset parsing).
    [InlineData("<img srcset=\"a.png,b.png 2x\" sizes=\"(max-width: 600px) 100vw\">",
        "<img srcset=\"https://blog.example.com/posts/a.png,b.png 2x\" sizes=\"(max-width: 600px) 100vw\" loading=\"lazy\">")]
    [InlineData("<img srcset=\"javascript:alert(1) 1x\" alt=\"gone\">", "")]
    [InlineData("<IMAGE SRC=\"/i.png\" LOADING=eager>", "<img src=\"https://blog.example.com/i.png\" loading=\"lazy\">")]
    public void Sanitize_Srcset_EachCandidateScreened(string html, string expected)
    {
        // Arrange
        // Act
        var output = ContentSanitizer.Shared.Sanitize(html, BaseUrl);

        // Assert
        Assert.Equal(expected, output);
    }

    [Theory]
    [InlineData("<p title='a \"quoted\" <b> & é\u00A0'>t</p>", "<p title=\"a &quot;quoted&quot; &lt;b&gt; &amp; é&nbsp;\">t</p>")]
    [InlineData("<td colspan=2 data-x=1 style=\"x\">c</td>", "c")]
    [InlineData("<p lang=en dir=rtl hidden onload=x>t</p>", "<p lang=\"en\" dir=\"rtl\">t</p>")]
    public void Sanitize_Attributes_ReQuotedAndEscaped(string html, string expected)
    {
        // Arrange
        // Act
        var output = ContentSanitizer.Shared.Sanitize(html, BaseUrl);

        // Assert
        Assert.Equal(expected, output);
    }

    [Fact]
    public void Sanitize_AbsurdNesting_DepthCappedAndBalanced()
    {
        // Arrange
        var html = string.Concat(Enumerable.Repeat("<div>", 50_000)) + "deep" + string.Concat(Enumerable.Repeat("</b>", 50_000));

        // Act
        var output = ContentSanitizer.Shared.Sanitize(html, BaseUrl);

        // Assert
        var depth = OpenElements.MaxDepth;
        Assert.Equal(string.Concat(Enumerable.Repeat("<div>", depth)) + "deep" + string.Concat(Enumerable.Repeat("</div>", depth)), output);
    }

    [Fact]
    public void Policy_ListsAreConsistent()
    {
        // Arrange
        // Act
        var both = SanitizerPolicy.AllowedTags.Intersect(SanitizerPolicy.DropWithContent).Concat(SanitizerPolicy.AllowedTags.Intersect(SanitizerPolicy.Unwrapped));

        // Assert
        Assert.Empty(both);
        Assert.DoesNotContain(SanitizerPolicy.AllowedAttributes, a => a.StartsWith("on", StringComparison.Ordinal) || a is "style" or "class" or "id" or "name" or "target");
    }
}
