using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AiFeed.Learning;

/// <summary>
/// Reads problems/*.md (the format is docs/learning.md's). Front matter: title, difficulty, summary,
/// solution (a reference solution id), precision, function (the learner's Python function), optional
/// lesson and slug, and examples as one JSON object per list item:
/// {"input": {...}, "output": ..., "explanation": "..."}. Each example's output is checked against
/// the reference solution, so a statement can never disagree with the grader.
/// </summary>
internal static partial class ProblemParser
{
    // In the order a file must give them; Examples is the only optional one.
    private static readonly string[] Known = ["Statement", "Examples", "Constraints", "Edge cases", "Hints", "Starter", "Solution", "Explanation"];
    private static readonly string[] Required = [.. Known.Where(k => k != "Examples")];

    public static Problem Parse(string text, string path)
    {
        var matter = FrontMatter.Parse(text);
        var slug = ContentSlug.Read(matter, path);
        var title = matter.Required("title").Text;
        var difficultyValue = matter.Required("difficulty");
        if (!Enum.TryParse<Difficulty>(difficultyValue.Text, ignoreCase: false, out var difficulty) || !Enum.IsDefined(difficulty))
        {
            throw new ContentException(difficultyValue.Line, $"difficulty '{difficultyValue.Text}' is not Easy, Medium or Hard");
        }

        var summary = matter.Required("summary").Text;
        var solutionValue = matter.Required("solution");
        if (!ReferenceSolutions.All.TryGetValue(solutionValue.Text, out var solution))
        {
            throw new ContentException(solutionValue.Line, $"no reference solution is called '{solutionValue.Text}'; known: {string.Join(", ", ReferenceSolutions.All.Keys.Order(StringComparer.Ordinal))}");
        }

        var precisionValue = matter.Required("precision");
        if (!int.TryParse(precisionValue.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var precision) || precision > 10)
        {
            throw new ContentException(precisionValue.Line, $"precision '{precisionValue.Text}' is not a number of decimals from 0 to 10");
        }

        var functionValue = matter.Required("function");
        if (!PythonName().IsMatch(functionValue.Text))
        {
            throw new ContentException(functionValue.Line, $"function '{functionValue.Text}' is not a snake_case Python name");
        }

        var lesson = matter.Optional("lesson")?.Text;
        var examples = matter.List("examples").Select(e => ParseExample(e, solution, precision)).ToList();
        if (examples.Count == 0)
        {
            throw new ContentException(matter.EndLine, "a problem needs at least one example under 'examples:'");
        }

        matter.RejectUnknownKeys();
        var (sections, starter, reference) = ReadSections(matter, functionValue.Text);
        return new Problem(
            slug, title, difficulty, summary, precision, lesson, solution, examples, sections, functionValue.Text, starter, reference, matter.Body.Trim(), path);
    }

    private static ProblemExample ParseExample(FrontMatterValue value, IReferenceSolution solution, int precision)
    {
        JsonObject example;
        try
        {
            example = JsonNode.Parse(value.Text) as JsonObject ?? throw new ContentException(value.Line, "an example must be a JSON object");
        }
        catch (JsonException ex)
        {
            throw new ContentException(value.Line, $"example is not valid JSON: {ex.Message}");
        }

        if (example["input"] is not JsonObject input)
        {
            throw new ContentException(value.Line, "an example needs an \"input\" object");
        }

        if (example["output"] is not { } outputNode
            || NumericValue.TryParse(JsonSerializer.SerializeToElement(outputNode), out _) is not { } output)
        {
            throw new ContentException(value.Line, "an example needs an \"output\" number or array of numbers");
        }

        NumericValue expected;
        try
        {
            expected = solution.Solve(input).Round(precision);
        }
        catch (ArgumentException ex)
        {
            throw new ContentException(value.Line, $"the reference solution rejects this input: {ex.Message}");
        }

        if (!expected.SameShape(output) || !expected.Data.AsSpan().SequenceEqual(output.Data))
        {
            throw new ContentException(value.Line, $"output {output} disagrees with the reference solution, which gives {expected}");
        }

        return new ProblemExample(input.ToJsonString(), output, example["explanation"]?.GetValue<string>());
    }

    private static (ProblemText Text, CodePair Starter, CodePair Reference) ReadSections(FrontMatter matter, string function)
    {
        var sections = MarkdownSection.Split(matter.Body, matter.BodyLine, 2);
        foreach (var section in sections.Where(s => !Known.Contains(s.Title, StringComparer.Ordinal)))
        {
            throw new ContentException(section.Line, $"unknown section '## {section.Title}'; sections are {string.Join(", ", Known)}");
        }

        for (var i = 1; i < sections.Count; i++)
        {
            if (Array.IndexOf(Known, sections[i].Title) <= Array.IndexOf(Known, sections[i - 1].Title))
            {
                throw new ContentException(sections[i].Line, $"'## {sections[i].Title}' is out of order or repeated; sections come in the order {string.Join(", ", Known)}");
            }
        }

        string Html(string title) => sections.FirstOrDefault(s => s.Title == title) is { } s ? MarkdownRenderer.ToHtml(s.Markdown) : "";
        var missing = Required.FirstOrDefault(r => !sections.Any(s => s.Title == r));
        if (missing is not null)
        {
            throw new ContentException(matter.BodyLine, $"the problem has no '## {missing}' section");
        }

        var hintsSection = sections.First(s => s.Title == "Hints");
        var hints = MarkdownSection.Split(hintsSection.Markdown, hintsSection.Line + 1, 3)
            .Select((h, i) => new Hint(i + 1, h.Markdown, MarkdownRenderer.ToHtml(h.Markdown)))
            .ToList();
        if (hints.Count < 3)
        {
            throw new ContentException(hintsSection.Line, $"'## Hints' needs at least three '### ' hints, found {hints.Count}");
        }

        var starter = CodeBlocks.Read(sections.First(s => s.Title == "Starter"), ["python", "csharp"], function);
        if (starter.Python.Contains("NotImplementedError", StringComparison.Ordinal))
        {
            throw new ContentException(sections.First(s => s.Title == "Starter").Line, "the Python starter must not raise NotImplementedError; write 'pass' or return a value of the right shape");
        }

        var reference = CodeBlocks.Read(sections.First(s => s.Title == "Solution"), ["csharp", "python"], function);
        var text = new ProblemText(
            Html("Statement"), Html("Constraints"), Html("Examples"), Html("Edge cases"), hints, Html("Solution"), Html("Explanation"));
        return (text, starter, reference);
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PythonName();
}
