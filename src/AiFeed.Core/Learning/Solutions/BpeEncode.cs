using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>Encoding byte ids with learned merges: apply the lowest-ranked mergeable pair until none is left.</summary>
public sealed class BpeEncode : IReferenceSolution
{
    public const int MaxLength = 2000;
    public const int MaxMerges = 100;

    public string Id => "bpe-encode";

    public static int[] Compute(IReadOnlyList<int> ids, IReadOnlyList<(int Left, int Right)> merges)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(merges);
        if (ids.Count == 0 || ids.Any(id => id is < 0 or > 255))
        {
            throw new ArgumentException("ids must be a non-empty list of bytes, 0 to 255", nameof(ids));
        }

        var rank = new Dictionary<(int, int), int>();
        for (var r = 0; r < merges.Count; r++)
        {
            var (left, right) = merges[r];
            // A merge can only join ids that exist before it: bytes and the ids of earlier merges.
            if (left < 0 || right < 0 || left >= 256 + r || right >= 256 + r)
            {
                throw new ArgumentException($"merges[{r}] joins an id that does not exist before merge {r}", nameof(merges));
            }

            if (!rank.TryAdd((left, right), r))
            {
                throw new ArgumentException($"merges[{r}] repeats the pair of merges[{rank[(left, right)]}]", nameof(merges));
            }
        }

        var sequence = ids.ToList();
        while (sequence.Count >= 2)
        {
            var best = -1;
            for (var i = 0; i + 1 < sequence.Count; i++)
            {
                if (rank.TryGetValue((sequence[i], sequence[i + 1]), out var r) && (best < 0 || r < best))
                {
                    best = r;
                }
            }

            if (best < 0)
            {
                break;
            }

            sequence = BpeTrain.Merge(sequence, merges[best], 256 + best);
        }

        return [.. sequence];
    }

    public JsonObject Generate(Random random) =>
        Draw(random, CaseRandom.OneIn(random, 4) ? MaxMerges : CaseRandom.Between(random, 1, 30), CaseRandom.OneIn(random, 4) ? MaxLength : CaseRandom.Between(random, 1, 40));

    /// <summary>The longest text and the longest merge list.</summary>
    public JsonObject GenerateAtLimits(Random random) => Draw(random, MaxMerges, MaxLength);

    private static JsonObject Draw(Random random, int mergeCount, int length)
    {
        // Merges learned on one text from a pool of words, applied to another text from the same pool
        // with a few bytes the training text never had.
        var words = BpeTrain.RandomWords(random);
        var training = BpeTrain.RandomText(random, words, MaxLength);
        var merges = BpeTrain.Train(training, mergeCount).Merges;
        var text = BpeTrain.RandomText(random, [.. words, "xyz", "Aa"], length);
        return new JsonObject
        {
            ["ids"] = InputReader.ToJson(text.Select(i => (double)i)),
            ["merges"] = InputReader.ToJson(merges.Select(m => new double[] { m.Left, m.Right })),
        };
    }

    public NumericValue Solve(JsonObject input)
    {
        var merges = InputReader.Matrix(input, "merges");
        if (merges.Length > MaxMerges || merges.Any(m => m.Length != 2 || m.Any(id => id != Math.Floor(id))))
        {
            throw new ArgumentException($"'merges' must be at most {MaxMerges} pairs of whole ids", nameof(input));
        }

        var pairs = merges.Select(m => ((int)m[0], (int)m[1])).ToList();
        return NumericValue.Vector([.. Compute(InputReader.Integers(input, "ids"), pairs).Select(i => (double)i)]);
    }

    // Merges learned on one pangram-rich paragraph, applied to a different sentence: fewer tokens per byte as the list grows.
    public PlotSpec Plot()
    {
        const string training = "the quick brown fox jumps over the lazy dog while the lazy dog sleeps and the quick fox runs over the brown hill";
        const string text = "a quick brown dog jumps over the lazy fox and runs";
        var merges = BpeTrain.Train([.. training.Select(c => (int)c)], 50).Merges;
        var bytes = text.Select(c => (int)c).ToArray();
        return new PlotSpec(
            $"Tokens for a new {bytes.Length}-byte sentence against the number of merges used",
            "merges applied (learned on another text)",
            "tokens",
            0,
            merges.Count,
            0,
            bytes.Length,
            [new PlotSeries("encoded length", PlotSpec.Sample(0, merges.Count, merges.Count + 1, k => Compute(bytes, merges[..(int)Math.Round(k)]).Length))]);
    }
}
