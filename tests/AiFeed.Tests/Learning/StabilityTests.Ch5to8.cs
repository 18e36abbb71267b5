using System.Text.Json.Nodes;
using static AiFeed.Tests.Learning.TwinInput;

namespace AiFeed.Tests.Learning;

/// <summary>
/// Chapters 5–8: the textbook-naive (or commonly mistaken) implementation of each problem fails on
/// every seed's test set, because every set's last case sits where it breaks.
/// </summary>
public sealed partial class StabilityTests
{
    [Fact]
    public void MaskedSftLoss_WithoutMaxShiftOrDividingByAllTokens_FailsEverySeed() =>
        AssertNaiveFailsEverySeed(
            "masked-sft-loss",
            seeds: 20,
            input => MaskedMean(input, row => Math.Log(row.Sum(Math.Exp)), all: false),
            input => MaskedMean(input, row => row.Max() + Math.Log(row.Sum(z => Math.Exp(z - row.Max()))), all: true));

    [Fact]
    public void BradleyTerryLoss_LogOfSigmoid_FailsEverySeed() =>
        AssertNaiveFailsEverySeed("bradley-terry-loss", seeds: 20, input =>
        {
            var (chosen, rejected) = (Vector(input, "chosen"), Vector(input, "rejected"));
            var loss = chosen.Zip(rejected, (c, r) => -Math.Log(1 / (1 + Math.Exp(-(c - r))))).Average();
            return [loss, chosen.Zip(rejected, (c, r) => c > r ? 1.0 : 0).Average()];
        });

    [Fact]
    public void DpoLoss_LogOfSigmoid_FailsEverySeed() =>
        AssertNaiveFailsEverySeed("dpo-loss", seeds: 20, input =>
        {
            var beta = Number(input, "beta");
            var (pc, pr, rc, rr) = (Vector(input, "policy_chosen"), Vector(input, "policy_rejected"), Vector(input, "ref_chosen"), Vector(input, "ref_rejected"));
            var margins = Enumerable.Range(0, pc.Length).Select(i => beta * ((pc[i] - rc[i]) - (pr[i] - rr[i]))).ToArray();
            return [margins.Select(m => -Math.Log(1 / (1 + Math.Exp(-m)))).Average(), margins.Average()];
        });

    [Fact]
    public void PpoClippedObjective_RatioOfProbabilities_FailsEverySeed() =>
        AssertNaiveFailsEverySeed("ppo-clipped-objective", seeds: 20, input =>
        {
            var (newLogp, oldLogp, advantages) = (Vector(input, "logp_new"), Vector(input, "logp_old"), Vector(input, "advantages"));
            var epsilon = Number(input, "epsilon");
            return [advantages.Select((a, t) =>
            {
                var ratio = Math.Exp(newLogp[t]) / Math.Exp(oldLogp[t]);
                return Math.Min(ratio * a, Math.Clamp(ratio, 1 - epsilon, 1 + epsilon) * a);
            }).Average()];
        });

    [Fact]
    public void GaeAdvantages_IgnoringEpisodeEnds_FailsEverySeed() =>
        AssertNaiveFailsEverySeed("gae-advantages", seeds: 20, input =>
        {
            var (rewards, values) = (Vector(input, "rewards"), Vector(input, "values"));
            var (gamma, lambda) = (Number(input, "gamma"), Number(input, "lam"));
            var advantages = new double[rewards.Length];
            var next = 0.0;
            for (var t = rewards.Length - 1; t >= 0; t--)
            {
                next = rewards[t] + (gamma * values[t + 1]) - values[t] + (gamma * lambda * next);
                advantages[t] = next;
            }

            return advantages;
        });

    [Fact]
    public void KlDivergence_SoftmaxThenLogOfRatio_FailsEverySeed() =>
        AssertNaiveFailsEverySeed("kl-divergence", seeds: 20, input =>
        {
            var (p, q) = (Matrix(input, "p_logits"), Matrix(input, "q_logits"));
            return [p.Select((row, i) =>
            {
                var (pp, qq) = (Independent.Softmax(row), Independent.Softmax(q[i]));
                return pp.Select((x, j) => x * Math.Log(x / qq[j])).Sum();
            }).Average()];
        });

    [Fact]
    public void BestOfN_ContinuousKlFormula_FailsEverySeed() =>
        AssertNaiveFailsEverySeed("best-of-n", seeds: 20, input =>
        {
            var n = Number(input, "n");
            var exact = Independent.Compute("best-of-n", input);
            return [exact[0], Math.Log(n) - ((n - 1) / n)];
        });

