using System.Text.Json.Nodes;
using AiFeed.Ingestion.Scraping;

namespace AiFeed.Tests.Ingestion.Scraping;

public sealed class JsonPathTests
{
    private static readonly JsonNode Document = JsonNode.Parse("""
        {
          "props": { "pageProps": { "posts": [ { "title": "A", "slug": "a" }, { "title": "B", "slug": { "current": "b" } } ] } },
          "sections": [
            { "_type": "hero", "post": { "_type": "post", "title": "Hero" } },
            { "_type": "list", "posts": [ { "_type": "post", "title": "C" }, { "_type": "card", "title": "Not a post" } ] }
          ],
          "@graph": [ { "@type": "BlogPosting", "headline": "Ld" } ],
          "count": 2
        }
        """)!;

    [Theory]
    [InlineData("props.pageProps.posts[].title", "A|B")]
    [InlineData("$.props.pageProps.posts[1].slug.current", "b")]
    [InlineData("props.pageProps.posts[-1].title", "B")]
    [InlineData("props.pageProps.posts[*].title", "A|B")]
    [InlineData("..posts[].title", "A|B|C|Not a post")]
    [InlineData("..[?_type=post].title", "Hero|C")]
    [InlineData("sections[][?_type=list].posts[0].title", "C")]
    [InlineData("..[?headline].headline", "Ld")]
    [InlineData("['@graph'][][?@type=BlogPosting].headline", "Ld")]
    [InlineData("..[?_type='post'].title", "Hero|C")]
    [InlineData("count", "2")]
    [InlineData("missing.title", "")]
    public void Select_Path_ReachesNodesInDocumentOrder(string path, string expected)
    {
        // Arrange
        var parsed = JsonPath.Parse(path);

        // Act
        var values = parsed.Select(Document).SelectMany(JsonText.Scalars);

        // Assert
        Assert.Equal(expected, string.Join('|', values));
    }

    [Theory]
    [InlineData("..posts[", "expected ']' at 9")]
    [InlineData("a..", "expected a name or a [?filter] after '..' at 4")]
    [InlineData("a.", "expected a name after '.' at 3")]
    [InlineData("a[?]", "'' at 2 is not a property name")]
    [InlineData("a[x y]", "'[x y]' at 2 is neither an index, [], ['name'] nor a [?filter]")]
    [InlineData("a b", "expected '.', '..' or '[' at 2")]
    public void TryParse_BadPath_SaysWhereAndWhat(string path, string error)
    {
        // Arrange & Act
        var ok = JsonPath.TryParse(path, out _, out var message);

        // Assert
        Assert.False(ok);
        Assert.Equal(error, message);
    }

    [Theory]
    [InlineData("url | /{directories[0].value}/{slug.current}", """{ "directories": [ { "value": "news" } ], "slug": { "current": "x" } }""", "/news/x")]
    [InlineData("url | /{directories[0].value}/{slug.current}", """{ "url": "https://a.example/p", "slug": { "current": "x" } }""", "https://a.example/p")]
    [InlineData("/blog/{slug.current} | /blog/{slug}", """{ "slug": "plain" }""", "/blog/plain")]
    [InlineData("date | published_at", """{ "date": null, "published_at": "2026-01-02" }""", "2026-01-02")]
    [InlineData("/{a}/{b}", """{ "a": "only" }""", null)]
    public void JsonField_AlternativesAndTemplates_FirstCompleteValueWins(string field, string json, string? expected)
    {
        // Arrange
        var parsed = JsonField.Parse(field);

        // Act
        var value = parsed.First(JsonNode.Parse(json)!);

        // Assert
        Assert.Equal(expected, value);
    }

    [Fact]
    public void Select_DeeplyNestedTree_WalksWithoutRecursion()
    {
        // Arrange: React trees in flight data nest far deeper than real data structures.
        var text = string.Concat(Enumerable.Repeat("""{"children":""", 900)) + """{"_type":"post","title":"Deep"}""" + new string('}', 900);
        var root = JsonNode.Parse(text, documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = 1024 })!;

        // Act
        var titles = JsonPath.Parse("..[?_type=post].title").Select(root).SelectMany(JsonText.Scalars);

        // Assert
        Assert.Equal(["Deep"], titles);
    }
}
