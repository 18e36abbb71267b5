using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiFeed.Tests.Learning;

/// <summary>
/// Second implementations of the problems of chapters 1-4 (tokenization and embeddings, attention, the
/// transformer block, training), each by another route than its reference solution: .NET's own UTF-8
/// encoder, merges applied in list order, backward dynamic programming, complex multiplication,
/// decimal arithmetic, bit-level float16 rounding, PyTorch's own update formulas.
/// </summary>
internal static partial class Independent
{
    /// <summary>The answer of one of these problems as flat row-major data, or null for another chapter's id.</summary>
    public static double[]? Chapters1To4(string id, JsonObject input)
    {
        // Generated inputs hold ints and doubles as they were created; Deserialize reads either as a double.
        static double D(JsonNode? node) => node.Deserialize<double>();
        double[] V(string name) => [.. input[name]!.AsArray().Select(D)];
        int[] I(string name) => [.. V(name).Select(v => (int)v)];
        double[][] M(string name) => [.. input[name]!.AsArray().Select(r => r!.AsArray().Select(D).ToArray())];
        double[][][] T(string name) => [.. input[name]!.AsArray().Select(b => b!.AsArray().Select(r => r!.AsArray().Select(D).ToArray()).ToArray())];
        double N(string name) => D(input[name]);
        string S(string name) => input[name]!.GetValue<string>();
        string[] Ss(string name) => [.. input[name]!.AsArray().Select(n => n!.GetValue<string>())];
        static double[] Flat(IEnumerable<double[]> rows) => [.. rows.SelectMany(r => r)];
        return id switch
        {
            "utf8-encode" => Utf8(I("code_points")),
            "bpe-train" => BpeTrain(I("ids"), (int)N("num_merges")),
            "bpe-encode" => BpeEncode(I("ids"), M("merges")),
            "wordpiece" => WordPiece(S("word"), Ss("vocab")),
            "unigram-segment" => [UnigramSegment(S("text"), Ss("pieces"), V("log_probs"))],
            "embed-tokens" => Flat(EmbedTokens(I("ids"), M("table"))),
            "rope" => Flat(Rope(M("x"), I("positions"), N("base"))),
            "alibi-slopes" => AlibiSlopes((int)N("num_heads")),
            "rope-angles" => RopeAngles((int)N("position"), (int)N("dim"), N("base"), N("scale"), S("method")),
            "causal-attention" => Flat(CausalAttention(M("q"), M("k"), M("v"))),
            "attention-mask" => [.. AttentionMask(I("lengths"), (int)N("max_len"), S("padding_side"), (int)N("window")).SelectMany(Flat)],
            "log-sum-exp" => [LogSumExp(V("x"))],
            "split-heads" => [.. SplitHeads(M("x"), (int)N("num_heads")).SelectMany(Flat)],
            "grouped-query-attention" => [.. GroupedQueryAttention(T("q"), T("k"), T("v")).SelectMany(Flat)],
            "online-softmax" => Flat(OnlineSoftmax(V("scores"), M("values"), (int)N("block_size"))),
            "rms-norm" => Flat(RmsNorm(M("x"), V("weight"), N("eps"))),
            "gelu" => [.. V("x").Select(x => S("approximate") == "tanh" ? GeluTanh(x) : GeluExact(x))],
            "swiglu-ffn" => Flat(SwiGlu(M("x"), M("w_gate"), M("w_up"), M("w_down"))),
            "count-parameters" => [CountParameters(input)],
            "transformer-block" => Flat(TransformerBlock(M("x"), M("w_q"), M("w_k"), M("w_v"), M("w_o"), M("w_1"), M("w_2"))),
            "perplexity" => [Perplexity(V("probs"))],
            "label-smoothing" => [LabelSmoothing(M("logits"), I("labels"), N("smoothing"))],
            "cross-entropy-gradient" => Flat(CrossEntropyGradient(M("logits"), I("labels"))),
            "sgd-momentum" => SgdMomentum(V("params"), M("grads"), N("lr"), N("momentum"), N("weight_decay")),
            "adamw" => AdamW(V("params"), M("grads"), N("lr"), N("beta1"), N("beta2"), N("eps"), N("weight_decay")),
            "warmup-cosine" => [.. I("steps").Select(t => WarmupCosine(t, N("max_lr"), N("min_lr"), (int)N("warmup_steps"), (int)N("total_steps")))],
            "clip-grad-norm" => ClipGradNorm(M("grads"), N("max_norm")),
            "fp16-loss-scaling" => [.. V("grads").Select(g => Fp16(g * N("scale")) / N("scale"))],
            "dynamic-loss-scale" => DynamicLossScale(I("overflows"), N("init_scale"), (int)N("growth_interval")),
            _ => null,
        };
    }

