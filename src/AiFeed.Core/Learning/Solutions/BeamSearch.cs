using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>
/// Beam search over a bigram model (row i of the transition logits scores the token after token i):
/// the best of the beam_width highest-scoring sequences after the given number of steps.
/// </summary>
public sealed class BeamSearch : IReferenceSolution
{
    private const double TieGap = 1e-9;

    // A first step that tempts greedy decoding (token 1 beats token 2), then a flat row after
    // token 1 and a confident one after token 2.
    private static readonly double[][] PlottedModel =
    [
        [-5, 1, 0.8, -5],
        [0, 0, 0, 0],
        [-5, -5, 5, -5],
        [0, 0, 0, 5],
    ];

    public string Id => "beam-search";

    public static double[] Compute(IReadOnlyList<double[]> transitions, double start, double beamWidth, double steps) =>
        [.. Search(transitions, start, beamWidth, steps, out _).Tokens.Select(t => (double)t)];

    public JsonObject Generate(Random random) => Case(random, atLimits: CaseRandom.Between(random, 0, 3) == 0, extreme: CaseRandom.Between(random, 0, 1) == 0);

    public JsonObject GenerateAtLimits(Random random) => Case(random, atLimits: true, extreme: true);

    public NumericValue Solve(JsonObject input) => NumericValue.Vector(Compute(
        InputReader.Matrix(input, "transitions"), InputReader.Number(input, "start"), InputReader.Number(input, "beam_width"), InputReader.Number(input, "steps")));

    public PlotSpec Plot() => new(
        "Log-probability of the sequence found, 4-token bigram model, start token 0",
        "beam width",
        "total log-probability",
        1,
        4,
        -4,
        0,
        [
            new PlotSeries("2 steps", PlotSpec.Sample(1, 4, 4, b => Search(PlottedModel, 0, Math.Round(b), 2, out _).Score)),
            new PlotSeries("4 steps", PlotSpec.Sample(1, 4, 4, b => Search(PlottedModel, 0, Math.Round(b), 4, out _).Score)),
        ]);

    private static (int[] Tokens, double Score) Search(IReadOnlyList<double[]> transitions, double start, double beamWidth, double steps, out bool nearTie)
    {
        ArgumentNullException.ThrowIfNull(transitions);
        var vocabulary = transitions.Count;
        if (vocabulary == 0 || transitions.Any(row => row.Length != vocabulary))
        {
            throw new ArgumentException("transitions must be a square V × V matrix", nameof(transitions));
        }

        foreach (var row in transitions)
        {
            StableMath.RequireFinite(row, nameof(transitions));
        }

        if (start < 0 || start >= vocabulary || start != Math.Floor(start))
        {
            throw new ArgumentException($"start = {start} is not a token id below {vocabulary}", nameof(start));
        }

        if (beamWidth < 1 || beamWidth != Math.Floor(beamWidth) || steps < 1 || steps != Math.Floor(steps) || steps > 1000)
        {
            throw new ArgumentException("beam_width and steps must be whole numbers ≥ 1", nameof(beamWidth));
        }

        var logProbabilities = transitions.Select(StableMath.LogSoftmax).ToArray();
        var beams = new List<(int[] Tokens, double Score)> { ([], 0) };
        nearTie = false;
        for (var step = 0; step < steps; step++)
        {
            var candidates = new List<(int[] Tokens, double Score)>(beams.Count * vocabulary);
            foreach (var (tokens, score) in beams)
            {
                var previous = tokens.Length == 0 ? (int)start : tokens[^1];
                for (var token = 0; token < vocabulary; token++)
                {
                    candidates.Add(([.. tokens, token], score + logProbabilities[previous][token]));
                }
            }

            // Highest score first; equal scores: the lexicographically smaller sequence.
            candidates.Sort((x, y) => y.Score != x.Score ? y.Score.CompareTo(x.Score) : Lexicographic(x.Tokens, y.Tokens));
            var keep = (int)Math.Min(beamWidth, candidates.Count);
            nearTie |= keep < candidates.Count && candidates[keep - 1].Score - candidates[keep].Score < TieGap;
            beams = candidates.GetRange(0, keep);
        }

        nearTie |= beams.Count > 1 && beams[0].Score - beams[1].Score < TieGap;
        return beams[0];
    }

    private static int Lexicographic(int[] x, int[] y)
    {
        for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            if (x[i] != y[i])
            {
                return x[i].CompareTo(y[i]);
            }
        }

        return x.Length.CompareTo(y.Length);
    }

    // At the limits V = 50, b = 10 and L = 20; extreme models hold logits of ±1000, which overflow
    // e^z unless the maximum is shifted out.
    private static JsonObject Case(Random random, bool atLimits, bool extreme)
    {
        while (true)
        {
            var vocabulary = atLimits ? 50 : CaseRandom.Between(random, 2, 6);
            var scale = extreme ? 1000 : 3;
            var transitions = CaseRandom.Matrix(random, vocabulary, vocabulary, -scale, scale, 2);
            var start = CaseRandom.Between(random, 0, vocabulary - 1);
            var beamWidth = atLimits ? 10 : CaseRandom.Between(random, 2, 4);
            var steps = atLimits ? 20 : CaseRandom.Between(random, 2, 6);
            Search(transitions, start, beamWidth, steps, out var nearTie);
            // Scores within 1e-9 at a cut would let rounding decide the beam; draw again.
            if (!nearTie)
            {
                return new JsonObject
                {
                    ["transitions"] = InputReader.ToJson(transitions),
                    ["start"] = start,
                    ["beam_width"] = beamWidth,
                    ["steps"] = steps,
                };
            }
        }
    }
}
