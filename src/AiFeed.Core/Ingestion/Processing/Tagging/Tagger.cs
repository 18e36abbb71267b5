using System.Text.RegularExpressions;
using AiFeed.Catalog;

namespace AiFeed.Ingestion.Processing.Tagging;

/// <summary>
/// A compiled taxonomy. Keywords are matched on normalised words (case, accents and punctuation
/// aside, stop words kept), so "Large Language Models" matches the keyword "large language model*",
/// "SWE-bench" the keyword "swe bench", and never inside a word ("rag" does not match "storage"). A
/// keyword occurrence whose words all lie inside one of its tag's <c>exclude</c> phrases does not
/// count ("our vision" is no <c>vision</c>). Every tag comes with the first evidence that gave it.
/// </summary>
public sealed class Tagger
{
    private readonly List<CompiledTag> tags;
    private readonly HashSet<string> names;
    private readonly bool readsSource;

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
        tags = [.. taxonomy.Tags.Select(t => new CompiledTag(
            t,
            [.. taxonomy.ExpandKeywords(t.Keywords).Select(KeywordPattern.Parse).OfType<KeywordPattern>()],
            [.. t.Exclude.Select(KeywordPattern.Parse).OfType<KeywordPattern>()]))];
        names = [.. tags.Select(t => t.Definition.Name)];
        readsSource = tags.Any(t => (t.Definition.Fields & TagFields.Source) != 0);
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
    public List<string> Tag(TagInput input, IReadOnlyList<string> sourceTags) =>
        Explain(input, sourceTags).ConvertAll(r => r.Tag);

    /// <summary>
    /// <see cref="Tag"/> with the reason for each tag. A source tag that names a taxonomy tag is not
    /// given for the source's sake: a topic tag comes from what the post says (docs/tags.md).
    /// </summary>
    public List<TagReason> Explain(TagInput input, IReadOnlyList<string> sourceTags)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(sourceTags);
        var result = new List<TagReason>(sourceTags.Count + 4);
        foreach (var tag in sourceTags)
        {
            if (!names.Contains(tag) && !result.Exists(r => string.Equals(r.Tag, tag, StringComparison.Ordinal)))
            {
                result.Add(new TagReason(tag, TagReason.SourceCode));
            }
        }

        if (tags.Count == 0)
        {
            return result;
        }

        var evidence = FindEvidence(new TagText(input, readsSource));
        for (var i = 0; i < tags.Count; i++)
        {
            if (evidence[i] is { } reason)
            {
                result.Add(new TagReason(tags[i].Definition.Name, reason));
            }
        }

        return result;
    }

    // For each tag, the first of its keywords, regexes and links that matches, as a TagReason code; null for none.
    private string?[] FindEvidence(TagText text)
    {
        var evidence = new string?[tags.Count];
        Find(text.Title, 't', TagFields.Title, evidence);
        Find(text.Summary, 's', TagFields.Summary, evidence);
        foreach (var category in text.Categories)
        {
            Find(category, 'c', TagFields.Categories, evidence);
        }

        if (readsSource)
        {
            Find(text.Source, 'o', TagFields.Source, evidence);
        }

        for (var i = 0; i < tags.Count; i++)
        {
            evidence[i] ??= MatchPatterns(tags[i].Definition, text.Input) ?? MatchLinks(tags[i].Definition, text.Url);
        }

        return evidence;
    }

    // Marks the tags that read this field and have a keyword in it outside their excluded phrases.
    private void Find(TextWords text, char fieldCode, TagFields field, string?[] evidence)
    {
        bool[]?[]? masks = null;
        foreach (var word in text.Distinct)
        {
            if (byFirstWord.TryGetValue(word, out var candidates))
            {
                Mark(candidates, text, fieldCode, field, evidence, ref masks);
            }

            foreach (var length in prefixLengths)
            {
                if (length > word.Length)
                {
                    break;
                }

                if (prefixLookup.TryGetValue(word.AsSpan(0, length), out candidates))
                {
                    Mark(candidates, text, fieldCode, field, evidence, ref masks);
                }
            }
        }
    }

    private void Mark(List<Candidate> candidates, TextWords text, char fieldCode, TagFields field, string?[] evidence, ref bool[]?[]? masks)
    {
        foreach (var candidate in candidates)
        {
            if (evidence[candidate.Tag] is not null || (candidate.Fields & field) == 0)
            {
                continue;
            }

            var exclude = tags[candidate.Tag].Exclude;
            bool[]? mask = null;
            if (exclude.Count > 0)
            {
                masks ??= new bool[]?[tags.Count];
                mask = masks[candidate.Tag] ??= MaskOf(exclude, text);
            }

            if (candidate.Keyword.IsIn(text, mask))
            {
                evidence[candidate.Tag] = TagReason.Keyword(candidate.Keyword.Text, fieldCode);
            }
        }
    }

    private static bool[] MaskOf(List<KeywordPattern> exclude, TextWords text)
    {
        var mask = new bool[text.Words.Count];
        foreach (var phrase in exclude)
        {
            phrase.Mark(text, mask);
        }

        return mask;
    }

    private static string? MatchPatterns(TagDefinition tag, TagInput input)
    {
        // Tested bitwise once: Enum.HasFlag boxes in code the tiered JIT has not optimised yet, which
        // is the first poll after a start (14 % of its allocations went to it, and 5 % of a later one's).
        var fields = tag.Fields;
        foreach (var pattern in tag.Patterns)
        {
            var field = (fields & TagFields.Title) != 0 && IsMatch(pattern, input.Title) ? 't'
                : (fields & TagFields.Summary) != 0 && IsMatch(pattern, input.Summary) ? 's'
                : (fields & TagFields.Categories) != 0 && IsMatchInAny(pattern, input.Categories) ? 'c'
                : (fields & TagFields.Source) != 0 && IsMatch(pattern, input.SourceName) ? 'o'
                : '\0';
            if (field != '\0')
            {
                return TagReason.Regex(pattern.ToString(), field);
            }
        }

        return null;
    }

    // The post's own link. Links in its content are not read: posts cite papers far more often than
    // they are one (in the tuning part, 6 of the 37 posts whose only paper evidence was a cited link
    // presented a paper; all 17 whose own link was a paper's did).
    private static string? MatchLinks(TagDefinition tag, string? url)
    {
        if (url is null)
        {
            return null;
        }

        foreach (var prefix in tag.Links)
        {
            if (url.StartsWith(prefix, StringComparison.Ordinal))
            {
                return TagReason.Link(prefix);
            }
        }

        return null;
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

    private sealed record CompiledTag(TagDefinition Definition, List<KeywordPattern> Keywords, List<KeywordPattern> Exclude);

    private sealed record Candidate(int Tag, TagFields Fields, KeywordPattern Keyword);
}
