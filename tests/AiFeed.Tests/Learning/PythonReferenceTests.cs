using System.Text.Json;
using System.Text.Json.Nodes;
using AiFeed.Learning;
using AiFeed.Tests.Infrastructure;

namespace AiFeed.Tests.Learning;

/// <summary>
/// Every problem's Python reference solution, run by CPython, passes the grader on its examples and on a
/// whole test set, hidden cases at the stated limits included.
/// </summary>
public sealed class PythonReferenceTests
{
    // Runs each problem's code in a fresh namespace and calls its function with each input's keys
    // as keyword arguments, as the problem page does in Pyodide.
    internal const string Harness = """
        import json, sys
        results = {}
        for problem in json.load(sys.stdin):
            namespace = {}
            exec(compile(problem["code"], problem["slug"] + ".py", "exec"), namespace)
            function = namespace[problem["function"]]
            results[problem["slug"]] = [function(**case) for case in problem["inputs"]]
        json.dump(results, sys.stdout)
        """;

    [Theory]
    [InlineData(0)] // the examples
    [InlineData(8)] // a whole test set as a learner fetches it, the last hidden case at the stated limits
    public async Task PythonReference_TestSet_PassesTheGrader(int hiddenCases)
    {
        // Arrange
        var problems = ContentFolder.Shipped().Problems.Values.OrderBy(p => p.Slug, StringComparer.Ordinal).ToList();
        var sets = problems.ToDictionary(p => p.Slug, p => TestSetGenerator.Generate(p, seed: 20261126, hiddenCases), StringComparer.Ordinal);
        var request = new JsonArray([.. problems.Select(p => (JsonNode)new JsonObject
        {
            ["slug"] = p.Slug,
            ["code"] = p.Reference.Python,
            ["function"] = p.Function,
            ["inputs"] = new JsonArray([.. sets[p.Slug].Cases.Select(c => JsonNode.Parse(c.InputJson))]),
        })]);

        // Act
        var output = await Python.RunAsync(Harness, request.ToJsonString(), TestContext.Current.CancellationToken);

        // Assert
        using var results = JsonDocument.Parse(output);
        foreach (var problem in problems)
        {
            var answers = results.RootElement.GetProperty(problem.Slug).EnumerateArray().ToList();
            var verdict = Grader.Grade(sets[problem.Slug], problem.Precision, answers, out var errors);
            Assert.True(verdict is not null, $"{problem.Slug}: {string.Join("; ", errors.Select(e => e.Key + ": " + string.Join(" ", e.Value)))}");
            if (!verdict.AllPassed)
            {
                Assert.Fail($"{problem.Slug}: the Python reference gives {JsonSerializer.Serialize(answers)}; failed: {string.Join("; ", verdict.Cases.Where(c => !c.Passed).Select(c => $"{c.Id} {c.Message} (expected {c.Expected})"))}");
            }
        }
    }
}
