using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace AiFeed.Search;

/// <summary>
/// Collects every match into its group (a story's lead id collapsed, the post's own id expanded):
/// a group scores as its best match, so a story matches through any of its posts, and counts once
/// in the total and in each facet. The hot loop touches no strings: groups are keyed by a 64-bit
/// hash of the key (<see cref="PostFields"/> <c>_h</c> doc values), facets are counted per segment
/// ordinal, and only the page's keys and the facet values are read as text at the end.
/// </summary>
internal sealed class GroupCollector(string keyField, string timeField, string tagField, string sourceField) : ICollector
{
    private readonly Dictionary<long, Group> groups = [];
    private readonly List<AtomicReaderContext> segments = [];
    private readonly List<(SortedSetDocValues? Values, long[] Counts)> tagCounts = [];
    private readonly List<(SortedSetDocValues? Values, long[] Counts)> sourceCounts = [];
    private Scorer? scorer;
    private NumericDocValues? hashes;
    private NumericDocValues? times;
    private SortedSetDocValues? segmentTags;
    private SortedSetDocValues? segmentSources;
    private long[] segmentTagCounts = [];
    private long[] segmentSourceCounts = [];
    private int segment = -1;

    public int GroupCount => groups.Count;

    // In order: out of order, a disjunction is scored by BooleanScorer, whose bucket table (2,048
    // buckets per clause group and segment) was most of a search's allocation.
    public bool AcceptsDocsOutOfOrder => false;

    public void SetScorer(Scorer scorer) => this.scorer = scorer;

    public void SetNextReader(AtomicReaderContext context)
    {
        var reader = context.AtomicReader;
        segments.Add(context);
        segment = segments.Count - 1;
        hashes = reader.GetNumericDocValues(PostFields.HashOf(keyField));
        times = reader.GetNumericDocValues(timeField);
        segmentTags = reader.GetSortedSetDocValues(tagField);
        segmentSources = reader.GetSortedSetDocValues(sourceField);
        segmentTagCounts = new long[segmentTags?.ValueCount ?? 0];
        segmentSourceCounts = new long[segmentSources?.ValueCount ?? 0];
        tagCounts.Add((segmentTags, segmentTagCounts));
        sourceCounts.Add((segmentSources, segmentSourceCounts));
    }

    public void Collect(int doc)
    {
        // A post whose story has no lead yet has no key: not in the collapsed view.
        if (hashes is null || hashes.Get(doc) is var hash && hash == 0)
        {
            return;
        }

        var score = scorer?.GetScore() ?? 0;
        if (groups.TryGetValue(hash, out var seen))
        {
            seen.Score = Math.Max(seen.Score, score);
            return;
        }

        groups.Add(hash, new Group(segment, doc, times?.Get(doc) ?? 0) { Score = score });
        Count(segmentTags, doc, segmentTagCounts);
        Count(segmentSources, doc, segmentSourceCounts);
    }

    /// <summary>
    /// The keys of groups <paramref name="skip"/> to <paramref name="skip"/> + <paramref name="take"/> by
    /// score, then newest, each with its own post's document (the key's: a story's lead) when that is
    /// the match the group was found by (a story of one post, or its lead matched first), else -1.
    /// </summary>
    public List<(string Key, AtomicReaderContext? Leaf, int Doc)> Page(int skip, int take)
    {
        var wanted = skip + take;
        var best = new PriorityQueue<Group, Group>(wanted + 1, WorstFirst.Instance);
        foreach (var group in groups.Values)
        {
            best.Enqueue(group, group);
            if (best.Count > wanted)
            {
                best.Dequeue();
            }
        }

        var ranked = new List<Group>(best.Count);
        while (best.Count > 0)
        {
            ranked.Add(best.Dequeue());
        }

        ranked.Reverse();
        var scratch = new BytesRef();
        var keys = new List<(string, AtomicReaderContext?, int)>(take);
        foreach (var group in ranked.Skip(skip))
        {
            var values = segments[group.Segment].AtomicReader.GetSortedDocValues(keyField);
            values.Get(group.Doc, scratch);
            var key = scratch.Utf8ToString();
            var leaf = segments[group.Segment];
            var own = leaf.AtomicReader.GetNumericDocValues(PostFields.HashOf(PostFields.Id))?.Get(group.Doc) == PostFields.Hash(key);
            keys.Add((key, own ? leaf : null, own ? group.Doc : -1));
        }

        return keys;
    }

    public Dictionary<string, long> Tags() => Merge(tagCounts);

    public Dictionary<string, long> Sources() => Merge(sourceCounts);

    private static void Count(SortedSetDocValues? values, int doc, long[] counts)
    {
        if (values is null)
        {
            return;
        }

        values.SetDocument(doc);
        long ord;
        while ((ord = values.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
        {
            counts[ord]++;
        }
    }

    private static Dictionary<string, long> Merge(List<(SortedSetDocValues? Values, long[] Counts)> perSegment)
    {
        var merged = new Dictionary<string, long>(StringComparer.Ordinal);
        var scratch = new BytesRef();
        foreach (var (values, counts) in perSegment)
        {
            for (var ord = 0; values is not null && ord < counts.Length; ord++)
            {
                if (counts[ord] > 0)
                {
                    values.LookupOrd(ord, scratch);
                    var value = scratch.Utf8ToString();
                    merged[value] = merged.GetValueOrDefault(value) + counts[ord];
                }
            }
        }

        return merged;
    }

    internal sealed class Group(int segment, int doc, long time)
    {
        public int Segment { get; } = segment;

        public int Doc { get; } = doc;

        public long Time { get; } = time;

        public float Score { get; set; }
    }

    // The heap's head drops out first: lower score, then older, then the later-collected.
    private sealed class WorstFirst : IComparer<Group>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare(Group? x, Group? y)
        {
            ArgumentNullException.ThrowIfNull(x);
            ArgumentNullException.ThrowIfNull(y);
            var byScore = x.Score.CompareTo(y.Score);
            if (byScore != 0)
            {
                return byScore;
            }

            var byTime = x.Time.CompareTo(y.Time);
            return byTime != 0 ? byTime : (y.Segment, y.Doc).CompareTo((x.Segment, x.Doc));
        }
    }
}
