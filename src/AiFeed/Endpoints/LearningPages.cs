using AiFeed.Components.Learning;
using AiFeed.Learning;
using AiFeed.Pages;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiFeed.Endpoints;

/// <summary>The study plan's pages (Razor components in the reader's layout) and the Python runtime the problem pages load.</summary>
public static class LearningPages
{
    /// <summary>
    /// The reader's policy plus what Python in the page needs and nothing more: a same-origin worker,
    /// and 'wasm-unsafe-eval' so that the worker may compile Pyodide's WebAssembly. Only problem
    /// pages and the Pyodide files send it; every other page keeps the reader's policy.
    /// </summary>
    public const string ProblemContentSecurityPolicy =
        "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; style-src 'self'; img-src 'self'; " +
        "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private const string WorkerName = "python-worker.mjs";

    public static RouteGroupBuilder MapLearningPages(this IEndpointRouteBuilder routes)
    {
        // Security headers (the reader's CSP, nosniff, Referrer-Policy): SecurityHeaders, for every response.
        var group = routes.MapGroup(string.Empty).WithTags("Learning pages").ExcludeFromDescription();
        group.MapGet("/learn", PlanPageAsync).WithName("LearnPage");
        group.MapGet("/learn/{slug}", LessonPageAsync).WithName("LessonPage");
        group.MapGet("/problems", ProblemsPageAsync).WithName("ProblemsPage");
        // The worker script carries the policy too: a dedicated worker runs under its own response's CSP.
        var problemPolicy = new ContentSecurityPolicyMetadata(ProblemContentSecurityPolicy);
        group.MapGet("/problems/{slug}", ProblemPageAsync).WithName("ProblemPage").WithMetadata(problemPolicy);
        group.MapGet("/assets/pyodide/{version}/{name}", PythonFile).WithName("PythonFile").WithMetadata(problemPolicy);
        return group;
    }

    public static async Task<RazorComponentResult<LearnPage>> PlanPageAsync(LearningContentProvider content, StudyPlanService plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(plan);
        var loaded = await content.GetAsync(cancellationToken);
        return Page<LearnPage>(new LearnModel(loaded.Plan, await plan.TodayAsync(cancellationToken)));
    }

    public static async Task<RazorComponentResult<ProblemsPage>> ProblemsPageAsync(LearningContentProvider content, StudyPlanService plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(plan);
        var loaded = await content.GetAsync(cancellationToken);
        return Page<ProblemsPage>(new ProblemsModel(loaded.Plan.Problems, await plan.TodayAsync(cancellationToken)));
    }

    public static async Task<Results<RazorComponentResult<LessonPage>, ProblemHttpResult>> LessonPageAsync(
        string slug, LearningContentProvider content, StudyPlanService plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(plan);
        var loaded = await content.GetAsync(cancellationToken);
        if (!loaded.Lessons.TryGetValue(slug, out var lesson))
        {
            return TypedResults.Problem($"no lesson has the slug '{slug}'", statusCode: StatusCodes.Status404NotFound, title: "Lesson not found");
        }

        var order = loaded.Plan.Lessons.ToList();
        var index = order.FindIndex(l => l.Slug == slug);
        var today = await plan.TodayAsync(cancellationToken);
        return Page<LessonPage>(new LessonModel(
            lesson,
            index > 0 ? order[index - 1] : null,
            index >= 0 && index < order.Count - 1 ? order[index + 1] : null,
            [.. loaded.Plan.Problems.Where(p => p.LessonSlug == slug)],
            today?.Lesson.Slug == slug));
    }

    public static async Task<Results<RazorComponentResult<ProblemPage>, ProblemHttpResult>> ProblemPageAsync(
        string slug, LearningContentProvider content, StudyPlanService plan, PyodideBundle python, ReaderAssets assets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(python);
        ArgumentNullException.ThrowIfNull(assets);
        var loaded = await content.GetAsync(cancellationToken);
        if (!loaded.Problems.TryGetValue(slug, out var problem))
        {
            return TypedResults.Problem($"no problem has the slug '{slug}'", statusCode: StatusCodes.Status404NotFound, title: "Problem not found");
        }

        var lesson = problem.LessonSlug is { } lessonSlug ? loaded.Lessons.GetValueOrDefault(lessonSlug) : null;
        var today = await plan.TodayAsync(cancellationToken);
        var worker = python.IndexUrl is { } index ? $"{index}{WorkerName}?v={assets.Find(WorkerName)!.Version}" : "";
        return Page<ProblemPage>(new ProblemModel(problem, lesson, today?.Problem.Slug == slug, python.IndexUrl, worker));
    }

    /// <summary>A bundled Pyodide file, or the page's worker script, under the versioned folder URL.</summary>
    public static Results<PhysicalFileHttpResult, FileContentHttpResult, NotFound> PythonFile(
        string version, string name, string? v, PyodideBundle python, ReaderAssets assets, HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(python);
        ArgumentNullException.ThrowIfNull(assets);
        ArgumentNullException.ThrowIfNull(response);
        if (name == WorkerName && python.Version == version && assets.Find(WorkerName) is { } worker)
        {
            response.Headers.CacheControl = v == worker.Version ? "public, max-age=31536000, immutable" : "no-cache";
            return TypedResults.File(worker.Body, worker.ContentType);
        }

        if (python.Find(version, name) is not { } file)
        {
            return TypedResults.NotFound();
        }

        // The version is in the path: a file there never changes.
        response.Headers.CacheControl = "public, max-age=31536000, immutable";
        return TypedResults.PhysicalFile(file.Path, file.ContentType, enableRangeProcessing: true);
    }

    private static RazorComponentResult<T> Page<T>(object model)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        new(new Dictionary<string, object?>(StringComparer.Ordinal) { ["Model"] = model });
}
