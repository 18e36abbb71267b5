using System.Reflection;
using LiteDB;

namespace AiFeed.Storage;

/// <summary>
/// The size of the steps in which LiteDB's page cache grows, for every engine the process opens
/// after <see cref="KeepSmall"/>. LiteDB 5 grows its cache by segments of increasing size, never
/// gives one back, and reuses idle cached pages instead of growing only when more than the next
/// segment's worth are idle. Past its first four segments that can never happen, so the first miss
/// allocates its largest segment, and another at each miss while the pages in use pass the first
/// four. A cold poll keeps far fewer in use at once (one transaction's pages), yet took the large
/// segment early on and held it to its end, at its peak (decision 0077).
/// </summary>
public static class LiteDbPageCache
{
    // LiteDB's first three segments, then steps of a fifth of its largest: idle pages are reused once
    // more than a step's worth are idle, so the cache stays near what is in use. Not smaller: each
    // reuse sorts the idle pages, and the reads between reuses find what the last transactions touched.
    private static readonly int[] SmallSegments = [12, 50, 100, 200];

    /// <summary>
    /// Makes every LiteDB engine opened from now on grow its page cache in small segments (see
    /// above). For the one-shot poll, whose process opens one store, writes a poll's posts and
    /// exits. False when this LiteDB keeps the sizes elsewhere (its cache then grows as before).
    /// </summary>
    public static bool KeepSmall()
    {
        // No setting reaches the sizes: each engine reads them at its open from a public static field
        // of an internal class (LiteDB.Constants.MEMORY_SEGMENT_SIZES in 5.0.21, the pinned version).
        if (SegmentSizes is not { } field)
        {
            return false;
        }

        field.SetValue(null, SmallSegments.Clone());
        return true;
    }

    /// <summary>Where this LiteDB keeps the sizes; null when not where <see cref="KeepSmall"/> looks.</summary>
    internal static FieldInfo? SegmentSizes =>
        typeof(LiteDatabase).Assembly.GetType("LiteDB.Constants")?.GetField("MEMORY_SEGMENT_SIZES", BindingFlags.Public | BindingFlags.Static) is { IsInitOnly: false } sizes
        && sizes.FieldType == typeof(int[])
            ? sizes
            : null;
}
