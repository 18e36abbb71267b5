using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using AiFeed.Ingestion.Parsing;
using AiFeed.Ingestion.Processing;
using AiFeed.Ingestion.Processing.Tagging;
using AiFeed.Model;
using AiFeed.Tests.Infrastructure;

namespace AiFeed.Tests.Ingestion.Processing.Tagging;

/// <summary>
/// The labelled set (TagSet.jsonl, docs/tags.md): real posts labelled by the written rules, split once
/// by a hash of their ids into a tuning part and a frozen test part. Posts from ../shared/corpus are
/// stored by reference (file and link) and read in place, through the parser, summariser and
/// sanitiser as a poll reads them; posts from other public repositories carry their text.
/// </summary>
internal static class TagSet
{
    public const string Tuning = "tuning";

    public const string Test = "test";

    private static readonly Lazy<List<TagSetItem>> Items = new(Load);

    public static string FilePath { get; } = Path.Combine(TestEnvironment.RepositoryRoot, "tests", "AiFeed.Tests", "Ingestion", "Processing", "Tagging", "TagSet.jsonl");

    public static IReadOnlyList<TagSetItem> All => Items.Value;

    public static IEnumerable<TagSetItem> Part(string part) => All.Where(i => i.Part == part);

    /// <summary>
    /// The part an item belongs to: legacy items (the 238 titles the old keywords were tuned on) are
    /// tuning; the others are test when the first byte of SHA-256("aifeed-tagset|" + id) is below 128.
    /// </summary>
    public static string PartOf(string id, bool legacy) =>
        !legacy && SHA256.HashData(Encoding.UTF8.GetBytes("aifeed-tagset|" + id))[0] < 128 ? Test : Tuning;

    /// <summary>
    /// SHA-256 over the lines of TagSet.jsonl in <paramref name="part"/>, in id order: what pins the
    /// frozen test part, so no item of it is relabelled, reworded, dropped or added unnoticed.
    /// </summary>
    public static string Fingerprint(string part)
    {
        var text = new StringBuilder();
        foreach (var item in Part(part).OrderBy(i => i.Id, StringComparer.Ordinal))
        {
            text.Append(item.Line).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static List<TagSetItem> Load()
    {
        var feeds = new Dictionary<string, List<FeedItem>>(StringComparer.Ordinal);
        var items = new List<TagSetItem>();
        foreach (var line in File.ReadLines(FilePath))
        {
            var row = JsonSerializer.Deserialize(line, TagSetJson.Default.Row) ?? throw new InvalidDataException(line);
            var source = $"{row.SourceName} {row.Source}";
            var input = row.Corpus is null
                ? new TagInput(row.Title, row.Summary ?? "", row.Categories ?? [], source) { Url = row.Url }
                : FromCorpus(row, source, feeds);
            items.Add(new TagSetItem(row.Id, row.Part, row.Legacy, row.Source, row.Corpus ?? row.Origin!, row.Licence, input, row.Tags, line));
        }

        return items;
    }

    // The item of a corpus feed with the row's link (or, without one, its title), read as a poll reads it.
    private static TagInput FromCorpus(Row row, string source, Dictionary<string, List<FeedItem>> feeds)
    {
        if (!feeds.TryGetValue(row.Corpus!, out var feedItems))
        {
            var path = TestEnvironment.CorpusPath(row.Corpus!);
            feeds[row.Corpus!] = feedItems = [.. new FeedParser().Parse(File.ReadAllBytes(path), new Uri("https://example.org/feed")).Items];
        }

        var item = feedItems.Find(i => row.Url is not null
                ? UrlCanonicalizer.Canonicalize(i.Link) == row.Url
                : PlainText.FromHtml(i.Title) == row.Title)
            ?? throw new InvalidDataException($"{row.Id}: no item {row.Url ?? row.Title} in {row.Corpus}");
        return new TagInput(
            PlainText.FromHtml(item.Title),
            PlainText.Summarize(string.IsNullOrWhiteSpace(item.Summary) ? item.ContentHtml : item.Summary),
            [.. item.Categories.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Distinct(StringComparer.OrdinalIgnoreCase)],
            source)
        {
            Url = UrlCanonicalizer.Canonicalize(item.Link),
        };
    }

    internal sealed record Row(
        string Id,
        string Part,
        bool Legacy,
        string Source,
        string SourceName,
        string? Corpus,
        string? Origin,
        string Licence,
        string Title,
        string? Summary,
        List<string>? Categories,
        string? Url,
        List<string> Tags);
}

/// <summary>One labelled post: where it came from, what the tagger reads, and its tags by the rules.</summary>
internal sealed record TagSetItem(string Id, string Part, bool Legacy, string Source, string Origin, string Licence, TagInput Input, List<string> Tags, string Line);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(TagSet.Row))]
internal sealed partial class TagSetJson : JsonSerializerContext;
