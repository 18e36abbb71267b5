using System.Runtime.CompilerServices;
using Lucene.Net.Index;

namespace AiFeed.Search;

/// <summary>
/// The oldest and newest time (ticks) a time field holds, per index: where a search's windows of
/// recent time start. Read from the doc values once per segment (segments never change; a write
/// adds new ones) and kept with the segment's core, so a search reads only a few cached numbers.
/// </summary>
internal static class TimeBounds
{
    private static readonly ConditionalWeakTable<object, Dictionary<string, SegmentTimes>> Segments = [];

    /// <summary>The bounds of <paramref name="field"/> over every segment; (0, 0) for an index without it.</summary>
    public static (long Oldest, long Newest) Of(IndexReader reader, string field)
    {
        var oldest = long.MaxValue;
        var newest = long.MinValue;
        foreach (var leaf in reader.Leaves)
        {
            var times = OfSegment(leaf.AtomicReader, field);
            oldest = Math.Min(oldest, times.Min);
            newest = Math.Max(newest, times.Max);
        }

        return oldest > newest ? (0, 0) : (oldest, newest);
    }

    /// <summary>The times of <paramref name="field"/> in one segment: its bounds and its blocks' (<see cref="SegmentTimes"/>).</summary>
    public static SegmentTimes OfSegment(AtomicReader segment, string field)
    {
        var perField = Segments.GetValue(segment.CoreCacheKey, _ => new Dictionary<string, SegmentTimes>(StringComparer.Ordinal));
        lock (perField)
        {
            if (!perField.TryGetValue(field, out var known))
            {
                known = SegmentTimes.Read(segment, field);
                perField[field] = known;
            }

            return known;
        }
    }
}
