using System.Text.Json;
using System.Text.Json.Nodes;
using AiFeed.Learning;
using AiFeed.Tests.Infrastructure;

namespace AiFeed.Tests.Learning;

/// <summary>Every problem's Python reference solution, run by CPython, gives its examples' outputs as the grader sees them.</summary>
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

    [Fact]
    public async Task PythonReference_Examples_PassTheGrader()
    {
        // Arrange
        var problems = ContentFolder.Shipped().Problems.Values.OrderBy(p => p.Slug, StringComparer.Ordinal).ToList();
        var request = new JsonArray([.. problems.Select(p => (JsonNode)new JsonObject
        {
            ["slug"] = p.Slug,
            ["code"] = p.Reference.Python,
            ["function"] = p.Function,
            ["inputs"] = new JsonArray([.. p.Examples.Select(e => (JsonNode)e.Input())]),
        })]);

        // Act
        var output = await Python.RunAsync(Harness, request.ToJsonString(), TestContext.Current.CancellationToken);

        // Assert
        using var results = JsonDocument.Parse(output);
        foreach (var problem in problems)
        {
            var answers = results.RootElement.GetProperty(problem.Slug).EnumerateArray().ToList();
            var verdict = Grader.Grade(TestSetGenerator.Generate(problem, seed: 0, hiddenCases: 0), problem.Precision, answers, out var errors);
            Assert.True(verdict is not null, $"{problem.Slug}: {string.Join("; ", errors.Select(e => e.Key + ": " + string.Join(" ", e.Value)))}");
            Assert.True(verdict.AllPassed, $"{problem.Slug}: the Python reference gives {JsonSerializer.Serialize(answers)}; failed: {string.Join("; ", verdict.Cases.Where(c => !c.Passed).Select(c => $"{c.Id} {c.Message} (expected {c.Expected})"))}");
        }
    }
}
