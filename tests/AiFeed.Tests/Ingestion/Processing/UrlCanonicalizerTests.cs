using AiFeed.Ingestion.Processing;

namespace AiFeed.Tests.Ingestion.Processing;

public sealed class UrlCanonicalizerTests
{
    [Theory]
    [InlineData("HTTPS://Blog.Example.COM/Posts/Hello", "https://blog.example.com/Posts/Hello")]
    [InlineData("http://example.com:80/a", "http://example.com/a")]
    [InlineData("https://example.com:443/a", "https://example.com/a")]
    [InlineData("http://example.com:8080/a", "http://example.com:8080/a")]
    [InlineData("https://example.com:80/a", "https://example.com:80/a")]
    [InlineData("https://example.com/a#section-2", "https://example.com/a")]
    [InlineData("  https://example.com/a  ", "https://example.com/a")]
    [InlineData("https://example.com", "https://example.com/")]
    [InlineData("https://example.com/a/", "https://example.com/a/")]
    [InlineData("https://example.com/a/./b/../c", "https://example.com/a/c")]
    [InlineData("https://user:secret@example.com/a", "https://example.com/a")]
    [InlineData("https://bücher.example/a", "https://xn--bcher-kva.example/a")]
    [InlineData("http://[::1]:8080/a", "http://[::1]:8080/a")]
    [InlineData("http://192.168.0.1:80/a", "http://192.168.0.1/a")]
    public void Canonicalize_SchemeHostPortFragment_Normalized(string input, string expected)
    {
        // Arrange
        // Act
        var canonical = UrlCanonicalizer.Canonicalize(input);

        // Assert
        Assert.Equal(expected, canonical);
    }

    [Theory]
    [InlineData("https://example.com/a?utm_source=rss&utm_medium=feed&utm_campaign=x", "https://example.com/a")]
    [InlineData("https://example.com/a?UTM_Source=rss&id=3", "https://example.com/a?id=3")]
    [InlineData("https://example.com/a?utm_whatever=1", "https://example.com/a")]
    [InlineData("https://example.com/a?fbclid=1&gclid=2&dclid=3&msclkid=4", "https://example.com/a")]
    [InlineData("https://example.com/a?mc_cid=1&mc_eid=2&_hsenc=3&_hsmi=4&igshid=5", "https://example.com/a")]
    [InlineData("https://example.com/a?ref_src=1&ref=2&yclid=3&mkt_tok=4", "https://example.com/a")]
    [InlineData("https://example.com/a?oly_anon_id=1&oly_enc_id=2&vero_id=3&__s=4", "https://example.com/a")]
    [InlineData("https://example.com/a?s_cid=1&spm=2&cmpid=3&wt_mc=4", "https://example.com/a")]
    [InlineData("https://example.com/a?b=2&utm_source=x&a=1&fbclid=y&c=3", "https://example.com/a?b=2&a=1&c=3")]
    [InlineData("https://example.com/a?z=1&y=2", "https://example.com/a?z=1&y=2")]
    [InlineData("https://example.com/a?", "https://example.com/a")]
    [InlineData("https://example.com/a?&&x=1&", "https://example.com/a?x=1")]
    [InlineData("https://example.com/a?flag&utm_source=x", "https://example.com/a?flag")]
    [InlineData("https://medium.com/p/abc?source=rss----5517fd7b58a6---4", "https://medium.com/p/abc")]
    [InlineData("https://example.com/a?source=feed", "https://example.com/a")]
    [InlineData("https://example.com/search?source=web&q=x", "https://example.com/search?source=web&q=x")]
    [InlineData("https://example.com/a?source=rssreader", "https://example.com/a?source=rssreader")]
    public void Canonicalize_TrackingParameters_RemovedInOrder(string input, string expected)
    {
        // Arrange
        // Act
        var canonical = UrlCanonicalizer.Canonicalize(input);

        // Assert
        Assert.Equal(expected, canonical);
    }

