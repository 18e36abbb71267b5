using System.Text.Json.Nodes;
using static AiFeed.Tests.Learning.TwinInput;

namespace AiFeed.Tests.Learning;

/// <summary>
/// Second implementations for chapters 5–8 (fine-tuning and alignment, inference and decoding,
/// evaluation and scaling, serving). Each takes another route than its reference: probabilities
/// where the reference uses log-space, explicit sums where it uses closed forms, step-by-step
/// simulation where it uses a heap, exact integers where it uses doubles.
/// </summary>
internal static partial class Independent
{
    [TwinOf("lora-merge")]
    public static double[] LoraMerge(JsonObject input)
    {
        // Scale A first, then add the rank-1 outer products B[:, k] ⊗ A'[k, :] one rank at a time.
        input = Reparsed(input);
        var (w, a, b) = (Matrix(input, "w"), Matrix(input, "a"), Matrix(input, "b"));
        var scale = Number(input, "alpha") / a.Length;
        var merged = w.Select(row => (double[])row.Clone()).ToArray();
        for (var k = 0; k < a.Length; k++)
        {
            for (var i = 0; i < merged.Length; i++)
            {
                for (var j = 0; j < merged[i].Length; j++)
                {
                    merged[i][j] += b[i][k] * (a[k][j] * scale);
                }
            }
        }

        return Flatten(merged);
    }

    [TwinOf("lora-parameter-count")]
    public static double[] LoraParameterCount(JsonObject input)
    {
        // Exact integers all the way, and the percentage through decimal arithmetic.
        input = Reparsed(input);
        var rank = (decimal)Number(input, "rank");
        decimal lora = 0, frozen = 0;
        foreach (var shape in Matrix(input, "shapes"))
        {
            var (dOut, dIn, count) = ((decimal)shape[0], (decimal)shape[1], (decimal)shape[2]);
            lora += (count * rank * dOut) + (count * rank * dIn);
            frozen += count * dOut * dIn;
        }

        return [(double)lora, (double)frozen, (double)(lora * 100 / frozen)];
    }

    [TwinOf("masked-sft-loss")]
    public static double[] MaskedSftLoss(JsonObject input)
    {
        // −ln of a probability from the stable softmax, which stays finite here because a target's
        // probability never underflows in these cases' ranges… unless it does: then use the log form.
        input = Reparsed(input);
        var (logits, targets, mask) = (Matrix(input, "logits"), Vector(input, "targets"), Vector(input, "mask"));
        var total = 0.0;
        var count = 0;
        for (var t = 0; t < logits.Length; t++)
        {
            if (mask[t] == 0)
            {
                continue;
            }

            var p = Softmax(logits[t])[(int)targets[t]];
            total += p > 1e-300 ? -Math.Log(p) : LogSumExpBySorting(logits[t]) - logits[t][(int)targets[t]];
            count++;
        }

        return [total / count];
    }

    [TwinOf("bradley-terry-loss")]
    public static double[] BradleyTerryLoss(JsonObject input)
    {
        // Branch on the margin's sign: −ln σ(d) = −d + ln(1 + e^d) for d < 0, ln(1 + e^−d) otherwise.
        input = Reparsed(input);
        var (chosen, rejected) = (Vector(input, "chosen"), Vector(input, "rejected"));
        double loss = 0;
        var right = 0;
        for (var i = 0; i < chosen.Length; i++)
        {
            var d = chosen[i] - rejected[i];
            loss += d >= 0 ? Math.Log(1 + Math.Exp(-d)) : -d + Math.Log(1 + Math.Exp(d));
            right += d > 0 ? 1 : 0;
        }

        return [loss / chosen.Length, (double)right / chosen.Length];
    }

    [TwinOf("dpo-loss")]
    public static double[] DpoLoss(JsonObject input)
    {
        // Implicit rewards first (β · log-ratio per response), then the Bradley–Terry loss of their difference.
        input = Reparsed(input);
        var beta = Number(input, "beta");
        var chosenReward = Vector(input, "policy_chosen").Zip(Vector(input, "ref_chosen"), (p, r) => beta * (p - r)).ToArray();
        var rejectedReward = Vector(input, "policy_rejected").Zip(Vector(input, "ref_rejected"), (p, r) => beta * (p - r)).ToArray();
        var margins = chosenReward.Zip(rejectedReward, (c, r) => c - r).ToArray();
        var loss = margins.Select(m => m >= 0 ? Math.Log(1 + Math.Exp(-m)) : -m + Math.Log(1 + Math.Exp(m))).Average();
        return [loss, margins.Average()];
    }

