using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>
/// Byte-pair-encoding training on one sequence of byte ids: merge the most frequent adjacent pair,
/// ties to the pair seen first, into id 256 + step, a given number of times.
/// </summary>
public sealed class BpeTrain : IReferenceSolution
{
    public const int MaxLength = 2000;
    public const int MaxMerges = 50;

    // The plot's corpus: a sentence with plenty of repeated pairs.
    private const string PlotText = "the cat sat on the mat, the rat sat on the hat, and the cat and the rat ate the fat bat at the flat";

    public string Id => "bpe-train";

    /// <summary>The learned merges, in order, and the sequence after all of them.</summary>
    public static (List<(int Left, int Right)> Merges, int[] Ids) Train(IReadOnlyList<int> ids, int merges)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            throw new ArgumentException("there are no ids to train on", nameof(ids));
        }

        if (ids.Any(id => id is < 0 or > 255))
        {
            throw new ArgumentException("every id must be a byte, 0 to 255", nameof(ids));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(merges);
        var sequence = ids.ToList();
        var learned = new List<(int, int)>();
        for (var step = 0; step < merges && sequence.Count >= 2; step++)
        {
            // Counts in first-occurrence order; a strictly greater count is needed to displace an earlier pair.
            var counts = new Dictionary<(int, int), int>();
            var order = new List<(int, int)>();
            for (var i = 0; i + 1 < sequence.Count; i++)
            {
                var pair = (sequence[i], sequence[i + 1]);
                if (counts.TryGetValue(pair, out var count))
                {
                    counts[pair] = count + 1;
                }
                else
                {
                    counts[pair] = 1;
                    order.Add(pair);
                }
            }

            var best = order[0];
            foreach (var pair in order)
            {
                if (counts[pair] > counts[best])
                {
                    best = pair;
                }
            }

            sequence = Merge(sequence, best, 256 + step);
            learned.Add(best);
        }

        return (learned, [.. sequence]);
    }

    /// <summary>Replaces every occurrence of the pair, left to right and without overlaps, by one id.</summary>
    public static List<int> Merge(IReadOnlyList<int> sequence, (int Left, int Right) pair, int id)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        var merged = new List<int>(sequence.Count);
        for (var i = 0; i < sequence.Count; i++)
        {
            if (i + 1 < sequence.Count && sequence[i] == pair.Left && sequence[i + 1] == pair.Right)
            {
                merged.Add(id);
                i++;
            }
            else
            {
                merged.Add(sequence[i]);
            }
        }

        return merged;
    }

    /// <summary>Byte ids of random text from a small pool of words, so that pairs repeat as in real text.</summary>
    internal static int[] RandomText(Random random, IReadOnlyList<string> words, int length)
    {
        var text = new List<int>(length + 16);
        while (text.Count < length)
        {
            text.AddRange(CaseRandom.Pick(random, words).Select(c => (int)c));
            text.Add(' ');
        }

        return [.. text.Take(length)];
    }

    /// <summary>A pool of lower-case words over a few letters, now and then a run of one letter (the overlap case).</summary>
    internal static string[] RandomWords(Random random)
    {
        const string letters = "abcdefghij";
        return [.. Enumerable.Range(0, CaseRandom.Between(random, 3, 10)).Select(_ => CaseRandom.OneIn(random, 5)
            ? new string(letters[CaseRandom.Between(random, 0, 2)], CaseRandom.Between(random, 3, 7))
            : new string([.. Enumerable.Range(0, CaseRandom.Between(random, 2, 7)).Select(_ => letters[CaseRandom.Between(random, 0, letters.Length - 1)])]))];
    }

    public JsonObject Generate(Random random) => CaseRandom.OneIn(random, 4)
        ? Draw(random, MaxLength, CaseRandom.Between(random, 20, MaxMerges))
        : Draw(random, CaseRandom.Between(random, 1, 60), CaseRandom.Between(random, 0, 12));

    /// <summary>The longest text and the most merges.</summary>
    public JsonObject GenerateAtLimits(Random random) => Draw(random, MaxLength, MaxMerges);

    private static JsonObject Draw(Random random, int length, int merges) => new()
    {
        ["ids"] = InputReader.ToJson(RandomText(random, RandomWords(random), length).Select(i => (double)i)),
        ["num_merges"] = merges,
    };

    public NumericValue Solve(JsonObject input)
    {
        var merges = InputReader.Integer(input, "num_merges");
        if (merges is < 0 or > MaxMerges)
        {
            throw new ArgumentException($"'num_merges' must be 0 to {MaxMerges}", nameof(input));
        }

        return NumericValue.Vector([.. Train(InputReader.Integers(input, "ids"), merges).Ids.Select(i => (double)i)]);
    }

    public PlotSpec Plot()
    {
        var ids = PlotText.Select(c => (int)c).ToArray();
        return new PlotSpec(
            $"Tokens left in a {ids.Length}-byte sentence as merges are learned on it",
            "merges",
            "tokens",
            0,
            MaxMerges,
            0,
            ids.Length,
            [new PlotSeries("sequence length", PlotSpec.Sample(0, MaxMerges, MaxMerges + 1, k => Train(ids, (int)Math.Round(k)).Ids.Length))]);
    }
}
