using AiFeed.Learning;

namespace AiFeed.Tests.Learning;

public sealed class ContentLoaderTests
{
    private const string GoodLesson = """
        ---
        title: Extra
        summary: An extra lesson.
        ---

        Body with <math><mi>x</mi></math>.
        """;

    [Fact]
    public void Shipped_Content_LoadsWithoutErrorsInPlanOrder()
    {
        // Act
        var content = ContentFolder.Shipped();

        // Assert
        Assert.Empty(content.Errors);
        Assert.Equal("LLM", content.Plan.Title);
        var first = content.Plan.Chapters[0];
        Assert.Equal("Tokenization & Embeddings", first.Title);
        Assert.Contains("positional-encodings", first.Lessons.Select(l => l.Slug));
        Assert.Equal("binary-cross-entropy", content.Plan.Problems[0].Slug);
        Assert.True(content.Plan.Chapters.Skip(1).Sum(c => c.Lessons.Count) >= 5);
        Assert.True(content.Plan.Problems.Count >= 6);
        Assert.Contains(content.Problems.Values, p => p.Title == "Binary Cross-Entropy Loss" && p.Difficulty == Difficulty.Easy);
        Assert.All(content.Problems.Values, p => Assert.True(p.Text.Hints.Count >= 3));
    }

    [Fact]
    public void Shipped_LessonsAndProblems_NeverSayWhatIsServedToday()
    {
        // Arrange: the page and the newsletter say what is served today; a lesson is served on many days.
        var today = new System.Text.RegularExpressions.Regex(@"\b(today|tomorrow|yesterday|this week)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
        var content = ContentFolder.Shipped();

        // Act
        var offenders = content.Lessons.Values.Select(l => (l.SourcePath, l.Markdown + l.Summary))
            .Concat(content.Problems.Values.Select(p => (p.SourcePath, p.Markdown + p.Summary)))
            .Where(f => today.IsMatch(f.Item2))
            .Select(f => $"{f.SourcePath}: '{today.Match(f.Item2).Value}'")
            .ToList();

        // Assert
        Assert.True(offenders.Count == 0, string.Join("; ", offenders));
    }

    [Fact]
    public void Shipped_PositionalEncodingsLesson_HasMathMLAndPictures()
    {
        // Act
        var lesson = ContentFolder.Shipped().Lessons["positional-encodings"];

        // Assert
        Assert.Equal("Tokenization & Embeddings", lesson.Chapter);
        Assert.Contains("<math display=\"block\">", lesson.Html, StringComparison.Ordinal);
        Assert.Contains("<mn>10000</mn>", lesson.Html, StringComparison.Ordinal);
        Assert.Contains("/api/learning/positional-encoding/heatmap.svg", lesson.Html, StringComparison.Ordinal);
        Assert.Contains("Rotary", lesson.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_ExtraLessonListedInPlan_IsServedWithoutCodeChanges()
    {
        // Arrange
        using var folder = new ContentFolder();
        folder.Write("lessons/extra.md", GoodLesson);
        folder.Write("plan.md", folder.Read("plan.md") + "- extra\n");

        // Act
        var content = await folder.LoadAsync();

        // Assert
        Assert.Empty(content.Errors);
        Assert.Equal(content.Plan.Chapters[^1].Title, content.Lessons["extra"].Chapter);
        Assert.Contains("<math><mi>x</mi></math>", content.Lessons["extra"].Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lessons/broken.md", "title: x\n", 1, "expected front matter starting with '---'")]
    [InlineData("lessons/broken.md", "---\ntitle: x\nsummary: y\n", 1, "not closed")]
    [InlineData("lessons/broken.md", "---\ntitle: x\nthis line has no colon\nsummary: y\n---\nbody\n", 3, "expected 'key: value'")]
    [InlineData("lessons/broken.md", "---\ntitle: x\nsumary: y\nsummary: y\n---\nbody\n", 3, "unknown front matter key 'sumary'")]
    [InlineData("lessons/broken.md", "---\ntitle: x\n---\nbody\n", 3, "missing 'summary'")]
    [InlineData("lessons/broken.md", "---\ntitle: x\ntitle: y\n---\nbody\n", 3, "'title' is given twice")]
    [InlineData("lessons/broken.md", "---\ntitle: x\n  - stray\nsummary: y\n---\nbody\n", 3, "list item without a 'key:' line above it")]
    [InlineData("lessons/Bad Name.md", "---\ntitle: x\nsummary: y\n---\nbody\n", 1, "is not a slug")]
    public async Task Load_MalformedLesson_IsReportedWithPathAndLineAndOthersStillLoad(string path, string text, int line, string message)
    {
        // Arrange
        using var folder = new ContentFolder();
        folder.Write(path, text);

        // Act
        var content = await folder.LoadAsync();

        // Assert
        var error = Assert.Single(content.Errors);
        Assert.Equal(path, error.Path);
        Assert.Equal(line, error.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{path}:{line}: ", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(ContentFolder.Shipped().Lessons.Count, content.Lessons.Count);
        Assert.Equal(ContentFolder.Shipped().Problems.Count, content.Problems.Count);
    }

    [Theory]
    [InlineData("difficulty: Easy", "difficulty: Trivial", "difficulty 'Trivial' is not Easy, Medium or Hard")]
    [InlineData("solution: binary-cross-entropy", "solution: mean-squared-error", "no reference solution is called 'mean-squared-error'")]
    [InlineData("\"output\": 0.1643", "\"output\": 0.1644", "output 0.1644 disagrees with the reference solution, which gives 0.1643")]
    [InlineData("{\"input\": {\"y\": [1], \"p\": [0.0]}", "{\"input\": {\"y\": [1], \"p\": [0.0]]}", "example is not valid JSON")]
    [InlineData("\"y\": [1, 0, 1, 0], \"p\"", "\"y\": [1, 0, 1], \"p\"", "the reference solution rejects this input")]
    [InlineData("precision: 4", "precision: four", "precision 'four' is not a number of decimals")]
    public async Task Load_MalformedProblem_IsReportedAtTheOffendingLine(string find, string replace, string message)
    {
        // Act
        var (content, text, error) = await LoadWithBceEditedAsync(find, replace);

        // Assert
        Assert.Equal(Array.FindIndex(text.Split('\n'), l => l.Contains(replace, StringComparison.Ordinal)) + 1, error.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.False(content.Problems.ContainsKey("binary-cross-entropy"));
        Assert.True(content.Problems.ContainsKey("softmax"));
        Assert.Contains(content.Errors, e => e.Path == "plan.md" && e.Message.Contains("binary-cross-entropy", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("function: binary_cross_entropy\n", "", "front matter is missing 'function'")]
    [InlineData("function: binary_cross_entropy", "function: BinaryCrossEntropy", "function 'BinaryCrossEntropy' is not a snake_case Python name")]
    [InlineData("## Starter", "## Start", "unknown section '## Start'")]
    [InlineData("    # your code here: y is a list", "    raise NotImplementedError  # y is a list", "must not raise NotImplementedError")]
    [InlineData("```python\nimport math\n\n\ndef binary_cross_entropy(y, p):\n    # your code", "```py\nimport math\n\n\ndef binary_cross_entropy(y, p):\n    # your code", "'## Starter' needs the code blocks ```python then ```csharp; found ```py, ```csharp")]
    [InlineData("EPSILON = 1e-15\n\n\ndef binary_cross_entropy(", "EPSILON = 1e-15\n\n\ndef bce(", "does not define 'def binary_cross_entropy('")]
    public async Task Load_ProblemWithBadPythonParts_IsReported(string find, string replace, string message)
    {
        // Act
        var (content, _, error) = await LoadWithBceEditedAsync(find, replace);

        // Assert
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.False(content.Problems.ContainsKey("binary-cross-entropy"));
    }

    [Fact]
    public async Task Load_ProblemSectionsOutOfOrderOrWithoutPythonSolution_IsReportedAtTheSection()
    {
        // Arrange: Starter after Solution in one file; the Python solution dropped from another.
        using var folder = new ContentFolder();
        var softmax = folder.Read("problems/softmax.md");
        var starter = softmax[softmax.IndexOf("## Starter", StringComparison.Ordinal)..softmax.IndexOf("## Solution", StringComparison.Ordinal)];
        var moved = softmax.Replace(starter, "", StringComparison.Ordinal).Replace("## Explanation", starter + "## Explanation", StringComparison.Ordinal);
        folder.Write("problems/softmax.md", moved);
        var cosine = folder.Read("problems/cosine-similarity.md");
        var python = cosine.LastIndexOf("```python", StringComparison.Ordinal);
        folder.Write("problems/cosine-similarity.md", cosine[..python] + cosine[cosine.IndexOf("## Explanation", StringComparison.Ordinal)..]);

        // Act
        var content = await folder.LoadAsync();

        // Assert
        var order = content.Errors.Single(e => e.Path == "problems/softmax.md");
        Assert.Contains("'## Starter' is out of order", order.Message, StringComparison.Ordinal);
        Assert.Equal("## Starter", moved.Split('\n')[order.Line - 1]);
        var missing = content.Errors.Single(e => e.Path == "problems/cosine-similarity.md");
        Assert.Contains("'## Solution' needs the code blocks ```csharp then ```python; found ```csharp", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shipped_Problems_HaveFunctionStarterAndPythonReference()
    {
        // Act
        var problems = ContentFolder.Shipped().Problems.Values;

        // Assert
        Assert.All(problems, p =>
        {
            Assert.Contains($"def {p.Function}(", p.Starter.Python, StringComparison.Ordinal);
            Assert.Contains($"def {p.Function}(", p.Reference.Python, StringComparison.Ordinal);
            Assert.Contains("// your code here", p.Starter.CSharp, StringComparison.Ordinal);
            Assert.Contains("public static", p.Reference.CSharp, StringComparison.Ordinal);
        });
        Assert.Equal("binary_cross_entropy", ContentFolder.Shipped().Problems["binary-cross-entropy"].Function);
    }

    [Fact]
    public async Task Load_ProblemMissingASectionOrHints_IsReported()
    {
        // Arrange
        using var folder = new ContentFolder();
        var text = folder.Read("problems/softmax.md");
        folder.Write("problems/softmax.md", text.Replace("### Hint 3", "Still hint 2:", StringComparison.Ordinal));
        folder.Write("problems/layer-norm.md", folder.Read("problems/layer-norm.md").Replace("## Edge cases", "## Edge-cases", StringComparison.Ordinal));

        // Act
        var content = await folder.LoadAsync();

        // Assert
        var hints = content.Errors.Single(e => e.Path == "problems/softmax.md");
        Assert.Contains("needs at least three '### ' hints, found 2", hints.Message, StringComparison.Ordinal);
        Assert.Equal("## Hints", text.Split('\n')[hints.Line - 1]);
        var section = content.Errors.Single(e => e.Path == "problems/layer-norm.md");
        Assert.Contains("unknown section '## Edge-cases'", section.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_PlanNamingUnknownLesson_ReportsItsLineAndKeepsTheRest()
    {
        // Arrange
        using var folder = new ContentFolder();
        var plan = folder.Read("plan.md").Replace("- self-attention\n", "- self-atention\n", StringComparison.Ordinal);
        folder.Write("plan.md", plan);

        // Act
        var content = await folder.LoadAsync();

        // Assert
        var error = content.Errors.Single(e => e.Path == "plan.md");
        Assert.Equal("- self-atention", plan.Split('\n')[error.Line - 1]);
        Assert.Contains(content.Errors, e => e.Path == "lessons/self-attention.md" && e.Message.Contains("not listed", StringComparison.Ordinal));
        Assert.True(content.Lessons.ContainsKey("self-attention"), "an unlisted lesson still has a page");
        Assert.Equal(ContentFolder.Shipped().Plan.Lessons.Count() - 1, content.Plan.Lessons.Count());
    }

    // The shipped content with one edit to the BCE problem, and the error reported for that file.
    private static async Task<(LearningContent Content, string Text, ContentError Error)> LoadWithBceEditedAsync(string find, string replace)
    {
        using var folder = new ContentFolder();
        var original = folder.Read("problems/binary-cross-entropy.md");
        var text = original.Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(original, text);
        folder.Write("problems/binary-cross-entropy.md", text);
        var content = await folder.LoadAsync();
        return (content, text, content.Errors.First(e => e.Path == "problems/binary-cross-entropy.md"));
    }
}
