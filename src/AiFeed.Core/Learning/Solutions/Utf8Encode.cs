using System.Text.Json.Nodes;

namespace AiFeed.Learning;

/// <summary>UTF-8 bytes of a sequence of Unicode code points: the base alphabet of byte-level BPE.</summary>
public sealed class Utf8Encode : IReferenceSolution
{
    public const int MaxLength = 2000;

    // Where the encoded length changes, so generated inputs hit every branch's edges.
    private static readonly int[] Boundaries = [0, 0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFF, 0x10000, 0x10FFFF];

    public string Id => "utf8-encode";

    public static double[] Compute(IReadOnlyList<int> codePoints)
    {
        ArgumentNullException.ThrowIfNull(codePoints);
        if (codePoints.Count == 0)
        {
            throw new ArgumentException("there are no code points to encode", nameof(codePoints));
        }

        var bytes = new List<double>(codePoints.Count * 2);
        for (var i = 0; i < codePoints.Count; i++)
        {
            var cp = codePoints[i];
            if (cp is < 0 or > 0x10FFFF or (>= 0xD800 and <= 0xDFFF))
            {
                throw new ArgumentException($"code_points[{i}] = {cp} is not a Unicode scalar value", nameof(codePoints));
            }

            if (cp < 0x80)
            {
                bytes.Add(cp);
            }
            else if (cp < 0x800)
            {
                bytes.AddRange([0xC0 | (cp >> 6), 0x80 | (cp & 0x3F)]);
            }
            else if (cp < 0x10000)
            {
                bytes.AddRange([0xE0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3F), 0x80 | (cp & 0x3F)]);
            }
            else
            {
                bytes.AddRange([0xF0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3F), 0x80 | ((cp >> 6) & 0x3F), 0x80 | (cp & 0x3F)]);
            }
        }

        return [.. bytes];
    }

    /// <summary>How many bytes UTF-8 spends on one code point.</summary>
    public static int Length(int codePoint) => codePoint switch
    {
        < 0x80 => 1,
        < 0x800 => 2,
        < 0x10000 => 3,
        _ => 4,
    };

    public JsonObject Generate(Random random)
    {
        var n = CaseRandom.OneIn(random, 4) ? MaxLength : CaseRandom.Between(random, 1, 12);
        var codePoints = Enumerable.Range(0, n).Select(_ => (double)Draw(random));
        return new JsonObject { ["code_points"] = InputReader.ToJson(codePoints) };
    }

    /// <summary>The longest input, opening with every boundary of the encoding (one to four bytes) and rich in four-byte code points.</summary>
    public JsonObject GenerateAtLimits(Random random)
    {
        var codePoints = Boundaries.Concat(Enumerable.Range(0, MaxLength - Boundaries.Length).Select(_ => Draw(random))).Select(c => (double)c);
        return new JsonObject { ["code_points"] = InputReader.ToJson(codePoints) };
    }

    public NumericValue Solve(JsonObject input) => NumericValue.Vector(Compute(InputReader.Integers(input, "code_points")));

    // The x axis is the code point's size in bits, log2(cp + 1): 7 bits fit one byte, 11 two, 16 three, 21 four.
    public PlotSpec Plot() => new(
        "Bytes per character against the size of its code point",
        "bits in the code point, log₂(cp + 1)",
        "bytes",
        0,
        21,
        0,
        5,
        [
            new PlotSeries("UTF-8", PlotSpec.Sample(0, 21, 841, bits => Length(CodePointOfBits(bits)))),
            new PlotSeries("UTF-16", PlotSpec.Sample(0, 21, 841, bits => CodePointOfBits(bits) < 0x10000 ? 2 : 4)),
            new PlotSeries("UTF-32", PlotSpec.Sample(0, 21, 841, _ => 4)),
        ]);

    private static int CodePointOfBits(double bits) => (int)Math.Min(0x10FFFF, Math.Floor(Math.Pow(2, bits)) - 1);

    private static int Draw(Random random)
    {
        if (CaseRandom.OneIn(random, 8))
        {
            return CaseRandom.Pick(random, Boundaries);
        }

        return CaseRandom.Between(random, 0, 3) switch
        {
            0 => CaseRandom.Between(random, 0x20, 0x7E),
            1 => CaseRandom.Between(random, 0x80, 0x7FF),
            // The three-byte range without the surrogates, which are not scalar values.
            2 => CaseRandom.OneIn(random, 2) ? CaseRandom.Between(random, 0x800, 0xD7FF) : CaseRandom.Between(random, 0xE000, 0xFFFF),
            _ => CaseRandom.Between(random, 0x10000, 0x10FFFF),
        };
    }
}
