using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using AiFeed.Catalog;
using AiFeed.Ingestion.Processing;
using AiFeed.Ingestion.Processing.Tagging;
using AiFeed.Tests.Infrastructure;

namespace AiFeed.Tests.Ingestion.Processing;

/// <summary>
/// The tagger finds keywords through an index of first words and prefixes. Its rules must tag
/// exactly as a plain scan of every keyword over every field the tag reads, outside the tag's
/// excluded phrases, which this test spells out.
/// </summary>
public sealed class TaggerIndexTests
{
    private static readonly ConcurrentDictionary<string, List<string>> KeywordWords = new(StringComparer.Ordinal);

    [Fact]
    public void Tag_RandomTextsOverTheShippedTaxonomy_SameAsScanningEveryKeyword()
    {
        // Arrange: titles, summaries, categories and source names mixing the taxonomy's own words
        // (with endings, so prefixes and near misses occur) with filler.
        var catalog = CatalogLoader.Load(Path.Combine(TestEnvironment.RepositoryRoot, "feeds.json"));
        Assert.True(catalog.IsValid, string.Join(Environment.NewLine, catalog.Errors));
        var taxonomy = catalog.Catalog!.Taxonomy with
        {
            // One tag reading only its source, so field restrictions are exercised both ways. The
            // regexes run without their 100 ms timeout here, so a busy machine cannot turn a match
            // into a miss on one side only (or throw in the scan).
            Tags = [.. catalog.Catalog.Taxonomy.Tags.Select(t => t with { Patterns = [.. t.Patterns.Select(p => new Regex(p.ToString(), p.Options, Regex.InfiniteMatchTimeout))] }),
                new TagDefinition { Name = "from-lab", Label = "Lab", Keywords = ["lab*", "research team"], Fields = TagFields.Source }],
        };
        var tagger = new Tagger(taxonomy);
        var vocabulary = taxonomy.Tags.SelectMany(t => taxonomy.ExpandKeywords(t.Keywords).Concat(t.Exclude)).SelectMany(k => k.TrimEnd('*').Split(' '))
            .Concat(["the", "new", "a", "for", "labs", "team", "research", "ing", "s", "models", "update"]).Distinct().ToArray();
        var endings = new[] { "", "", "", "s", "ing", "ed", "-based" };
        var random = new Random(20261203);
        string Text(int words) => string.Join(' ', Enumerable.Range(0, words).Select(_ => vocabulary[random.Next(vocabulary.Length)] + endings[random.Next(endings.Length)]));

        // Act and assert
        for (var i = 0; i < 3_000; i++)
        {
            var input = new TagInput(Text(random.Next(0, 12)), Text(random.Next(0, 40)), [.. Enumerable.Range(0, random.Next(0, 3)).Select(_ => Text(random.Next(1, 4)))], Text(random.Next(0, 4)));
            var sourceTags = random.Next(4) == 0 ? new[] { "llm" } : [];
            Assert.Equal(Scan(taxonomy, input, sourceTags), tagger.Tag(input, sourceTags));
        }
    }

    // The specification: a tag matches when one of its keywords (vocabulary lists expanded) is a run
    // of consecutive normalised words of one field it reads (a trailing * lets the last word have any
    // ending) not all inside runs of its excluded phrases, or one of its regexes matches the raw text
    // of such a field. Source tags come first, except those naming a taxonomy tag.
    private static List<string> Scan(Taxonomy taxonomy, TagInput input, IReadOnlyList<string> sourceTags)
    {
        var result = sourceTags.Where(t => !taxonomy.Tags.Any(d => d.Name == t)).ToList();
        foreach (var tag in taxonomy.Tags)
        {
            var fields = new List<string?>();
            if ((tag.Fields & TagFields.Title) != 0)
            {
                fields.Add(input.Title);
            }

            if ((tag.Fields & TagFields.Summary) != 0)
            {
                fields.Add(input.Summary);
            }

            if ((tag.Fields & TagFields.Categories) != 0)
            {
                fields.AddRange(input.Categories);
            }

            if ((tag.Fields & TagFields.Source) != 0)
            {
                fields.Add(input.SourceName);
            }

            var keywords = taxonomy.ExpandKeywords(tag.Keywords).ToList();
            var matches = fields.Any(field => SearchTerms.AllWords(field) is var words && Excluded(words, tag.Exclude) is var excluded
                    && keywords.Any(k => Occurrences(words, k).Any(o => !o.All(excluded.Contains)))
                || tag.Patterns.Any(p => !string.IsNullOrEmpty(field) && p.IsMatch(field)));
            if (matches && !result.Contains(tag.Name))
            {
                result.Add(tag.Name);
            }
        }

        return result;
    }

    // The word positions inside an occurrence of one of the excluded phrases.
    private static HashSet<int> Excluded(List<string> text, IReadOnlyList<string> exclude) =>
        [.. exclude.SelectMany(e => Occurrences(text, e).SelectMany(o => o))];

    // The word positions of each occurrence of keyword in text.
    private static IEnumerable<int[]> Occurrences(List<string> text, string keyword)
    {
        var words = KeywordWords.GetOrAdd(keyword, SearchTerms.AllWords);
        var prefix = keyword.TrimEnd().EndsWith('*');
        for (var start = 0; words.Count > 0 && start + words.Count <= text.Count; start++)
        {
            var all = true;
            for (var i = 0; i < words.Count && all; i++)
            {
                all = i == words.Count - 1 && prefix
                    ? text[start + i].StartsWith(words[i], StringComparison.Ordinal)
                    : text[start + i] == words[i];
            }

            if (all)
            {
                yield return [.. Enumerable.Range(start, words.Count)];
            }
        }
    }
}
