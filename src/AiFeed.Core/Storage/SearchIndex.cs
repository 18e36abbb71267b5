using System.Collections;
using AiFeed.Model;

namespace AiFeed.Storage;

/// <summary>
/// The q= search index, kept in memory next to LiteDB; it also answers tag counts and the tag pages
/// a walk of the newest posts cannot fill (the Tags multi-key LiteDB index is retired). A multi-key
/// LiteDB index over every post's ~50 terms wrote ~50 skip-list nodes per post and was most of the
/// cost of storing one (inserting 10,000 posts took 14.9 s with it and 2.6 s without); this index
/// costs microseconds per post and ranks every match instead of the newest 1,000. It is derived
/// data: built from the posts' stored Terms on first use and kept current by every write, all under
/// the store's gate.
/// </summary>
/// <remarks>
/// A rewritten post gets a new slot and its old slot is left dead, so posting lists stay append-only
/// and sorted; dead slots are skipped when read and dropped by a compaction once they are a quarter
/// of all slots.
/// </remarks>
internal sealed class SearchIndex
{
    private readonly Dictionary<string, int> termIds = new(StringComparer.Ordinal);
    private readonly List<List<int>> postings = [];
    private readonly SortedSet<string> sortedTerms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> slotOfPost = new(StringComparer.Ordinal);
    private List<Entry?> slots = [];
    private int dead;

    // Source ids and tags, one instance each instead of one per post.
    private readonly StringPool names = new();

    /// <summary>Adds or replaces the searchable view of <paramref name="post"/>.</summary>
    public void Upsert(Post post)
    {
        ArgumentNullException.ThrowIfNull(post);
        Upsert(post.Id, post.Terms, post.TitleTermCount, post.SortKey, post.LeadKey, post.SourceId, post.Sources, post.Tags);
    }

    /// <summary>Adds or replaces a post from its stored fields (how the index is built at start).</summary>
    public void Upsert(string id, IEnumerable<string> terms, int titleTermCount, string sortKey, string leadKey, string sourceId, IEnumerable<string> sources, IEnumerable<string> tags) =>
        Upsert(new Entry(
            id,
            [.. terms.Select(TermId)],
            titleTermCount,
            sortKey,
            // A representative's LeadKey is its SortKey: one string, not two equal ones.
            string.Equals(leadKey, sortKey, StringComparison.Ordinal) ? sortKey : leadKey,
            names.Get(sourceId),
            [.. sources.Select(names.Get)],
            [.. tags.Select(names.Get)]));

    /// <summary>Matches of <paramref name="query"/> (terms and every other filter), best first, then newest.</summary>
    public List<string> Search(PostQuery query, int skip, int take)
    {
        var matches = Matches(query);
        var wanted = skip + take;
        if (matches.Count == 0 || wanted <= 0)
        {
            return [];
        }

        // Only the best skip + take are ordered: a common word matches a third of all posts.
        var weights = WordWeights(query.Terms);
        var best = new PriorityQueue<Entry, (double Score, string SortKey)>(wanted + 1, WorstFirst.Instance);
        foreach (var entry in matches)
        {
            best.Enqueue(entry, (Score(entry, weights), entry.SortKey));
            if (best.Count > wanted)
            {
                best.Dequeue();
            }
        }

        var ranked = new List<string>(best.Count);
        while (best.Count > 0)
        {
            ranked.Add(best.Dequeue().Id);
        }

        ranked.Reverse();
        return [.. ranked.Skip(skip)];
    }

    public long Count(PostQuery query) => Matches(query).Count;

    /// <summary>
    /// The newest posts passing the query's filters (its terms ignored), by SortKey expanded and
    /// LeadKey collapsed, at most <paramref name="take"/>. What a tag page reads once walking the
    /// newest posts did not fill it (LiteDbPostStore.MaxTagWalk): the tags live here, not in LiteDB.
    /// </summary>
    public List<string> Newest(PostQuery query, int take)
    {
        var filter = new SearchFilter(query);
        var newest = new PriorityQueue<string, string>(take + 1, StringComparer.Ordinal);
        foreach (var entry in slots)
        {
            if (entry is not null && filter.Accepts(entry))
            {
                newest.Enqueue(entry.Id, query.Expand ? entry.SortKey : entry.LeadKey);
                if (newest.Count > take)
                {
                    newest.Dequeue();
                }
            }
        }

        var ids = new List<string>(newest.Count);
        while (newest.Count > 0)
        {
            ids.Add(newest.Dequeue());
        }

        ids.Reverse();
        return ids;
    }

