using AiFeed.Ingestion.Processing.Clustering;

namespace AiFeed.Tests.Ingestion.Processing;

public sealed class OutboundLinksTests
{
    [Fact]
    public void Extract_HrefsInAnyCase_KeepsOtherSitesPagesInOrder_DecodesEntities()
    {
        // Arrange
        const string html = """
            <p><a href="https://arxiv.org/abs/2401.00001">paper</a>
            <A HREF="https://github.com/org/repo?a=1&amp;b=2">code</A>
            <a href="https://lab.example/blog/other-post">own site</a>
            <a href="https://www.lab.example/blog/again">own site, www</a>
            <a href="https://news.example/">a home page</a>
            <a href="/relative">relative</a>
            <a href="">empty</a>
            <span data-href="https://docs.example/guide/intro">data attribute</span>
            <span xhref="https://nope.example/page">not the attribute</span></p>
            """;

        // Act
        var links = OutboundLinks.Extract(html, "https://lab.example/blog/post");

        // Assert
        Assert.Equal(["u:arxiv.org/abs/2401.00001", "u:github.com/org/repo?a=1&b=2", "u:docs.example/guide/intro"], links);
    }

    [Fact]
    public void Extract_ManyLinksAndAnUnclosedQuote_StopsAtTheCapAndTheEnd()
    {
        // Arrange
        var html = string.Concat(Enumerable.Range(1, 20).Select(i => $"<a href=\"https://site{i}.example/p\">{i}</a>")) + "<a href=\"https://late.example/x";

        // Act
        var links = OutboundLinks.Extract(html, null);
        var unclosed = OutboundLinks.Extract("<a href=\"https://late.example/x", null);

        // Assert
        Assert.Equal(OutboundLinks.MaxLinks, links.Count);
        Assert.Equal("u:site1.example/p", links[0]);
        Assert.Empty(unclosed);
    }
}
