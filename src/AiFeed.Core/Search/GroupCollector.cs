using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
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
internal sealed class GroupCollector : ICollector
{
    // Tables grown past room for this many groups are not kept for the thread's next search: an
    // exact count over the whole store would otherwise hold its tables for good.
    private const int KeptGroups = 4096;

    // The last search's tables on this thread, emptied (a search runs on one thread, start to end).
    [ThreadStatic]
    private static (Dictionary<long, int> ByHash, List<Group> Groups)? spare;

    private readonly Dictionary<long, int> byHash;
    private readonly List<Group> groups;
    private readonly List<Segment?> segments = [];
    private readonly string keyField;
    private readonly string timeField;
    private readonly string tagField;
    private readonly string sourceField;
    private readonly bool keyIsId;
    private Scorer? scorer;
    private NumericDocValues? hashes;
    private NumericDocValues? idHashes;
    private NumericDocValues? times;
    private int segment = -1;
    private bool counted;

    public GroupCollector(string keyField, string timeField, string tagField, string sourceField)
    {
        this.keyField = keyField;
        this.timeField = timeField;
        this.tagField = tagField;
        this.sourceField = sourceField;
        keyIsId = keyField == PostFields.Id;
        (byHash, groups) = spare ?? ([], []);
        spare = null;
    }

    public int GroupCount => groups.Count;

    // In order: out of order, a disjunction is scored by BooleanScorer, whose bucket table (2,048
    // buckets per clause group and segment) was most of a search's allocation.
    public bool AcceptsDocsOutOfOrder => false;

    public void SetScorer(Scorer scorer) => this.scorer = scorer;

    public void SetNextReader(AtomicReaderContext context)
    {
        var reader = context.AtomicReader;
        // By the segment's place in the index: a widened window's matches join those of the window before.
        segment = context.Ord;
        while (segments.Count <= segment)
        {
            segments.Add(null);
        }

        segments[segment] ??= new Segment(context);
        hashes = reader.GetNumericDocValues(PostFields.HashOf(keyField));
        idHashes = keyIsId ? null : reader.GetNumericDocValues(PostFields.HashOf(PostFields.Id));
        times = reader.GetNumericDocValues(timeField);
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
            // A group is found by its first match in document order, whichever window read it
            // first: in one window, matches come in that order and these only fill what is unset.
            ref var group = ref CollectionsMarshal.AsSpan(groups)[at];
            group.Score = Math.Max(group.Score, score);
            if (Before(segment, doc, group.Segment, group.Doc))
            {
                (group.Segment, group.Doc, group.Time) = (segment, doc, times?.Get(doc) ?? 0);
            }

            if ((group.OwnDoc < 0 || Before(segment, doc, group.OwnSegment, group.OwnDoc)) && IsOwn(doc, hash))
            {
                (group.OwnSegment, group.OwnDoc) = (segment, doc);
            }

            return;
        }

