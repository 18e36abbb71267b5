using System.Globalization;
using AiFeed.Learning;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AiFeed.Endpoints;

public static class LearningApi
{
    private const string SvgType = "image/svg+xml";

    /// <summary>Maps the study-plan API (/api/today, /api/learning/...) and its web pages (/learn, /problems).</summary>
    public static IEndpointRouteBuilder MapLearning(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/today", TodayAsync).WithTags("Learning").WithName("GetToday");
        var group = routes.MapGroup("/api/learning").WithTags("Learning").RequireRateLimiting(RateLimiting.PublicPolicy);
        group.MapGet("/plan", PlanAsync).WithName("GetPlan");
        group.MapGet("/lessons/{slug}", LessonAsync).WithName("GetLesson");
        group.MapGet("/problems/{slug}", ProblemAsync).WithName("GetProblem");
        group.MapGet("/problems/{slug}/hints/{number}", HintAsync).WithName("GetHint");
        group.MapGet("/problems/{slug}/solution", SolutionAsync).WithName("GetSolution");
        group.MapGet("/problems/{slug}/plot.svg", ProblemPlotAsync).WithName("GetProblemPlot");
        group.MapGet("/problems/{slug}/tests", TestsAsync).WithName("GetTests");
        group.MapPost("/problems/{slug}/submissions", SubmitAsync).WithName("Submit")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapGet("/positional-encoding", EncodingMatrix).WithName("GetPositionalEncoding");
        group.MapGet("/positional-encoding/heatmap.svg", EncodingHeatmap).WithName("GetPositionalEncodingHeatmap");
        group.MapGet("/positional-encoding/plot.svg", EncodingPlot).WithName("GetPositionalEncodingPlot");
        routes.MapLearningPages();
        return routes;
    }

    public static async Task<Results<Ok<DailyLearning>, ValidationProblem, ProblemHttpResult>> TodayAsync(
        string? date, StudyPlanService plan, CancellationToken cancellationToken)
    {
        var values = new QueryValues();
        var day = values.Day(date, "date") ?? plan.Today();
        if (values.HasErrors)
        {
            return values.Problem();
        }

        return await plan.GetDayAsync(day, cancellationToken) is { } today
            ? TypedResults.Ok(today)
            : TypedResults.Problem("the study plan has no lessons or no problems; see /api/learning/plan for content errors", statusCode: StatusCodes.Status503ServiceUnavailable, title: "No study plan");
    }

    public static async Task<Ok<PlanDto>> PlanAsync(LearningContentProvider content, CancellationToken cancellationToken) =>
        TypedResults.Ok(PlanDto.From(await content.GetAsync(cancellationToken)));

    public static async Task<Results<Ok<LessonDto>, ProblemHttpResult>> LessonAsync(string slug, LearningContentProvider content, CancellationToken cancellationToken)
    {
        var loaded = await content.GetAsync(cancellationToken);
        if (!loaded.Lessons.TryGetValue(slug, out var lesson))
        {
            return NotFound("lesson", slug);
        }

        var order = loaded.Plan.Lessons.Select(l => l.Slug).ToList();
        var index = order.IndexOf(slug);
        return TypedResults.Ok(new LessonDto(
            lesson.Slug, lesson.Title, lesson.Chapter, lesson.Summary, lesson.Markdown, lesson.Html, lesson.PageUrl,
            index > 0 ? order[index - 1] : null,
            index >= 0 && index < order.Count - 1 ? order[index + 1] : null));
    }

    public static async Task<Results<Ok<ProblemDto>, ProblemHttpResult>> ProblemAsync(string slug, LearningContentProvider content, CancellationToken cancellationToken) =>
        await FindAsync(slug, content, cancellationToken) is { } problem ? TypedResults.Ok(ProblemDto.From(problem)) : NotFound("problem", slug);

    public static async Task<Results<Ok<HintDto>, ProblemHttpResult>> HintAsync(
        string slug, int number, LearningContentProvider content, CancellationToken cancellationToken)
    {
        if (await FindAsync(slug, content, cancellationToken) is not { } problem)
        {
            return NotFound("problem", slug);
        }

        var hints = problem.Text.Hints;
        return number >= 1 && number <= hints.Count
            ? TypedResults.Ok(new HintDto(number, hints.Count, hints[number - 1].Markdown, hints[number - 1].Html))
            : TypedResults.Problem($"'{slug}' has hints 1 to {hints.Count}", statusCode: StatusCodes.Status404NotFound, title: "Hint not found");
    }

    public static async Task<Results<Ok<SolutionDto>, ProblemHttpResult>> SolutionAsync(string slug, LearningContentProvider content, CancellationToken cancellationToken) =>
        await FindAsync(slug, content, cancellationToken) is { } p
            ? TypedResults.Ok(new SolutionDto(p.Slug, p.Text.SolutionHtml, p.Text.ExplanationHtml, CodeDto.From(p.Reference)))
            : NotFound("problem", slug);

