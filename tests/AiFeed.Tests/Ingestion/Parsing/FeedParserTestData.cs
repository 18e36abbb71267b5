using System.Text;
using AiFeed.Ingestion.Parsing;
using AiFeed.Model;

namespace AiFeed.Tests.Ingestion.Parsing;

/// <summary>Shared helpers for parser tests: parse a string literal as UTF-8 (or other) bytes.</summary>
internal static class FeedParserTestData
{
    public static readonly Uri FeedUrl = new("https://example.org/blog/feed.xml");

    public static ParsedFeed Parse(string document, string? charset = null) =>
        new FeedParser().Parse(Encoding.UTF8.GetBytes(document), FeedUrl, charset);

    public static ParsedFeed Parse(byte[] document, string? charset = null) =>
        new FeedParser().Parse(document, FeedUrl, charset);
}