    public static double[] Utf8(int[] codePoints) =>
        [.. codePoints.SelectMany(cp => Encoding.UTF8.GetBytes(char.ConvertFromUtf32(cp))).Select(b => (double)b)];

    public static double[] BpeTrain(int[] ids, int merges)
    {
        var sequence = ids.ToList();
        for (var step = 0; step < merges && sequence.Count >= 2; step++)
        {
            // The most frequent pair; among equals, the one whose first occurrence comes first.
            var best = Enumerable.Range(0, sequence.Count - 1)
                .Select(i => (Pair: (sequence[i], sequence[i + 1]), Index: i))
                .GroupBy(p => p.Pair)
                .OrderByDescending(g => g.Count())
                .ThenBy(g => g.Min(p => p.Index))
                .First().Key;
            sequence = MergeAll(sequence, best, 256 + step);
        }

        return [.. sequence.Select(i => (double)i)];
    }

    public static double[] BpeEncode(int[] ids, double[][] merges)
    {
        // Merges in list order, each everywhere: the same as "lowest rank first" because a merge only
        // joins ids that exist before it.
        var sequence = ids.ToList();
        for (var r = 0; r < merges.Length; r++)
        {
            sequence = MergeAll(sequence, ((int)merges[r][0], (int)merges[r][1]), 256 + r);
        }

        return [.. sequence.Select(i => (double)i)];
    }

    public static double[] WordPiece(string word, string[] vocab)
    {
        var index = vocab.Select((piece, i) => (piece, i)).ToDictionary(p => p.piece, p => p.i, StringComparer.Ordinal);
        var tokens = new List<double>();
        var rest = word;
        var first = true;
        while (rest.Length > 0)
        {
            var prefix = first ? "" : "##";
            var length = Enumerable.Range(1, rest.Length).Reverse().FirstOrDefault(n => index.ContainsKey(prefix + rest[..n]));
            if (length == 0)
            {
                return [index["[UNK]"]];
            }

            tokens.Add(index[prefix + rest[..length]]);
            rest = rest[length..];
            first = false;
        }

        return [.. tokens];
    }

    public static double UnigramSegment(string text, string[] pieces, double[] logProbs)
    {
        // Backwards: best[i] is the best score of text[i..].
        var score = pieces.Zip(logProbs).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
        var longest = pieces.Max(p => p.Length);
        var best = new double[text.Length + 1];
        for (var i = text.Length - 1; i >= 0; i--)
        {
            best[i] = double.NegativeInfinity;
            for (var end = i + 1; end <= Math.Min(text.Length, i + longest); end++)
            {
                if (score.TryGetValue(text[i..end], out var s))
                {
                    best[i] = Math.Max(best[i], s + best[end]);
                }
            }
        }

        return best[0];
    }

    public static double[][] EmbedTokens(int[] ids, double[][] table)
    {
        var d = table[0].Length;
        return [.. ids.Select((id, pos) => Enumerable.Range(0, d).Select(j => (table[id][j] * Math.Sqrt(d)) + PositionalEncoding(pos, j, d)).ToArray())];
    }

