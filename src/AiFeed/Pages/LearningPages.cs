using AiFeed.Learning;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiFeed.Pages;

/// <summary>The server-rendered study-plan pages: /learn, /learn/{lesson} and /problems/{problem}.</summary>
public static class LearningPages
{
    private const string HtmlType = "text/html; charset=utf-8";

    public static IEndpointRouteBuilder MapLearningPages(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("").WithTags("Learning pages").ExcludeFromDescription()
            .WithMetadata(new Endpoints.ContentSecurityPolicyMetadata(Endpoints.SecurityHeaders.InlinePagesPolicy));
        group.MapGet("/learn", PlanPageAsync);
        group.MapGet("/learn/{slug}", LessonPageAsync);
        group.MapGet("/problems/{slug}", ProblemPageAsync);
        return routes;
    }

    public static async Task<ContentHttpResult> PlanPageAsync(LearningContentProvider content, StudyPlanService plan, CancellationToken cancellationToken)
    {
        var loaded = await content.GetAsync(cancellationToken);
        var page = new HtmlPage().Tag("<h1>", $"Study plan: {loaded.Plan.Title}", "</h1>").Tag("<p>", loaded.Plan.Summary, "</p>");
        if (await plan.TodayAsync(cancellationToken) is { } today)
        {
            page.Raw("<section class=\"today\" aria-labelledby=\"today\"><h2 id=\"today\">Today</h2><p>Lesson: ")
                .Raw($"<a href=\"{HtmlPage.Attribute(today.Lesson.Url)}\">").Text(today.Lesson.Title).Raw("</a> · Problem: ")
                .Raw($"<a href=\"{HtmlPage.Attribute(today.Problem.Url)}\">").Text(today.Problem.Title).Raw("</a> ")
                .Tag($"<span class=\"badge {today.Problem.Difficulty}\">", today.Problem.Difficulty.ToString(), "</span></p></section>");
        }

        page.Raw("<section aria-labelledby=\"chapters\"><h2 id=\"chapters\">Chapters</h2>");
        foreach (var (chapter, number) in loaded.Plan.Chapters.Select((c, i) => (c, i + 1)))
        {
            page.Tag("<h3>", $"{number}. {chapter.Title}", "</h3>").Tag("<p class=\"meta\">", chapter.Summary, "</p><ol>");
            foreach (var lesson in chapter.Lessons)
            {
                page.Raw($"<li><a href=\"{HtmlPage.Attribute(lesson.PageUrl)}\">").Text(lesson.Title).Raw("</a> — ").Text(lesson.Summary).Raw("</li>");
            }

            page.Raw("</ol>");
        }

        page.Raw("</section><section aria-labelledby=\"problems\"><h2 id=\"problems\">Problems</h2><ul>");
        foreach (var problem in loaded.Plan.Problems)
        {
            page.Raw($"<li><a href=\"{HtmlPage.Attribute(problem.PageUrl)}\">").Text(problem.Title).Raw("</a> ")
                .Tag($"<span class=\"badge {problem.Difficulty}\">", problem.Difficulty.ToString(), "</span></li>");
        }

        page.Raw("</ul></section>");
        return TypedResults.Text(page.Render($"Study plan: {loaded.Plan.Title}"), HtmlType);
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> LessonPageAsync(string slug, LearningContentProvider content, CancellationToken cancellationToken)
    {
        var loaded = await content.GetAsync(cancellationToken);
        if (!loaded.Lessons.TryGetValue(slug, out var lesson))
        {
            return TypedResults.Problem($"no lesson has the slug '{slug}'", statusCode: StatusCodes.Status404NotFound, title: "Lesson not found");
        }

        var page = new HtmlPage()
            .Raw("<nav aria-label=\"Breadcrumb\" class=\"meta\"><a href=\"/learn\">Study plan</a> › ").Text(lesson.Chapter).Raw("</nav>")
            .Raw("<article>").Tag("<h1>", lesson.Title, "</h1>").Tag("<p class=\"meta\">", lesson.Summary, "</p>").Raw(lesson.Html).Raw("</article>");
        var related = loaded.Problems.Values.Where(p => p.LessonSlug == slug).ToList();
        if (related.Count > 0)
        {
            page.Raw("<aside aria-labelledby=\"practice\"><h2 id=\"practice\">Practise it</h2><ul>");
            foreach (var problem in related)
            {
                page.Raw($"<li><a href=\"{HtmlPage.Attribute(problem.PageUrl)}\">").Text(problem.Title).Raw("</a></li>");
            }

            page.Raw("</ul></aside>");
        }

        var order = loaded.Plan.Lessons.ToList();
        var index = order.FindIndex(l => l.Slug == slug);
        page.Raw("<nav aria-label=\"Lessons\"><p>");
        if (index > 0)
        {
            page.Raw($"<a rel=\"prev\" href=\"{HtmlPage.Attribute(order[index - 1].PageUrl)}\">← ").Text(order[index - 1].Title).Raw("</a> ");
        }

        if (index >= 0 && index < order.Count - 1)
        {
            page.Raw($"<a rel=\"next\" href=\"{HtmlPage.Attribute(order[index + 1].PageUrl)}\">").Text(order[index + 1].Title).Raw(" →</a>");
        }

        page.Raw("</p></nav>");
        return TypedResults.Text(page.Render(lesson.Title), HtmlType);
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> ProblemPageAsync(string slug, LearningContentProvider content, CancellationToken cancellationToken)
    {
        var loaded = await content.GetAsync(cancellationToken);
        return loaded.Problems.TryGetValue(slug, out var problem)
            ? TypedResults.Text(ProblemPage.Render(problem, loaded), HtmlType)
            : TypedResults.Problem($"no problem has the slug '{slug}'", statusCode: StatusCodes.Status404NotFound, title: "Problem not found");
    }
}
