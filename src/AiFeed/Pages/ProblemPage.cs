using AiFeed.Learning;

namespace AiFeed.Pages;

/// <summary>One problem: statement, examples, picture, hints, graded attempts, solution and explanation.</summary>
internal static class ProblemPage
{
    public static string Render(Problem problem, LearningContent content)
    {
        var page = new HtmlPage().Raw("<nav aria-label=\"Breadcrumb\" class=\"meta\"><a href=\"/learn#problems\">Problems</a>");
        if (problem.LessonSlug is { } lessonSlug && content.Lessons.TryGetValue(lessonSlug, out var lesson))
        {
            page.Raw($" · lesson: <a href=\"{HtmlPage.Attribute(lesson.PageUrl)}\">").Text(lesson.Title).Raw("</a>");
        }

        page.Raw("</nav><article>").Tag("<h1>", problem.Title, "</h1>")
            .Tag($"<p><span class=\"badge {problem.Difficulty}\">", problem.Difficulty.ToString(), "</span> ")
            .Tag("<span class=\"meta\">", $"answers graded to {problem.Precision} decimals", "</span></p>")
            .Raw("<section aria-labelledby=\"statement\"><h2 id=\"statement\">Statement</h2>").Raw(problem.Text.StatementHtml).Raw("</section>")
            .Raw("<section aria-labelledby=\"examples\"><h2 id=\"examples\">Examples</h2>");
        foreach (var (example, number) in problem.Examples.Select((e, i) => (e, i + 1)))
        {
            page.Tag("<h3>", $"Example {number}", "</h3>").Tag("<pre><code>", $"Input:  {example.InputJson}\nOutput: {example.Output}", "</code></pre>");
            if (example.Explanation is { } explanation)
            {
                page.Tag("<p>", explanation, "</p>");
            }
        }

        page.Raw(problem.Text.ExamplesHtml).Raw("</section>")
            .Raw("<section aria-labelledby=\"constraints\"><h2 id=\"constraints\">Constraints</h2>").Raw(problem.Text.ConstraintsHtml).Raw("</section>")
            .Raw("<section aria-labelledby=\"edge\"><h2 id=\"edge\">Edge cases</h2>").Raw(problem.Text.EdgeCasesHtml).Raw("</section>")
            .Raw("<section aria-labelledby=\"picture\"><h2 id=\"picture\">Picture</h2>")
            .Raw($"<img src=\"{HtmlPage.Attribute(problem.ApiUrl)}/plot.svg\" width=\"648\" height=\"432\" alt=\"")
            .Text(problem.Solution.Plot().Title).Raw("\"></section>")
            .Raw("<section aria-labelledby=\"hints\"><h2 id=\"hints\">Hints</h2>");
        foreach (var hint in problem.Text.Hints)
        {
            page.Raw($"<details><summary>Hint {hint.Number}</summary>").Raw(hint.Html).Raw("</details>");
        }

        page.Raw("</section>").Raw(AttemptForm(problem))
            .Raw("<section aria-labelledby=\"solution\"><h2 id=\"solution\">Solution</h2><details><summary>Show the reference solution</summary>")
            .Raw(problem.Text.SolutionHtml).Raw("</details><h3>Explanation</h3>").Raw(problem.Text.ExplanationHtml).Raw("</section></article>");
        return page.Render(problem.Title, ProblemScript.Source);
    }

    private static string AttemptForm(Problem problem) => $"""
        <section aria-labelledby="attempt" id="attempt-section" data-api="{HtmlPage.Attribute(problem.ApiUrl)}">
        <h2 id="attempt">Graded attempt</h2>
        <p>Fetch your own test inputs, compute the answers locally in any language, paste them as a JSON array (one answer per case, in order) and submit. Nothing you write runs on this server.</p>
        <form id="tests-form"><label for="seed">Seed (leave empty for a fresh one)</label><input id="seed" name="seed" inputmode="numeric" pattern="[0-9]*">
        <button type="submit">Get my test inputs</button></form>
        <h3 id="cases-label">Your test inputs</h3><pre id="cases" tabindex="0" aria-labelledby="cases-label" aria-live="polite">(none yet)</pre>
        <form id="submit-form"><label for="answers">Your answers (JSON array)</label><textarea id="answers" name="answers" placeholder="[0.1643, 34.5388, …]"></textarea>
        <button type="submit">Submit answers</button></form>
        <div id="verdict" role="status" aria-live="polite"></div>
        </section>
        """;
}
