using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;
using static AiFeed.Tests.Learning.Ch1to4Input;
using static AiFeed.Tests.Learning.TwinInput;

namespace AiFeed.Tests.Learning;

/// <summary>
/// Second implementations of the problems of chapters 1-4 (tokenization and embeddings, attention, the
/// transformer block, training), each by another route than its reference solution: .NET's own UTF-8
/// encoder, merges applied in list order, backward dynamic programming, complex multiplication,
/// decimal arithmetic, bit-level float16 rounding, PyTorch's own update formulas.
/// </summary>
internal static partial class Independent
{
    [TwinOf("utf8-encode")]
    public static double[] Utf8(JsonObject input) => Utf8(Ints(input, "code_points"));

    [TwinOf("bpe-train")]
    public static double[] BpeTrain(JsonObject input) => BpeTrain(Ints(input, "ids"), Integer(input, "num_merges"));

    [TwinOf("bpe-encode")]
    public static double[] BpeEncode(JsonObject input) => BpeEncode(Ints(input, "ids"), Matrix(input, "merges"));

    [TwinOf("wordpiece")]
    public static double[] WordPiece(JsonObject input) => WordPiece(Text(input, "word"), Texts(input, "vocab"));

    [TwinOf("unigram-segment")]
    public static double[] UnigramSegment(JsonObject input) => [UnigramSegment(Text(input, "text"), Texts(input, "pieces"), Vector(input, "log_probs"))];

    [TwinOf("embed-tokens")]
    public static double[] EmbedTokens(JsonObject input) => Flatten(EmbedTokens(Ints(input, "ids"), Matrix(input, "table")));

    [TwinOf("rope")]
    public static double[] Rope(JsonObject input) => Flatten(Rope(Matrix(input, "x"), Ints(input, "positions"), Number(input, "base")));

    [TwinOf("alibi-slopes")]
    public static double[] AlibiSlopes(JsonObject input) => AlibiSlopes(Integer(input, "num_heads"));

    [TwinOf("rope-angles")]
    public static double[] RopeAngles(JsonObject input) =>
        RopeAngles(Integer(input, "position"), Integer(input, "dim"), Number(input, "base"), Number(input, "scale"), Text(input, "method"));

    [TwinOf("causal-attention")]
    public static double[] CausalAttention(JsonObject input) => Flatten(CausalAttention(Matrix(input, "q"), Matrix(input, "k"), Matrix(input, "v")));

    [TwinOf("attention-mask")]
    public static double[] AttentionMask(JsonObject input) =>
        [.. AttentionMask(Ints(input, "lengths"), Integer(input, "max_len"), Text(input, "padding_side"), Integer(input, "window")).SelectMany(Flatten)];

    [TwinOf("log-sum-exp")]
    public static double[] LogSumExp(JsonObject input) => [LogSumExp(Vector(input, "x"))];

    [TwinOf("split-heads")]
    public static double[] SplitHeads(JsonObject input) => [.. SplitHeads(Matrix(input, "x"), Integer(input, "num_heads")).SelectMany(Flatten)];

    [TwinOf("grouped-query-attention")]
    public static double[] GroupedQueryAttention(JsonObject input) =>
        [.. GroupedQueryAttention(Tensor(input, "q"), Tensor(input, "k"), Tensor(input, "v")).SelectMany(Flatten)];

    [TwinOf("online-softmax")]
    public static double[] OnlineSoftmax(JsonObject input) => Flatten(OnlineSoftmax(Vector(input, "scores"), Matrix(input, "values"), Integer(input, "block_size")));

    [TwinOf("rms-norm")]
    public static double[] RmsNorm(JsonObject input) => Flatten(RmsNorm(Matrix(input, "x"), Vector(input, "weight"), Number(input, "eps")));

    [TwinOf("gelu")]
    public static double[] Gelu(JsonObject input) =>
        [.. Vector(input, "x").Select(x => Text(input, "approximate") == "tanh" ? GeluTanh(x) : GeluExact(x))];

    [TwinOf("swiglu-ffn")]
    public static double[] SwiGlu(JsonObject input) => Flatten(SwiGlu(Matrix(input, "x"), Matrix(input, "w_gate"), Matrix(input, "w_up"), Matrix(input, "w_down")));

    [TwinOf("llama-parameter-count")]
    public static double[] LlamaParameterCount(JsonObject input) => LlamaParameterCountOf(input);

    [TwinOf("transformer-block")]
    public static double[] TransformerBlock(JsonObject input) => Flatten(TransformerBlock(
        Matrix(input, "x"), Matrix(input, "w_q"), Matrix(input, "w_k"), Matrix(input, "w_v"), Matrix(input, "w_o"), Matrix(input, "w_1"), Matrix(input, "w_2")));

    [TwinOf("label-smoothing")]
    public static double[] LabelSmoothing(JsonObject input) => [LabelSmoothing(Matrix(input, "logits"), Ints(input, "labels"), Number(input, "smoothing"))];

