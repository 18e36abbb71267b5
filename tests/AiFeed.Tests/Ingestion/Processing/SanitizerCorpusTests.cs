using System.Text;
using System.Xml;
using System.Xml.Linq;
using AiFeed.Ingestion.Processing;
using AiFeed.Tests.Infrastructure;
using AngleSharp.Html.Parser;

namespace AiFeed.Tests.Ingestion.Processing;

/// <summary>
/// Runs the sanitiser over third-party attack corpora and checks safety properties only: another
/// sanitiser's exact output differs in harmless ways (attribute order, quoting, kept tags).
/// </summary>
public sealed class SanitizerCorpusTests
{
    private static readonly Uri FeedBase = new("http://example.com/entry/1");

    private const string XhtmlNamespace = "http://www.w3.org/1999/xhtml";

    private static readonly XmlReaderSettings XmlSettings = new()
    {
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
    };

    [Fact]
    public void Sanitize_FeedparserSanitizeCorpus_EveryOutputSafe()
    {
        // Arrange
        var folder = TestEnvironment.CorpusPath("feedparser/wellformed/sanitize");
        var files = Directory.GetFiles(folder, "*.xml", SearchOption.AllDirectories);
        var violations = new List<string>();
        var fragments = 0;

        // Act
        foreach (var file in files)
        {
            foreach (var html in ExtractContent(file))
            {
                fragments++;
                var output = ContentSanitizer.Shared.Sanitize(html, FeedBase);
                violations.AddRange(HtmlSafety.Violations(output).Select(v => $"{Path.GetFileName(file)}: {v}"));
            }
        }

        // Assert
        Assert.True(files.Length >= 700, $"expected the 745-file corpus, found {files.Length} files");
        Assert.True(fragments >= files.Length, $"only {fragments} fragments read from {files.Length} files");
        Assert.Empty(violations);
    }

    [Theory]
    [InlineData("miniflux/sanitizer/miniflux_github.html", "https://github.com/miniflux/v2")]
    [InlineData("miniflux/sanitizer/miniflux_wikipedia.html", "https://fr.wikipedia.org/wiki/Miniflux")]
    public void Sanitize_RealPage_SafeCappedAndLinksAbsolute(string relative, string baseUrl)
    {
        // Arrange
        var html = File.ReadAllText(TestEnvironment.CorpusPath(relative), Encoding.UTF8);

        // Act
        var output = ContentSanitizer.Shared.Sanitize(html, new Uri(baseUrl));

        // Assert
        Assert.Empty(HtmlSafety.Violations(output));
        Assert.InRange(Encoding.UTF8.GetByteCount(output), 1_000, ContentSanitizer.MaxOutputBytes);
        var parser = new HtmlParser();
        using var document = parser.ParseDocument(output);
        var links = document.QuerySelectorAll("a[href]");
        Assert.NotEmpty(links);
        Assert.All(links, a =>
        {
            Assert.StartsWith("http", a.GetAttribute("href"), StringComparison.Ordinal);
            Assert.Equal("noopener noreferrer nofollow ugc", a.GetAttribute("rel"));
        });
        Assert.All(document.QuerySelectorAll("img"), img => Assert.Equal("lazy", img.GetAttribute("loading")));
    }

    /// <summary>
    /// The HTML a feed parser would hand over: text of the first entry's (or, for feed-level cases, the
    /// feed's) leaf elements, or the inner XML of inline XHTML content. Files that are not XML are fed
    /// whole, which is a harsher test.
    /// </summary>
    private static List<string> ExtractContent(string file)
    {
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(file, XmlSettings);
            document = XDocument.Load(reader);
        }
        catch (XmlException)
        {
            return [File.ReadAllText(file)];
        }

        var root = document.Root!;
        var scope = root.Descendants().FirstOrDefault(e => e.Name.LocalName is "entry" or "item") ?? root;
        var contents = new List<string>();
        Collect(scope, contents);
        return contents;
    }

    private static void Collect(XElement parent, List<string> contents)
    {
        foreach (var element in parent.Elements())
        {
            var type = (string?)element.Attribute("type") ?? "";
            var mode = (string?)element.Attribute("mode") ?? "";
            var inlineMarkup = type.Contains("xhtml", StringComparison.OrdinalIgnoreCase)
                || mode == "xml"
                || element.Name.LocalName == "body"
                || element.Elements().Any(e => e.Name.NamespaceName == XhtmlNamespace);
            if (inlineMarkup)
            {
                contents.Add(string.Concat(element.Nodes().Select(n => n.ToString())));
            }
            else if (!element.HasElements)
            {
                if (element.Value.Trim().Length > 0)
                {
                    contents.Add(element.Value);
                }
            }
            else
            {
                Collect(element, contents);
            }
        }
    }
}
