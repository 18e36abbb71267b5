namespace AiFeed.Tests.Learning;

/// <summary>
/// Second implementations of every reference solution, written differently on purpose (explicit
/// loops, branches instead of products, probabilities instead of log-sum-exp) so that a shared
/// mistake is unlikely.
/// </summary>
internal static partial class Independent
{
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
        var total = 0.0;
        for (var i = 0; i < logits.Length; i++)
        {
            total -= Math.Log(Softmax(logits[i])[(int)labels[i]]);
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
