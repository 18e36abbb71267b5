using System.Text.Json.Nodes;
using AiFeed.Learning;

namespace AiFeed.Endpoints;

public sealed record ContentErrorDto(string Path, int Line, string Message, string Text)
{
    public static ContentErrorDto From(ContentError e) => new(e.Path, e.Line, e.Message, e.ToString());
}

public sealed record LessonSummaryDto(string Slug, string Title, string Summary, string Url, string ApiUrl)
{
    public static LessonSummaryDto From(Lesson l) => new(l.Slug, l.Title, l.Summary, l.PageUrl, l.ApiUrl);
}

public sealed record ChapterDto(string Title, string Summary, IReadOnlyList<LessonSummaryDto> Lessons);

public sealed record ProblemSummaryDto(string Slug, string Title, string Difficulty, string Summary, string Url, string ApiUrl)
{
    public static ProblemSummaryDto From(Problem p) => new(p.Slug, p.Title, p.Difficulty.ToString(), p.Summary, p.PageUrl, p.ApiUrl);
}

public sealed record PlanDto(
    string Slug, string Title, string Summary, IReadOnlyList<ChapterDto> Chapters, IReadOnlyList<ProblemSummaryDto> Problems, IReadOnlyList<ContentErrorDto> ContentErrors)
{
    public static PlanDto From(LearningContent content) => new(
        content.Plan.Slug,
        content.Plan.Title,
        content.Plan.Summary,
        [.. content.Plan.Chapters.Select(c => new ChapterDto(c.Title, c.Summary, [.. c.Lessons.Select(LessonSummaryDto.From)]))],
        [.. content.Plan.Problems.Select(ProblemSummaryDto.From)],
        [.. content.Errors.Select(ContentErrorDto.From)]);
}

public sealed record LessonDto(
    string Slug, string Title, string Chapter, string Summary, string Markdown, string Html, string Url, string? Previous, string? Next);

public sealed record ExampleDto(JsonNode Input, JsonNode Output, string? Explanation);

public sealed record ProblemDto(
    string Slug,
    string Title,
    string Difficulty,
    string Summary,
    int Precision,
    string? Lesson,
    string StatementHtml,
    string ConstraintsHtml,
    IReadOnlyList<ExampleDto> Examples,
    string ExamplesHtml,
    string EdgeCasesHtml,
    int HintCount,
    string Url,
    string PlotUrl,
    string HintsUrl,
    string SolutionUrl,
    string TestsUrl,
    string SubmissionsUrl,
    string Function,
    CodeDto Starter,
    string Grading,
    string Markdown)
{
    public static ProblemDto From(Problem p) => new(
        p.Slug,
        p.Title,
        p.Difficulty.ToString(),
        p.Summary,
        p.Precision,
        p.LessonSlug,
        p.Text.StatementHtml,
        p.Text.ConstraintsHtml,
        [.. p.Examples.Select(e => new ExampleDto(e.Input(), e.Output.ToJson(), e.Explanation))],
        p.Text.ExamplesHtml,
        p.Text.EdgeCasesHtml,
        p.Text.Hints.Count,
        p.PageUrl,
        $"{p.ApiUrl}/plot.svg",
        $"{p.ApiUrl}/hints/{{number}}",
        $"{p.ApiUrl}/solution",
        $"{p.ApiUrl}/tests",
        $"{p.ApiUrl}/submissions",
        p.Function,
        CodeDto.From(p.Starter),
        Grader.Describe(p.Precision),
        p.Markdown);
}

public sealed record HintDto(int Number, int Of, string Markdown, string Html);

/// <summary>The same code in Python (the page runs it) and C#.</summary>
public sealed record CodeDto(string Python, string CSharp)
{
    public static CodeDto From(CodePair code) => new(code.Python, code.CSharp);
}

public sealed record SolutionDto(string Problem, string SolutionHtml, string ExplanationHtml, CodeDto Code);

/// <summary>
/// One case of a test set. Public cases carry the rounded expected value the statement shows, the
/// exact one and any other accepted convention's, so a client can apply the grader's rule itself.
/// </summary>
public sealed record TestCaseDto(string Id, bool Public, JsonNode Input, JsonNode? Expected, JsonNode? Exact, IReadOnlyList<JsonNode>? AlsoAccepted);

public sealed record TestSetDto(string Problem, int Seed, int Precision, double Float32Margin, string Function, IReadOnlyList<TestCaseDto> Cases, string SubmitTo)
{
    public static TestSetDto From(TestSet set, Problem problem) => new(
        set.Problem,
        set.Seed,
        problem.Precision,
        Grader.Float32Margin,
        problem.Function,
        [.. set.Cases.Select(c => c.Public
            ? new TestCaseDto(c.Id, true, JsonNode.Parse(c.InputJson)!, c.Expected.Round(problem.Precision).ToJson(), c.Expected.ToJson(), [.. c.Alternatives.Select(a => a.ToJson())])
            : new TestCaseDto(c.Id, false, JsonNode.Parse(c.InputJson)!, null, null, null))],
        $"{problem.ApiUrl}/submissions");
}

public sealed record CaseVerdictDto(string Id, bool Public, bool Passed, JsonNode? Expected, string? Message);

public sealed record VerdictDto(string Problem, int Seed, int Passed, int Total, bool AllPassed, IReadOnlyList<CaseVerdictDto> Cases)
{
    public static VerdictDto From(SubmissionVerdict v) => new(
        v.Problem, v.Seed, v.Passed, v.Total, v.AllPassed, [.. v.Cases.Select(c => new CaseVerdictDto(c.Id, c.Public, c.Passed, c.Expected?.ToJson(), c.Message))]);
}

public sealed record EncodingMatrixDto(int Positions, int DModel, string Formula, double[][] Values);
