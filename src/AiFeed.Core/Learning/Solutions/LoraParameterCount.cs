using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>Trainable LoRA parameters r·(d_out + d_in) per adapted matrix against the frozen d_out·d_in.</summary>
public sealed class LoraParameterCount : IReferenceSolution
{
    private const int PlottedWidth = 4096;
    private static readonly int[] Widths = [64, 128, 256, 768, 1024, 2048, 4096, 5120, 8192, 11008, 14336, 16384];

    public string Id => "lora-parameter-count";

    /// <summary>[LoRA parameters, frozen parameters, LoRA as a percentage of frozen].</summary>
    public static double[] Compute(IReadOnlyList<double[]> shapes, double rank)
    {
        ArgumentNullException.ThrowIfNull(shapes);
        if (shapes.Count == 0)
        {
            throw new ArgumentException("name at least one adapted matrix", nameof(shapes));
        }

        var r = WholePositive(rank, "rank");
        // long throughout: 128 matrices of 4096 × 4096 already hold 2^31 parameters.
        long lora = 0, frozen = 0;
        for (var i = 0; i < shapes.Count; i++)
        {
            if (shapes[i].Length != 3)
            {
                throw new ArgumentException($"shapes[{i}] must be [d_out, d_in, count]", nameof(shapes));
            }

            var (dOut, dIn, count) = (WholePositive(shapes[i][0], "shapes"), WholePositive(shapes[i][1], "shapes"), WholePositive(shapes[i][2], "shapes"));
            lora = checked(lora + (count * r * (dOut + dIn)));
            frozen = checked(frozen + (count * dOut * dIn));
        }

        return [lora, frozen, 100.0 * lora / frozen];
    }

    public JsonObject Generate(Random random) => Case(random, wholeModel: CaseRandom.Between(random, 0, 1) == 0);

    public JsonObject GenerateAtLimits(Random random) => Case(random, wholeModel: true);

    public NumericValue Solve(JsonObject input) =>
        NumericValue.Vector(Compute(InputReader.Matrix(input, "shapes"), InputReader.Number(input, "rank")));

    public PlotSpec Plot() => new(
        $"LoRA's trainable share of one {PlottedWidth} × {PlottedWidth} matrix",
        "rank r",
        "trainable parameters, % of the matrix",
        1,
        256,
        0,
        13,
        [new PlotSeries("100 · r · (d_out + d_in) / (d_out · d_in)", PlotSpec.Sample(1, 256, 256, r => Compute([[PlottedWidth, PlottedWidth, 1]], Math.Round(r))[2]))]);

    private static long WholePositive(double value, string name) =>
        value >= 1 && value == Math.Floor(value) && value <= int.MaxValue
            ? (long)value
            : throw new ArgumentException($"{name}: {value} is not a whole number ≥ 1", name);

    // A whole model adapts enough matrices that the frozen count passes 2^31, where an int wraps.
    private static JsonObject Case(Random random, bool wholeModel)
    {
        var shapes = Enumerable.Range(0, CaseRandom.Between(random, 1, 4)).Select(_ => new double[]
        {
            Widths[CaseRandom.Between(random, wholeModel ? 6 : 0, Widths.Length - 1)],
            Widths[CaseRandom.Between(random, wholeModel ? 6 : 0, Widths.Length - 1)],
            wholeModel ? CaseRandom.Between(random, 128, 320) : CaseRandom.Between(random, 1, 24),
        });
        return new JsonObject
        {
            ["shapes"] = InputReader.ToJson(shapes),
            ["rank"] = 1 << CaseRandom.Between(random, 0, 7),
        };
    }
}
