using System.Text.Json;
using System.Text.Json.Nodes;
using AiFeed.Learning;
using AiFeed.Tests.Infrastructure;

namespace AiFeed.Tests.Learning;

/// <summary>The Python reference solutions pass whole test sets, hidden cases at the stated limits included, not only the examples.</summary>
public sealed partial class PythonReferenceTests
{
    [Fact]
    public async Task PythonReference_AWholeTestSet_PassesTheGrader()
    {
        // Arrange: one seed's test set per problem, as a learner fetches it.
        var problems = ContentFolder.Shipped().Problems.Values.OrderBy(p => p.Slug, StringComparer.Ordinal).ToList();
        var sets = problems.ToDictionary(p => p.Slug, p => TestSetGenerator.Generate(p, seed: 20261126, hiddenCases: 8), StringComparer.Ordinal);
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
            Assert.True(verdict.AllPassed, $"{problem.Slug}: the Python reference fails {string.Join("; ", verdict.Cases.Where(c => !c.Passed).Select(c => $"{c.Id} {c.Message}"))}");
        }
    }
}
