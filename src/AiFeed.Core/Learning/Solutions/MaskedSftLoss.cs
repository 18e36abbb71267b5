using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>Cross-entropy averaged over the response tokens only (mask 1), as instruction tuning trains.</summary>
public sealed class MaskedSftLoss : IReferenceSolution
{
    private const double PlottedLoss = 2;
    private const int MaxCells = 100_000;

    public string Id => "masked-sft-loss";

    public static double Compute(IReadOnlyList<double[]> logits, IReadOnlyList<double> targets, IReadOnlyList<double> mask)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(mask);
        if (targets.Count != logits.Count || mask.Count != logits.Count)
        {
            throw new ArgumentException($"{logits.Count} rows of logits need as many targets ({targets.Count}) and mask entries ({mask.Count})", nameof(targets));
        }

        var total = 0.0;
        var counted = 0;
        for (var t = 0; t < logits.Count; t++)
        {
            var row = logits[t];
            StableMath.RequireFinite(row, "logits");
            if (row.Length < 2 || row.Length != logits[0].Length)
            {
                throw new ArgumentException("every row of logits must hold the same vocabulary of at least 2 tokens", nameof(logits));
            }

            if (targets[t] != Math.Floor(targets[t]) || targets[t] < 0 || targets[t] >= row.Length)
            {
                throw new ArgumentException($"targets[{t}] = {targets[t]} is not a token id below {row.Length}", nameof(targets));
            }

            if (mask[t] is not (0.0 or 1.0))
            {
                throw new ArgumentException($"mask[{t}] = {mask[t]} is not 0 or 1", nameof(mask));
            }

            if (mask[t] == 1)
            {
                total += StableMath.LogSumExp(row) - row[(int)targets[t]];
                counted++;
            }
        }

        return counted > 0
            ? total / counted
            : throw new ArgumentException("the mask selects no response token, so there is nothing to average", nameof(mask));
    }

    public JsonObject Generate(Random random) => Case(random, lengthy: CaseRandom.Between(random, 0, 3) == 0, extreme: CaseRandom.Between(random, 0, 1) == 0);

    public JsonObject GenerateAtLimits(Random random) => Case(random, lengthy: true, extreme: true);

    public NumericValue Solve(JsonObject input) => NumericValue.Scalar(
        Compute(InputReader.Matrix(input, "logits"), InputReader.Vector(input, "targets"), InputReader.Vector(input, "mask")));

    // Every response token costs 2 nats; dividing by all T instead of the response tokens reports
    // the loss scaled by the response's share of the sequence.
    public PlotSpec Plot() => new(
        "Reported loss when every response token costs 2 nats",
        "response tokens / all tokens",
        "reported loss",
        0,
        1,
        0,
        2.5,
        [
            new PlotSeries("divide by response tokens (right)", PlotSpec.Sample(0.01, 1, 100, _ => PlottedLoss)),
            new PlotSeries("divide by all tokens (wrong)", PlotSpec.Sample(0.01, 1, 100, f => PlottedLoss * f)),
        ]);

    // Long cases reach T · V = 10^5; extreme ones hold logits of ±1000, where e^z overflows unless
    // the maximum is shifted out. A prompt (mask 0) always precedes the response (mask 1), so
    // dividing by every position instead of the response's is wrong too.
    private static JsonObject Case(Random random, bool lengthy, bool extreme)
    {
        var (tokens, vocabulary) = lengthy
            ? (CaseRandom.Between(random, 100, 200), 0)
            : (CaseRandom.Between(random, 2, 6), CaseRandom.Between(random, 2, 6));
        vocabulary = lengthy ? MaxCells / tokens : vocabulary;
        var scale = extreme ? 1000 : 5;
        var prompt = CaseRandom.Between(random, 1, tokens - 1);
        var padding = CaseRandom.Between(random, 0, 2) == 0 ? CaseRandom.Between(random, 0, tokens - prompt - 1) : 0;
        var logits = CaseRandom.Matrix(random, tokens, vocabulary, -scale, scale, 2);
        if (extreme)
        {
            // One response row whose maximum passes e^709 for certain.
            logits[prompt][CaseRandom.Between(random, 0, vocabulary - 1)] = CaseRandom.Uniform(random, 800, 1000, 2);
        }

        return new JsonObject
        {
            ["logits"] = InputReader.ToJson(logits),
            ["targets"] = InputReader.ToJson(Enumerable.Range(0, tokens).Select(_ => (double)CaseRandom.Between(random, 0, vocabulary - 1))),
            ["mask"] = InputReader.ToJson(Enumerable.Range(0, tokens).Select(t => t >= prompt && t < tokens - padding ? 1.0 : 0.0)),
        };
    }
}