    [TwinOf("ppo-clipped-objective")]
    public static double[] PpoClippedObjective(JsonObject input)
    {
        // The case analysis of the PPO paper instead of a min: clip only where it lowers the objective.
        input = Reparsed(input);
        var (newLogp, oldLogp, advantages) = (Vector(input, "logp_new"), Vector(input, "logp_old"), Vector(input, "advantages"));
        var epsilon = Number(input, "epsilon");
        var total = 0.0;
        for (var t = 0; t < advantages.Length; t++)
        {
            var ratio = Math.Exp(newLogp[t] - oldLogp[t]);
            var a = advantages[t];
            var effective = a >= 0 ? Math.Min(ratio, 1 + epsilon) : Math.Max(ratio, 1 - epsilon);
            total += effective * a;
        }

        return [total / advantages.Length];
    }

    [TwinOf("gae-advantages")]
    public static double[] GaeAdvantages(JsonObject input)
    {
        // The definition: A_t = Σ_l (γλ)^l δ_{t+l} up to the end of t's episode, summed forwards
        // (quadratic, which the test sizes allow).
        input = Reparsed(input);
        var (rewards, values, dones) = (Vector(input, "rewards"), Vector(input, "values"), Vector(input, "dones"));
        var (gamma, lambda) = (Number(input, "gamma"), Number(input, "lam"));
        var steps = rewards.Length;
        var delta = new double[steps];
        for (var t = 0; t < steps; t++)
        {
            delta[t] = rewards[t] + (dones[t] == 1 ? 0 : gamma * values[t + 1]) - values[t];
        }

        var advantages = new double[steps];
        for (var t = 0; t < steps; t++)
        {
            var weight = 1.0;
            for (var l = t; l < steps; l++)
            {
                advantages[t] += weight * delta[l];
                if (dones[l] == 1 || weight == 0)
                {
                    break;
                }

                weight *= gamma * lambda;
                if (Math.Abs(weight) < 1e-30)
                {
                    break;
                }
            }
        }

        return advantages;
    }

    [TwinOf("kl-divergence")]
    public static double[] KlDivergence(JsonObject input)
    {
        // KL = cross-entropy(p, q) − entropy(p), each from log-sum-exps computed by sorting.
        input = Reparsed(input);
        var (pRows, qRows) = (Matrix(input, "p_logits"), Matrix(input, "q_logits"));
        var total = 0.0;
        for (var i = 0; i < pRows.Length; i++)
        {
            var (lp, lq) = (LogSumExpBySorting(pRows[i]), LogSumExpBySorting(qRows[i]));
            double crossEntropy = 0, entropy = 0;
            for (var j = 0; j < pRows[i].Length; j++)
            {
                var p = Math.Exp(pRows[i][j] - lp);
                if (p == 0)
                {
                    continue;
                }

                crossEntropy -= p * (qRows[i][j] - lq);
                entropy -= p * (pRows[i][j] - lp);
            }

            total += crossEntropy - entropy;
        }

        return [total / pRows.Length];
    }

    [TwinOf("best-of-n")]
    public static double[] BestOfN(JsonObject input)
    {
        // Over outcomes rather than levels: outcome i wins with probability (w_i / W_v) · P_n(v), and
        // the KL sums π_n(i) ln(π_n(i) / π(i)) over outcomes, which equals the sum over levels.
        input = Reparsed(input);
        var (rewards, weights) = (Vector(input, "rewards"), Vector(input, "weights"));
        var n = Number(input, "n");
        var total = weights.Sum();
        var distinct = rewards.Distinct().Order().ToArray();
        var levelWeight = distinct.ToDictionary(v => v, v => rewards.Select((r, i) => r == v ? weights[i] : 0).Sum());
        var below = new Dictionary<double, double>();
        var running = 0.0;
        foreach (var v in distinct)
        {
            below[v] = running / total;
            running += levelWeight[v];
        }

        double expected = 0, kl = 0;
        for (var i = 0; i < rewards.Length; i++)
        {
            var v = rewards[i];
            var atMost = v == distinct[^1] ? 1 : below[v] + (levelWeight[v] / total);
            var level = Math.Pow(atMost, n) - Math.Pow(below[v], n);
            var share = weights[i] / levelWeight[v];
            var pi = weights[i] / total;
            var piN = level * share;
            expected += v * piN;
            kl += piN > 0 ? piN * Math.Log(piN / pi) : 0;
        }

        return [expected, kl];
    }

