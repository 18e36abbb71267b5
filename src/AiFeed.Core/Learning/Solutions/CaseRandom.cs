using System.Diagnostics.CodeAnalysis;

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
}
