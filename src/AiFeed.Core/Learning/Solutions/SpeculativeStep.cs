using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>
/// One verification step of speculative sampling with its random numbers given: accept draft token x
/// at position i when u_i · q_i(x) &lt; p_i(x); at the first rejection emit a token drawn from
/// max(0, p_i − q_i); if all are accepted emit a bonus token drawn from p_γ.
/// </summary>
public sealed class SpeculativeStep : IReferenceSolution
{
    private const double TieGap = 1e-9;

    public string Id => "speculative-step";

    public static double[] Compute(IReadOnlyList<double[]> p, IReadOnlyList<double[]> q, IReadOnlyList<double> draft, IReadOnlyList<double> u, double v) =>
        [.. Run(p, q, draft, u, v, out _).Select(t => (double)t)];

    public JsonObject Generate(Random random) => Case(random, atLimits: CaseRandom.Between(random, 0, 3) == 0);

    public JsonObject GenerateAtLimits(Random random) => Case(random, atLimits: true);

    public NumericValue Solve(JsonObject input) => NumericValue.Vector(Compute(
        InputReader.Matrix(input, "p"), InputReader.Matrix(input, "q"), InputReader.Vector(input, "draft"), InputReader.Vector(input, "u"), InputReader.Number(input, "v")));

    // The acceptance rate of a draft q against a target p is Σ min(p, q); here p = softmax([0, 0, 0])
    // against a draft that sharpens towards token 0 as its logit t grows.
    public PlotSpec Plot()
    {
        static double Acceptance(double t)
        {
            var q = Softmax.Compute([t, 0, 0]);
            return q.Sum(x => Math.Min(x, 1.0 / 3));
        }

        return new PlotSpec(
            "Acceptance rate Σ min(p, q) of a draft q = softmax([t, 0, 0]) against a uniform target",
            "draft logit t of token 0",
            "acceptance rate α",
            -6,
            6,
            0,
            1,
            [new PlotSeries("α", PlotSpec.Sample(-6, 6, 121, Acceptance))]);
    }

    private static List<int> Run(IReadOnlyList<double[]> p, IReadOnlyList<double[]> q, IReadOnlyList<double> draft, IReadOnlyList<double> u, double v, out bool nearTie)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(u);
        var gamma = draft.Count;
        if (q.Count != gamma || u.Count != gamma || p.Count != gamma + 1)
        {
            throw new ArgumentException($"γ = {gamma} draft tokens need γ rows of q ({q.Count}), γ uniforms u ({u.Count}) and γ + 1 rows of p ({p.Count})", nameof(p));
        }

        var vocabulary = p[0].Length;
        foreach (var row in p.Concat(q))
        {
            if (row.Length != vocabulary || row.Any(x => !(x >= 0 && x <= 1)) || row.Sum() <= 0)
            {
                throw new ArgumentException($"every row of p and q must hold {vocabulary} probabilities, not all 0", nameof(p));
            }
        }

        if (u.Append(v).Any(x => !(x is >= 0 and < 1)))
        {
            throw new ArgumentException("the uniforms u and v must lie in [0, 1)", nameof(u));
        }

        nearTie = false;
        var emitted = new List<int>();
        for (var i = 0; i < gamma; i++)
        {
            var x = draft[i];
            if (x != Math.Floor(x) || x < 0 || x >= vocabulary || q[i][(int)x] <= 0)
            {
                throw new ArgumentException($"draft[{i}] = {x} is not a token the draft could have sampled", nameof(draft));
            }

            var token = (int)x;
            // u < p/q without the division: accept with probability min(1, p/q).
            var threshold = u[i] * q[i][token];
            nearTie |= Math.Abs(threshold - p[i][token]) < TieGap;
            if (threshold < p[i][token])
            {
                emitted.Add(token);
                continue;
            }

            var residual = p[i].Zip(q[i], (a, b) => Math.Max(0, a - b)).ToArray();
            if (!residual.Any(r => r > 0))
            {
                throw new ArgumentException($"row {i}: p ≤ q everywhere, so p and q cannot both be distributions", nameof(q));
            }

            emitted.Add(Draw(residual, v, ref nearTie));
            return emitted;
        }

        emitted.Add(Draw(p[gamma], v, ref nearTie));
        return emitted;
    }

    // Probabilities with 4 decimals that add up to exactly 1 as decimals (the rounding remainder is
    // spread one ten-thousandth at a time over the largest entries), so that a rejected token always
    // leaves a positive residual somewhere.
    private static double[] Distribution(double[] logits)
    {
        var tenThousandths = Softmax.Compute(logits).Select(x => (int)Math.Round(x * 10_000, MidpointRounding.AwayFromZero)).ToArray();
        var largestFirst = Enumerable.Range(0, tenThousandths.Length).OrderByDescending(i => tenThousandths[i]).ToArray();
        for (var (remainder, k) = (10_000 - tenThousandths.Sum(), 0); remainder != 0; k = (k + 1) % largestFirst.Length)
        {
            var step = Math.Sign(remainder);
            if (tenThousandths[largestFirst[k]] + step >= 0)
            {
                tenThousandths[largestFirst[k]] += step;
                remainder -= step;
            }
        }

        return [.. tenThousandths.Select(t => t / 10_000.0)];
    }

    private static int Draw(double[] weights, double v)
    {
        var unused = false;
        return Draw(weights, v, ref unused);
    }

    // Inverse CDF on unnormalised weights: the first token whose running total exceeds v · total.
    private static int Draw(double[] weights, double v, ref bool nearTie)
    {
        var target = v * weights.Sum();
        var cumulative = 0.0;
        for (var token = 0; token < weights.Length; token++)
        {
            cumulative += weights[token];
            nearTie |= weights[token] > 0 && Math.Abs(cumulative - target) < TieGap;
            if (target < cumulative)
            {
                return token;
            }
        }

        return Array.FindLastIndex(weights, w => w > 0);
    }

    // At the limits V = 1000 and γ = 16. Half the drafts come from logits near the target's (accepted
    // often), half from unrelated ones (rejected early).
    private static JsonObject Case(Random random, bool atLimits)
    {
        while (true)
        {
            var vocabulary = atLimits ? 1000 : CaseRandom.Between(random, 2, 6);
            var gamma = atLimits ? 16 : CaseRandom.Between(random, 1, 5);
            var related = CaseRandom.Between(random, 0, 1) == 0;
            var targetLogits = CaseRandom.Matrix(random, gamma + 1, vocabulary, -3, 3, 2);
            var p = targetLogits.Select(Distribution).ToArray();
            var q = targetLogits.Take(gamma)
                .Select(row => Distribution([.. row.Select(z => related ? z + CaseRandom.Uniform(random, -0.5, 0.5, 2) : CaseRandom.Uniform(random, -3, 3, 2))]))
                .ToArray();
            var draft = q.Select(row => (double)Draw(row, CaseRandom.Uniform(random, 0, 0.999, 3))).ToArray();
            var u = CaseRandom.Vector(random, gamma, 0, 0.999, 3);
            var v = CaseRandom.Uniform(random, 0, 0.999, 3);
            Run(p, q, draft, u, v, out var nearTie);
            if (!nearTie)
            {
                return new JsonObject
                {
                    ["p"] = InputReader.ToJson(p),
                    ["q"] = InputReader.ToJson(q),
                    ["draft"] = InputReader.ToJson(draft),
                    ["u"] = InputReader.ToJson(u),
                    ["v"] = v,
                };
            }
        }
    }
}