    public static double[][] Rope(double[][] x, int[] positions, double theta)
    {
        // Each pair (a, b) is the complex number a + ib, turned by multiplying with e^(i·angle).
        var d = x[0].Length;
        return [.. x.Select((row, r) => Enumerable.Range(0, d / 2).SelectMany(i =>
        {
            var turned = new Complex(row[2 * i], row[(2 * i) + 1]) * Complex.FromPolarCoordinates(1, positions[r] * Math.Exp(-2.0 * i / d * Math.Log(theta)));
            return new[] { turned.Real, turned.Imaginary };
        }).ToArray())];
    }

    public static double[] AlibiSlopes(int heads)
    {
        // The ALiBi paper's own code: start = 2^(−2^(−(log2 n − 3))), a geometric sequence with ratio start.
        static double[] PowerOfTwo(int n)
        {
            var start = Math.Pow(2, -Math.Pow(2, -(Math.Log2(n) - 3)));
            return [.. Enumerable.Range(0, n).Select(i => start * Math.Pow(start, i))];
        }

        if (Math.Log2(heads) == Math.Floor(Math.Log2(heads)))
        {
            return PowerOfTwo(heads);
        }

        var closest = (int)Math.Pow(2, Math.Floor(Math.Log2(heads)));
        var extra = AlibiSlopes(2 * closest);
        return [.. PowerOfTwo(closest), .. Enumerable.Range(0, heads - closest).Select(i => extra[2 * i])];
    }

    public static double[] RopeAngles(int position, int dim, double theta, double scale, string method)
    {
        var logBase = Math.Log(theta) + (method == "ntk" ? dim / (dim - 2.0) * Math.Log(scale) : 0);
        return [.. Enumerable.Range(0, dim / 2).Select(i => position * Math.Exp(-2.0 * i / dim * logBase) / (method == "linear" ? scale : 1))];
    }

    public static double[][] CausalAttention(double[][] q, double[][] k, double[][] v)
    {
        // The whole score matrix with −∞ above the diagonal, then the row softmax.
        var n = q.Length;
        var scores = new double[n][];
        for (var i = 0; i < n; i++)
        {
            scores[i] = new double[n];
            for (var j = 0; j < n; j++)
            {
                scores[i][j] = j > i ? double.NegativeInfinity : q[i].Zip(k[j], (a, b) => a * b).Sum() / Math.Sqrt(q[0].Length);
            }
        }

        return [.. scores.Select(row =>
        {
            var weights = Softmax(row);
            return Enumerable.Range(0, v[0].Length).Select(c => Enumerable.Range(0, n).Sum(j => weights[j] * v[j][c])).ToArray();
        })];
    }

    public static double[][][] AttentionMask(int[] lengths, int maxLength, string side, int window) =>
        [.. lengths.Select(length =>
        {
            var real = new HashSet<int>(side == "right" ? Enumerable.Range(0, length) : Enumerable.Range(maxLength - length, length));
            var mask = new double[maxLength][];
            for (var i = 0; i < maxLength; i++)
            {
                mask[i] = new double[maxLength];
                for (var j = Math.Max(0, i - window + 1); j <= i; j++)
                {
                    mask[i][j] = real.Contains(j) ? 1 : 0;
                }
            }

            return mask;
        })];

    public static double LogSumExp(double[] x)
    {
        // Pairwise: ln(eᵃ + eᵇ) = max(a, b) + ln(1 + e^−|a − b|).
        var result = x[0];
        foreach (var v in x.Skip(1))
        {
            result = Math.Max(result, v) + Math.Log(1 + Math.Exp(-Math.Abs(result - v)));
        }

        return result;
    }

