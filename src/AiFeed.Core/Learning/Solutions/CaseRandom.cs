using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace AiFeed.Learning;

/// <summary>
/// Draws test inputs. Values carry few decimals so that every reader, in any language, starts from
/// exactly the numbers the server used.
/// </summary>
[SuppressMessage("Security", "CA5394:Do not use insecure randomness", Justification = "Test inputs must be reproducible from a seed; nothing here is secret.")]
internal static partial class CaseRandom
{
    public static double Uniform(Random random, double min, double max, int decimals) =>
        Math.Round(min + (random.NextDouble() * (max - min)), decimals, MidpointRounding.AwayFromZero);

    public static double[] Vector(Random random, int length, double min, double max, int decimals) =>
        [.. Enumerable.Range(0, length).Select(_ => Uniform(random, min, max, decimals))];

    public static double[][] Matrix(Random random, int rows, int columns, double min, double max, int decimals) =>
        [.. Enumerable.Range(0, rows).Select(_ => Vector(random, columns, min, max, decimals))];

    public static int Between(Random random, int min, int maxInclusive) => random.Next(min, maxInclusive + 1);

    /// <summary>
    /// Redraws the entries <paramref name="offending"/> names until it names none: a long vector keeps
    /// its length instead of being drawn again whole, which would favour short cases.
    /// </summary>
    public static void Redraw(double[] values, Func<double[], IEnumerable<int>> offending, Func<double> draw)
    {
        for (var bad = offending(values).ToList(); bad.Count > 0; bad = offending(values).ToList())
        {
            foreach (var i in bad)
            {
                values[i] = draw();
            }
        }
    }

    /// <summary>m × 10^e with a two-digit mantissa m in [1, 9.9]: the double nearest the decimal, so its JSON reads "3.4E+21".</summary>
    public static double Scientific(Random random, int minExponent, int maxExponent) =>
        double.Parse(
            string.Create(CultureInfo.InvariantCulture, $"{Uniform(random, 1, 9.9, 1)}E{Between(random, minExponent, maxExponent)}"),
            CultureInfo.InvariantCulture);
}