    public static async Task<Results<ContentHttpResult, ValidationProblem, ProblemHttpResult>> ProblemPlotAsync(
        string slug, string? theme, LearningContentProvider content, CancellationToken cancellationToken)
    {
        if (await FindAsync(slug, content, cancellationToken) is not { } p)
        {
            return NotFound("problem", slug);
        }

        var values = new QueryValues();
        var chosen = values.Theme(theme);
        return values.HasErrors ? values.Problem() : TypedResults.Text(LinePlotSvg.Draw(p.Solution.Plot(), chosen), SvgType);
    }

    public static async Task<Results<Ok<TestSetDto>, ValidationProblem, ProblemHttpResult>> TestsAsync(
        string slug, string? seed, LearningContentProvider content, IOptions<LearningOptions> options, CancellationToken cancellationToken)
    {
        if (await FindAsync(slug, content, cancellationToken) is not { } problem)
        {
            return NotFound("problem", slug);
        }

        // Without a seed each request draws its own, so every reader gets different hidden cases.
        var values = new QueryValues();
        var chosen = values.Whole(seed, "seed", Random.Shared.Next(), 0, int.MaxValue);
        if (values.HasErrors)
        {
            return values.Problem();
        }

        return TypedResults.Ok(TestSetDto.From(TestSetGenerator.Generate(problem, chosen, options.Value.HiddenCases), problem));
    }

    // The body is read here, after the slug: an unknown problem is refused before a byte of it, and a
    // known one reads at most RequestLimits:MaxJsonBodyBytes, streaming (JsonBody); Submission parses it.
    public static async Task<Results<Ok<VerdictDto>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        string slug, HttpRequest request, LearningContentProvider content, IOptions<LearningOptions> options, IOptions<RequestLimitOptions> limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await FindAsync(slug, content, cancellationToken) is not { } problem)
        {
            return NotFound("problem", slug);
        }

        if (!request.HasJsonContentType())
        {
            return TypedResults.Problem(
                $"send the answers as JSON, {{\"seed\": …, \"answers\": […]}}, with Content-Type: application/json (got '{request.ContentType}')",
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type");
        }

        // Read by hand, not bound: binding answers every fault with the same bare "Bad Request".
        var (body, refused) = await JsonBody.ReadAsync(request, limits.Value.MaxJsonBodyBytes, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        if (!Submission.TryRead(body.Span, out var seed, out var answers, out var errors))
        {
            return Invalid(errors);
        }

        var testSet = TestSetGenerator.Generate(problem, seed, options.Value.HiddenCases);
        return Grader.Grade(testSet, problem.Precision, answers, out errors) is { } verdict
            ? TypedResults.Ok(VerdictDto.From(verdict))
            : Invalid(errors);
    }

    // The first error in the detail too, for clients that show only the detail.
    private static ValidationProblem Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, detail: string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")), title: "The submission cannot be graded");

    public static Results<Ok<EncodingMatrixDto>, ValidationProblem> EncodingMatrix([AsParameters] PositionalEncodingParameters parameters)
    {
        var values = new QueryValues();
        var (positions, dModel, _) = parameters.Parse(values);
        if (values.HasErrors)
        {
            return values.Problem();
        }

        var matrix = PositionalEncoding.Matrix(positions, dModel);
        var rows = Enumerable.Range(0, positions).Select(p => Enumerable.Range(0, dModel).Select(d => matrix[p, d]).ToArray()).ToArray();
        return TypedResults.Ok(new EncodingMatrixDto(positions, dModel, "PE(pos, 2i) = sin(pos / 10000^(2i/dModel)), PE(pos, 2i+1) = cos(pos / 10000^(2i/dModel))", rows));
    }

    public static Results<ContentHttpResult, ValidationProblem> EncodingHeatmap([AsParameters] PositionalEncodingParameters parameters)
    {
        var values = new QueryValues();
        var (positions, dModel, _) = parameters.Parse(values);
        var theme = values.Theme(parameters.Theme);
        return values.HasErrors ? values.Problem() : TypedResults.Text(HeatmapSvg.Draw(positions, dModel, theme), SvgType);
    }

    public static Results<ContentHttpResult, ValidationProblem> EncodingPlot([AsParameters] PositionalEncodingParameters parameters)
    {
        var values = new QueryValues();
        var (positions, dModel, dims) = parameters.Parse(values);
        var theme = values.Theme(parameters.Theme);
        return values.HasErrors
            ? values.Problem()
            : TypedResults.Text(LinePlotSvg.Draw(PositionalEncodingPlot.Create(positions, dModel, dims), theme), SvgType);
    }

    private static async Task<Problem?> FindAsync(string slug, LearningContentProvider content, CancellationToken cancellationToken) =>
        (await content.GetAsync(cancellationToken)).Problems.GetValueOrDefault(slug);

    private static ProblemHttpResult NotFound(string kind, string slug) =>
        TypedResults.Problem($"no {kind} has the slug '{slug}'", statusCode: StatusCodes.Status404NotFound, title: $"{CultureInfo.InvariantCulture.TextInfo.ToTitleCase(kind)} not found");
}