    [Fact]
    public void TemperatureEntropy_SoftmaxWithoutShiftOrZeroTimesLogZero_FailsEverySeed() =>
        AssertNaiveFailsEverySeed(
            "temperature-entropy",
            seeds: 20,
            input => [.. Vector(input, "temperatures").Select(t =>
            {
                var e = Vector(input, "logits").Select(z => Math.Exp(z / t)).ToArray();
                return -e.Select(x => x / e.Sum() * Math.Log(x / e.Sum())).Sum();
            })],
            input => [.. Vector(input, "temperatures").Select(t =>
                -Independent.Softmax([.. Vector(input, "logits").Select(z => z / t)]).Select(p => p * Math.Log(p)).Sum())]);

    [Fact]
    public void SamplingFilter_WithoutMaxShift_FailsEverySeed() =>
        AssertNaiveFailsEverySeed("sampling-filter", seeds: 20, input =>
        {
            var t = Number(input, "temperature");
            var e = Vector(input, "logits").Select(z => Math.Exp(z / t)).ToArray();
            var sum = e.Sum();
            return [.. e.Select(x => x / sum)];
        });

    [Fact]
    public void RepetitionPenalty_DividingNegativeLogits_FailsEverySeed() =>
        AssertNaiveFailsEverySeed("repetition-penalty", seeds: 20, input =>
        {
            var logits = Vector(input, "logits");
            var (theta, frequency, presence) = (Number(input, "repetition_penalty"), Number(input, "frequency_penalty"), Number(input, "presence_penalty"));
            var counts = Vector(input, "generated").GroupBy(t => (int)t).ToDictionary(g => g.Key, g => g.Count());
            return [.. logits.Select((z, i) => counts.TryGetValue(i, out var c) ? (z / theta) - (c * frequency) - presence : z)];
        });

    [Fact]
    public void BeamSearch_LogOfUnshiftedSoftmax_FailsEverySeed() =>
        AssertNaiveFailsEverySeed("beam-search", seeds: 20, input =>
        {
            // The reference's search on log-probabilities computed as ln(e^z / Σ e^z).
            var naive = new JsonObject
            {
                ["transitions"] = new JsonArray([.. Matrix(input, "transitions").Select(row =>
                {
                    var sum = row.Sum(Math.Exp);
                    return (JsonNode)new JsonArray([.. row.Select(z => (JsonNode)JsonValue.Create(Finite(Math.Log(Math.Exp(z) / sum))))]);
                })]),
                ["start"] = Number(input, "start"),
                ["beam_width"] = Number(input, "beam_width"),
                ["steps"] = Number(input, "steps"),
            };
            return AiFeed.Learning.ReferenceSolutions.All["beam-search"].Solve(naive).Data;
        });

    [Fact]
    public void SpeculativeExpectedTokens_ClosedFormAtAlphaOne_FailsEverySeed() =>
        AssertNaiveFailsEverySeed("speculative-expected-tokens", input =>
        {
            var (alpha, gamma, cost) = (Number(input, "alpha"), Number(input, "gamma"), Number(input, "cost_ratio"));
            var expected = (1 - Math.Pow(alpha, gamma + 1)) / (1 - alpha);
            return [expected, expected / ((gamma * cost) + 1)];
        });

    [Fact]
    public void KvCacheMemory_Int32Products_FailsEverySeed() =>
        AssertNaiveFailsEverySeed("kv-cache-memory", input =>
        {
            var (layers, heads, dim, length, batch) = ((int)Number(input, "layers"), (int)Number(input, "kv_heads"), (int)Number(input, "head_dim"), (int)Number(input, "seq_len"), (int)Number(input, "batch"));
            var bytes = Number(input, "bytes_per_value");
            var values = unchecked(2 * layers * heads * dim * length * batch);
            return [2 * layers * heads * dim * bytes, values * bytes / (1 << 30)];
        });

    [Fact]
    public void Perplexity_ProductOfProbabilities_FailsEverySeed() =>
        AssertNaiveFailsEverySeed("perplexity", seeds: 20, input =>
        {
            var logProbabilities = Matrix(input, "documents").SelectMany(d => d).ToArray();
            var product = logProbabilities.Aggregate(1.0, (acc, lp) => acc * Math.Exp(lp));
            return [Math.Pow(product, -1.0 / logProbabilities.Length)];
        });

