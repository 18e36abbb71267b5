using System.Text.RegularExpressions;
using AiFeed.Catalog;

namespace AiFeed.Ingestion.Processing.Tagging;

/// <summary>
/// A compiled taxonomy. Keywords are matched on normalised words (case, accents and stop words as
/// search does), so "Large Language Models" matches the keyword "large language model*" and "Cafe"
/// matches "café", and never inside a word ("rag" does not match "storage").
/// </summary>
public sealed class Tagger
{
    private readonly List<CompiledTag> tags;

    // Keywords by their first word, and one-word prefix keywords ("llm*") by their prefix: a post's
    // few dozen distinct words look up the keywords they can start, instead of each of the
    // taxonomy's hundreds of keywords being searched for in every field (7 % of a cold poll's CPU).
    private readonly Dictionary<string, List<Candidate>> byFirstWord = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Candidate>> byPrefix = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Candidate>>.AlternateLookup<ReadOnlySpan<char>> prefixLookup;
    private readonly int[] prefixLengths;

    public Tagger(Taxonomy taxonomy)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        tags = [.. taxonomy.Tags.Select(t => new CompiledTag(t, [.. t.Keywords.Select(KeywordPattern.Parse).OfType<KeywordPattern>()]))];
        for (var i = 0; i < tags.Count; i++)
        {
            foreach (var keyword in tags[i].Keywords)
            {
                var index = keyword.IsPrefixWord ? byPrefix : byFirstWord;
                if (!index.TryGetValue(keyword.FirstWord, out var candidates))
                {
                    index.Add(keyword.FirstWord, candidates = []);
                }

                candidates.Add(new Candidate(i, tags[i].Definition.Fields, keyword));
            }
        }

        prefixLookup = byPrefix.GetAlternateLookup<ReadOnlySpan<char>>();
        prefixLengths = [.. byPrefix.Keys.Select(k => k.Length).Distinct().Order()];
    }

    /// <summary>The source's default tags, then every taxonomy tag that matches, each once, in taxonomy order.</summary>
    public List<string> Tag(TagInput input, IReadOnlyList<string> sourceTags)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(sourceTags);
        var result = new List<string>(sourceTags);
        if (tags.Count == 0)
        {
            return result;
        }

        var matched = new bool[tags.Count];
        Find(new TextWords(SearchTerms.Words(input.Title)), TagFields.Title, matched);
        Find(new TextWords(SearchTerms.Words(input.Summary)), TagFields.Summary, matched);
        foreach (var category in input.Categories)
        {
            Find(new TextWords(SearchTerms.Words(category)), TagFields.Categories, matched);
        }

        Find(new TextWords(SearchTerms.Words(input.SourceName)), TagFields.Source, matched);
        for (var i = 0; i < tags.Count; i++)
        {
            var name = tags[i].Definition.Name;
            if (!result.Contains(name, StringComparer.Ordinal) && (matched[i] || MatchesPattern(tags[i].Definition, input)))
            {
                result.Add(name);
            }
        }

        return result;
    }

    // Marks the tags that read this field and have a keyword in it.
    private void Find(TextWords text, TagFields field, bool[] matched)
    {
        foreach (var word in text.Distinct)
        {
            if (byFirstWord.TryGetValue(word, out var candidates))
            {
                Mark(candidates, text, field, matched);
            }

            foreach (var length in prefixLengths)
            {
                if (length > word.Length)
                {
                    break;
                }

                if (prefixLookup.TryGetValue(word.AsSpan(0, length), out candidates))
                {
                    Mark(candidates, text, field, matched);
                }
            }
        }
    }

    private static void Mark(List<Candidate> candidates, TextWords text, TagFields field, bool[] matched)
    {
        foreach (var candidate in candidates)
        {
            if (!matched[candidate.Tag] && (candidate.Fields & field) != 0 && candidate.Keyword.IsIn(text))
            {
                matched[candidate.Tag] = true;
            }
        }
    }

    private static bool MatchesPattern(TagDefinition tag, TagInput input)
    {
        // Tested bitwise once: Enum.HasFlag boxes in code the tiered JIT has not optimised yet, which
        // is the first poll after a start (14 % of its allocations went to it, and 5 % of a later one's).
        var fields = tag.Fields;
        var inTitle = (fields & TagFields.Title) != 0;
        var inSummary = (fields & TagFields.Summary) != 0;
        var inCategories = (fields & TagFields.Categories) != 0;
        var inSource = (fields & TagFields.Source) != 0;
        foreach (var pattern in tag.Patterns)
        {
            if ((inTitle && IsMatch(pattern, input.Title))
                || (inSummary && IsMatch(pattern, input.Summary))
                || (inCategories && IsMatchInAny(pattern, input.Categories))
                || (inSource && IsMatch(pattern, input.SourceName)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsMatchInAny(Regex pattern, IReadOnlyList<string> texts)
    {
        for (var i = 0; i < texts.Count; i++)
        {
            if (IsMatch(pattern, texts[i]))
            {
                return true;
            }
        }

        return false;
    }

    // A regex that runs past its timeout on hostile or huge text is a miss, not a failed poll.
    private static bool IsMatch(Regex pattern, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        try
        {
            return pattern.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private sealed record CompiledTag(TagDefinition Definition, List<KeywordPattern> Keywords);

    private sealed record Candidate(int Tag, TagFields Fields, KeywordPattern Keyword);
}

/// <summary>What a post is tagged by.</summary>
public sealed record TagInput(string? Title, string? Summary, IReadOnlyList<string> Categories, string? SourceName);
