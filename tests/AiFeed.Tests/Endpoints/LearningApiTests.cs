using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using AiFeed.Learning;
using AiFeed.Tests.Infrastructure;
using AiFeed.Tests.Learning;
using Microsoft.Extensions.DependencyInjection;

namespace AiFeed.Tests.Endpoints;

/// <summary>The study-plan API and pages over the shipped content, on launch day 2026-11-26.</summary>
public sealed class LearningApiTests(LearningApiTests.Fixture fixture) : IClassFixture<LearningApiTests.Fixture>
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private HttpClient Client => fixture.App.CreateClient();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Today_NoDateOnLaunchDay_IsPositionalEncodingsAndBinaryCrossEntropy()
    {
        // Act
        var today = await GetJsonAsync("/api/today");

        // Assert
        Assert.Equal("2026-11-26", today.GetProperty("date").GetString());
        var lesson = today.GetProperty("lesson");
        Assert.Equal("positional-encodings", lesson.GetProperty("slug").GetString());
        Assert.Equal("Positional Encodings", lesson.GetProperty("title").GetString());
        Assert.Equal("Tokenization & Embeddings", lesson.GetProperty("chapter").GetString());
        Assert.Equal("/learn/positional-encodings", lesson.GetProperty("url").GetString());
        Assert.False(string.IsNullOrWhiteSpace(lesson.GetProperty("introduction").GetString()));
        var problem = today.GetProperty("problem");
        Assert.Equal("Binary Cross-Entropy Loss", problem.GetProperty("title").GetString());
        Assert.Equal("Easy", problem.GetProperty("difficulty").GetString());
        Assert.Equal("/problems/binary-cross-entropy", problem.GetProperty("url").GetString());
        Assert.StartsWith("Given true labels y", problem.GetProperty("task").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StudyPlanService_Today_GivesWhatANewsletterNeeds()
    {
        // Arrange
        var service = fixture.App.Services.GetRequiredService<StudyPlanService>();

        // Act
        var today = await service.TodayAsync(Token);
        var tomorrow = await service.GetDayAsync(new DateOnly(2026, 11, 27), Token);

        // Assert
        Assert.NotNull(today);
        Assert.Equal(new DateOnly(2026, 11, 26), today.Date);
        Assert.Equal("Positional Encodings", today.Lesson.Title);
        Assert.Equal("Tokenization & Embeddings", today.Lesson.Chapter);
        Assert.Equal("/learn/positional-encodings", today.Lesson.Url);
        Assert.Equal("Binary Cross-Entropy Loss", today.Problem.Title);
        Assert.Equal(Difficulty.Easy, today.Problem.Difficulty);
        Assert.Equal("/problems/binary-cross-entropy", today.Problem.Url);
        Assert.Equal(ContentFolder.Shipped().Plan.Problems[1].Title, tomorrow?.Problem.Title);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(-1)] // before launch runs backwards
    [InlineData(1000)] // wraps round the plan
    public async Task Today_GivenDate_RotatesThroughThePlanInOrder(int daysAfterLaunch)
    {
        // Arrange: the lesson after positional-encodings in plan order, the problem after BCE in the plan's list.
        var plan = ContentFolder.Shipped().Plan;
        var lessons = plan.Lessons.Select(l => l.Slug).ToList();
        var problems = plan.Problems.Select(p => p.Slug).ToList();
        var date = new DateOnly(2026, 11, 26).AddDays(daysAfterLaunch).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        // Act
        var today = await GetJsonAsync($"/api/today?date={date}");

        // Assert
        Assert.Equal(date, today.GetProperty("date").GetString());
        Assert.Equal(lessons[Modulo(lessons.IndexOf("positional-encodings") + daysAfterLaunch, lessons.Count)], today.GetProperty("lesson").GetProperty("slug").GetString());
        Assert.Equal(problems[Modulo(daysAfterLaunch, problems.Count)], today.GetProperty("problem").GetProperty("slug").GetString());
    }

    [Fact]
    public async Task Today_ClockAdvancesADay_ServesTheNextDay()
    {
        // Arrange
        await using var app = new AiFeedApp(now: new DateTimeOffset(2026, 11, 26, 23, 0, 0, TimeSpan.Zero));
        using var client = app.CreateClient();
        var before = await client.GetFromJsonAsync<JsonElement>("/api/today", Token);

        // Act
        app.Clock.Advance(TimeSpan.FromHours(2));
        var after = await client.GetFromJsonAsync<JsonElement>("/api/today", Token);

        // Assert
        Assert.Equal("positional-encodings", before.GetProperty("lesson").GetProperty("slug").GetString());
        Assert.Equal("2026-11-27", after.GetProperty("date").GetString());
        var lessons = ContentFolder.Shipped().Plan.Lessons.Select(l => l.Slug).ToList();
        Assert.Equal(lessons[lessons.IndexOf("positional-encodings") + 1], after.GetProperty("lesson").GetProperty("slug").GetString());
    }

    [Fact]
    public async Task Today_ConfiguredTimeZoneAndLaunchDate_AreUsed()
    {
        // Arrange: 20:00 UTC on the 26th is 05:00 on the 27th in Tokyo, the configured launch date.
        await using var app = new AiFeedApp(now: new DateTimeOffset(2026, 11, 26, 20, 0, 0, TimeSpan.Zero));
        using var client = app.WithWebHostBuilder(b => b
            .UseSetting("Learning:TimeZone", "Asia/Tokyo")
            .UseSetting("Learning:LaunchDate", "2026-11-27")).CreateClient();

        // Act
        var today = await client.GetFromJsonAsync<JsonElement>("/api/today", Token);

        // Assert
        Assert.Equal("2026-11-27", today.GetProperty("date").GetString());
        Assert.Equal("positional-encodings", today.GetProperty("lesson").GetProperty("slug").GetString());
        Assert.Equal("binary-cross-entropy", today.GetProperty("problem").GetProperty("slug").GetString());
    }

    [Fact]
    public async Task Start_UnknownTimeZone_FailsOptionsValidation()
    {
        // Act
        var error = await AiFeedComposition.StartValidationErrorAsync(new Dictionary<string, string?> { ["Learning:TimeZone"] = "Mars/Olympus_Mons" });

        // Assert
        Assert.Contains("Mars/Olympus_Mons", Assert.IsType<Microsoft.Extensions.Options.OptionsValidationException>(error).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/today?date=26-11-2026", "date")]
    [InlineData("/api/learning/problems/softmax/tests?seed=-1", "seed")]
    [InlineData("/api/learning/positional-encoding?positions=0", "positions")]
    [InlineData("/api/learning/positional-encoding?positions=257", "positions")]
    [InlineData("/api/learning/positional-encoding?positions=ten", "positions")]
    [InlineData("/api/learning/positional-encoding?dModel=3", "dModel")]
    [InlineData("/api/learning/positional-encoding?dModel=258", "dModel")]
    [InlineData("/api/learning/positional-encoding/heatmap.svg?dModel=0", "dModel")]
    [InlineData("/api/learning/positional-encoding/plot.svg?positions=513", "positions")]
    [InlineData("/api/learning/positional-encoding/plot.svg?dModel=8&dims=8", "dims")]
    [InlineData("/api/learning/positional-encoding/heatmap.svg?theme=sepia", "theme")]
    [InlineData("/api/learning/problems/softmax/plot.svg?theme=sepia", "theme")]
    public async Task Get_BadQueryValue_Returns400NamingTheParameter(string url, string parameter)
    {
        // Act
        using var response = await Client.GetAsync(url, Token);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), $"errors should name '{parameter}'");
    }

    [Theory]
    [InlineData("/api/learning/lessons/nope", "Lesson not found")]
    [InlineData("/api/learning/problems/nope", "Problem not found")]
    [InlineData("/api/learning/problems/softmax/hints/4", "Hint not found")]
    [InlineData("/learn/nope", "Lesson not found")]
    [InlineData("/problems/nope", "Problem not found")]
    public async Task Get_UnknownItem_Returns404ProblemDetails(string url, string title)
    {
        // Act
        using var response = await Client.GetAsync(url, Token);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal(title, problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Plan_Shipped_ListsChaptersProblemsAndNoContentErrors()
    {
        // Act
        var plan = await GetJsonAsync("/api/learning/plan");

        // Assert
        Assert.Equal("LLM", plan.GetProperty("title").GetString());
        var chapters = plan.GetProperty("chapters").EnumerateArray().ToList();
        Assert.Equal("Tokenization & Embeddings", chapters[0].GetProperty("title").GetString());
        Assert.Equal(0, plan.GetProperty("contentErrors").GetArrayLength());
        // Issue 23: at least 30 lessons in at least 7 chapters and at least 30 problems.
        Assert.True(chapters.Count >= 7, $"{chapters.Count} chapters");
        Assert.True(chapters.Sum(c => c.GetProperty("lessons").GetArrayLength()) >= 30, "fewer than 30 lessons");
        Assert.True(plan.GetProperty("problems").GetArrayLength() >= 30, "fewer than 30 problems");
    }

    [Fact]
    public async Task Lesson_PositionalEncodings_HasMarkdownRenderedHtmlAndNeighbours()
    {
        // Act
        var lesson = await GetJsonAsync("/api/learning/lessons/positional-encodings");

        // Assert
        Assert.Contains("Vaswani et al. (2017)", lesson.GetProperty("markdown").GetString(), StringComparison.Ordinal);
        Assert.Contains("<math display=\"block\">", lesson.GetProperty("html").GetString(), StringComparison.Ordinal);
        var lessons = ContentFolder.Shipped().Plan.Lessons.Select(l => l.Slug).ToList();
        var index = lessons.IndexOf("positional-encodings");
        Assert.Equal(lessons[index - 1], lesson.GetProperty("previous").GetString());
        Assert.Equal(lessons[index + 1], lesson.GetProperty("next").GetString());
    }

    [Fact]
    public async Task Problem_BinaryCrossEntropy_HasEveryPart()
    {
        // Act
        var problem = await GetJsonAsync("/api/learning/problems/binary-cross-entropy");
        var hint = await GetJsonAsync("/api/learning/problems/binary-cross-entropy/hints/2");
        var solution = await GetJsonAsync("/api/learning/problems/binary-cross-entropy/solution");

        // Assert
        Assert.Equal(4, problem.GetProperty("precision").GetInt32());
        Assert.Equal(3, problem.GetProperty("hintCount").GetInt32());
        var examples = problem.GetProperty("examples").EnumerateArray().ToList();
        Assert.Equal(0.1643, examples[0].GetProperty("output").GetDouble());
        Assert.Equal(34.5388, examples[1].GetProperty("output").GetDouble());
        Assert.Contains("Mismatched lengths", problem.GetProperty("edgeCasesHtml").GetString(), StringComparison.Ordinal);
        Assert.Contains("1e-15", hint.GetProperty("markdown").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, hint.GetProperty("of").GetInt32());
        Assert.Contains("language-csharp", solution.GetProperty("solutionHtml").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(solution.GetProperty("explanationHtml").GetString()));
    }

    [Fact]
    public async Task Submit_AnswersComputedLocally_AllPass()
    {
        // Arrange
        var tests = await GetJsonAsync("/api/learning/problems/binary-cross-entropy/tests?seed=123");
        var cases = tests.GetProperty("cases").EnumerateArray().ToList();
        var answers = cases.Select(c => Math.Round(Independent.BinaryCrossEntropy(Numbers(c, "y"), Numbers(c, "p")), 4)).ToList();

        // Act
        using var response = await Client.PostAsJsonAsync("/api/learning/problems/binary-cross-entropy/submissions", new { seed = 123, answers }, Token);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var verdict = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.True(verdict.GetProperty("allPassed").GetBoolean());
        Assert.Equal(cases.Count, verdict.GetProperty("passed").GetInt32());
        Assert.All(cases, c => Assert.Equal(c.GetProperty("public").GetBoolean(), c.GetProperty("expected").ValueKind != JsonValueKind.Null));
    }

    [Fact]
    public async Task Submit_OneWrongHiddenAnswer_FailsOnlyThatCaseWithoutRevealingIt()
    {
        // Arrange
        var tests = await GetJsonAsync("/api/learning/problems/cosine-similarity/tests?seed=9");
        var cases = tests.GetProperty("cases").EnumerateArray().ToList();
        var answers = cases.Select(c => Math.Round(Independent.CosineSimilarity(Numbers(c, "a"), Numbers(c, "b")), 4)).ToList();
        answers[^1] += 0.01;

        // Act
        using var response = await Client.PostAsJsonAsync("/api/learning/problems/cosine-similarity/submissions", new { seed = 9, answers }, Token);

        // Assert
        var verdict = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal(cases.Count - 1, verdict.GetProperty("passed").GetInt32());
        var last = verdict.GetProperty("cases").EnumerateArray().Last();
        Assert.False(last.GetProperty("passed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, last.GetProperty("expected").ValueKind);
    }

    [Fact]
    public async Task Tests_NoSeed_EachRequestGetsItsOwnSeed()
    {
        // Act
        var first = await GetJsonAsync("/api/learning/problems/softmax/tests");
        var second = await GetJsonAsync("/api/learning/problems/softmax/tests");

        // Assert
        Assert.NotEqual(first.GetProperty("seed").GetInt32(), second.GetProperty("seed").GetInt32());
    }

    [Theory]
    [InlineData("{\"seed\": 1, \"answers\": [1, 2]}", "answers", "expected 12 answers, one per test case in order, but got 2")]
    [InlineData("{\"seed\": 1, \"answers\": [0.1, 0.2, \"0.3\", 4, 5, 6, 7, 8, 9, 10, 11, 12]}", "answers[2]", "\"0.3\" is a string; send the number itself, without quotes (case example-3)")]
    [InlineData("{\"seed\": 1, \"answers\": [0.1, 1e400, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]}", "answers[1]", "1e400 overflows a double (the largest is about 1.8e308); a correct answer is a finite number (case example-2)")]
    [InlineData("{\"seed\": 1, \"answers\": [0.1, 0.2, NaN]}", "answers[2]", "NaN at line 1, column 35 is not JSON and never a correct answer")]
    [InlineData("{\"seed\": 1, \"answers\": [Infinity]}", "answers[0]", "Infinity at line 1, column 25 is not JSON")]
    [InlineData("{\"seed\": 1,\n \"answers\": [1, -Infinity]}", "answers[1]", "-Infinity at line 2, column 18 is not JSON")]
    [InlineData("{\"seed\": 1, \"answers\": [0.1 0.2]}", "answers[1]", "the body is not valid JSON at line 1, column 29: '0' is invalid after a value.")]
    [InlineData("{\"seed\": 1, \"answers\": [0.1, ", "answers[1]", "the body is not valid JSON at line 1, column 30:")]
    [InlineData("{\"seed\": 1, \"answers\": [[[[[[[[[[[[1]]]]]]]]]]]]}", "answers[0][0][0][0][0][0][0]", "nested deeper than 8 levels at line 1; an answer is a number or an array of numbers")]
    [InlineData("", "body", "the body is empty; send {\"seed\": …, \"answers\": […]} as application/json")]
    [InlineData(" \n ", "body", "the body is empty")]
    [InlineData("[1, 2, 3]", "body", "must be a JSON object {\"seed\": …, \"answers\": […]}, not an array")]
    [InlineData("{\"answers\": [1]}", "seed", "must be the whole number from 0 to 2147483647")]
    [InlineData("{\"seed\": \"one\", \"answers\": [1]}", "seed", "must be the whole number")]
    [InlineData("{\"seed\": 1}", "answers", "must be an array with one answer per test case, in order")]
    public async Task Submit_BadBody_Returns400ProblemNamingWhatIsWrong(string body, string field, string message)
    {
        // Act
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await Client.PostAsync("/api/learning/problems/binary-cross-entropy/submissions", content, Token);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var errors), $"errors should name '{field}': {problem}");
        Assert.StartsWith(message, errors[0].GetString(), StringComparison.Ordinal);
        Assert.Contains(message, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("The submission cannot be graded", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Submit_NotJson_Returns415ProblemSayingWhatToSend()
    {
        // Act
        using var content = new StringContent("seed=1&answers=0.5", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await Client.PostAsync("/api/learning/problems/binary-cross-entropy/submissions", content, Token);

        // Assert
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Contains("Content-Type: application/json", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_WrongAnswerShapeAndValue_FailsThoseCasesSayingWhy()
    {
        // Arrange: the first example's expected value is shown; the second answer has the wrong shape.
        var tests = await GetJsonAsync("/api/learning/problems/binary-cross-entropy/tests?seed=5");
        var answers = tests.GetProperty("cases").EnumerateArray()
            .Select(c => (object)Math.Round(Independent.BinaryCrossEntropy(Numbers(c, "y"), Numbers(c, "p")), 4)).ToList();
        answers[0] = 0.1653;
        answers[1] = new[] { 34.5388 };

        // Act
        using var response = await Client.PostAsJsonAsync("/api/learning/problems/binary-cross-entropy/submissions", new { seed = 5, answers }, Token);

        // Assert
        var cases = (await response.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("cases").EnumerateArray().ToList();
        Assert.Equal("not correct to 4 decimals: got 0.1653, expected 0.1643", cases[0].GetProperty("message").GetString());
        Assert.Equal(0.1643, cases[0].GetProperty("expected").GetDouble());
        Assert.Equal("expected a number, got an array of 1 numbers", cases[1].GetProperty("message").GetString());
        Assert.All(cases.Skip(2), c => Assert.True(c.GetProperty("passed").GetBoolean()));
    }

    [Fact]
    public async Task EncodingMatrix_Json_FollowsTheFormula()
    {
        // Act
        var matrix = await GetJsonAsync("/api/learning/positional-encoding?positions=10&dModel=6");

        // Assert
        var rows = matrix.GetProperty("values").EnumerateArray().ToList();
        Assert.Equal(10, rows.Count);
        for (var pos = 0; pos < 10; pos++)
        {
            var row = rows[pos].EnumerateArray().Select(v => v.GetDouble()).ToList();
            Assert.Equal(6, row.Count);
            for (var dim = 0; dim < 6; dim++)
            {
                Assert.Equal(Independent.PositionalEncoding(pos, dim, 6), row[dim], 12);
            }
        }
    }

    [Fact]
    public async Task Heatmap_Svg_IsWellFormedAndCellsFollowTheFormula()
    {
        // Act
        using var response = await Client.GetAsync("/api/learning/positional-encoding/heatmap.svg?positions=20&dModel=10", Token);

        // Assert
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        var document = XDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        var cells = document.Descendants(Svg + "svg").Single(e => (string?)e.Attribute("class") == "cells").Elements(Svg + "rect").ToList();
        Assert.Equal(200, cells.Count);
        Assert.All(cells, cell =>
        {
            var dim = int.Parse(cell.Attribute("x")!.Value, CultureInfo.InvariantCulture);
            var pos = int.Parse(cell.Attribute("y")!.Value, CultureInfo.InvariantCulture);
            Assert.Equal(ColorRamp.For(Independent.PositionalEncoding(pos, dim, 10)), cell.Attribute("fill")!.Value);
        });
    }

    [Fact]
    public async Task EncodingPlot_Svg_PointsFollowTheFormulaForChosenDims()
    {
        // Act
        using var response = await Client.GetAsync("/api/learning/positional-encoding/plot.svg?positions=30&dModel=12&dims=2,5", Token);

        // Assert
        var document = XDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        var lines = document.Descendants(Svg + "polyline").ToList();
        Assert.Equal(["dim 2 (sin)", "dim 5 (cos)"], lines.Select(l => l.Attribute("data-series")!.Value));
        foreach (var (line, dim) in lines.Zip(new[] { 2, 5 }))
        {
            var points = SvgTests.Points(document, line);
            Assert.Equal(30, points.Count);
            Assert.All(points.Select((p, pos) => (p, pos)), x => Assert.True(Math.Abs(Independent.PositionalEncoding(x.pos, dim, 12) - x.p.Y) < 0.01));
        }
    }

    [Fact]
    public async Task ProblemPlot_BinaryCrossEntropy_IsWellFormedSvg()
    {
        // Act
        using var response = await Client.GetAsync("/api/learning/problems/binary-cross-entropy/plot.svg", Token);

        // Assert
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        var document = XDocument.Parse(await response.Content.ReadAsStringAsync(Token));
        Assert.Equal(2, document.Descendants(Svg + "polyline").Count());
    }

    [Theory]
    [InlineData("/learn", "Study plan: LLM", false)]
    [InlineData("/problems", "Binary Cross-Entropy Loss", false)]
    [InlineData("/learn/positional-encodings", "<math display=\"block\">", false)]
    [InlineData("/problems/binary-cross-entropy", "id=\"attempt-section\"", true)]
    public async Task LearningPages_ReaderLayoutWayBackAndStrictHeaders(string url, string expected, bool runsPython)
    {
        // Act
        using var response = await Client.GetAsync(url, Token);

        // Assert: the reader's layout (header, nav, theme toggle, stylesheet), a link back to the feed.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync(Token);
        Assert.Contains(expected, html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("class=\"site-header\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"theme-toggle\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/assets/reader.css?v=", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/\">← Feed</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=\"http", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"http", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" style=\"", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("<script(?![^>]*\\ssrc=)", html);

        // Assert: the reader's policy everywhere; WebAssembly and a same-origin worker only where Python runs.
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal(runsPython ? AiFeed.Endpoints.LearningPages.ProblemContentSecurityPolicy : AiFeed.Endpoints.SecurityHeaders.DefaultPolicy, policy);
        Assert.Equal(runsPython, policy.Contains("'wasm-unsafe-eval'", StringComparison.Ordinal));
        Assert.DoesNotContain("'unsafe-eval'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("'unsafe-inline'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task LearnPage_LaunchDay_SaysWhatIsServedToday()
    {
        // Act
        var html = await Client.GetStringAsync("/learn", Token);
        var lesson = await Client.GetStringAsync("/learn/positional-encodings", Token);
        var problem = await Client.GetStringAsync("/problems/binary-cross-entropy", Token);
        var other = await Client.GetStringAsync("/problems/softmax", Token);

        // Assert: the guide's launch day, said by the pages, not by the lesson's text.
        Assert.Contains("Today, 26 November 2026", html, StringComparison.Ordinal);
        Assert.Matches("Lesson: <a href=\"/learn/positional-encodings\">Positional Encodings</a>", html);
        Assert.Matches("Problem: <a href=\"/problems/binary-cross-entropy\">Binary Cross-Entropy Loss</a> <span class=\"badge difficulty-easy\">Easy</span>", html);
        Assert.Contains("This is today's lesson of the study plan.", lesson, StringComparison.Ordinal);
        Assert.DoesNotContain("Today's problem", lesson, StringComparison.Ordinal);
        Assert.Contains("today's problem", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("today's problem", other, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProblemPage_PythonStarterReferenceAndGradingPolicy_AreOnThePage()
    {
        // Act
        var html = await Client.GetStringAsync("/problems/binary-cross-entropy", Token);

        // Assert
        Assert.Contains("data-function=\"binary_cross_entropy\"", html, StringComparison.Ordinal);
        Assert.Matches("<textarea id=\"code\"[^>]*>import math(&#xA;)+def binary_cross_entropy\\(y, p\\):&#xA;    # your code here", html);
        Assert.Contains("<figcaption>Python</figcaption>", html, StringComparison.Ordinal);
        Assert.Contains("def binary_cross_entropy(y, p):", html, StringComparison.Ordinal);
        Assert.Contains("q = min(max(prob, EPSILON), 1 - EPSILON)", html, StringComparison.Ordinal);
        Assert.Contains("public static double BinaryCrossEntropy(int[] y, double[] p)", html, StringComparison.Ordinal);
        Assert.Contains("plus a float32 allowance of 4.8e-7", html, StringComparison.Ordinal);
        Assert.Matches("data-worker=\"/assets/pyodide/[0-9.]+/python-worker.mjs\\?v=[0-9a-f]{16}\"", html);
    }

    [Fact]
    public async Task ProblemPage_BuildWithoutPyodide_SaysPythonIsUnavailableAndStillServesTheProblem()
    {
        // Arrange: what a build on a machine without npm serves.
        using var empty = new TempDirectory();
        await using var app = new AiFeedApp();
        using var client = app.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton(new AiFeed.Pages.PyodideBundle(empty.Path)))).CreateClient();

        // Act
        var html = await client.GetStringAsync("/problems/softmax", Token);
        using var file = await client.GetAsync("/assets/pyodide/314.0.7/pyodide.mjs", Token);

        // Assert
        Assert.Contains("Python is unavailable on this server", html, StringComparison.Ordinal);
        Assert.Contains("data-worker=\"\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"run-public\" disabled", html, StringComparison.Ordinal);
        Assert.Contains("def softmax(x):", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, file.StatusCode);
    }

    [Fact]
    public async Task PyodideFiles_ServedByAiFeedWithTypesCachingAndTheProblemPolicy()
    {
        // Arrange
        var bundle = fixture.App.Services.GetRequiredService<AiFeed.Pages.PyodideBundle>();
        if (bundle.Version is null)
        {
            TestEnvironment.SkipOrFail($"this build bundled no Pyodide in {bundle.Folder} (npm was missing when it was built); install Node.js and npm and rebuild");
        }

        // Act
        using var wasm = await Client.GetAsync($"{bundle.IndexUrl}pyodide.asm.wasm", Token);
        using var module = await Client.GetAsync($"{bundle.IndexUrl}pyodide.mjs", Token);
        using var other = await Client.GetAsync($"{bundle.IndexUrl}package.json", Token);
        using var traversal = await Client.GetAsync($"{bundle.IndexUrl}..%2F..%2Fappsettings.json", Token);
        using var oldVersion = await Client.GetAsync("/assets/pyodide/0.0.1/pyodide.mjs", Token);

        // Assert
        Assert.Equal(HttpStatusCode.OK, wasm.StatusCode);
        Assert.Equal("application/wasm", wasm.Content.Headers.ContentType?.MediaType);
        Assert.Equal("text/javascript", module.Content.Headers.ContentType?.MediaType);
        Assert.Contains("immutable", wasm.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Equal(AiFeed.Endpoints.LearningPages.ProblemContentSecurityPolicy, Assert.Single(module.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, traversal.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, oldVersion.StatusCode);
    }

    [Theory]
    [InlineData("/api/learning/problems/softmax/plot.svg?theme=dark", "#121417", "@media")]
    [InlineData("/api/learning/problems/softmax/plot.svg?theme=light", "#ffffff", "#121417")]
    [InlineData("/api/learning/problems/softmax/plot.svg", "@media (prefers-color-scheme:dark){.bg{fill:#121417}", null)]
    [InlineData("/api/learning/positional-encoding/heatmap.svg?positions=4&dModel=4&theme=dark", ".bg{fill:#121417}", "@media")]
    public async Task Pictures_Theme_FollowsTheQueryOrTheSystem(string url, string contains, string? lacks)
    {
        // Act
        var svg = await Client.GetStringAsync(url, Token);

        // Assert
        var style = XDocument.Parse(svg).Descendants(Svg + "style").Single().Value;
        Assert.Contains(contains, style, StringComparison.Ordinal);
        if (lacks is not null)
        {
            Assert.DoesNotContain(lacks, style, StringComparison.Ordinal);
        }

        Assert.Equal("bg", (string?)XDocument.Parse(svg).Root!.Elements(Svg + "rect").First().Attribute("class"));
    }

    [Fact]
    public async Task Plan_MalformedContentFile_IsListedWithPathAndLineAndTheRestIsServed()
    {
        // Arrange
        using var folder = new ContentFolder();
        folder.Write("lessons/broken.md", "---\ntitle: Broken\nsummary: no end\n");
        folder.Write("problems/softmax.md", folder.Read("problems/softmax.md").Replace("difficulty: Easy", "difficulty: Simple", StringComparison.Ordinal));
        await using var app = new AiFeedApp();
        using var client = app.WithWebHostBuilder(b => b.UseSetting("Learning:ContentPath", folder.Path)).CreateClient();

        // Act
        var plan = await client.GetFromJsonAsync<JsonElement>("/api/learning/plan", Token);
        var today = await client.GetFromJsonAsync<JsonElement>("/api/today", Token);
        using var softmax = await client.GetAsync("/api/learning/problems/softmax", Token);

        // Assert
        var errors = plan.GetProperty("contentErrors").EnumerateArray().Select(e => e.GetProperty("text").GetString()).ToList();
        Assert.Contains("lessons/broken.md:1: front matter is not closed by a '---' line", errors);
        Assert.Contains("problems/softmax.md:3: difficulty 'Simple' is not Easy, Medium or Hard", errors);
        Assert.Equal("positional-encodings", today.GetProperty("lesson").GetProperty("slug").GetString());
        Assert.Equal(HttpStatusCode.NotFound, softmax.StatusCode);
    }

    [Fact]
    public async Task Plan_LaunchProblemNotInPlan_IsReportedAndRotationStartsAtFirstProblem()
    {
        // Arrange
        await using var app = new AiFeedApp();
        using var client = app.WithWebHostBuilder(b => b.UseSetting("Learning:LaunchProblem", "mean-squared-error")).CreateClient();

        // Act
        var plan = await client.GetFromJsonAsync<JsonElement>("/api/learning/plan", Token);
        var today = await client.GetFromJsonAsync<JsonElement>("/api/today", Token);

        // Assert
        var error = Assert.Single(plan.GetProperty("contentErrors").EnumerateArray());
        Assert.Contains("Learning:LaunchProblem 'mean-squared-error'", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("binary-cross-entropy", today.GetProperty("problem").GetProperty("slug").GetString());
    }

    private async Task<JsonElement> GetJsonAsync(string url)
    {
        using var response = await Client.GetAsync(url, Token);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Token)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(Token);
    }

    private static double[] Numbers(JsonElement testCase, string name) =>
        [.. testCase.GetProperty("input").GetProperty(name).EnumerateArray().Select(e => e.GetDouble())];

    private static int Modulo(int value, int count) => ((value % count) + count) % count;

    public sealed class Fixture : IAsyncDisposable
    {
        public AiFeedApp App { get; } = new();

        public ValueTask DisposeAsync() => App.DisposeAsync();
    }
}
