namespace AiFeed.Learning;

/// <summary>Draws the chapters 1-4 generators share.</summary>
internal static partial class CaseRandom
{
    /// <summary>True once in <paramref name="times"/> draws on average.</summary>
    public static bool OneIn(Random random, int times) => random.Next(times) == 0;

    public static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
