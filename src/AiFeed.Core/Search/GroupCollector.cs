using System.Runtime.InteropServices;
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
    private readonly Dictionary<long, int> byHash = [];
    private readonly List<Group> groups = [];
    private readonly List<AtomicReaderContext> segments = [];
    private readonly bool keyIsId = keyField == PostFields.Id;
    private readonly List<(SortedSetDocValues? Values, long[] Counts)> tagCounts = [];
    private readonly List<(SortedSetDocValues? Values, long[] Counts)> sourceCounts = [];
    private Scorer? scorer;
    private NumericDocValues? hashes;
    private NumericDocValues? idHashes;
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
        idHashes = keyIsId ? null : reader.GetNumericDocValues(PostFields.HashOf(PostFields.Id));
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
        ref var at = ref CollectionsMarshal.GetValueRefOrAddDefault(byHash, hash, out var seen);
        if (seen)
        {
            ref var group = ref CollectionsMarshal.AsSpan(groups)[at];
            group.Score = Math.Max(group.Score, score);
            if (group.OwnDoc < 0 && IsOwn(doc, hash))
            {
                (group.OwnSegment, group.OwnDoc) = (segment, doc);
            }

            return;
        }

        at = groups.Count;
        var own = IsOwn(doc, hash);
        groups.Add(new Group(segment, doc, times?.Get(doc) ?? 0, score, own ? segment : -1, own ? doc : -1));
        Count(segmentTags, doc, segmentTagCounts);
        Count(segmentSources, doc, segmentSourceCounts);
    }

    // Whether the document is its group's own post (a story's lead): the page then reads its
    // listing without looking its id up in every segment.
    private bool IsOwn(int doc, long hash) => keyIsId || idHashes?.Get(doc) == hash;

    /// <summary>
    /// The keys of groups <paramref name="skip"/> to <paramref name="skip"/> + <paramref name="take"/> by
    /// score, then newest, each with its own post's document (the key's: a story's lead) when that post
    /// matched too (<c>Own</c>), else the match it was found by.
    /// </summary>
    public List<(string Key, AtomicReaderContext Leaf, int Doc, bool Own)> Page(int skip, int take)
    {
        var wanted = skip + take;
        var order = new WorstFirst(groups);
        var best = new PriorityQueue<int, int>(wanted + 1, order);
        for (var i = 0; i < groups.Count; i++)
        {
            // Most groups rank below the page: compared once with its worst, not queued.
            if (best.Count < wanted)
            {
                best.Enqueue(i, i);
            }
            else if (wanted > 0 && order.Compare(i, best.Peek()) > 0)
            {
                best.DequeueEnqueue(i, i);
            }
        }

        var ranked = new int[best.Count];
        for (var i = ranked.Length - 1; i >= 0; i--)
        {
            ranked[i] = best.Dequeue();
        }

        var scratch = new BytesRef();
        var keys = new List<(string, AtomicReaderContext, int, bool)>(take);
        foreach (var i in ranked.Skip(skip))
        {
            var group = groups[i];
            segments[group.Segment].AtomicReader.GetSortedDocValues(keyField).Get(group.Doc, scratch);
            keys.Add(group.OwnDoc >= 0
                ? (scratch.Utf8ToString(), segments[group.OwnSegment], group.OwnDoc, true)
                : (scratch.Utf8ToString(), segments[group.Segment], group.Doc, false));
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

    // A group: the match it was found by (segment, doc), its time, its best score, and its own
    // post's document when that matched too (-1 if not).
    private record struct Group(int Segment, int Doc, long Time, float Score, int OwnSegment, int OwnDoc);

    // The heap's head drops out first: lower score, then older, then the later-collected.
    private sealed class WorstFirst(List<Group> groups) : IComparer<int>
    {
        public int Compare(int a, int b)
        {
            var x = groups[a];
            var y = groups[b];
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