    /// <summary>Posts passing the query's filters, its terms ignored.</summary>
    public long CountFiltered(PostQuery query)
    {
        var filter = new SearchFilter(query);
        var count = 0L;
        foreach (var entry in slots)
        {
            if (entry is not null && filter.Accepts(entry))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Stories (or posts, <paramref name="expand"/>) carrying each of <paramref name="tags"/>, in one pass.</summary>
    public Dictionary<string, long> CountByTag(IReadOnlyCollection<string> tags, bool expand)
    {
        var counts = tags.Distinct(StringComparer.Ordinal).ToDictionary(t => t, _ => 0L, StringComparer.Ordinal);
        var filter = new SearchFilter(new PostQuery { Expand = expand });
        foreach (var entry in slots)
        {
            if (entry is null || !filter.Accepts(entry))
            {
                continue;
            }

            foreach (var tag in entry.Tags)
            {
                if (counts.TryGetValue(tag, out var count))
                {
                    counts[tag] = count + 1;
                }
            }
        }

        return counts;
    }

    private void Upsert(Entry entry)
    {
        if (slotOfPost.TryGetValue(entry.Id, out var old))
        {
            slots[old] = null;
            dead++;
        }

        var slot = slots.Count;
        slots.Add(entry);
        slotOfPost[entry.Id] = slot;
        foreach (var term in entry.Terms)
        {
            postings[term].Add(slot);
        }

        if (dead > 1_000 && dead > slots.Count / 4)
        {
            Compact();
        }
    }

    private int TermId(string term)
    {
        if (!termIds.TryGetValue(term, out var id))
        {
            id = postings.Count;
            termIds.Add(term, id);
            postings.Add([]);
            sortedTerms.Add(term);
        }

        return id;
    }

    // Every word must start some term of the post: per word, the union of the postings of the terms
    // it starts, then the intersection over words, then the other filters on what is left.
    private List<Entry> Matches(PostQuery query)
    {
        BitArray? matched = null;
        foreach (var word in query.Terms)
        {
            var forWord = new BitArray(slots.Count);
            foreach (var term in sortedTerms.GetViewBetween(word, word + char.MaxValue))
            {
                foreach (var slot in postings[termIds[term]])
                {
                    forWord[slot] = true;
                }
            }

            matched = matched is null ? forWord : matched.And(forWord);
        }

        var result = new List<Entry>();
        if (matched is null)
        {
            return result;
        }

        var filter = new SearchFilter(query);
        for (var slot = 0; slot < slots.Count; slot++)
        {
            if (matched[slot] && slots[slot] is { } entry && filter.Accepts(entry))
            {
                result.Add(entry);
            }
        }

        return result;
    }

    // Per word, how each term id answers it (SearchRelevance's rule on ids): 1 for the whole word,
    // PrefixFactor for a longer term it starts, 0 otherwise.
    private List<Dictionary<int, double>> WordWeights(IReadOnlyList<string> words) =>
        [.. words.Select(word => sortedTerms.GetViewBetween(word, word + char.MaxValue)
            .ToDictionary(term => termIds[term], term => term.Length == word.Length ? 1 : SearchRelevance.PrefixFactor))];

    private static double Score(Entry entry, List<Dictionary<int, double>> weights)
    {
        var total = 0d;
        foreach (var word in weights)
        {
            var best = 0d;
            for (var i = 0; i < entry.Terms.Length && best < SearchRelevance.TitleWeight; i++)
            {
                if (word.TryGetValue(entry.Terms[i], out var weight))
                {
                    best = Math.Max(best, (i < entry.TitleTermCount ? SearchRelevance.TitleWeight : 1) * weight);
                }
            }

            total += best;
        }

        return total;
    }

    private void Compact()
    {
        var live = slots.Where(e => e is not null).Select(e => e!).ToList();
        slots = new List<Entry?>(live.Count);
        slotOfPost.Clear();
        foreach (var list in postings)
        {
            list.Clear();
        }

        dead = 0;
        foreach (var entry in live)
        {
            Upsert(entry);
        }
    }

    // The heap's head is the match that drops out first: lower score, then older.
    private sealed class WorstFirst : IComparer<(double Score, string SortKey)>
    {
        public static readonly WorstFirst Instance = new();

        public int Compare((double Score, string SortKey) x, (double Score, string SortKey) y)
        {
            var byScore = x.Score.CompareTo(y.Score);
            return byScore != 0 ? byScore : string.CompareOrdinal(x.SortKey, y.SortKey);
        }
    }

    /// <summary>What search reads of a post: its terms as ids and the fields the other filters test.</summary>
    internal sealed record Entry(string Id, int[] Terms, int TitleTermCount, string SortKey, string LeadKey, string SourceId, string[] Sources, string[] Tags);
}
