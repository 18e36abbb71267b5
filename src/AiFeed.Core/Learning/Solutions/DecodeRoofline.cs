using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>
/// A roofline estimate of one decode step: the longer of reading every weight and the KV cache from
/// memory and doing 2 FLOPs per weight per sequence, and the tokens per second it allows.
/// </summary>
public sealed class DecodeRoofline : IReferenceSolution
{
    private static readonly double[] BytesPerParam = [0.5, 1, 2, 4];

    public string Id => "decode-roofline";

    /// <summary>[step time in ms, tokens per second].</summary>
    public static double[] Compute(double parameters, double bytesPerParam, double kvBytesPerToken, double context, double batch, double bandwidth, double peakFlops)
    {
        if (!(parameters is > 0 and < double.PositiveInfinity) || !(bytesPerParam is > 0 and <= 8))
        {
            throw new ArgumentException("params must be positive and bytes_per_param in (0, 8]", nameof(parameters));
        }

        if (!(kvBytesPerToken is >= 0 and < double.PositiveInfinity) || !(context is >= 0 and < double.PositiveInfinity) || batch < 1 || batch != Math.Floor(batch))
        {
            throw new ArgumentException("kv_bytes_per_token and context must be ≥ 0 and batch a whole number ≥ 1", nameof(batch));
        }

        if (!(bandwidth is > 0 and < double.PositiveInfinity) || !(peakFlops is > 0 and < double.PositiveInfinity))
        {
            throw new ArgumentException("bandwidth and peak_flops must be positive", nameof(bandwidth));
        }

        // The weights are read once per step whatever the batch; each sequence reads its own cache.
        var bytes = (parameters * bytesPerParam) + (batch * context * kvBytesPerToken);
        var flops = 2 * parameters * batch;
        var step = Math.Max(bytes / bandwidth, flops / peakFlops);
        return [step * 1000, batch / step];
    }

    public JsonObject Generate(Random random) => new()
    {
        ["params"] = CaseRandom.Scientific(random, 8, 11),
        ["bytes_per_param"] = BytesPerParam[CaseRandom.Between(random, 0, BytesPerParam.Length - 1)],
        ["kv_bytes_per_token"] = 1024 * CaseRandom.Between(random, 0, 1024),
        ["context"] = CaseRandom.Between(random, 0, 131_072),
        // Batches from 1 to 1024 cross from memory-bound to compute-bound.
        ["batch"] = CaseRandom.Between(random, 0, 1) == 0 ? CaseRandom.Between(random, 1, 16) : CaseRandom.Between(random, 16, 1024),
        ["bandwidth"] = CaseRandom.Scientific(random, 11, 12),
        ["peak_flops"] = CaseRandom.Scientific(random, 13, 15),
    };

    public NumericValue Solve(JsonObject input) => NumericValue.Vector(Compute(
        InputReader.Number(input, "params"),
        InputReader.Number(input, "bytes_per_param"),
        InputReader.Number(input, "kv_bytes_per_token"),
        InputReader.Number(input, "context"),
        InputReader.Number(input, "batch"),
        InputReader.Number(input, "bandwidth"),
        InputReader.Number(input, "peak_flops")));

    // 7 B parameters in 16 bits on 2 TB/s and 10^15 FLOP/s, no KV cache: memory-bound up to a batch
    // of 500, where 2 · 7e9 · 500 FLOPs take as long as reading 14 GB.
    public PlotSpec Plot() => new(
        "7 B parameters, 16-bit weights, 2 TB/s, 10^15 FLOP/s, KV cache ignored",
        "batch size",
        "tokens per second, thousands",
        1,
        1024,
        0,
        80,
        [new PlotSeries("batch / step time", PlotSpec.Sample(1, 1024, 1024, b => Compute(7e9, 2, 0, 0, Math.Round(b), 2e12, 1e15)[1] / 1000))]);
}
