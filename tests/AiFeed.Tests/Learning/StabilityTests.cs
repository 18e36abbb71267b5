using System.Text.Json.Nodes;
using AiFeed.Learning;
using static AiFeed.Tests.Learning.TwinInput;

namespace AiFeed.Tests.Learning;

/// <summary>
/// Every test set reaches the values where the textbook-naive implementation breaks: it fails on
/// every one of 100 seeds, while the stable one passes them all.
/// </summary>
public sealed partial class StabilityTests
{
    private const int Seeds = 100;
    private const int HiddenCases = 8;

    [Fact]
    public void CrossEntropy_WithoutMaxShift_FailsEverySeed() =>
        AssertNaiveFailsEverySeed("cross-entropy", input =>
        {
            var (logits, labels) = (Matrix(input, "logits"), Vector(input, "labels"));
            return [logits.Select((z, i) => Math.Log(z.Sum(Math.Exp)) - z[(int)labels[i]]).Average()];
        });

    [Fact]
    public void CrossEntropy_LogOfShiftedSoftmax_FailsEverySeed() =>
        AssertNaiveFailsEverySeed("cross-entropy", input =>
        {
            // Stable softmax, then ln of the probability: a class far below the maximum has probability 0.
            var (logits, labels) = (Matrix(input, "logits"), Vector(input, "labels"));
            return [logits.Select((z, i) => -Math.Log(Independent.Softmax(z)[(int)labels[i]])).Average()];
        });

    [Fact]
    public void Attention_WithoutMaxShift_FailsEverySeed() =>
        AssertNaiveFailsEverySeed("scaled-dot-product-attention", input =>
        {
            var (q, k, v) = (Matrix(input, "q"), Matrix(input, "k"), Matrix(input, "v"));
            var scale = Math.Sqrt(q[0].Length);
            return [.. q.SelectMany(row =>
            {
                var exps = k.Select(key => Math.Exp(row.Zip(key, (a, b) => a * b).Sum() / scale)).ToArray();
                var sum = exps.Sum();
                return Enumerable.Range(0, v[0].Length).Select(c => exps.Select((e, j) => e / sum * v[j][c]).Sum());
            })];
        });

    [Fact]
    public void Softmax_WithoutMaxShift_FailsEverySeed() =>
        AssertNaiveFailsEverySeed("softmax", input =>
        {
            var exps = Vector(input, "x").Select(Math.Exp).ToArray();
            return [.. exps.Select(e => e / exps.Sum())];
        });

    [Fact]
    public void BinaryCrossEntropy_WithoutClippingOrWithKerasEpsilon_FailsEverySeed() =>
        AssertNaiveFailsEverySeed(
            "binary-cross-entropy",
            seeds: 20, // each test set holds 10⁵ predictions; the failing case is built into every one of them
            input => Bce(input, v => v),
            input => Bce(input, v => Math.Clamp(v, 1e-7, 1 - 1e-7)));

    [Fact]
    public void BinaryCrossEntropy_EveryTestSet_ReachesTheStatedLengthLimit()
    {
        // Arrange
        var problem = ContentFolder.Shipped().Problems["binary-cross-entropy"];
        Assert.Contains("10<sup>5</sup>", problem.Text.ConstraintsHtml, StringComparison.Ordinal);

        for (var seed = 0; seed < 10; seed++)
        {
            // Act
            var set = TestSetGenerator.Generate(problem, seed, HiddenCases);

            // Assert
            var longest = set.Cases.Max(c => JsonNode.Parse(c.InputJson)!["y"]!.AsArray().Count);
            Assert.Equal(BinaryCrossEntropy.MaxLength, longest);
        }
    }

    private static double[] Bce(JsonObject input, Func<double, double> clip)
    {
        var (y, p) = (Vector(input, "y"), Vector(input, "p"));
        return [-y.Select((label, i) => (label * Math.Log(clip(p[i]))) + ((1 - label) * Math.Log(1 - clip(p[i])))).Average()];
    }

    private static void AssertNaiveFailsEverySeed(string slug, params Func<JsonObject, double[]>[] naives) =>
        AssertNaiveFailsEverySeed(slug, Seeds, naives);

    private static void AssertNaiveFailsEverySeed(string slug, int seeds, params Func<JsonObject, double[]>[] naives)
    {
        var problem = ContentFolder.Shipped().Problems[slug];
        var survived = naives.Select(_ => new List<int>()).ToArray();
        for (var seed = 0; seed < seeds; seed++)
        {
            var set = TestSetGenerator.Generate(problem, seed, HiddenCases);
            var failed = new int[naives.Length];
            foreach (var testCase in set.Cases)
            {
                var input = JsonNode.Parse(testCase.InputJson)!.AsObject();
                if (seed == 0)
                {
                    var stable = testCase.Expected with { Data = Independent.Compute(problem.Solution.Id, input) };
                    Assert.True(Grader.Accepts(testCase.Expected, stable, problem.Precision), $"{slug} {testCase.Id}: the stable twin fails");
                }

                for (var n = 0; n < naives.Length; n++)
                {
                    var answer = testCase.Expected with { Data = naives[n](input) };
                    if (answer.Data.Any(d => !double.IsFinite(d)) || !Grader.Accepts(testCase.Expected, answer, problem.Precision))
                    {
                        failed[n]++;
                    }
                }
            }

            for (var n = 0; n < naives.Length; n++)
            {
                if (failed[n] == 0)
                {
                    survived[n].Add(seed);
                }
            }
        }

        for (var n = 0; n < naives.Length; n++)
        {
            Assert.True(survived[n].Count == 0, $"naive {slug} #{n + 1} passes seeds {string.Join(", ", survived[n])}");
        }
    }
}
