using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace AiFeed.Search;

/// <summary>
/// Collects every match into its group (a story's lead id collapsed, the post's own id expanded):
/// a group scores as its best match, so a story matches through any of its posts, and counts once
/// in the total and in each facet. Keys and facet values are read from doc values, one string per
/// distinct value per segment.
/// </summary>
internal sealed class GroupCollector(string keyField, string timeField, string tagField, string sourceField) : ICollector
{
    private readonly Dictionary<string, Group> groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> tags = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> sources = new(StringComparer.Ordinal);
    private readonly BytesRef scratch = new();
    private Scorer? scorer;
    private SortedDocValues? keys;
    private NumericDocValues? times;
    private SortedSetDocValues? segmentTags;
    private SortedSetDocValues? segmentSources;
    private Group?[] byOrd = [];

    public IReadOnlyCollection<Group> Groups => groups.Values;

    public IReadOnlyDictionary<string, long> Tags => tags;

    public IReadOnlyDictionary<string, long> Sources => sources;

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer) => this.scorer = scorer;

    public void SetNextReader(AtomicReaderContext context)
    {
        var reader = context.AtomicReader;
        keys = reader.GetSortedDocValues(keyField);
        times = reader.GetNumericDocValues(timeField);
        segmentTags = reader.GetSortedSetDocValues(tagField);
        segmentSources = reader.GetSortedSetDocValues(sourceField);
        byOrd = keys is null ? [] : new Group?[keys.ValueCount];
    }

    public void Collect(int doc)
    {
        if (keys is null)
        {
            return;
        }

        var ord = keys.GetOrd(doc);
        if (ord < 0)
        {
            // A post whose story has no lead yet: not in the collapsed view.
            return;
        }

        var score = scorer?.GetScore() ?? 0;
        if (byOrd[ord] is { } seen)
        {
            seen.Score = Math.Max(seen.Score, score);
            return;
        }

        keys.LookupOrd(ord, scratch);
        var key = scratch.Utf8ToString();
        if (!groups.TryGetValue(key, out var group))
        {
            group = new Group(key, times?.Get(doc) ?? 0) { Score = score };
            groups.Add(key, group);
            Count(segmentTags, doc, tags);
            Count(segmentSources, doc, sources);
        }
        else
        {
            // The same group met again in a later segment.
            group.Score = Math.Max(group.Score, score);
        }

        byOrd[ord] = group;
    }

    /// <summary>Groups <paramref name="skip"/> to <paramref name="skip"/> + <paramref name="take"/> by score, then newest, then key.</summary>
    public List<Group> Page(int skip, int take)
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
        return [.. ranked.Skip(skip)];
    }

    private void Count(SortedSetDocValues? values, int doc, Dictionary<string, long> counts)
    {
        if (values is null)
        {
            return;
        }

        values.SetDocument(doc);
        long ord;
        while ((ord = values.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
        {
            values.LookupOrd(ord, scratch);
            var value = scratch.Utf8ToString();
            counts[value] = counts.GetValueOrDefault(value) + 1;
        }
    }

    internal sealed class Group(string key, long time)
    {
        public string Key { get; } = key;

        public long Time { get; } = time;

        public float Score { get; set; }
    }

    // The heap's head drops out first: lower score, then older, then the lower key.
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
            return byTime != 0 ? byTime : string.CompareOrdinal(x.Key, y.Key);
        }
    }
}
