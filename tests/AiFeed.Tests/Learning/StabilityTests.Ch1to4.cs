using System.Text.Json.Nodes;
using AiFeed.Learning;
using static AiFeed.Tests.Learning.Ch1to4Input;
using static AiFeed.Tests.Learning.TwinInput;

namespace AiFeed.Tests.Learning;

/// <summary>
/// Chapters 1-4: on every seed's test set, the textbook-naive version of each problem — an unshifted
/// exponential, a greedy tokenizer, a reshape without a transpose, a per-tensor clip — fails at least
/// one case (the last case is at the stated limits), while the independent twin passes them all.
/// </summary>
public sealed partial class StabilityTests
{
    // Each test set's last case is built to break the naive code, so fewer seeds than the default prove the point.
    private const int ChapterSeeds = 40;

    [Fact]
    public void CausalAttention_WithoutMaxShift_FailsEverySeed() =>
        AssertNaiveFailsEverySeed("causal-attention", ChapterSeeds, input =>
            Flatten(NaiveCausal(Matrix(input, "q"), Matrix(input, "k"), Matrix(input, "v"))));

    [Fact]
    public void GroupedQueryAttention_WithoutMaxShiftOrWithInterleavedGroups_FailsEverySeed() =>
        AssertNaiveFailsEverySeed(
            "grouped-query-attention",
            ChapterSeeds,
            input =>
            {
                var (q, k, v) = (Tensor(input, "q"), Tensor(input, "k"), Tensor(input, "v"));
                return [.. q.SelectMany((head, h) => Flatten(NaiveCausal(head, k[h / (q.Length / k.Length)], v[h / (q.Length / k.Length)])))];
            },
            input =>
            {
                // Stable, but query head h paired with key/value head h mod H_kv.
                var (q, k, v) = (Tensor(input, "q"), Tensor(input, "k"), Tensor(input, "v"));
                return [.. q.SelectMany((head, h) => Flatten(Independent.CausalAttention(head, k[h % k.Length], v[h % k.Length])))];
            });

    [Fact]
    public void TransformerBlock_WithoutMaxShiftOrPostNorm_FailsEverySeed() =>
        AssertNaiveFailsEverySeed(
            "transformer-block",
            ChapterSeeds,
            input => Block(input, NaiveCausal, postNorm: false),
            input => Block(input, Independent.CausalAttention, postNorm: true));

    [Fact]
    public void OnlineSoftmax_WithoutShiftOrWithTheGlobalMaximum_FailsEverySeed() =>
        AssertNaiveFailsEverySeed(
            "online-softmax",
            ChapterSeeds,
            input => OnlineStates(input, (scores, end) => 0),
            input => OnlineStates(input, (scores, end) => scores.Max()));

    [Fact]
    public void LogSumExp_Direct_FailsEverySeed() =>
        AssertNaiveFailsEverySeed("log-sum-exp", ChapterSeeds, input => [Math.Log(Vector(input, "x").Sum(Math.Exp))]);

    [Fact]
    public void SwiGlu_WithAnUnguardedSigmoid_FailsEverySeed() =>
        AssertNaiveFailsEverySeed("swiglu-ffn", ChapterSeeds, input =>
        {
            var (x, gate, up, down) = (Matrix(input, "x"), Matrix(input, "w_gate"), Matrix(input, "w_up"), Matrix(input, "w_down"));
            var g = MatMul(x, gate);
            var u = MatMul(x, up);
            var hidden = g.Select((row, i) => row.Select((z, j) => z * Math.Exp(z) / (1 + Math.Exp(z)) * u[i][j]).ToArray()).ToArray();
            return Flatten(MatMul(hidden, down));
        });

    [Fact]
    public void LabelSmoothing_LogOfSoftmax_FailsEverySeed() =>
        AssertNaiveFailsEverySeed("label-smoothing", ChapterSeeds, input =>
        {
            var (logits, labels, smoothing) = (Matrix(input, "logits"), Ints(input, "labels"), Number(input, "smoothing"));
            return [logits.Select((z, i) =>
            {
                var p = Independent.Softmax(z);
                return -p.Select((pk, k) => ((smoothing / z.Length) + (k == labels[i] ? 1 - smoothing : 0)) * Math.Log(pk)).Sum();
            }).Average()];
        });

