namespace AiFeed.Learning;

/// <summary>
/// The log-space building blocks the later chapters' solutions share: each stays finite where the
/// textbook formula overflows (e^1000) or takes the logarithm of an underflowed zero.
/// </summary>
internal static class StableMath
{
    /// <summary>ln Σ e^{x_i}, with the maximum shifted out so that no exponential exceeds 1.</summary>
    public static double LogSumExp(IReadOnlyList<double> x)
    {
        var max = double.NegativeInfinity;
        foreach (var v in x)
        {
            max = Math.Max(max, v);
        }

        var sum = 0.0;
        foreach (var v in x)
        {
            sum += Math.Exp(v - max);
        }

        return max + Math.Log(sum);
    }

    /// <summary>ln softmax(x)_i = x_i − ln Σ e^{x_j}: finite even where softmax(x)_i underflows to 0.</summary>
    public static double[] LogSoftmax(IReadOnlyList<double> x)
    {
        var logSumExp = LogSumExp(x);
        return [.. x.Select(v => v - logSumExp)];
    }

    /// <summary>ln(1 + e^x) = max(x, 0) + ln(1 + e^{−|x|}): −ln σ(−x), finite for every finite x.</summary>
    public static double Softplus(double x) => Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x)));

    /// <summary>Rounds half away from zero, the rule the quantisation problems state (Python's round() is half to even).</summary>
    public static double RoundHalfAway(double x) => Math.Round(x, MidpointRounding.AwayFromZero);

    /// <summary>True when x lies within 1e-9 of a rounding tie (k + 0.5), where two correct programs may round apart.</summary>
    public static bool NearTie(double x) => Math.Abs(Math.Abs(x - Math.Floor(x)) - 0.5) < 1e-9;

    public static void RequireFinite(IReadOnlyList<double> x, string name)
    {
        for (var i = 0; i < x.Count; i++)
        {
            if (!double.IsFinite(x[i]))
            {
                throw new ArgumentException($"{name}[{i}] = {x[i]} is not a finite number", name);
            }
        }
    }
}