    [Fact]
    public void Bleu_WithoutClipping_FailsEverySeed() =>
        AssertNaiveFailsEverySeed("bleu", seeds: 20, input =>
        {
            var candidate = input["candidate"]!.GetValue<string>().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var references = input["references"]!.AsArray().Select(r => r!.GetValue<string>().Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();
            var product = 1.0;
            for (var n = 1; n <= 4; n++)
            {
                var grams = Enumerable.Range(0, Math.Max(0, candidate.Length - n + 1)).Select(i => string.Join(' ', candidate[i..(i + n)])).ToList();
                var known = references.SelectMany(r => Enumerable.Range(0, Math.Max(0, r.Length - n + 1)).Select(i => string.Join(' ', r[i..(i + n)]))).ToHashSet();
                product *= grams.Count == 0 ? 0 : (double)grams.Count(known.Contains) / grams.Count;
            }

            var c = candidate.Length;
            var r = references.Select(x => x.Length).OrderBy(l => Math.Abs(l - c)).ThenBy(l => l).First();
            return [product == 0 ? 0 : (c > r ? 1 : Math.Exp(1 - ((double)r / c))) * Math.Pow(product, 0.25)];
        });

    [Fact]
    public void PassAtK_SamplingWithReplacementOrDoubleBinomials_FailsEverySeed() =>
        AssertNaiveFailsEverySeed(
            "pass-at-k",
            seeds: 20,
            input =>
            {
                var (n, c) = (Vector(input, "n"), Vector(input, "c"));
                var k = Number(input, "k");
                return [n.Select((samples, i) => 1 - Math.Pow(1 - (c[i] / samples), k)).Average()];
            },
            input =>
            {
                var (n, c) = (Vector(input, "n"), Vector(input, "c"));
                var k = (int)Number(input, "k");
                return [n.Select((samples, i) => 1 - (Choose((int)(samples - c[i]), k) / Choose((int)samples, k))).Average()];
            });

    [Fact]
    public void ExpectedCalibrationError_UnweightedMeanOverBins_FailsEverySeed() =>
        AssertNaiveFailsEverySeed("expected-calibration-error", seeds: 20, input =>
        {
            var (confidences, correct) = (Vector(input, "confidences"), Vector(input, "correct"));
            var bins = (int)Number(input, "bins");
            return [confidences.Select((c, i) => (Bin: Math.Clamp((int)Math.Ceiling(c * bins) - 1, 0, bins - 1), c, y: correct[i]))
                .GroupBy(p => p.Bin)
                .Average(g => Math.Abs(g.Average(p => p.y) - g.Average(p => p.c)))];
        });

    [Fact]
    public void TransformerParameterCount_Int32Products_FailsEverySeed() =>
        AssertNaiveFailsEverySeed("transformer-parameter-count", input =>
        {
            var (v, ctx, d, layers, ff) = ((int)Number(input, "vocab"), (int)Number(input, "context"), (int)Number(input, "d_model"), (int)Number(input, "layers"), (int)Number(input, "d_ff"));
            var nonEmbedding = unchecked((layers * ((4 * d * d) + (2 * d * ff) + (9 * d) + ff)) + (2 * d));
            return [unchecked(nonEmbedding + (v * d) + (ctx * d)), nonEmbedding, unchecked((6 * nonEmbedding) + (6 * layers * ctx * d))];
        });

    [Fact]
    public void ChinchillaOptimal_TwentyTokensPerParameter_FailsEverySeed() =>
        AssertNaiveFailsEverySeed("chinchilla-optimal", input =>
        {
            var (c, e, a, b, alpha, beta) = (Number(input, "compute"), Number(input, "irreducible"), Number(input, "a"), Number(input, "b"), Number(input, "alpha"), Number(input, "beta"));
            var n = Math.Sqrt(c / 120);
            return [n / 1e9, 20 * n / 1e9, e + (a / Math.Pow(n, alpha)) + (b / Math.Pow(20 * n, beta))];
        });

    [Fact]
    public void PowerLawFit_ForgettingTheIrreducibleLoss_FailsEverySeed() =>
        AssertNaiveFailsEverySeed("power-law-fit", input =>
        {
            var copy = JsonNode.Parse(input.ToJsonString())!.AsObject();
            copy["irreducible"] = 0;
            return Independent.Compute("power-law-fit", copy);
        });

    [Fact]
    public void WilsonInterval_WaldInterval_FailsEverySeed() =>
        AssertNaiveFailsEverySeed("wilson-interval", input =>
        {
            var (k, n, z) = (Number(input, "correct"), Number(input, "total"), Number(input, "z"));
            var p = k / n;
            var half = z * Math.Sqrt(p * (1 - p) / n);
            return [p, Math.Max(0, p - half), Math.Min(1, p + half)];
        });

    [Fact]
    public void Int8Absmax_RoundHalfToEven_FailsEverySeed() =>
        AssertNaiveFailsEverySeed("int8-absmax", seeds: 20, input =>
        {
            var x = Vector(input, "x");
            var scale = x.Max(Math.Abs) / 127;
            return [.. x.Select(v => scale == 0 ? 0 : Math.Round(v / scale))];
        });

    [Fact]
    public void ZeroPointQuantization_RangeWithoutZero_FailsEverySeed() =>
        AssertNaiveFailsEverySeed("zero-point-quantization", seeds: 20, input =>
        {
            var x = Vector(input, "x");
            var top = Math.Pow(2, Number(input, "bits")) - 1;
            var (lo, hi) = (x.Min(), x.Max());
            var scale = (hi - lo) / top;
            var zero = Math.Round(-lo / scale, MidpointRounding.AwayFromZero);
            return [.. x.Select(v => Math.Clamp(Math.Round(v / scale, MidpointRounding.AwayFromZero) + zero, 0, top))];
        });

    [Fact]
    public void PagedKvBlocks_FloorDivision_FailsEverySeed() =>
        AssertNaiveFailsEverySeed("paged-kv-blocks", seeds: 20, input =>
        {
            var lengths = Vector(input, "seq_lens");
            var (block, max) = (Number(input, "block_size"), Number(input, "max_len"));
            var blocks = lengths.Sum(l => Math.Floor(l / block));
            var tokens = lengths.Sum();
            return [blocks, 100 * ((blocks * block) - tokens) / (blocks * block), 100 * ((lengths.Length * max) - tokens) / (lengths.Length * max)];
        });

    [Fact]
    public void ServingMetrics_NearestRankPercentilesOrDividingByAllTokens_FailsEverySeed() =>
        AssertNaiveFailsEverySeed(
            "serving-metrics",
            seeds: 20,
            input =>
            {
                var exact = Independent.Compute("serving-metrics", input);
                var ttft = Vector(input, "arrivals").Zip(Vector(input, "first_tokens"), (a, f) => f - a).Order().ToArray();
                double NearestRank(double q) => ttft[Math.Max(0, (int)Math.Ceiling(q * ttft.Length) - 1)];
                return [NearestRank(0.5), NearestRank(0.99), exact[2]];
            },
            input =>
            {
                var exact = Independent.Compute("serving-metrics", input);
                var (first, finishes, tokens) = (Vector(input, "first_tokens"), Vector(input, "finishes"), Vector(input, "output_tokens"));
                return [exact[0], exact[1], tokens.Select((n, i) => (finishes[i] - first[i]) / n).Where((_, i) => tokens[i] > 1).DefaultIfEmpty(0).Average()];
            });

    [Fact]
    public void LoraMerge_ScalingByAlphaInsteadOfAlphaOverRank_FailsEverySeed() =>
        AssertNaiveFailsEverySeed("lora-merge", input =>
        {
            var (w, a, b) = (Matrix(input, "w"), Matrix(input, "a"), Matrix(input, "b"));
            var alpha = Number(input, "alpha");
            return Flatten(w.Select((row, i) => row.Select((x, j) => x + (alpha * Enumerable.Range(0, a.Length).Sum(k => b[i][k] * a[k][j]))).ToArray()));
        });

    [Fact]
    public void LoraParameterCount_Int32Products_FailsEverySeed() =>
        AssertNaiveFailsEverySeed("lora-parameter-count", input =>
        {
            var rank = (int)Number(input, "rank");
            int lora = 0, frozen = 0;
            foreach (var shape in Matrix(input, "shapes"))
            {
                var (dOut, dIn, count) = ((int)shape[0], (int)shape[1], (int)shape[2]);
                lora = unchecked(lora + (count * rank * (dOut + dIn)));
                frozen = unchecked(frozen + (count * dOut * dIn));
            }

            return [lora, frozen, 100.0 * lora / frozen];
        });

    private static double[] MaskedMean(JsonObject input, Func<double[], double> logSumExp, bool all)
    {
        var (logits, targets, mask) = (Matrix(input, "logits"), Vector(input, "targets"), Vector(input, "mask"));
        var losses = logits.Select((row, t) => (Loss: logSumExp(row) - row[(int)targets[t]], Kept: mask[t] == 1)).ToList();
        return [all ? losses.Where(l => l.Kept).Sum(l => l.Loss) / losses.Count : losses.Where(l => l.Kept).Average(l => l.Loss)];
    }

    private static double Choose(int n, int k)
    {
        var result = 1.0;
        for (var i = 1; i <= k; i++)
        {
            result = result * (n - k + i) / i;
        }

        return result;
    }

    private static double Finite(double x) => double.IsNaN(x) ? double.MinValue : Math.Max(x, double.MinValue);
}