    [TwinOf("cross-entropy-gradient")]
    public static double[] CrossEntropyGradient(JsonObject input) => Flatten(CrossEntropyGradient(Matrix(input, "logits"), Ints(input, "labels")));

    [TwinOf("sgd-momentum")]
    public static double[] SgdMomentum(JsonObject input) =>
        SgdMomentum(Vector(input, "params"), Matrix(input, "grads"), Number(input, "lr"), Number(input, "momentum"), Number(input, "weight_decay"));

    [TwinOf("adamw")]
    public static double[] AdamW(JsonObject input) => AdamW(
        Vector(input, "params"), Matrix(input, "grads"), Number(input, "lr"), Number(input, "beta1"), Number(input, "beta2"), Number(input, "eps"), Number(input, "weight_decay"));

    [TwinOf("warmup-cosine")]
    public static double[] WarmupCosine(JsonObject input) =>
        [.. Ints(input, "steps").Select(t => WarmupCosine(t, Integer(input, "warmup_steps"), Integer(input, "total_steps"), Number(input, "min_ratio")))];

    [TwinOf("clip-grad-norm")]
    public static double[] ClipGradNorm(JsonObject input) => ClipGradNorm(Matrix(input, "grads"), Number(input, "max_norm"));

    [TwinOf("fp16-loss-scaling")]
    public static double[] Fp16LossScaling(JsonObject input) => [.. Vector(input, "grads").Select(g => (double)Fp16Bits(g * Number(input, "scale")))];

    [TwinOf("dynamic-loss-scale")]
    public static double[] DynamicLossScale(JsonObject input) => DynamicLossScale(Ints(input, "overflows"), Number(input, "init_scale"), Integer(input, "growth_interval"));

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

    public static double[] LlamaParameterCountOf(JsonObject config)
    {
        // Every named tensor of the model, as a state dict lists them, grouped and summed.
        long L(string name) => Integer(config, name);
        var (vocab, d, layers, ff, heads, kvHeads) = (L("vocab_size"), L("d_model"), L("n_layers"), L("d_ff"), L("n_heads"), L("n_kv_heads"));
        var kv = d / heads * kvHeads;
        long[][] embeddings = [[vocab, d]];
        long[][] block =
        [
            [d], // input_layernorm
            [d, d], [kv, d], [kv, d], [d, d], // q_proj, k_proj, v_proj, o_proj
            [d], // post_attention_layernorm
            [ff, d], [ff, d], [d, ff], // gate_proj, up_proj, down_proj
        ];
        long[][] finalNorm = [[d]];
        long[][] head = config["tied_embeddings"]!.GetValue<bool>() ? [] : [[vocab, d]];
        static double Count(long[][] tensors) => tensors.Sum(shape => shape.Aggregate(1L, (a, b) => a * b));
        var model = embeddings.Concat(Enumerable.Repeat(block, (int)layers).SelectMany(b => b)).Concat(finalNorm).Concat(head).ToArray();
        return [Count(embeddings), Count(block), Count(finalNorm), Count(head), Count(model)];
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

    public static double WarmupCosine(int step, int warmup, int total, double minRatio)
    {
        if (step < warmup)
        {
            return (double)(step + 1) / warmup;
        }

        // ½(1 + cos πx) = cos²(πx/2); past the end x stays 1.
        var x = Math.Min(1.0, (double)(step - warmup) / (total - warmup));
        var c = Math.Cos(Math.PI * x / 2);
        return minRatio + ((1 - minRatio) * c * c);
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

    /// <summary>The float16 layout by hand: sign bit, 5 exponent bits biased by 15 (0 for subnormals, 31 for ∞), 10 mantissa bits.</summary>
    public static int Fp16Bits(double x)
    {
        var value = Fp16(x);
        var sign = double.IsNegative(value) ? 0x8000 : 0;
        var magnitude = Math.Abs(value);
        if (double.IsInfinity(magnitude))
        {
            return sign | 0x7C00;
        }

        if (magnitude < Math.ScaleB(1, -14))
        {
            return sign | (int)(magnitude / Math.ScaleB(1, -24));
        }

        var exponent = Math.ILogB(magnitude);
        var mantissa = (int)(((magnitude / Math.ScaleB(1, exponent)) - 1) * 1024);
        return sign | ((exponent + 15) << 10) | mantissa;
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

/// <summary>The argument kinds chapters 1-4 add to <see cref="TwinInput"/>: whole numbers, strings, 3-D arrays.</summary>
internal static class Ch1to4Input
{
    public static int[] Ints(JsonObject input, string name) => [.. Vector(input, name).Select(v => (int)v)];

    public static string Text(JsonObject input, string name) => input[name]!.GetValue<string>();

    public static string[] Texts(JsonObject input, string name) => [.. input[name]!.AsArray().Select(n => n!.GetValue<string>())];

    public static double[][][] Tensor(JsonObject input, string name) =>
        [.. input[name]!.AsArray().Select(b => b!.AsArray().Select(r => r!.AsArray().Select(n => n!.GetValue<double>()).ToArray()).ToArray())];
}