    [Fact]
    public void CrossEntropyGradient_WithoutMaxShift_FailsEverySeed() =>
        AssertNaiveFailsEverySeed("cross-entropy-gradient", ChapterSeeds, input =>
        {
            var (logits, labels) = (Matrix(input, "logits"), Ints(input, "labels"));
            return Flatten(logits.Select((z, i) =>
            {
                var sum = z.Sum(Math.Exp);
                return z.Select((v, k) => ((Math.Exp(v) / sum) - (k == labels[i] ? 1 : 0)) / logits.Length).ToArray();
            }));
        });

    [Fact]
    public void UnigramSegment_GreedyLongestMatch_FailsEverySeed() =>
        AssertNaiveFailsEverySeed("unigram-segment", ChapterSeeds, input =>
        {
            var (text, pieces, scores) = (Text(input, "text"), Texts(input, "pieces"), Vector(input, "log_probs"));
            var score = pieces.Zip(scores).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
            var (total, start) = (0.0, 0);
            while (start < text.Length)
            {
                var end = Enumerable.Range(start + 1, text.Length - start).Last(e => score.ContainsKey(text[start..e]));
                total += score[text[start..end]];
                start = end;
            }

            return [total];
        });

    [Fact]
    public void Utf8Encode_ThroughUtf16Halves_FailsEverySeed() =>
        AssertNaiveFailsEverySeed("utf8-encode", ChapterSeeds, input =>
            // CESU-8: each UTF-16 code unit encoded on its own, six bytes for a character above U+FFFF.
            [.. Ints(input, "code_points").SelectMany(cp => char.ConvertFromUtf32(cp).SelectMany(unit => unit switch
            {
                < (char)0x80 => new double[] { unit },
                < (char)0x800 => [0xC0 | (unit >> 6), 0x80 | (unit & 0x3F)],
                _ => [0xE0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3F), 0x80 | (unit & 0x3F)],
            }))]);

    [Fact]
    public void SplitHeads_ReshapeWithoutTranspose_FailsEverySeed() =>
        AssertNaiveFailsEverySeed("split-heads", ChapterSeeds, input => Flatten(Matrix(input, "x")));

    [Fact]
    public void AlibiSlopes_FormulaWithoutThePowerOfTwoRule_FailsEverySeed() =>
        AssertNaiveFailsEverySeed("alibi-slopes", ChapterSeeds, input =>
        {
            var n = Integer(input, "num_heads");
            return [.. Enumerable.Range(1, n).Select(k => Math.Pow(2, -8.0 * k / n))];
        });

    [Fact]
    public void AttentionMask_IgnoringThePaddingSide_FailsEverySeed() =>
        AssertNaiveFailsEverySeed("attention-mask", ChapterSeeds, input =>
            [.. Independent.AttentionMask(Ints(input, "lengths"), Integer(input, "max_len"), "right", Integer(input, "window")).SelectMany(Flatten)]);

    [Fact]
    public void BpeEncode_FirstMergeablePairFromTheLeft_FailsEverySeed() =>
        AssertNaiveFailsEverySeed("bpe-encode", ChapterSeeds, input =>
        {
            var rank = Matrix(input, "merges").Select((m, r) => (Pair: ((int)m[0], (int)m[1]), Rank: r)).ToDictionary(p => p.Pair, p => p.Rank);
            var ids = Ints(input, "ids").ToList();
            for (var i = 0; i + 1 < ids.Count;)
            {
                if (rank.TryGetValue((ids[i], ids[i + 1]), out var r))
                {
                    ids[i] = 256 + r;
                    ids.RemoveAt(i + 1);
                    i = Math.Max(0, i - 1);
                }
                else
                {
                    i++;
                }
            }

            return [.. ids.Select(id => (double)id)];
        });

    [Fact]
    public void BpeTrain_TiesBrokenByTheSmallerPair_FailsEverySeed() =>
        AssertNaiveFailsEverySeed("bpe-train", ChapterSeeds, input =>
        {
            var ids = Ints(input, "ids").ToList();
            for (var step = 0; step < Integer(input, "num_merges") && ids.Count >= 2; step++)
            {
                var best = Enumerable.Range(0, ids.Count - 1).Select(i => (ids[i], ids[i + 1]))
                    .GroupBy(p => p).OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Item1).ThenBy(g => g.Key.Item2).First().Key;
                var merged = new List<int>();
                for (var i = 0; i < ids.Count; i++)
                {
                    var match = i + 1 < ids.Count && (ids[i], ids[i + 1]) == best;
                    merged.Add(match ? 256 + step : ids[i]);
                    i += match ? 1 : 0;
                }

                ids = merged;
            }

            return [.. ids.Select(id => (double)id)];
        });

    [Fact]
    public void WordPiece_ShortestMatchFirst_FailsEverySeed() =>
        AssertNaiveFailsEverySeed("wordpiece", ChapterSeeds, input =>
        {
            var (word, vocab) = (Text(input, "word"), Texts(input, "vocab"));
            var index = vocab.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i, StringComparer.Ordinal);
            var tokens = new List<double>();
            for (var start = 0; start < word.Length;)
            {
                var end = Enumerable.Range(start + 1, word.Length - start).FirstOrDefault(e => index.ContainsKey((start == 0 ? "" : "##") + word[start..e]));
                if (end == 0)
                {
                    return [index["[UNK]"]];
                }

                tokens.Add(index[(start == 0 ? "" : "##") + word[start..end]]);
                start = end;
            }

            return [.. tokens];
        });

    [Fact]
    public void RmsNorm_EpsilonOutsideTheRoot_FailsEverySeed() =>
        AssertNaiveFailsEverySeed("rms-norm", ChapterSeeds, input =>
        {
            var (x, weight, eps) = (Matrix(input, "x"), Vector(input, "weight"), Number(input, "eps"));
            return Flatten(x.Select(row => row.Select((v, i) => v / (Math.Sqrt(row.Sum(a => a * a) / row.Length) + eps) * weight[i]).ToArray()));
        });

    [Fact]
    public void Fp16LossScaling_TruncatingOrFlushingSubnormals_FailsEverySeed() =>
        AssertNaiveFailsEverySeed(
            "fp16-loss-scaling",
            ChapterSeeds,
            input => Fp16Naive(input, x => Independent.Fp16Bits(Math.ScaleB(Math.Truncate(Math.ScaleB(x, 10 - Math.Max(Math.ILogB(Math.Abs(x)), -14))), Math.Max(Math.ILogB(Math.Abs(x)), -14) - 10))),
            input => Fp16Naive(input, x => Math.Abs(x) < Math.ScaleB(1, -14) ? (x < 0 ? 0x8000 : 0) : Independent.Fp16Bits(x)));

    [Fact]
    public void ClipGradNorm_PerTensor_FailsEverySeed() =>
        AssertNaiveFailsEverySeed("clip-grad-norm", ChapterSeeds, input =>
        {
            var maxNorm = Number(input, "max_norm");
            return [.. Matrix(input, "grads").SelectMany(t =>
            {
                var norm = Math.Sqrt(t.Sum(g => g * g));
                return t.Select(g => g * Math.Min(1, maxNorm / (norm + 1e-6)));
            })];
        });

    [Fact]
    public void WarmupCosine_WarmingUpFromZero_FailsEverySeed() =>
        AssertNaiveFailsEverySeed("warmup-cosine", ChapterSeeds, input =>
        {
            var (warmup, total, floor) = (Integer(input, "warmup_steps"), Integer(input, "total_steps"), Number(input, "min_ratio"));
            return [.. Ints(input, "steps").Select(t => t < warmup ? (double)t / warmup : Independent.WarmupCosine(t, warmup, total, floor))];
        });

    [Fact]
    public void SgdMomentum_AsAMovingAverage_FailsEverySeed() =>
        AssertNaiveFailsEverySeed("sgd-momentum", ChapterSeeds, input =>
        {
            var (p, (lr, mu, decay)) = (Vector(input, "params"), (Number(input, "lr"), Number(input, "momentum"), Number(input, "weight_decay")));
            var v = new double[p.Length];
            foreach (var g in Matrix(input, "grads"))
            {
                for (var i = 0; i < p.Length; i++)
                {
                    v[i] = (mu * v[i]) + ((1 - mu) * (g[i] + (decay * p[i])));
                    p[i] -= lr * v[i];
                }
            }

            return p;
        });

    [Fact]
    public void AdamW_WithoutBiasCorrection_FailsEverySeed() =>
        AssertNaiveFailsEverySeed("adamw", ChapterSeeds, input =>
        {
            var p = Vector(input, "params");
            var (lr, b1, b2, eps, decay) = (Number(input, "lr"), Number(input, "beta1"), Number(input, "beta2"), Number(input, "eps"), Number(input, "weight_decay"));
            var (m, v) = (new double[p.Length], new double[p.Length]);
            foreach (var g in Matrix(input, "grads"))
            {
                for (var i = 0; i < p.Length; i++)
                {
                    p[i] *= 1 - (lr * decay);
                    m[i] = (b1 * m[i]) + ((1 - b1) * g[i]);
                    v[i] = (b2 * v[i]) + ((1 - b2) * g[i] * g[i]);
                    p[i] -= lr * m[i] / (Math.Sqrt(v[i]) + eps);
                }
            }

            return p;
        });

    [Fact]
    public void LlamaParameterCount_WithATwoMatrixMlp_FailsEverySeed() =>
        AssertNaiveFailsEverySeed("llama-parameter-count", ChapterSeeds, input =>
        {
            var counts = Independent.LlamaParameterCountOf(input);
            var (d, ff, layers) = (Integer(input, "d_model"), Integer(input, "d_ff"), Integer(input, "n_layers"));
            return [counts[0], counts[1] - ((double)d * ff), counts[2], counts[3], counts[4] - ((double)layers * d * ff)];
        });

    [Fact]
    public void DynamicLossScale_KeepingTheCleanCountAcrossOverflows_FailsEverySeed() =>
        AssertNaiveFailsEverySeed("dynamic-loss-scale", ChapterSeeds, input =>
        {
            var (scale, clean, interval) = (Number(input, "init_scale"), 0, Integer(input, "growth_interval"));
            var used = new List<double>();
            foreach (var overflow in Ints(input, "overflows"))
            {
                used.Add(scale);
                if (overflow == 1)
                {
                    scale /= 2;
                }
                else if (++clean % interval == 0)
                {
                    scale *= 2;
                }
            }

            return [.. used];
        });

    [Fact]
    public void Rope_RotateHalfLayout_FailsEverySeed() =>
        AssertNaiveFailsEverySeed("rope", ChapterSeeds, input =>
        {
            var (x, positions, theta) = (Matrix(input, "x"), Ints(input, "positions"), Number(input, "base"));
            return Flatten(x.Select((row, r) =>
            {
                var (d, half) = (row.Length, row.Length / 2);
                var output = new double[d];
                for (var i = 0; i < half; i++)
                {
                    var angle = positions[r] * Math.Pow(theta, -2.0 * i / d);
                    output[i] = (row[i] * Math.Cos(angle)) - (row[i + half] * Math.Sin(angle));
                    output[i + half] = (row[i] * Math.Sin(angle)) + (row[i + half] * Math.Cos(angle));
                }

                return output;
            }));
        });

    [Fact]
    public void RopeAngles_NtkWithoutTheExponent_FailsEverySeed() =>
        AssertNaiveFailsEverySeed("rope-angles", ChapterSeeds, input =>
        {
            var (dim, scale, method) = (Integer(input, "dim"), Number(input, "scale"), Text(input, "method"));
            var theta = Number(input, "base") * (method == "ntk" ? scale : 1);
            return [.. Enumerable.Range(0, dim / 2).Select(i => Integer(input, "position") * Math.Pow(theta, -2.0 * i / dim) / (method == "linear" ? scale : 1))];
        });

    [Fact]
    public void EmbedTokens_WithoutTheSqrtDScale_FailsEverySeed() =>
        AssertNaiveFailsEverySeed("embed-tokens", ChapterSeeds, input =>
        {
            var table = Matrix(input, "table");
            var d = table[0].Length;
            return Flatten(Ints(input, "ids").Select((id, pos) => table[id].Select((e, j) => e + Independent.PositionalEncoding(pos, j, d)).ToArray()));
        });

    [Fact]
    public void Gelu_TheOtherApproximation_FailsEverySeed() =>
        AssertNaiveFailsEverySeed("gelu", ChapterSeeds, input =>
            [.. Vector(input, "x").Select(x => Text(input, "approximate") == "tanh" ? Independent.GeluExact(x) : Independent.GeluTanh(x))]);

    [Theory]
    [InlineData("utf8-encode", "code_points", 2000)]
    [InlineData("bpe-train", "ids", 2000)]
    [InlineData("bpe-encode", "ids", 2000)]
    [InlineData("wordpiece", "vocab", 300)]
    [InlineData("unigram-segment", "pieces", 200)]
    [InlineData("embed-tokens", "ids", 256)]
    [InlineData("rope", "x", 64)]
    [InlineData("causal-attention", "q", 128)]
    [InlineData("attention-mask", "lengths", 8)]
    [InlineData("log-sum-exp", "x", 2000)]
    [InlineData("split-heads", "x", 64)]
    [InlineData("grouped-query-attention", "q", 16)]
    [InlineData("online-softmax", "scores", 1000)]
    [InlineData("rms-norm", "x", 16)]
    [InlineData("gelu", "x", 1000)]
    [InlineData("swiglu-ffn", "x", 16)]
    [InlineData("transformer-block", "x", 32)]
    [InlineData("label-smoothing", "logits", 32)]
    [InlineData("cross-entropy-gradient", "logits", 32)]
    [InlineData("sgd-momentum", "grads", 100)]
    [InlineData("adamw", "grads", 100)]
    [InlineData("warmup-cosine", "steps", 1000)]
    [InlineData("clip-grad-norm", "grads", 20)]
    [InlineData("fp16-loss-scaling", "grads", 1000)]
    [InlineData("dynamic-loss-scale", "overflows", 2000)]
    public void EveryTestSet_ReachesTheStatedLengthLimit(string slug, string argument, int limit)
    {
        // Arrange: the statement names the limit.
        var problem = ContentFolder.Shipped().Problems[slug];
        Assert.Contains(limit.ToString(System.Globalization.CultureInfo.InvariantCulture), problem.Text.ConstraintsHtml, StringComparison.Ordinal);

        for (var seed = 0; seed < 5; seed++)
        {
            // Act
            var set = TestSetGenerator.Generate(problem, seed, HiddenCases);

            // Assert: the longest input of each test set is exactly at the limit, never beyond.
            var longest = set.Cases.Max(c => JsonNode.Parse(c.InputJson)![argument]!.AsArray().Count);
            Assert.Equal(limit, longest);
        }
    }

    // Softmax without subtracting the maximum: e^s overflows to ∞ and ∞/∞ is NaN.
    private static double[][] NaiveCausal(double[][] q, double[][] k, double[][] v) =>
        [.. q.Select((qi, i) =>
        {
            var e = Enumerable.Range(0, i + 1).Select(j => Math.Exp(qi.Zip(k[j], (a, b) => a * b).Sum() / Math.Sqrt(qi.Length))).ToArray();
            var sum = e.Sum();
            return Enumerable.Range(0, v[0].Length).Select(c => Enumerable.Range(0, i + 1).Sum(j => e[j] / sum * v[j][c])).ToArray();
        })];

    private static double[] Block(JsonObject input, Func<double[][], double[][], double[][], double[][]> attention, bool postNorm)
    {
        double[][] Norm(double[][] rows) => [.. rows.Select(r => Independent.LayerNorm(r, [.. r.Select(_ => 1.0)], [.. r.Select(_ => 0.0)]))];
        double[][] Plus(double[][] a, double[][] b) => [.. a.Select((r, i) => r.Select((x, j) => x + b[i][j]).ToArray())];
        var x = Matrix(input, "x");
        var a = postNorm ? x : Norm(x);
        var attended = MatMul(attention(MatMul(a, Matrix(input, "w_q")), MatMul(a, Matrix(input, "w_k")), MatMul(a, Matrix(input, "w_v"))), Matrix(input, "w_o"));
        var h = postNorm ? Norm(Plus(x, attended)) : Plus(x, attended);
        var mlp = MatMul(MatMul(postNorm ? h : Norm(h), Matrix(input, "w_1")).Select(r => r.Select(Independent.GeluTanh).ToArray()).ToArray(), Matrix(input, "w_2"));
        return Flatten(postNorm ? Norm(Plus(h, mlp)) : Plus(h, mlp));
    }

    // The block states with a fixed shift chosen by `shift` instead of the running maximum.
    private static double[] OnlineStates(JsonObject input, Func<double[], int, double> shift)
    {
        var (scores, values, block) = (Vector(input, "scores"), Matrix(input, "values"), Integer(input, "block_size"));
        var states = new List<double[]>();
        for (var end = Math.Min(block, scores.Length); ; end = Math.Min(end + block, scores.Length))
        {
            var m = shift(scores, end);
            var w = scores.Take(end).Select(s => Math.Exp(s - m)).ToArray();
            var l = w.Sum();
            states.Add([scores.Take(end).Max(), l, .. Enumerable.Range(0, values[0].Length).Select(c => Enumerable.Range(0, end).Sum(j => w[j] / l * values[j][c]))]);
            if (end == scores.Length)
            {
                return Flatten(states);
            }
        }
    }

    private static double[] Fp16Naive(JsonObject input, Func<double, int> bits)
    {
        var scale = Number(input, "scale");
        return [.. Vector(input, "grads").Select(g => (double)(g == 0 ? Independent.Fp16Bits(g) : bits(g * scale)))];
    }

    private static double[][] MatMul(double[][] a, double[][] b) =>
        [.. a.Select(row => Enumerable.Range(0, b[0].Length).Select(j => Enumerable.Range(0, b.Length).Sum(k => row[k] * b[k][j])).ToArray())];
}
