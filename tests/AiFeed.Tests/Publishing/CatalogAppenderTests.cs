using AiFeed.Catalog;
using AiFeed.Publishing;

namespace AiFeed.Tests.Publishing;

/// <summary>
/// import-opml appends to a hand-edited feeds.json as text, at the places the positioned reader
/// found: the operator's comments, commas and line ends stay as they were and the result loads.
/// </summary>
public sealed class CatalogAppenderTests
{
    private static readonly OpmlOutline Distill = new("Distill", "https://distill.pub/rss.xml", "https://distill.pub/", []);

    [Fact]
    public void Append_CommentsAfterLastItem_EntryAfterThemWithCommaAfterLastItem()
    {
        // Arrange: the comments after the last entry hold commas and brackets of their own.
        const string text = """
            {
              "feeds": [
                { "id": "a", "name": "A", "url": "https://a.example.org/feed" } // primary, [not] "this"
                /* retired, {b}:
                { "id": "b", "name": "B", "url": "https://b.example.org/feed" }, */
              ]
            }
            """;

        // Act
        var result = Append(text);

        // Assert
        Assert.Contains("""{ "id": "a", "name": "A", "url": "https://a.example.org/feed" }, // primary, [not] "this" """.TrimEnd(), result.Text, StringComparison.Ordinal);
        Assert.True(
            result.Text.IndexOf("retired", StringComparison.Ordinal) < result.Text.IndexOf("distill", StringComparison.Ordinal),
            "the new entry goes after the operator's comments, just before the closing bracket");
        Assert.Equal(["a", "distill"], Load(result.Text).Sources.Select(s => s.Id));
    }

    [Fact]
    public void Append_TrailingCommaBehindComment_NoSecondComma()
    {
        // Arrange: a comment between the last entry and its trailing comma.
        const string text = "{\n  \"feeds\": [\n    { \"id\": \"a\", \"name\": \"A\", \"url\": \"https://a.example.org/feed\" } /* , */ ,\n  ]\n}\n";

        // Act
        var result = Append(text);

        // Assert
        Assert.StartsWith(text[..text.LastIndexOf("  ]", StringComparison.Ordinal)], result.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(",,", result.Text.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(["a", "distill"], Load(result.Text).Sources.Select(s => s.Id));
    }

    [Theory]
    [InlineData("{ \"feeds\": [] }")]
    [InlineData("{\n  \"feeds\": [\n    // nothing yet, [] {}\n  ]\n}\n")]
    public void Append_EmptyArray_FirstEntryWithoutLeadingComma(string text)
    {
        // Act
        var result = Append(text);

        // Assert
        Assert.DoesNotContain("[,", result.Text.Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(["distill"], Load(result.Text).Sources.Select(s => s.Id));
    }

    [Fact]
    public void Append_CrlfFile_StaysCrlf()
    {
        // Arrange
        var text = "\uFEFF// Ünïcode before the array moves char and byte offsets apart\r\n{\r\n  \"feeds\": [\r\n    { \"id\": \"a\", \"name\": \"Ä\", \"url\": \"https://a.example.org/feed\" }\r\n  ]\r\n}\r\n";

        // Act
        var result = Append(text);

        // Assert
        Assert.Equal(0, result.Text.Replace("\r\n", "", StringComparison.Ordinal).Count(c => c == '\n'));
        Assert.Contains("\"https://a.example.org/feed\" },\r\n", result.Text, StringComparison.Ordinal);
        Assert.EndsWith("  ]\r\n}\r\n", result.Text, StringComparison.Ordinal);
        Assert.Equal(["a", "distill"], Load(result.Text).Sources.Select(s => s.Id));
    }

    [Fact]
    public void Append_ArrayOnOneLine_EntryBeforeClosingBracket()
    {
        // Arrange
        const string text = """{ "feeds": [ { "id": "a", "name": "A", "url": "https://a.example.org/feed" } ] }""";

        // Act
        var result = Append(text);

        // Assert
        Assert.StartsWith("""{ "feeds": [ { "id": "a", "name": "A", "url": "https://a.example.org/feed" },""", result.Text, StringComparison.Ordinal);
        Assert.Equal(["a", "distill"], Load(result.Text).Sources.Select(s => s.Id));
    }

    [Theory]
    [InlineData("{ \"feeds\": [ 1, \"x\" /* c */ ] }", 2, false)]
    [InlineData("{ \"feeds\": [ {}, [] , // c\n ] }", 2, true)]
    [InlineData("{ \"feeds\": [ /* , */ ] }", 0, false)]
    public void PositionedReader_Array_RecordsCloseLastItemEndAndTrailingComma(string json, int items, bool trailingComma)
    {
        // Act
        var root = (PositionedObject)PositionedJsonReader.Read(System.Text.Encoding.UTF8.GetBytes(json));
        var feeds = (PositionedArray)root.Find("feeds")!.Value;

        // Assert
        Assert.Equal(items, feeds.Items.Count);
        Assert.Equal(']', json[(int)feeds.Close]);
        Assert.Equal(trailingComma, feeds.TrailingComma);
        if (items == 0)
        {
            Assert.Null(feeds.LastItemEnd);
        }
        else
        {
            Assert.Contains(json[(int)feeds.LastItemEnd! - 1], "}]\"1");
            Assert.True(string.IsNullOrWhiteSpace(json[(int)feeds.LastItemEnd!..].Split(',', '/')[0]), "nothing but blanks right after the last item");
        }
    }

    private static CatalogAppendResult Append(string text) => CatalogAppender.Append(text, Load(text), [Distill], "Imported.");

    private static FeedCatalog Load(string json)
    {
        var result = CatalogLoader.Parse(json, "feeds.json");
        Assert.True(result.IsValid, string.Join('\n', result.Errors) + "\n" + json);
        return result.Catalog!;
    }
}
