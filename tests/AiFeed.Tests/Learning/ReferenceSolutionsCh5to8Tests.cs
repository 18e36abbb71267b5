using System.Text.Json.Nodes;
using AiFeed.Learning;

namespace AiFeed.Tests.Learning;

/// <summary>
/// Chapters 5–8: properties the reference solutions must have beyond agreeing with their twins —
/// invalid inputs are rejected, and the algorithms keep the promises their lessons make.
/// </summary>
public sealed class ReferenceSolutionsCh5to8Tests
{
    public static TheoryData<string, string> InvalidInputs => new()
    {
        { "lora-merge", """{"w": [[1, 0]], "a": [[1, 2, 3]], "b": [[1]], "alpha": 1}""" },
        { "lora-parameter-count", """{"shapes": [[4096, 0, 1]], "rank": 8}""" },
        { "masked-sft-loss", """{"logits": [[1, 2]], "targets": [0], "mask": [0]}""" },
        { "masked-sft-loss", """{"logits": [[1, 2]], "targets": [2], "mask": [1]}""" },
        { "bradley-terry-loss", """{"chosen": [1, 2], "rejected": [1]}""" },
        { "dpo-loss", """{"policy_chosen": [0.5], "policy_rejected": [-1], "ref_chosen": [-1], "ref_rejected": [-1], "beta": 0.1}""" },
        { "ppo-clipped-objective", """{"logp_new": [-1], "logp_old": [-1], "advantages": [1], "epsilon": 0}""" },
        { "gae-advantages", """{"rewards": [1, 0], "values": [0, 0], "dones": [0, 0], "gamma": 0.9, "lam": 0.9}""" },
        { "kl-divergence", """{"p_logits": [[1, 2]], "q_logits": [[1, 2, 3]]}""" },
        { "best-of-n", """{"rewards": [1, 2], "weights": [1, 0], "n": 4}""" },
        { "temperature-entropy", """{"logits": [1, 2], "temperatures": [0]}""" },
        { "sampling-filter", """{"logits": [1, 2], "temperature": 1, "top_k": 0, "top_p": 0}""" },
        { "repetition-penalty", """{"logits": [1, 2], "generated": [2], "repetition_penalty": 1.2, "frequency_penalty": 0, "presence_penalty": 0}""" },
        { "beam-search", """{"transitions": [[1, 2], [3, 4], [5, 6]], "start": 0, "beam_width": 2, "steps": 2}""" },
        { "speculative-expected-tokens", """{"alpha": 1.5, "gamma": 3, "cost_ratio": 0.1}""" },
        { "speculative-step", """{"p": [[0.5, 0.5]], "q": [[0.5, 0.5]], "draft": [0], "u": [0.5], "v": 0.5}""" },
        { "kv-cache-memory", """{"layers": 0, "kv_heads": 8, "head_dim": 128, "seq_len": 10, "batch": 1, "bytes_per_value": 2}""" },
        { "perplexity", """{"documents": [[], []]}""" },
        { "bleu", """{"candidate": "a b c d", "references": []}""" },
        { "pass-at-k", """{"n": [10], "c": [11], "k": 1}""" },
        { "expected-calibration-error", """{"confidences": [1.2], "correct": [1], "bins": 10}""" },
        { "transformer-parameter-count", """{"vocab": 100, "context": 8, "d_model": 0, "layers": 1, "d_ff": 4}""" },
        { "chinchilla-optimal", """{"compute": 0, "irreducible": 1.69, "a": 406.4, "b": 410.7, "alpha": 0.34, "beta": 0.28}""" },
        { "power-law-fit", """{"compute": [1e20, 1e20], "loss": [3, 2.9], "irreducible": 1, "target": 1e22}""" },
        { "wilson-interval", """{"correct": 11, "total": 10, "z": 1.96}""" },
        { "int8-absmax", """{"x": []}""" },
        { "zero-point-quantization", """{"x": [1, 2], "bits": 0}""" },
        { "group-quantization", """{"x": [0, 0, 0], "group_size": 2}""" },
        { "paged-kv-blocks", """{"seq_lens": [300], "block_size": 16, "max_len": 256}""" },
        { "continuous-batching", """{"arrivals": [0, 1], "output_lens": [3, 0], "max_batch": 2}""" },
        { "serving-metrics", """{"arrivals": [10], "first_tokens": [5], "finishes": [20], "output_tokens": [3]}""" },
        { "decode-roofline", """{"params": 7e9, "bytes_per_param": 2, "kv_bytes_per_token": 0, "context": 0, "batch": 0, "bandwidth": 2e12, "peak_flops": 1e15}""" },
        { "tensor-parallel-mlp", """{"x": [1], "w1": [[1, 2, 3]], "w2": [[1], [1], [1]], "shards": 2}""" },
    };