        at = groups.Count;
        var own = IsOwn(doc, hash);
        groups.Add(new Group(segment, doc, times?.Get(doc) ?? 0, score, own ? segment : -1, own ? doc : -1));
    }

    private static bool Before(int segment, int doc, int otherSegment, int otherDoc) =>
        segment < otherSegment || (segment == otherSegment && doc < otherDoc);

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
            segments[group.Segment]!.Context.AtomicReader.GetSortedDocValues(keyField).Get(group.Doc, scratch);
            keys.Add(group.OwnDoc >= 0
                ? (scratch.Utf8ToString(), segments[group.OwnSegment]!.Context, group.OwnDoc, true)
                : (scratch.Utf8ToString(), segments[group.Segment]!.Context, group.Doc, false));
        }

        return keys;
    }

    public Dictionary<string, long> Tags()
    {
        CountFacets();
        return Merge(segments.OfType<Segment>().Select(s => (s.Context.AtomicReader, s.Tags, s.TagCounts)), tagField);
    }

    public Dictionary<string, long> Sources()
    {
        CountFacets();
        return Merge(segments.OfType<Segment>().Select(s => (s.Context.AtomicReader, s.Sources, s.SourceCounts)), sourceField);
    }

    /// <summary>
    /// Empties the collector for a search, or for a window searched whole. A window widened from
    /// the last is collected without it: its added time's matches join the groups already found,
    /// which end as they would from one pass over the wider window.
    /// </summary>
    public void Reset()
    {
        byHash.Clear();
        groups.Clear();
        segments.Clear();
        segment = -1;
        counted = false;
    }

    /// <summary>
    /// Hands this search's tables to the thread's next search; the collector is not used after.
    /// </summary>
    public void Release()
    {
        if (groups.Capacity <= KeptGroups)
        {
            byHash.Clear();
            groups.Clear();
            spare = (byHash, groups);
        }
    }

    // Each group's facets, from the match it was found by (its first, in document order), counted
    // once the search keeps this window: a window that is widened again is not counted at all.
    private void CountFacets()
    {
        if (counted)
        {
            return;
        }

        counted = true;
        foreach (var group in groups)
        {
            var at = segments[group.Segment]!;
            at.Tags ??= at.Context.AtomicReader.GetSortedSetDocValues(tagField) ?? Segment.NoValues;
            at.Sources ??= at.Context.AtomicReader.GetSortedSetDocValues(sourceField) ?? Segment.NoValues;
            at.TagCounts ??= new long[at.Tags.ValueCount];
            at.SourceCounts ??= new long[at.Sources.ValueCount];
            Count(at.Tags, group.Doc, at.TagCounts);
            Count(at.Sources, group.Doc, at.SourceCounts);
        }
    }

    private static void Count(SortedSetDocValues values, int doc, long[] counts)
    {
        values.SetDocument(doc);
        long ord;
        while ((ord = values.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
        {
            counts[ord]++;
        }
    }

    private static Dictionary<string, long> Merge(IEnumerable<(AtomicReader Reader, SortedSetDocValues? Values, long[]? Counts)> perSegment, string field)
    {
        var merged = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (reader, values, counts) in perSegment)
        {
            if (values is null || counts is null || counts.Length == 0)
            {
                continue;
            }

            var names = FacetNames.Of(reader, field, counts.Length);
            for (var ord = 0; ord < counts.Length; ord++)
            {
                if (counts[ord] > 0)
                {
                    var value = names.Get(values, ord);
                    ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(merged, value, out _);
                    count += counts[ord];
                }
            }
        }

        return merged;
    }

    // A segment's facet values by ordinal, read once per segment core and field (a segment's values
    // never change): every search merged its counts by looking each ordinal up and decoding it again,
    // in each of the store's segments. As many strings as the segment has tags or sources.
    private sealed class FacetNames
    {
        private static readonly ConditionalWeakTable<object, ConcurrentDictionary<string, FacetNames>> Known = [];

        private readonly string?[] names;

        private FacetNames(int count) => names = new string?[count];

        public static FacetNames Of(AtomicReader reader, string field, int count) =>
            Known.GetValue(reader.CoreCacheKey, _ => new ConcurrentDictionary<string, FacetNames>(StringComparer.Ordinal))
                .GetOrAdd(field, _ => new FacetNames(count));

        // Two searches may decode the same ordinal at once: the same text, either kept.
        public string Get(SortedSetDocValues values, int ord)
        {
            if (names[ord] is { } known)
            {
                return known;
            }

            var scratch = new BytesRef();
            values.LookupOrd(ord, scratch);
            return names[ord] = scratch.Utf8ToString();
        }
    }

    // A segment the search visited; its facet values and counts read only if a group was found in it.
    private sealed class Segment(AtomicReaderContext context)
    {
        public static readonly SortedSetDocValues NoValues = DocValues.EMPTY_SORTED_SET;

        public AtomicReaderContext Context { get; } = context;

        public SortedSetDocValues? Tags { get; set; }

        public SortedSetDocValues? Sources { get; set; }

        public long[]? TagCounts { get; set; }

        public long[]? SourceCounts { get; set; }
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
