using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>
/// Logits after the repetition penalty of Keskar et al. (positive logits divided by θ, negative
/// ones multiplied) and then the frequency and presence penalties: z − count·α_f − α_p.
/// </summary>
public sealed class RepetitionPenalty : IReferenceSolution
{
    private const double PlottedPenalty = 1.3;
    private const int MaxLength = 10_000;

    public string Id => "repetition-penalty";

    public static double[] Compute(IReadOnlyList<double> logits, IReadOnlyList<double> generated, double repetitionPenalty, double frequencyPenalty, double presencePenalty)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(generated);
        if (logits.Count == 0)
        {
            throw new ArgumentException("need at least one logit", nameof(logits));
        }

        StableMath.RequireFinite(logits, nameof(logits));
        if (!(repetitionPenalty is > 0 and < double.PositiveInfinity))
        {
            throw new ArgumentException($"repetition_penalty = {repetitionPenalty} must be positive", nameof(repetitionPenalty));
        }

        if (!double.IsFinite(frequencyPenalty) || !double.IsFinite(presencePenalty))
        {
            throw new ArgumentException("the frequency and presence penalties must be finite", nameof(frequencyPenalty));
        }

        var counts = new int[logits.Count];
        for (var i = 0; i < generated.Count; i++)
        {
            var token = generated[i];
            if (token != Math.Floor(token) || token < 0 || token >= logits.Count)
            {
                throw new ArgumentException($"generated[{i}] = {token} is not a token id below {logits.Count}", nameof(generated));
            }

            counts[(int)token]++;
        }

        var adjusted = logits.ToArray();
        for (var token = 0; token < adjusted.Length; token++)
        {
            if (counts[token] > 0)
            {
                adjusted[token] = Penalise(adjusted[token], repetitionPenalty) - (counts[token] * frequencyPenalty) - presencePenalty;
            }
        }

        return adjusted;
    }

    public JsonObject Generate(Random random) => Case(random, lengthy: CaseRandom.Between(random, 0, 3) == 0);

    public JsonObject GenerateAtLimits(Random random) => Case(random, lengthy: true);

    public NumericValue Solve(JsonObject input) => NumericValue.Vector(Compute(
        InputReader.Vector(input, "logits"),
        InputReader.Vector(input, "generated"),
        InputReader.Number(input, "repetition_penalty"),
        InputReader.Number(input, "frequency_penalty"),
        InputReader.Number(input, "presence_penalty")));

    public PlotSpec Plot() => new(
        "A repeated token's logit under a repetition penalty θ = 1.3",
        "original logit z",
        "penalised logit",
        -4,
        4,
        -6,
        4,
        [
            new PlotSeries("z / θ if z > 0, else z · θ", PlotSpec.Sample(-4, 4, 161, z => Penalise(z, PlottedPenalty))),
            new PlotSeries("z / θ always (raises negative logits)", PlotSpec.Sample(-4, 4, 161, z => z / PlottedPenalty)),
            new PlotSeries("unpenalised z", PlotSpec.Sample(-4, 4, 2, z => z)),
        ]);

    // Dividing shrinks a positive logit; a negative one must be multiplied to fall further.
    private static double Penalise(double z, double penalty) => z > 0 ? z / penalty : z * penalty;

    // Logits of both signs, and a repeated token with a negative logit planted whenever anything was
    // generated, so that dividing it by θ (which raises it) shows.
    private static JsonObject Case(Random random, bool lengthy)
    {
        var vocabulary = lengthy ? MaxLength : CaseRandom.Between(random, 2, 8);
        var length = lengthy ? MaxLength : CaseRandom.Between(random, 0, 12);
        var logits = CaseRandom.Vector(random, vocabulary, -5, 5, 2);
        var generated = Enumerable.Range(0, length).Select(_ => (double)CaseRandom.Between(random, 0, vocabulary - 1)).ToArray();
        if (length > 0)
        {
            logits[(int)generated[0]] = CaseRandom.Uniform(random, -5, -0.5, 2);
        }

        return new JsonObject
        {
            ["logits"] = InputReader.ToJson(logits),
            ["generated"] = InputReader.ToJson(generated),
            ["repetition_penalty"] = CaseRandom.Uniform(random, 1.1, 2, 1),
            ["frequency_penalty"] = CaseRandom.Uniform(random, 0, 1, 1),
            ["presence_penalty"] = CaseRandom.Uniform(random, 0, 1, 1),
        };
    }
}