    public static double[][][] SplitHeads(double[][] x, int heads)
    {
        // Reshape to (n, h, d/h) in a flat buffer, then read it transposed to (h, n, d/h).
        var n = x.Length;
        var width = x[0].Length / heads;
        var flat = x.SelectMany(r => r).ToArray();
        return [.. Enumerable.Range(0, heads).Select(h => Enumerable.Range(0, n).Select(i => Enumerable.Range(0, width).Select(c => flat[(((i * heads) + h) * width) + c]).ToArray()).ToArray())];
    }

    public static double[][][] GroupedQueryAttention(double[][][] q, double[][][] k, double[][][] v)
    {
        // repeat_interleave the key/value heads up to the query head count, as Hugging Face's repeat_kv does.
        var repeat = q.Length / k.Length;
        var keys = k.SelectMany(head => Enumerable.Repeat(head, repeat)).ToArray();
        var values = v.SelectMany(head => Enumerable.Repeat(head, repeat)).ToArray();
        return [.. q.Select((head, h) => CausalAttention(head, keys[h], values[h]))];
    }

    public static double[][] OnlineSoftmax(double[] scores, double[][] values, int block)
    {
        // Not online at all: after each block, the softmax of the whole prefix from scratch.
        var states = new List<double[]>();
        for (var end = Math.Min(block, scores.Length); ; end = Math.Min(end + block, scores.Length))
        {
            var m = scores.Take(end).Max();
            var w = scores.Take(end).Select(s => Math.Exp(s - m)).ToArray();
            var l = w.Sum();
            states.Add([m, l, .. Enumerable.Range(0, values[0].Length).Select(c => Enumerable.Range(0, end).Sum(j => w[j] / l * values[j][c]))]);
            if (end == scores.Length)
            {
                return [.. states];
            }
        }
    }

    public static double[][] RmsNorm(double[][] x, double[] weight, double eps) =>
        [.. x.Select(row =>
        {
            var norm = Math.Sqrt(row.Select(v => v * v).Sum());
            // ‖x‖/√d is the root mean square; ε goes under the root with it.
            var rms = Math.Sqrt((norm * norm / row.Length) + eps);
            return row.Select((v, i) => weight[i] * (v / rms)).ToArray();
        })];

    public static double GeluExact(double x)
    {
        // x·Φ(x) with erf by its Taylor series in decimal arithmetic, exact enough where the series
        // converges slowly; beyond |t| = 6, erf(t) is ±1 to double precision.
        var t = x / Math.Sqrt(2);
        if (Math.Abs(t) > 6)
        {
            return t > 0 ? x : 0;
        }

        var dt = (decimal)t;
        decimal sum = 0, power = dt;
        for (var n = 0; n < 400; n++)
        {
            var term = power / ((2 * n) + 1);
            sum += term;
            if (n > 10 && Math.Abs(term) < 1e-27m)
            {
                break;
            }

            power = power * -dt * dt / (n + 1);
        }

        var erf = (double)(sum * 2 / 1.7724538509055160272981674833m);
        return 0.5 * x * (1 + erf);
    }

    public static double GeluTanh(double x)
    {
        // ½(1 + tanh u) = σ(2u).
        var u = Math.Sqrt(2 / Math.PI) * (x + (0.044715 * Math.Pow(x, 3)));
        return x / (1 + Math.Exp(-2 * u));
    }

    public static double[][] SwiGlu(double[][] x, double[][] gate, double[][] up, double[][] down)
    {
        var f = gate[0].Length;
        var d = down[0].Length;
        return [.. x.Select(row =>
        {
            var hidden = new double[f];
            for (var j = 0; j < f; j++)
            {
                double g = 0, u = 0;
                for (var i = 0; i < row.Length; i++)
                {
                    g += row[i] * gate[i][j];
                    u += row[i] * up[i][j];
                }

                // In doubles e^(−g) overflows to ∞ for g < −709 and g/∞ is the right answer, −0.
                hidden[j] = g / (1 + Math.Exp(-g)) * u;
            }

            return Enumerable.Range(0, d).Select(c => Enumerable.Range(0, f).Sum(j => hidden[j] * down[j][c])).ToArray();
        })];
    }

