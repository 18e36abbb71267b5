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

    public Tagger(Taxonomy taxonomy)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        tags = [.. taxonomy.Tags.Select(t => new CompiledTag(t, [.. t.Keywords.Select(KeywordPattern.Parse).OfType<KeywordPattern>()]))];
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

        var title = new TextWords(SearchTerms.Words(input.Title));
        var summary = new TextWords(SearchTerms.Words(input.Summary));
        var categories = input.Categories.Select(c => new TextWords(SearchTerms.Words(c))).ToList();
        var source = new TextWords(SearchTerms.Words(input.SourceName));
        foreach (var tag in tags)
        {
            if (!result.Contains(tag.Definition.Name, StringComparer.Ordinal) && Matches(tag, input, title, summary, categories, source))
            {
                result.Add(tag.Definition.Name);
            }
        }

        return result;
    }

    private static bool Matches(CompiledTag tag, TagInput input, TextWords title, TextWords summary, List<TextWords> categories, TextWords source)
    {
        // Tested bitwise once: Enum.HasFlag boxes in code the tiered JIT has not optimised yet, which
        // is the first poll after a start (14 % of its allocations went to it, and 5 % of a later one's).
        var fields = tag.Definition.Fields;
        var inTitle = (fields & TagFields.Title) != 0;
        var inSummary = (fields & TagFields.Summary) != 0;
        var inCategories = (fields & TagFields.Categories) != 0;
        var inSource = (fields & TagFields.Source) != 0;
        foreach (var keyword in tag.Keywords)
        {
            if ((inTitle && keyword.IsIn(title))
                || (inSummary && keyword.IsIn(summary))
                || (inCategories && IsInAny(keyword, categories))
                || (inSource && keyword.IsIn(source)))
            {
                return true;
            }
        }

        foreach (var pattern in tag.Definition.Patterns)
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

    // Loops rather than Exists/Any with a lambda: those made a delegate per keyword per post, 2 % of
    // a cold poll's allocations.
    private static bool IsInAny(KeywordPattern keyword, List<TextWords> fields)
    {
        foreach (var field in fields)
        {
            if (keyword.IsIn(field))
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
}

/// <summary>What a post is tagged by.</summary>
public sealed record TagInput(string? Title, string? Summary, IReadOnlyList<string> Categories, string? SourceName);