    [TwinOf("temperature-entropy")]
    public static double[] TemperatureEntropy(JsonObject input)
    {
        // H = ln Z − Σ p s with Z = Σ e^{s − max}: entropy as log-partition minus mean energy.
        input = Reparsed(input);
        var logits = Vector(input, "logits");
        return [.. Vector(input, "temperatures").Select(t =>
        {
            var s = logits.Select(z => z / t).ToArray();
            var max = s.Max();
            var weights = s.Select(v => Math.Exp(v - max)).ToArray();
            var z = weights.Sum();
            var meanShifted = s.Select((v, i) => weights[i] / z * (v - max)).Sum();
            return Math.Log(z) - meanShifted;
        })];
    }

    [TwinOf("sampling-filter")]
    public static double[] SamplingFilter(JsonObject input)
    {
        // A token survives top-p if the (top-k) mass strictly ahead of it is below p, instead of
        // stopping a walk once the running total reaches p.
        input = Reparsed(input);
        var logits = Vector(input, "logits");
        var (temperature, topK, topP) = (Number(input, "temperature"), (int)Number(input, "top_k"), Number(input, "top_p"));
        var probabilities = Softmax([.. logits.Select(z => z / temperature)]);
        var n = logits.Length;
        var order = Enumerable.Range(0, n).OrderByDescending(i => logits[i]).ThenBy(i => i).Take(topK == 0 ? n : topK).ToArray();
        var kMass = order.Sum(i => probabilities[i]);
        var kept = new bool[n];
        var ahead = 0.0;
        foreach (var i in order)
        {
            if (ahead >= topP)
            {
                break;
            }

            kept[i] = true;
            ahead += probabilities[i] / kMass;
        }

        var mass = Enumerable.Range(0, n).Where(i => kept[i]).Sum(i => probabilities[i]);
        return [.. Enumerable.Range(0, n).Select(i => kept[i] ? probabilities[i] / mass : 0)];
    }

    [TwinOf("repetition-penalty")]
    public static double[] RepetitionPenalty(JsonObject input)
    {
        // Token by token over the vocabulary, counting occurrences with a scan.
        input = Reparsed(input);
        var (logits, generated) = (Vector(input, "logits"), Vector(input, "generated"));
        var (theta, frequency, presence) = (Number(input, "repetition_penalty"), Number(input, "frequency_penalty"), Number(input, "presence_penalty"));
        var counts = generated.GroupBy(t => (int)t).ToDictionary(g => g.Key, g => g.Count());
        return [.. logits.Select((z, t) => counts.TryGetValue(t, out var c)
            ? (z <= 0 ? z * theta : z / theta) - (frequency * c) - presence
            : z)];
    }

