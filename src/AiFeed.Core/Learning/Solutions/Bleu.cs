using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>
/// Sentence BLEU-4 (Papineni et al., 2002): clipped n-gram precisions for n = 1..4, their geometric
/// mean, and the brevity penalty against the reference length closest to the candidate's.
/// </summary>
public sealed class Bleu : IReferenceSolution
{
    private const int MaxOrder = 4;
    private const int MaxSource = 1000;

    public string Id => "bleu";

    public static double Compute(string candidate, IReadOnlyList<string> references)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(references);
        if (references.Count == 0)
        {
            throw new ArgumentException("BLEU needs at least one reference", nameof(references));
        }

        var words = TextTokens.Split(candidate);
        var referenceWords = references.Select(TextTokens.Split).ToList();
        var logPrecision = 0.0;
        for (var n = 1; n <= MaxOrder; n++)
        {
            var counts = NGrams(words, n);
            // A reference caps each n-gram's credit at the most times any one reference holds it.
            var ceiling = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var reference in referenceWords)
            {
                foreach (var (gram, count) in NGrams(reference, n))
                {
                    ceiling[gram] = Math.Max(ceiling.GetValueOrDefault(gram), count);
                }
            }

            var total = counts.Values.Sum();
            var clipped = counts.Sum(c => Math.Min(c.Value, ceiling.GetValueOrDefault(c.Key)));
            if (clipped == 0)
            {
                // A zero precision (or no n-grams at all) makes the geometric mean 0.
                return 0;
            }

            logPrecision += Math.Log((double)clipped / total) / MaxOrder;
        }

        var c = words.Length;
        // The closest reference length; on a tie the shorter one.
        var r = referenceWords.Select(w => w.Length).OrderBy(length => Math.Abs(length - c)).ThenBy(length => length).First();
        var brevity = c > r ? 1 : Math.Exp(1 - ((double)r / c));
        return brevity * Math.Exp(logPrecision);
    }

    public JsonObject Generate(Random random) => Case(random, CaseRandom.Between(random, 0, 3) == 0 ? CaseRandom.Between(random, 200, MaxSource) : CaseRandom.Between(random, 4, 20));

    public JsonObject GenerateAtLimits(Random random) => Case(random, MaxSource);

    public NumericValue Solve(JsonObject input) =>
        NumericValue.Scalar(Compute(InputReader.Text(input, "candidate"), InputReader.Texts(input, "references")));

    public PlotSpec Plot() => new(
        "BLEU's brevity penalty",
        "candidate length / reference length",
        "penalty",
        0,
        2,
        0,
        1.1,
        [new PlotSeries("1 if c > r, else e^(1 − r/c)", PlotSpec.Sample(0.05, 2, 196, ratio => ratio > 1 ? 1 : Math.Exp(1 - (1 / ratio))))]);

    private static Dictionary<string, int> NGrams(string[] words, int n)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i + n <= words.Length; i++)
        {
            // Words hold no whitespace, so a space-joined key names one n-gram.
            var gram = string.Join(' ', words, i, n);
            counts[gram] = counts.GetValueOrDefault(gram) + 1;
        }

        return counts;
    }

    // References are edits of one source sentence; candidates are edits too, or one in four a word
    // repeated, which only clipping keeps honest.
    private static JsonObject Case(Random random, int length)
    {
        var source = TextTokens.Sentence(random, length);
        var references = Enumerable.Range(0, CaseRandom.Between(random, 1, 4)).Select(_ => TextTokens.Edit(random, source)).ToList();
        var candidate = CaseRandom.Between(random, 0, 3) == 0
            ? Enumerable.Repeat(source[0], length).Concat(source.Take(CaseRandom.Between(random, 0, 4))).ToArray()
            : TextTokens.Edit(random, source);
        return new JsonObject
        {
            ["candidate"] = TextTokens.Join(candidate),
            ["references"] = new JsonArray([.. references.Select(TextTokens.Join)]),
        };
    }
}
