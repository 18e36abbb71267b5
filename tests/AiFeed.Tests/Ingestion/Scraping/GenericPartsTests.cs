using System.Text;
using AiFeed.Ingestion.Scraping.Generic;

namespace AiFeed.Tests.Ingestion.Scraping;

/// <summary>The generic reader's parts that need no listing: sitemaps, a post page's metadata, JSON-LD on a listing.</summary>
public sealed class GenericPartsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Sitemap_UrlSet_EntriesWithLastmod()
    {
        // Arrange
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
              <url><loc>https://lab.example/blog/a</loc><lastmod>2026-11-20T10:00:00+00:00</lastmod></url>
              <url><loc> https://lab.example/blog/b </loc></url>
            </urlset>
            """;

        // Act
        var sitemap = Sitemap.Parse(Encoding.UTF8.GetBytes(xml), new Uri("https://lab.example/sitemap.xml"));

        // Assert
        Assert.False(sitemap.IsIndex);
        Assert.Equal(
            [("https://lab.example/blog/a", (DateTimeOffset?)new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero)), ("https://lab.example/blog/b", null)],
            sitemap.Entries.Select(e => (e.Url.AbsoluteUri, e.LastModified)));
    }

    [Fact]
    public void Sitemap_IndexAndNotASitemap_ReadAsSuch()
    {
        // Act
        var index = Sitemap.Parse(Encoding.UTF8.GetBytes("<sitemapindex><sitemap><loc>/post-sitemap.xml</loc></sitemap></sitemapindex>"), new Uri("https://lab.example/sitemap.xml"));
        var html = Sitemap.Parse(Encoding.UTF8.GetBytes("<html><body>Not found</body></html>"), new Uri("https://lab.example/sitemap.xml"));
        var cut = Sitemap.Parse(Encoding.UTF8.GetBytes("<urlset><url><loc>https://lab.example/a</loc></url><url><loc>https://lab.ex"), new Uri("https://lab.example/sitemap.xml"));

        // Assert
        Assert.True(index.IsIndex);
        Assert.Equal("https://lab.example/post-sitemap.xml", Assert.Single(index.Entries).Url.AbsoluteUri);
        Assert.Empty(html.Entries);
        Assert.Equal("https://lab.example/a", Assert.Single(cut.Entries).Url.AbsoluteUri);
    }

    [Fact]
    public async Task PostPageMeta_OpenGraphAndArticleTime_Read()
    {
        // Arrange
        var html = """
            <html><head><title>Fallback | Lab</title>
            <meta property="og:title" content="Scaling sparse attention">
            <meta property="article:published_time" content="2026-11-18T09:30:00+01:00">
            <meta property="og:description" content="How &amp; why.">
            <meta property="og:image" content="/og/sparse.png">
            </head><body><time datetime="2020-01-01">old</time></body></html>
            """;

        // Act
        var meta = await PostPageMeta.ReadAsync(Encoding.UTF8.GetBytes(html), new Uri("https://lab.example/blog/sparse"), "text/html", Ct);

        // Assert
        Assert.Equal(
            new PostMeta("Scaling sparse attention", new DateTimeOffset(2026, 11, 18, 8, 30, 0, TimeSpan.Zero), "How & why.", "https://lab.example/og/sparse.png"),
            meta with { PublishedAt = meta.PublishedAt?.ToUniversalTime() });
    }

    [Fact]
    public async Task PostPageMeta_OnlyJsonLd_DateFromTheArticle()
    {
        // Arrange
        var html = """
            <html><head><title>Post | Lab</title><script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[{"@type":"WebSite","url":"https://lab.example/"},
             {"@type":"BlogPosting","@id":"https://lab.example/blog/x","headline":"From JSON-LD","datePublished":"2026-10-02"}]}
            </script></head><body></body></html>
            """;

        // Act
        var meta = await PostPageMeta.ReadAsync(Encoding.UTF8.GetBytes(html), new Uri("https://lab.example/blog/x"), "text/html", Ct);

        // Assert
        Assert.Equal(("From JSON-LD", new DateTimeOffset(2026, 10, 2, 0, 0, 0, TimeSpan.Zero)), (meta.Title, meta.PublishedAt));
    }

    [Fact]
    public async Task GenericListing_CardsAndJsonLd_JsonLdDatesTheCardsAndAddsTheRest()
    {
        // Arrange: three dateless cards; the page's JSON-LD dates two of them and lists a fourth post.
        var html = """
            <html><head><script type="application/ld+json">
            {"@type":"Blog","url":"https://lab.example/blog","blogPost":[
              {"@type":"BlogPosting","url":"https://lab.example/blog/one","headline":"One","datePublished":"2026-11-01"},
              {"@type":"BlogPosting","url":"https://lab.example/blog/two","headline":"Two","datePublished":"2026-10-01"},
              {"@type":"BlogPosting","url":"https://lab.example/blog/four","headline":"Post number four","datePublished":"2026-08-01"}]}
            </script></head><body><main>
            <div class="card"><a href="/blog/one"><h3>Post number one</h3></a></div>
            <div class="card"><a href="/blog/two"><h3>Post number two</h3></a></div>
            <div class="card"><a href="/blog/three"><h3>Post number three</h3></a></div>
            </main></body></html>
            """;

        // Act
        var result = await GenericListing.ReadAsync(Encoding.UTF8.GetBytes(html), new Uri("https://lab.example/blog"), "text/html", Ct);

        // Assert: the cards' titles win; only the third card still needs a date.
        Assert.Equal(
            ["Post number one", "Post number two", "Post number three", "Post number four"],
            result.Items.Select(i => i.Title));
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), result.Items[0].PublishedAt);
        Assert.Equal(["https://lab.example/blog/three"], result.Undated);
    }

    [Fact]
    public async Task GenericListing_OnlyNavigationAndTags_FindsNoPostList()
    {
        // Arrange
        var html = """
            <html><body><header><nav><a href="/blog/">Blog</a><a href="/about/">About</a></nav></header>
            <main><h1>Topics</h1><p><a href="/tag/llm/">LLM</a> <a href="/tag/agents/">Agents</a> <a href="/author/ada/">Ada Park</a>
            <a href="/blog/page/2/">Older posts</a> <a href="/blog/?category=research">Research</a></p></main>
            <footer><a href="/privacy/">Privacy policy</a><a href="/blog/terms-of-use/">Terms of use</a></footer></body></html>
            """;

        // Act
        var result = await GenericListing.ReadAsync(Encoding.UTF8.GetBytes(html), new Uri("https://lab.example/blog/"), "text/html", Ct);

        // Assert
        Assert.Empty(result.Items);
        Assert.NotNull(result.Problem);
    }
}
