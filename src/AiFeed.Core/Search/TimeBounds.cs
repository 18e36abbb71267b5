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
    private static readonly ConditionalWeakTable<object, Dictionary<string, (long Min, long Max, bool EveryDoc)>> Segments = [];

    /// <summary>The bounds of <paramref name="field"/> over every segment; (0, 0) for an index without it.</summary>
    public static (long Oldest, long Newest) Of(IndexReader reader, string field)
    {
        var oldest = long.MaxValue;
        var newest = long.MinValue;
        foreach (var leaf in reader.Leaves)
        {
            var (min, max, _) = OfSegment(leaf.AtomicReader, field);
            oldest = Math.Min(oldest, min);
            newest = Math.Max(newest, max);
        }

        return oldest > newest ? (0, 0) : (oldest, newest);
    }

    /// <summary>The bounds of <paramref name="field"/> in one segment (min above max when no document has it), and whether every document has it.</summary>
    public static (long Min, long Max, bool EveryDoc) OfSegment(AtomicReader segment, string field)
    {
        var perField = Segments.GetValue(segment.CoreCacheKey, _ => new Dictionary<string, (long, long, bool)>(StringComparer.Ordinal));
        lock (perField)
        {
            if (perField.TryGetValue(field, out var known))
            {
                return known;
            }

            var values = segment.GetNumericDocValues(field);
            var docsWith = segment.GetDocsWithField(field);
            var min = long.MaxValue;
            var max = long.MinValue;
            var with = 0;
            for (var doc = 0; values is not null && doc < segment.MaxDoc; doc++)
            {
                if (docsWith?.Get(doc) ?? false)
                {
                    var value = values.Get(doc);
                    min = Math.Min(min, value);
                    max = Math.Max(max, value);
                    with++;
                }
            }

            perField[field] = (min, max, with == segment.MaxDoc);
            return (min, max, with == segment.MaxDoc);
        }
    }
}
