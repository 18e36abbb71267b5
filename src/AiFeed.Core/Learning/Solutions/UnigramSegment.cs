using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>
/// The unigram language model's best segmentation (SentencePiece's Viterbi step): the highest total
/// log-probability of any way to cut the text into vocabulary pieces.
/// </summary>
public sealed class UnigramSegment : IReferenceSolution
{
    public const int MaxTextLength = 1000;
    public const int MaxPieces = 200;
    public const int MaxPieceLength = 8;
    private const string Letters = "abcdef";

    public string Id => "unigram-segment";

    public static double Compute(string text, IReadOnlyList<string> pieces, IReadOnlyList<double> logProbs)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(pieces);
        ArgumentNullException.ThrowIfNull(logProbs);
        if (pieces.Count != logProbs.Count || pieces.Count == 0)
        {
            throw new ArgumentException($"pieces has {pieces.Count} entries but log_probs has {logProbs.Count}", nameof(logProbs));
        }

        if (text.Length == 0)
        {
            throw new ArgumentException("text is empty", nameof(text));
        }

        var score = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < pieces.Count; i++)
        {
            if (pieces[i].Length == 0 || !score.TryAdd(pieces[i], logProbs[i]))
            {
                throw new ArgumentException($"pieces[{i}] is empty or listed twice", nameof(pieces));
            }

            if (!(logProbs[i] <= 0))
            {
                throw new ArgumentException($"log_probs[{i}] = {logProbs[i]} is not a log-probability (≤ 0)", nameof(logProbs));
            }
        }

        var longest = pieces.Max(p => p.Length);
        // best[e]: the highest score of any segmentation of text[..e]; a forward pass, O(n · longest).
        var best = new double[text.Length + 1];
        Array.Fill(best, double.NegativeInfinity);
        best[0] = 0;
        for (var end = 1; end <= text.Length; end++)
        {
            for (var start = Math.Max(0, end - longest); start < end; start++)
            {
                if (double.IsFinite(best[start]) && score.TryGetValue(text[start..end], out var s) && best[start] + s > best[end])
                {
                    best[end] = best[start] + s;
                }
            }
        }

        return double.IsFinite(best[^1])
            ? best[^1]
            : throw new ArgumentException("no segmentation of text into the pieces exists", nameof(text));
    }

    public JsonObject Generate(Random random) =>
        Draw(random, CaseRandom.OneIn(random, 4) ? MaxPieces : CaseRandom.Between(random, 10, 40), CaseRandom.OneIn(random, 4) ? MaxTextLength : CaseRandom.Between(random, 1, 30));

    /// <summary>The longest text over the largest vocabulary.</summary>
    public JsonObject GenerateAtLimits(Random random) => Draw(random, MaxPieces, MaxTextLength);

    private static JsonObject Draw(Random random, int target, int length)
    {
        // Every letter is a piece (so a segmentation always exists); longer pieces get scores that are
        // sometimes better and sometimes far worse than their letters, so the longest match is often not the best.
        var pieces = new List<string>(Letters.Select(c => c.ToString()));
        var scores = new List<double>(pieces.Select(_ => CaseRandom.Uniform(random, -6, -3, 2)));
        for (var attempt = 0; pieces.Count < target && attempt < 20 * MaxPieces; attempt++)
        {
            var piece = new string([.. Enumerable.Range(0, CaseRandom.Between(random, 2, MaxPieceLength)).Select(_ => Letters[CaseRandom.Between(random, 0, Letters.Length - 1)])]);
            if (!pieces.Contains(piece, StringComparer.Ordinal))
            {
                pieces.Add(piece);
                scores.Add(CaseRandom.OneIn(random, 3) ? CaseRandom.Uniform(random, -40, -15, 2) : CaseRandom.Uniform(random, -12, -2, 2));
            }
        }

        var text = new System.Text.StringBuilder();
        while (text.Length < length)
        {
            text.Append(pieces[CaseRandom.Between(random, 0, pieces.Count - 1)]);
        }

        return new JsonObject
        {
            ["text"] = text.ToString(0, length),
            ["pieces"] = InputReader.ToJson(pieces),
            ["log_probs"] = InputReader.ToJson(scores),
        };
    }

    public NumericValue Solve(JsonObject input) =>
        NumericValue.Scalar(Compute(InputReader.Text(input, "text"), InputReader.Texts(input, "pieces"), InputReader.Vector(input, "log_probs")));

    // "aaaa…" with the pieces a (−2), aa (−3) and aaa (−5.5): the best path prefers aa; greedy longest match takes aaa.
    public PlotSpec Plot()
    {
        string[] pieces = ["a", "aa", "aaa"];
        double[] scores = [-2, -3, -5.5];
        return new PlotSpec(
            "Best and greedy scores of \"a\" × n with pieces a (−2), aa (−3), aaa (−5.5)",
            "n, the length of the text",
            "total log-probability",
            1,
            30,
            -60,
            0,
            [
                new PlotSeries("best (Viterbi)", PlotSpec.Sample(1, 30, 30, n => Compute(new string('a', (int)Math.Round(n)), pieces, scores))),
                new PlotSeries("greedy longest match", PlotSpec.Sample(1, 30, 30, n => Greedy((int)Math.Round(n)))),
            ]);

        static double Greedy(int n) => (-5.5 * (n / 3)) + (n % 3 == 2 ? -3 : n % 3 == 1 ? -2 : 0);
    }
}