    [TwinOf("beam-search")]
    public static double[] BeamSearch(JsonObject input)
    {
        // Beams as strings of token ids, scored by summing log-probabilities from a table built with
        // a sorted log-sum-exp; each step keeps the top b with one comparison sort.
        input = Reparsed(input);
        var transitions = Matrix(input, "transitions");
        var (start, width, steps) = ((int)Number(input, "start"), (int)Number(input, "beam_width"), (int)Number(input, "steps"));
        var logProbabilities = transitions.Select(row => { var l = LogSumExpBySorting(row); return row.Select(z => z - l).ToArray(); }).ToArray();
        var beams = new List<(List<int> Tokens, double Score)> { ([], 0.0) };
        for (var step = 0; step < steps; step++)
        {
            var candidates = beams
                .SelectMany(beam => Enumerable.Range(0, transitions.Length).Select(token =>
                    (Tokens: beam.Tokens.Append(token).ToList(), Score: beam.Score + logProbabilities[beam.Tokens.Count == 0 ? start : beam.Tokens[^1]][token])))
                .ToList();
            candidates.Sort((x, y) =>
            {
                var byScore = y.Score.CompareTo(x.Score);
                return byScore != 0 ? byScore : string.CompareOrdinal(Key(x.Tokens), Key(y.Tokens));
            });
            beams = candidates.Take(width).ToList();
        }

        return [.. beams[0].Tokens.Select(t => (double)t)];

        // Fixed-width digits keep the ordinal comparison lexicographic on token ids.
        static string Key(List<int> tokens) => string.Concat(tokens.Select(t => t.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [TwinOf("speculative-expected-tokens")]
    public static double[] SpeculativeExpectedTokens(JsonObject input)
    {
        // The geometric series summed term by term, with no special case at α = 1.
        input = Reparsed(input);
        var (alpha, gamma, cost) = (Number(input, "alpha"), (int)Number(input, "gamma"), Number(input, "cost_ratio"));
        double expected = 0, power = 1;
        for (var i = 0; i <= gamma; i++)
        {
            expected += power;
            power *= alpha;
        }

        return [expected, expected / ((gamma * cost) + 1)];
    }

    [TwinOf("speculative-step")]
    public static double[] SpeculativeStep(JsonObject input)
    {
        // Acceptance as u < p/q (division), residual normalised before an inverse-CDF draw.
        input = Reparsed(input);
        var (p, q, draft, u) = (Matrix(input, "p"), Matrix(input, "q"), Vector(input, "draft"), Vector(input, "u"));
        var v = Number(input, "v");
        var emitted = new List<double>();
        for (var i = 0; i < draft.Length; i++)
        {
            var x = (int)draft[i];
            if (u[i] < p[i][x] / q[i][x])
            {
                emitted.Add(x);
                continue;
            }

            var residual = p[i].Select((a, j) => a > q[i][j] ? a - q[i][j] : 0).ToArray();
            var sum = residual.Sum();
            emitted.Add(InverseCdf([.. residual.Select(r => r / sum)], v));
            return [.. emitted];
        }

        var last = p[^1];
        var total = last.Sum();
        emitted.Add(InverseCdf([.. last.Select(a => a / total)], v));
        return [.. emitted];
    }

    [TwinOf("kv-cache-memory")]
    public static double[] KvCacheMemory(JsonObject input)
    {
        // Exact integers (bytes per value in halves), converted to GiB by a shift of 30 bits.
        input = Reparsed(input);
        var halves = (long)Math.Round(Number(input, "bytes_per_value") * 2);
        var perTokenHalves = 2 * (long)Number(input, "layers") * (long)Number(input, "kv_heads") * (long)Number(input, "head_dim") * halves;
        var totalHalves = (decimal)perTokenHalves * (long)Number(input, "seq_len") * (long)Number(input, "batch");
        return [perTokenHalves / 2.0, (double)(totalHalves / 2 / (1L << 30))];
    }

    [TwinOf("perplexity")]
    public static double[] Perplexity(JsonObject input)
    {
        // The geometric mean of inverse probabilities, taken as a product of per-token factors
        // e^{−ln p / N}, each of which is at most e^{8/N}, so nothing overflows or underflows.
        input = Reparsed(input);
        var documents = Matrix(input, "documents");
        var tokens = documents.Sum(d => d.Length);
        var product = 1.0;
        foreach (var logProbability in documents.SelectMany(d => d))
        {
            product *= Math.Exp(-logProbability / tokens);
        }

        return [product];
    }

    [TwinOf("bleu")]
    public static double[] Bleu(JsonObject input)
    {
        // Clipping by counting each n-gram's occurrences with a scan per reference, and the geometric
        // mean as a fourth root of the product of precisions.
        input = Reparsed(input);
        var candidate = Words(input["candidate"]!.GetValue<string>());
        var references = input["references"]!.AsArray().Select(r => Words(r!.GetValue<string>())).ToArray();
        var product = 1.0;
        for (var n = 1; n <= 4; n++)
        {
            var grams = Grams(candidate, n);
            if (grams.Count == 0)
            {
                return [0];
            }

            var referenceCounts = references.Select(r => Grams(r, n).GroupBy(x => x).ToDictionary(x => x.Key, x => x.Count())).ToArray();
            var clipped = grams.GroupBy(x => x).Sum(g => Math.Min(g.Count(), referenceCounts.Max(r => r.GetValueOrDefault(g.Key))));
            product *= (double)clipped / grams.Count;
        }

        var c = candidate.Length;
        var r = references.Select(x => x.Length).Aggregate((best, length) =>
            Math.Abs(length - c) < Math.Abs(best - c) || (Math.Abs(length - c) == Math.Abs(best - c) && length < best) ? length : best);
        var brevity = c > r ? 1 : Math.Exp(1 - ((double)r / c));
        return [product == 0 ? 0 : brevity * Math.Pow(product, 0.25)];

        static List<string> Grams(string[] words, int n) =>
            [.. Enumerable.Range(0, Math.Max(0, words.Length - n + 1)).Select(i => string.Join('\u0001', words[i..(i + n)]))];
    }

    [TwinOf("rouge-l")]
    public static double[] RougeL(JsonObject input)
    {
        // The full (m + 1) × (n + 1) table, filled from the end of both texts.
        input = Reparsed(input);
        var c = Words(input["candidate"]!.GetValue<string>());
        var r = Words(input["reference"]!.GetValue<string>());
        var table = new int[c.Length + 1, r.Length + 1];
        for (var i = c.Length - 1; i >= 0; i--)
        {
            for (var j = r.Length - 1; j >= 0; j--)
            {
                table[i, j] = c[i] == r[j] ? table[i + 1, j + 1] + 1 : Math.Max(table[i + 1, j], table[i, j + 1]);
            }
        }

        var lcs = table[0, 0];
        if (lcs == 0)
        {
            return [0, 0, 0];
        }

        var (precision, recall) = ((double)lcs / c.Length, (double)lcs / r.Length);
        return [precision, recall, 2.0 * lcs / (c.Length + r.Length)];
    }

    [TwinOf("pass-at-k")]
    public static double[] PassAtK(JsonObject input)
    {
        // The binomial ratio in log space through log-gamma sums (ln C(a, k) = Σ ln of its factors).
        input = Reparsed(input);
        var (n, c) = (Vector(input, "n"), Vector(input, "c"));
        var k = (int)Number(input, "k");
        var total = 0.0;
        for (var i = 0; i < n.Length; i++)
        {
            if (n[i] - c[i] < k)
            {
                total += 1;
                continue;
            }

            total += 1 - Math.Exp(LogChoose((int)(n[i] - c[i]), k) - LogChoose((int)n[i], k));
        }

        return [total / n.Length];

        static double LogChoose(int a, int k)
        {
            var sum = 0.0;
            for (var j = 0; j < k; j++)
            {
                sum += Math.Log(a - j) - Math.Log(k - j);
            }

            return sum;
        }
    }

    [TwinOf("expected-calibration-error")]
    public static double[] ExpectedCalibrationError(JsonObject input)
    {
        // Bins by exact comparison with their bounds m/M (thousandths as integers), then
        // Σ |Σ(correct − confidence)| / N, which equals the weighted gap.
        input = Reparsed(input);
        var (confidences, correct) = (Vector(input, "confidences"), Vector(input, "correct"));
        var bins = (int)Number(input, "bins");
        var gaps = new double[bins];
        for (var i = 0; i < confidences.Length; i++)
        {
            var thousandths = (long)Math.Round(confidences[i] * 1000);
            var bin = 0;
            while (bin < bins - 1 && thousandths * bins > (bin + 1) * 1000L)
            {
                bin++;
            }

            gaps[bin] += correct[i] - confidences[i];
        }

        return [gaps.Sum(Math.Abs) / confidences.Length];
    }

    [TwinOf("transformer-parameter-count")]
    public static double[] TransformerParameterCount(JsonObject input)
    {
        // Matrix by matrix, bias by bias, as a model summary would list them.
        input = Reparsed(input);
        var (v, ctx, d, layers, ff) = ((long)Number(input, "vocab"), (long)Number(input, "context"), (long)Number(input, "d_model"), (long)Number(input, "layers"), (long)Number(input, "d_ff"));
        long[] perLayer = [d, d, d * 3 * d, 3 * d, d * d, d, d, d, d * ff, ff, ff * d, d];
        var nonEmbedding = (layers * perLayer.Sum()) + d + d;
        var total = nonEmbedding + (v * d) + (ctx * d);
        var flops = 6 * (nonEmbedding + (layers * ctx * d));
        return [total, nonEmbedding, flops];
    }

    [TwinOf("chinchilla-optimal")]
    public static double[] ChinchillaOptimal(JsonObject input)
    {
        // Minimise L(N, C/(6N)) over ln N by Newton's method on the derivative, from N = √(C/6).
        input = Reparsed(input);
        var (c, e, a, b, alpha, beta) = (Number(input, "compute"), Number(input, "irreducible"), Number(input, "a"), Number(input, "b"), Number(input, "alpha"), Number(input, "beta"));
        var k = c / 6;
        var x = Math.Log(k) / 2;
        for (var i = 0; i < 200; i++)
        {
            // f(x) = A e^{−αx} + B (k e^{−x})^{−β}; f' = −αA e^{−αx} + βB k^{−β} e^{βx}.
            var first = (-alpha * a * Math.Exp(-alpha * x)) + (beta * b * Math.Pow(k, -beta) * Math.Exp(beta * x));
            var second = (alpha * alpha * a * Math.Exp(-alpha * x)) + (beta * beta * b * Math.Pow(k, -beta) * Math.Exp(beta * x));
            var step = first / second;
            x -= step;
            if (Math.Abs(step) < 1e-15)
            {
                break;
            }
        }

        var n = Math.Exp(x);
        var d = k / n;
        return [n / 1e9, d / 1e9, e + (a * Math.Pow(n, -alpha)) + (b * Math.Pow(d, -beta))];
    }

    [TwinOf("power-law-fit")]
    public static double[] PowerLawFit(JsonObject input)
    {
        // Normal equations solved by Cramer's rule in log10 (exact sums of shifted values), then
        // back to the loss with 10^.
        input = Reparsed(input);
        var e = Number(input, "irreducible");
        var x = Vector(input, "compute").Select(Math.Log10).ToArray();
        var y = Vector(input, "loss").Select(l => Math.Log10(l - e)).ToArray();
        var shift = x[0];
        var xs = x.Select(v => v - shift).ToArray();
        double n = x.Length, sx = xs.Sum(), sy = y.Sum(), sxx = xs.Sum(v => v * v), sxy = xs.Zip(y, (p, q) => p * q).Sum();
        var slope = ((n * sxy) - (sx * sy)) / ((n * sxx) - (sx * sx));
        var intercept = (sy - (slope * sx)) / n;
        var target = Math.Log10(Number(input, "target")) - shift;
        return [-slope, e + Math.Pow(10, intercept + (slope * target))];
    }

    [TwinOf("wilson-interval")]
    public static double[] WilsonInterval(JsonObject input)
    {
        // The bounds as the roots of (p̂ − p)² = z² p(1 − p)/n, a quadratic in p, with its
        // discriminant in 28-digit decimals: at k = n = 10⁸ it is a difference of numbers near 4
        // that should leave about 10⁻¹⁵.
        input = Reparsed(input);
        var (k, n, z) = ((decimal)Number(input, "correct"), (decimal)Number(input, "total"), (decimal)Number(input, "z"));
        var phat = k / n;
        var qa = 1 + (z * z / n);
        var qb = -((2 * phat) + (z * z / n));
        var qc = phat * phat;
        var root = Math.Sqrt((double)Math.Max(0, (qb * qb) - (4 * qa * qc)));
        var (minusB, twoA) = ((double)-qb, (double)(2 * qa));
        return [(double)phat, Math.Max(0, (minusB - root) / twoA), Math.Min(1, (minusB + root) / twoA)];
    }

    [TwinOf("int8-absmax")]
    public static double[] Int8Absmax(JsonObject input)
    {
        // x · 127 / max|x|, rounded half away from zero by hand.
        input = Reparsed(input);
        var x = Vector(input, "x");
        var max = x.Select(Math.Abs).Max();
        return [.. x.Select(v => max == 0 ? 0 : Math.Clamp(HalfAway(v / (max / 127)), -127, 127))];
    }

    [TwinOf("zero-point-quantization")]
    public static double[] ZeroPointQuantization(JsonObject input)
    {
        input = Reparsed(input);
        var x = Vector(input, "x");
        var levels = Math.Pow(2, Number(input, "bits")) - 1;
        var (lo, hi) = (Math.Min(0, x.Min()), Math.Max(0, x.Max()));
        if (lo == hi)
        {
            return new double[x.Length];
        }

        var scale = (hi - lo) / levels;
        var zero = Math.Clamp(HalfAway(-lo / scale), 0, levels);
        return [.. x.Select(v => Math.Clamp(HalfAway(v / scale) + zero, 0, levels))];
    }

    [TwinOf("group-quantization")]
    public static double[] GroupQuantization(JsonObject input)
    {
        input = Reparsed(input);
        var x = Vector(input, "x");
        var g = (int)Number(input, "group_size");
        var energy = x.Sum(v => v * v);
        double Error(double[] values)
        {
            var max = values.Select(Math.Abs).Max();
            return max == 0 ? 0 : values.Sum(v => Math.Pow(v - (Math.Clamp(HalfAway(v / (max / 7)), -7, 7) * (max / 7)), 2));
        }

        var groups = Enumerable.Range(0, (x.Length + g - 1) / g).Select(i => x.Skip(i * g).Take(g).ToArray()).ToArray();
        return [Math.Sqrt(Error(x) / energy) * 100, Math.Sqrt(groups.Sum(Error) / energy) * 100, ((4.0 * x.Length) + (16.0 * groups.Length)) / x.Length];
    }

    [TwinOf("paged-kv-blocks")]
    public static double[] PagedKvBlocks(JsonObject input)
    {
        // Blocks counted by filling them token by token would be slow; count full blocks plus a partial one.
        input = Reparsed(input);
        var lengths = Vector(input, "seq_lens").Select(l => (long)l).ToArray();
        var (block, max) = ((long)Number(input, "block_size"), (long)Number(input, "max_len"));
        var blocks = lengths.Sum(l => (l / block) + (l % block == 0 ? 0 : 1));
        var tokens = lengths.Sum();
        return [blocks, 100 - (100.0 * tokens / (blocks * block)), 100 - (100.0 * tokens / (lengths.Length * max))];
    }

    [TwinOf("continuous-batching")]
    public static double[] ContinuousBatching(JsonObject input)
    {
        // A step-by-step simulation of both servers (jumping over idle stretches).
        input = Reparsed(input);
        var (arrivals, lengths) = (Vector(input, "arrivals").Select(a => (long)a).ToArray(), Vector(input, "output_lens").Select(l => (long)l).ToArray());
        var batch = (int)Number(input, "max_batch");
        var order = Enumerable.Range(0, arrivals.Length).OrderBy(i => arrivals[i]).ThenBy(i => i).ToArray();

        // Continuous: remaining tokens per running request; admit at the start of each step.
        var remaining = new Dictionary<int, long>();
        var next = 0;
        long step = 0, continuous = 0;
        while (next < order.Length || remaining.Count > 0)
        {
            if (remaining.Count == 0 && arrivals[order[next]] > step)
            {
                step = arrivals[order[next]];
            }

            while (remaining.Count < batch && next < order.Length && arrivals[order[next]] <= step)
            {
                remaining[order[next]] = lengths[order[next]];
                next++;
            }

            foreach (var i in remaining.Keys.ToList())
            {
                if (--remaining[i] == 0)
                {
                    remaining.Remove(i);
                    continuous += step + 1 - arrivals[i];
                }
            }

            step++;
        }

        // Static: a batch forms only when the previous one has fully finished.
        long clock = 0, staticTotal = 0;
        for (var k = 0; k < order.Length;)
        {
            clock = Math.Max(clock, arrivals[order[k]]);
            var members = order.Skip(k).TakeWhile((i, index) => index < batch && arrivals[i] <= clock).ToList();
            staticTotal += members.Sum(i => clock + lengths[i] - arrivals[i]);
            clock += members.Max(i => lengths[i]);
            k += members.Count;
        }

        return [(double)continuous / order.Length, (double)staticTotal / order.Length];
    }

    [TwinOf("serving-metrics")]
    public static double[] ServingMetrics(JsonObject input)
    {
        // Percentiles by the "(1 − f)·lower + f·upper" form, TPOT summed and divided by its count.
        input = Reparsed(input);
        var (arrivals, first, finishes, tokens) = (Vector(input, "arrivals"), Vector(input, "first_tokens"), Vector(input, "finishes"), Vector(input, "output_tokens"));
        var ttft = arrivals.Zip(first, (a, f) => f - a).ToArray();
        Array.Sort(ttft);
        double Percentile(double q)
        {
            var h = q * (ttft.Length - 1);
            var lower = (int)h;
            var upper = Math.Min(lower + 1, ttft.Length - 1);
            var f = h - lower;
            return ((1 - f) * ttft[lower]) + (f * ttft[upper]);
        }

        double sum = 0;
        var count = 0;
        for (var i = 0; i < tokens.Length; i++)
        {
            if (tokens[i] >= 2)
            {
                sum += (finishes[i] - first[i]) / (tokens[i] - 1);
                count++;
            }
        }

        return [Percentile(0.5), Percentile(0.99), count == 0 ? 0 : sum / count];
    }

    [TwinOf("decode-roofline")]
    public static double[] DecodeRoofline(JsonObject input)
    {
        // Compare arithmetic intensity with the machine balance, then take the binding time.
        input = Reparsed(input);
        var (parameters, bytesPerParam, kv, context, batch, bandwidth, peak) = (Number(input, "params"), Number(input, "bytes_per_param"), Number(input, "kv_bytes_per_token"), Number(input, "context"), Number(input, "batch"), Number(input, "bandwidth"), Number(input, "peak_flops"));
        var bytes = (parameters * bytesPerParam) + (batch * context * kv);
        var flops = 2 * parameters * batch;
        var computeBound = flops / bytes > peak / bandwidth;
        var seconds = computeBound ? flops / peak : bytes / bandwidth;
        return [seconds * 1000, batch / seconds];
    }

    [TwinOf("tensor-parallel-mlp")]
    public static double[] TensorParallelMlp(JsonObject input)
    {
        // The hidden layer computed once for all units, then each shard's slice of rows multiplied out.
        input = Reparsed(input);
        var (x, w1, w2) = (Vector(input, "x"), Matrix(input, "w1"), Matrix(input, "w2"));
        var shards = (int)Number(input, "shards");
        var hidden = Enumerable.Range(0, w1[0].Length).Select(j => Math.Max(0, Enumerable.Range(0, x.Length).Sum(i => x[i] * w1[i][j]))).ToArray();
        var width = hidden.Length / shards;
        return Flatten(Enumerable.Range(0, shards).Select(s =>
            Enumerable.Range(0, w2[0].Length).Select(c => Enumerable.Range(s * width, width).Sum(j => hidden[j] * w2[j][c])).ToArray()));
    }

    // A generated case may hold C# ints; parsing a copy makes every number JSON text, as a request holds it.
    private static JsonObject Reparsed(JsonObject input) => JsonNode.Parse(input.ToJsonString())!.AsObject();

    private static string[] Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static double HalfAway(double v) => v < 0 ? -Math.Floor(-v + 0.5) : Math.Floor(v + 0.5);

    // ln Σ e^z summed from the smallest term up, after shifting by the maximum.
    private static double LogSumExpBySorting(double[] z)
    {
        var max = z.Max();
        return max + Math.Log(z.Select(v => Math.Exp(v - max)).Order().Sum());
    }

    private static int InverseCdf(double[] probabilities, double v)
    {
        var cumulative = 0.0;
        for (var t = 0; t < probabilities.Length; t++)
        {
            cumulative += probabilities[t];
            if (v < cumulative)
            {
                return t;
            }
        }

        return Array.FindLastIndex(probabilities, p => p > 0);
    }
}
