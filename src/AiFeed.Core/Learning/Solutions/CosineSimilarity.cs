using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>a·b / (‖a‖ ‖b‖), the similarity that embedding search ranks by.</summary>
public sealed class CosineSimilarity : IReferenceSolution
{
    public string Id => "cosine-similarity";

    public static double Compute(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count || a.Count == 0)
        {
            throw new ArgumentException($"a and b must be non-empty and equally long ({a.Count} and {b.Count})", nameof(b));
        }

        var dot = a.Zip(b, (x, y) => x * y).Sum();
        var normA = Math.Sqrt(a.Sum(x => x * x));
        var normB = Math.Sqrt(b.Sum(x => x * x));
        if (normA == 0 || normB == 0)
        {
            throw new ArgumentException("the zero vector has no direction", normA == 0 ? nameof(a) : nameof(b));
        }

        // Rounding can push |cos| a hair past 1; callers taking acos would get NaN.
        return Math.Clamp(dot / (normA * normB), -1, 1);
    }

    public JsonObject Generate(Random random)
    {
        var n = CaseRandom.Between(random, 2, 6);
        double[] NonZero()
        {
            var v = CaseRandom.Vector(random, n, -5, 5, 1);
            return v.All(x => x == 0) ? [.. v.Select((_, i) => i == 0 ? 1.0 : 0.0)] : v;
        }

        return new JsonObject { ["a"] = InputReader.ToJson(NonZero()), ["b"] = InputReader.ToJson(NonZero()) };
    }

    public NumericValue Solve(JsonObject input) =>
        NumericValue.Scalar(Compute(InputReader.Vector(input, "a"), InputReader.Vector(input, "b")));

    public PlotSpec Plot() => new(
        "Cosine similarity of (1, 0) and a unit vector at angle θ",
        "angle θ in degrees",
        "cosine similarity",
        0,
        180,
        -1,
        1,
        [new PlotSeries("cos θ", PlotSpec.Sample(0, 180, 181, deg => Compute([1, 0], [Math.Cos(deg * Math.PI / 180), Math.Sin(deg * Math.PI / 180)])))]);
}