    public static double CountParameters(JsonObject config)
    {
        // Every named tensor of the model, as a state dict would list it, summed.
        long L(string name) => config[name].Deserialize<long>();
        var (vocab, d, layers, ff, heads, kvHeads, context) = (L("vocab_size"), L("d_model"), L("n_layers"), L("d_ff"), L("n_heads"), L("n_kv_heads"), L("context_length"));
        var kv = d / heads * kvHeads;
        var tensors = new List<long[]>();
        var gpt2 = config["arch"]!.GetValue<string>() == "gpt2";
        tensors.Add([vocab, d]);
        if (gpt2)
        {
            tensors.Add([context, d]);
        }

        for (var layer = 0; layer < layers; layer++)
        {
            if (gpt2)
            {
                tensors.AddRange([[d], [d], [d, d + (2 * kv)], [d + (2 * kv)], [d, d], [d], [d], [d], [d, ff], [ff], [ff, d], [d]]);
            }
            else
            {
                tensors.AddRange([[d], [d, d], [d, kv], [d, kv], [d, d], [d], [d, ff], [d, ff], [ff, d]]);
            }
        }

        tensors.AddRange(gpt2 ? [[d], [d]] : [[d]]);
        if (!config["tied_embeddings"]!.GetValue<bool>())
        {
            tensors.Add([vocab, d]);
        }

        return tensors.Sum(shape => shape.Aggregate(1L, (a, b) => a * b));
    }

    public static double[][] TransformerBlock(double[][] x, double[][] wq, double[][] wk, double[][] wv, double[][] wo, double[][] w1, double[][] w2)
    {
        static double[][] Mul(double[][] a, double[][] b) =>
            [.. a.Select(row => Enumerable.Range(0, b[0].Length).Select(j => Enumerable.Range(0, b.Length).Sum(k => row[k] * b[k][j])).ToArray())];
        static double[][] Norm(double[][] rows) =>
            [.. rows.Select(r => LayerNorm(r, [.. r.Select(_ => 1.0)], [.. r.Select(_ => 0.0)]))];
        static double[][] Plus(double[][] a, double[][] b) => [.. a.Select((r, i) => r.Select((v, j) => v + b[i][j]).ToArray())];
        var a = Norm(x);
        var h = Plus(x, Mul(CausalAttention(Mul(a, wq), Mul(a, wk), Mul(a, wv)), wo));
        var hidden = Mul(Norm(h), w1).Select(r => r.Select(GeluTanh).ToArray()).ToArray();
        return Plus(h, Mul(hidden, w2));
    }

    public static double Perplexity(double[] probs) =>
        // Base 2: 2^(mean bits per token) is the same number as e^(mean nats).
        Math.Pow(2, -probs.Sum(Math.Log2) / probs.Length);

    public static double LabelSmoothing(double[][] logits, int[] labels, double smoothing)
    {
        // The smoothed target and the log-softmax, written out class by class.
        var total = 0.0;
        for (var i = 0; i < logits.Length; i++)
        {
            var classes = logits[i].Length;
            var lse = LogSumExp(logits[i]);
            for (var c = 0; c < classes; c++)
            {
                var target = (smoothing / classes) + (c == labels[i] ? 1 - smoothing : 0);
                total -= target * (logits[i][c] - lse);
            }
        }

        return total / logits.Length;
    }

    public static double[][] CrossEntropyGradient(double[][] logits, int[] labels) =>
        [.. logits.Select((z, i) =>
        {
            var p = Softmax(z);
            p[labels[i]] -= 1;
            return p.Select(g => g / logits.Length).ToArray();
        })];