    [Theory]
    [MemberData(nameof(InvalidInputs))]
    public void Solve_InvalidInput_ThrowsArgumentException(string id, string json)
    {
        // Arrange
        var input = JsonNode.Parse(json)!.AsObject();

        // Act and assert
        Assert.ThrowsAny<ArgumentException>(() => ReferenceSolutions.All[id].Solve(input));
    }

    [Fact]
    public void SpeculativeStep_OverAllRandomNumbers_EmitsTheTargetDistribution()
    {
        // Arrange: one drafted position; integrate the first emitted token over a fine grid of (u, v).
        double[] p = [0.5, 0.2, 0.3];
        double[] q = [0.1, 0.6, 0.3];
        const int Grid = 400;
        var counts = new double[3];

        // Act
        for (var draftToken = 0; draftToken < 3; draftToken++)
        {
            for (var i = 0; i < Grid; i++)
            {
                for (var j = 0; j < Grid; j++)
                {
                    var (u, v) = ((i + 0.5) / Grid, (j + 0.5) / Grid);
                    var first = (int)SpeculativeStep.Compute([p, [1, 0, 0]], [q], [draftToken], [u], v)[0];
                    counts[first] += q[draftToken] / (Grid * Grid);
                }
            }
        }

        // Assert: P(first = x) = min(p, q) + (1 − Σ min(p, q)) · max(0, p − q) / Σ max(0, p − q) = p(x),
        // up to the grid's resolution.
        for (var x = 0; x < 3; x++)
        {
            Assert.Equal(p[x], counts[x], 2);
        }
    }

    [Fact]
    public void BestOfN_ManyDistinctEqualRewards_ApproachesTheContinuousKl()
    {
        // Act: 10,000 equally likely distinct rewards behave almost like a continuous distribution.
        var rewards = Enumerable.Range(0, 10_000).Select(i => (double)i).ToArray();
        var weights = Enumerable.Repeat(1.0, rewards.Length).ToArray();
        var result = BestOfN.Compute(rewards, weights, 16);

        // Assert: ln 16 − 15/16 = 1.8351, and the expected best of 16 uniform draws is 16/17 of the range.
        Assert.Equal(Math.Log(16) - (15.0 / 16), result[1], 2);
        Assert.Equal(16.0 / 17 * 9999, result[0], 0);
    }

    [Fact]
    public void ContinuousBatching_BatchOfOne_EqualsStaticBatching()
    {
        // Act
        var result = ContinuousBatching.Compute([0, 0, 3, 20], [5, 2, 4, 1], 1);

        // Assert: one request at a time: finishes at 5, 7, 11 and 21.
        Assert.Equal((5 + 7 + 8 + 1) / 4.0, result[0], 12);
        Assert.Equal(result[0], result[1], 12);
    }

    [Fact]
    public void GaeAdvantages_LambdaOne_IsTheDiscountedReturnMinusTheValue()
    {
        // Act
        var advantages = GaeAdvantages.Compute([1, 2, 3], [0.5, -0.5, 1, 4], [0, 0, 0], 0.9, 1);

        // Assert: A_0 = 1 + 0.9·2 + 0.81·3 + 0.729·4 − 0.5.
        Assert.Equal(1 + 1.8 + 2.43 + (0.729 * 4) - 0.5, advantages[0], 12);
    }

    [Fact]
    public void SamplingFilter_FullNucleusAndNoTopK_IsTheTemperedSoftmax()
    {
        // Act
        var filtered = SamplingFilter.Compute([2, -1, 0.5, 3], 0.7, 0, 1);

        // Assert
        var expected = Softmax.Compute([2 / 0.7, -1 / 0.7, 0.5 / 0.7, 3 / 0.7]);
        Assert.All(Enumerable.Range(0, 4), i => Assert.Equal(expected[i], filtered[i], 12));
    }

    [Fact]
    public void WilsonInterval_AlwaysContainsTheObservedAccuracy()
    {
        for (var total = 1; total <= 40; total++)
        {
            for (var correct = 0; correct <= total; correct++)
            {
                // Act
                var interval = WilsonInterval.Compute(correct, total, 1.96);

                // Assert: at k = n the upper bound is 1 up to rounding (1 − 1.1e-16).
                var (p, lower, upper) = (interval[0], interval[1], interval[2]);
                Assert.InRange(p, lower - 1e-12, upper + 1e-12);
                Assert.InRange(lower, 0, 1);
                Assert.InRange(upper, 0, 1);
            }
        }
    }
}
