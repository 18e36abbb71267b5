using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace AiFeed.Learning;

[JsonConverter(typeof(JsonStringEnumConverter<Difficulty>))]
public enum Difficulty
{
    Easy,
    Medium,
    Hard,
}

/// <summary>A public example. The input is kept as JSON text: JsonNode is not safe to share across requests.</summary>
public sealed record ProblemExample(string InputJson, NumericValue Output, string? Explanation)
{
    public JsonObject Input() => JsonNode.Parse(InputJson)!.AsObject();
}

public sealed record Hint(int Number, string Markdown, string Html);

/// <summary>The same code in the two languages a problem page shows: Python (run in the page) and C#.</summary>
public sealed record CodePair(string Python, string CSharp);

/// <summary>The rendered parts of a problem page, each from one "## " section of the file.</summary>
public sealed record ProblemText(
    string StatementHtml,
    string ConstraintsHtml,
    string ExamplesHtml,
    string EdgeCasesHtml,
    IReadOnlyList<Hint> Hints,
    string SolutionHtml,
    string ExplanationHtml);

/// <summary>
/// A coding problem: statement, examples, hints, reference solution and the precision answers are
/// graded at. <see cref="Function"/> is the learner's Python function, called with the input's keys
/// as keyword arguments; <see cref="Starter"/> and <see cref="Reference"/> are the code the page shows.
/// </summary>
public sealed record Problem(
    string Slug,
    string Title,
    Difficulty Difficulty,
    string Summary,
    int Precision,
    string? LessonSlug,
    IReferenceSolution Solution,
    IReadOnlyList<ProblemExample> Examples,
    ProblemText Text,
    string Function,
    CodePair Starter,
    CodePair Reference,
    string Markdown,
    string SourcePath)
{
    public string PageUrl => $"/problems/{Slug}";

    public string ApiUrl => $"/api/learning/problems/{Slug}";
}