    [Theory]
    [InlineData("https://example.com/%7Euser/%41%62c", "https://example.com/~user/Abc")]
    [InlineData("https://example.com/a%2fb", "https://example.com/a%2Fb")]
    [InlineData("https://example.com/a%20b", "https://example.com/a%20b")]
    [InlineData("https://example.com/a?q=%7e%2d%2a", "https://example.com/a?q=~-%2A")]
    [InlineData("https://example.com/CaseSensitive/Path", "https://example.com/CaseSensitive/Path")]
    public void Canonicalize_PercentEncoding_OnlyUnreservedDecoded(string input, string expected)
    {
        // Arrange
        // Act
        var canonical = UrlCanonicalizer.Canonicalize(input);

        // Assert
        Assert.Equal(expected, canonical);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("/relative/path")]
    [InlineData("relative/path")]
    [InlineData("//example.com/protocol-relative")]
    [InlineData("ftp://example.com/file")]
    [InlineData("mailto:someone@example.com")]
    [InlineData("javascript:alert(1)")]
    [InlineData("file:///etc/passwd")]
    [InlineData("data:text/html,hi")]
    [InlineData("http://")]
    public void Canonicalize_NotAbsoluteHttp_ReturnsNull(string? input)
    {
        // Arrange
        // Act
        var canonical = UrlCanonicalizer.Canonicalize(input);

        // Assert
        Assert.Null(canonical);
    }

    [Theory]
    [InlineData("https://Example.com/a?utm_source=x&b=1#frag")]
    [InlineData("http://example.com:80/%7Ea/")]
    [InlineData("https://example.com/a%2fb?x=%41")]
    public void Canonicalize_CanonicalInput_Unchanged(string input)
    {
        // Arrange
        var once = UrlCanonicalizer.Canonicalize(input);

        // Act
        var twice = UrlCanonicalizer.Canonicalize(once);

        // Assert
        Assert.Equal(once, twice);
    }

    [Theory]
    [InlineData("https://lab.example/post#comments", false, "https://lab.example/post")]
    [InlineData("https://lab.example/post?id=3#a%7e1", true, "https://lab.example/post?id=3#a~1")]
    [InlineData("https://lab.example/post#", true, "https://lab.example/post")]
    public void Canonicalize_Fragment_KeptOnlyWhenAsked(string input, bool keep, string expected)
    {
        // Act & Assert
        Assert.Equal(expected, UrlCanonicalizer.Canonicalize(input, keep));
    }

    [Theory]
    [InlineData("https://www.example.com/a/", "example.com/a")]
    [InlineData("http://example.com/a", "example.com/a")]
    [InlineData("https://example.com/", "example.com")]
    [InlineData("https://www.example.com/a/?x=1", "example.com/a?x=1")]
    [InlineData("https://wwwexample.com/a", "wwwexample.com/a")]
    [InlineData("https://blog.example.com/Post", "blog.example.com/Post")]
    [InlineData("https://example.com:8443/a/", "example.com:8443/a")]
    [InlineData("https://www.example.com/a/?utm_source=rss", "example.com/a")]
    [InlineData("http://scripting.com/2017/06/26.html#a080605", "scripting.com/2017/06/26.html#a080605")]
    public void StoryKey_VariantsOfOneStory_DropSchemeWwwAndTrailingSlash(string input, string expected)
    {
        // Arrange
        // Act
        var key = UrlCanonicalizer.StoryKey(input);

        // Assert
        Assert.Equal(expected, key);
    }

    [Fact]
    public void StoryKey_HttpWwwAndSlashVariants_Equal()
    {
        // Arrange
        string[] variants = ["http://www.example.com/post/", "https://example.com/post", "https://www.example.com/post/"];

        // Act
        var keys = variants.Select(UrlCanonicalizer.StoryKey).Distinct().ToList();

        // Assert
        Assert.Equal(["example.com/post"], keys);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("/relative")]
    [InlineData("ftp://example.com/a")]
    public void StoryKey_NotHttpUrl_ReturnsNull(string? input)
    {
        // Arrange
        // Act
        var key = UrlCanonicalizer.StoryKey(input);

        // Assert
        Assert.Null(key);
    }
}
