using System.Text.Json.Nodes;
using static AiFeed.Tests.Learning.TwinInput;

namespace AiFeed.Tests.Learning;

/// <summary>
/// Second implementations of every reference solution, written differently on purpose (explicit
/// loops, branches instead of products, probabilities instead of log-sum-exp) so that a shared
/// mistake is unlikely. A partial class: each chapter's problems add a file (Independent.Attention.cs
/// …) whose [TwinOf] methods <see cref="Twins"/> finds; ReferenceSolutionTests runs them all.
/// </summary>
internal static partial class Independent
{
    /// <summary>The twin of a reference solution, by its id (see <see cref="Twins"/>).</summary>
    public static double[] Compute(string id, JsonObject input) =>
        Twins.All.TryGetValue(id, out var twin)
            ? twin(input)
            : throw new InvalidOperationException($"no independent implementation for {id}: add a [TwinOf(\"{id}\")] method to a partial class Independent file");

    [TwinOf("binary-cross-entropy")]
    public static double[] BinaryCrossEntropy(JsonObject input) => [BinaryCrossEntropy(Vector(input, "y"), Vector(input, "p"))];

    [TwinOf("softmax")]
    public static double[] Softmax(JsonObject input) => Softmax(Vector(input, "x"));

    [TwinOf("cross-entropy")]
    public static double[] CrossEntropy(JsonObject input) => [CrossEntropy(Matrix(input, "logits"), Vector(input, "labels"))];

    [TwinOf("positional-encoding")]
    public static double[] PositionalEncoding(JsonObject input)
    {
        var (positions, dModel) = (Integer(input, "positions"), Integer(input, "dModel"));
        return [.. Enumerable.Range(0, positions).SelectMany(p => Enumerable.Range(0, dModel).Select(d => PositionalEncoding(p, d, dModel)))];
    }

    [TwinOf("scaled-dot-product-attention")]
    public static double[] Attention(JsonObject input) => Flatten(Attention(Matrix(input, "q"), Matrix(input, "k"), Matrix(input, "v")));

    [TwinOf("layer-norm")]
    public static double[] LayerNorm(JsonObject input) => LayerNorm(Vector(input, "x"), Vector(input, "gamma"), Vector(input, "beta"));

    [TwinOf("cosine-similarity")]
    public static double[] CosineSimilarity(JsonObject input) => [CosineSimilarity(Vector(input, "a"), Vector(input, "b"))];

    public static double BinaryCrossEntropy(double[] y, double[] p)
    {
        var total = 0.0;
        for (var i = 0; i < y.Length; i++)
        {
            var q = p[i] < 1e-15 ? 1e-15 : p[i] > 1 - 1e-15 ? 1 - 1e-15 : p[i];
            total += y[i] == 1 ? -Math.Log(q) : -Math.Log(1 - q);
        }

        return total / y.Length;
    }

    public static double[] Softmax(double[] x)
    {
        // Dividing each term by the largest exponential, computed as exp(x_i − max) via exp ratios.
        var max = double.NegativeInfinity;
        foreach (var v in x)
        {
            max = Math.Max(max, v);
        }

        var result = new double[x.Length];
        var sum = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            result[i] = Math.Exp(x[i] - max);
            sum += result[i];
        }

        for (var i = 0; i < x.Length; i++)
        {
            result[i] /= sum;
        }

        return result;
    }

    public static double CrossEntropy(double[][] logits, double[] labels)
    {
        // ln Σ e^z folded pairwise, ln(e^a + e^b) = max(a, b) + ln(1 + e^−|a−b|), instead of one shift by the row maximum.
        var total = 0.0;
        for (var i = 0; i < logits.Length; i++)
        {
            var logSum = logits[i][0];
            for (var j = 1; j < logits[i].Length; j++)
            {
                var (a, b) = (logSum, logits[i][j]);
                logSum = Math.Max(a, b) + Math.Log(1 + Math.Exp(-Math.Abs(a - b)));
            }

            total += logSum - logits[i][(int)labels[i]];
        }

        return total / logits.Length;
    }

    public static double PositionalEncoding(int pos, int dim, int dModel)
    {
        // exp/log form of pos / 10000^(2i/d): a different route to the same number.
        var i = dim - (dim % 2);
        var angle = pos * Math.Exp(-Math.Log(10000.0) * i / dModel);
        return dim % 2 == 0 ? Math.Sin(angle) : Math.Cos(angle);
    }

    public static double[][] Attention(double[][] q, double[][] k, double[][] v)
    {
        var scale = Math.Sqrt(q[0].Length);
        var output = new double[q.Length][];
        for (var i = 0; i < q.Length; i++)
        {
            var scores = new double[k.Length];
            for (var j = 0; j < k.Length; j++)
            {
                for (var c = 0; c < q[i].Length; c++)
                {
                    scores[j] += q[i][c] * k[j][c];
                }

                scores[j] /= scale;
            }

            var weights = Softmax(scores);
            output[i] = new double[v[0].Length];
            for (var c = 0; c < v[0].Length; c++)
            {
                for (var j = 0; j < k.Length; j++)
                {
                    output[i][c] += weights[j] * v[j][c];
                }
            }
        }

        return output;
    }

    public static double[] LayerNorm(double[] x, double[] gamma, double[] beta)
    {
        // One pass for E[x] and E[x²]; variance = E[x²] − E[x]².
        double sum = 0, squares = 0;
        foreach (var v in x)
        {
            sum += v;
            squares += v * v;
        }

        var mean = sum / x.Length;
        var variance = (squares / x.Length) - (mean * mean);
        var result = new double[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            result[i] = ((x[i] - mean) / Math.Sqrt(variance + 1e-5) * gamma[i]) + beta[i];
        }

        return result;
    }

    public static double CosineSimilarity(double[] a, double[] b)
    {
        // Normalise first, then take the dot product of unit vectors.
        var na = Math.Sqrt(a.Sum(x => x * x));
        var nb = Math.Sqrt(b.Sum(x => x * x));
        var dot = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] / na * (b[i] / nb);
        }

        return dot;
    }
}