    public static double[] SgdMomentum(double[] parameters, double[][] grads, double lr, double momentum, double decay)
    {
        // torch.optim.SGD: the buffer starts as the first (decayed) gradient.
        var p = (double[])parameters.Clone();
        double[]? buffer = null;
        foreach (var g in grads)
        {
            var dp = g.Select((x, i) => x + (decay * p[i])).ToArray();
            buffer = buffer is null ? dp : [.. buffer.Select((b, i) => (momentum * b) + dp[i])];
            p = [.. p.Select((x, i) => x - (lr * buffer[i]))];
        }

        return p;
    }

    public static double[] AdamW(double[] parameters, double[][] grads, double lr, double beta1, double beta2, double eps, double decay)
    {
        // torch.optim.AdamW's single-tensor form: step size lr / (1 − β1ᵗ), denominator √v / √(1 − β2ᵗ) + ε.
        var p = (double[])parameters.Clone();
        var m = new double[p.Length];
        var v = new double[p.Length];
        for (var t = 1; t <= grads.Length; t++)
        {
            var stepSize = lr / (1 - Math.Pow(beta1, t));
            var root = Math.Sqrt(1 - Math.Pow(beta2, t));
            for (var i = 0; i < p.Length; i++)
            {
                p[i] *= 1 - (lr * decay);
                m[i] += (grads[t - 1][i] - m[i]) * (1 - beta1);
                v[i] = (v[i] * beta2) + (grads[t - 1][i] * grads[t - 1][i] * (1 - beta2));
                p[i] -= stepSize * m[i] / ((Math.Sqrt(v[i]) / root) + eps);
            }
        }

        return p;
    }

    public static double WarmupCosine(int step, double maxLr, double minLr, int warmup, int total)
    {
        if (step < warmup)
        {
            return maxLr / warmup * (step + 1);
        }

        // ½(1 + cos πx) = cos²(πx/2).
        var x = Math.Min(1.0, (double)(step - warmup) / (total - warmup));
        var c = Math.Cos(Math.PI * x / 2);
        return minLr + ((maxLr - minLr) * c * c);
    }

    public static double[] ClipGradNorm(double[][] grads, double maxNorm)
    {
        var norm = 0.0;
        foreach (var g in grads.SelectMany(t => t))
        {
            norm = double.Hypot(norm, g);
        }

        var factor = Math.Min(1, maxNorm / (norm + 1e-6));
        return [.. grads.SelectMany(t => t).Select(g => g * factor)];
    }

    /// <summary>Rounds to float16 by hand: quantum 2^(e − 10) for normal numbers, 2^−24 below 2^−14, ties to even.</summary>
    public static double Fp16(double x)
    {
        if (x == 0)
        {
            return x;
        }

        var exponent = Math.Max(Math.ILogB(Math.Abs(x)), -14);
        var quantum = Math.ScaleB(1, exponent - 10);
        var rounded = Math.Round(Math.Abs(x) / quantum, MidpointRounding.ToEven) * quantum;
        return Math.CopySign(rounded > 65504 ? double.PositiveInfinity : rounded, x);
    }

    public static double[] DynamicLossScale(int[] overflows, double initial, int interval)
    {
        // Track the exponent: each overflow takes one off, each run of `interval` clean steps adds one.
        var exponent = 0;
        var run = 0;
        var used = new double[overflows.Length];
        for (var t = 0; t < overflows.Length; t++)
        {
            used[t] = initial * Math.Pow(2, exponent);
            (exponent, run) = overflows[t] != 0 ? (exponent - 1, 0) : run + 1 >= interval ? (exponent + 1, 0) : (exponent, run + 1);
        }

        return used;
    }

    private static List<int> MergeAll(List<int> sequence, (int Left, int Right) pair, int id)
    {
        var merged = new List<int>();
        var i = 0;
        while (i < sequence.Count)
        {
            var match = i + 1 < sequence.Count && sequence[i] == pair.Left && sequence[i + 1] == pair.Right;
            merged.Add(match ? id : sequence[i]);
            i += match ? 2 : 1;
        }

        return merged;
    }
}
