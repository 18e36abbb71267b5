using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>
/// Builds a problem's test set from a seed: the public examples, then generated cases, the last of
/// them at the problem's stated limits. The same seed always gives the same cases, so a submission
/// names its seed instead of resending inputs.
/// </summary>
public static class TestSetGenerator
{
    public static TestSet Generate(Problem problem, int seed, int hiddenCases)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var solution = problem.Solution;
        var cases = problem.Examples
            .Select((e, i) => Case($"example-{i + 1}", e.Input(), isPublic: true, solution))
            .ToList();

        // new Random(int) is the seeded legacy algorithm, stable across .NET versions and platforms;
        // mixing in the slug gives one seed different cases on different problems.
        var random = new Random(seed ^ StableHash(problem.Slug));
        for (var i = 0; i < hiddenCases; i++)
        {
            var input = i == hiddenCases - 1 ? solution.GenerateAtLimits(random) : solution.Generate(random);
            cases.Add(Case($"case-{i + 1}", input, isPublic: false, solution));
        }

        return new TestSet(problem.Slug, seed, cases);
    }

    private static TestCase Case(string id, JsonObject input, bool isPublic, IReferenceSolution solution) =>
        new(id, input.ToJsonString(), isPublic, solution.Solve(input), solution.Alternatives(input));

    // FNV-1a: string.GetHashCode is randomised per process, which would break reproducibility.
    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash & 0x7FFFFFFF);
    }
}
