using System.Collections;
using AiFeed.Model;

namespace AiFeed.Storage;

/// <summary>
/// The q= search index, kept in memory next to LiteDB. A multi-key LiteDB index over every post's
/// ~50 terms wrote ~50 skip-list nodes per post and was most of the cost of a cold poll (README
/// "Performance": 12 of 15 s for 10,000 posts); this index costs microseconds per post and ranks
/// every match instead of the newest 1,000. It is derived data: built from the posts' stored Terms
/// on first use and kept current by every write, all under the store's gate.
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
    private readonly List<string> termNames = [];
    private readonly SortedSet<string> sortedTerms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> slotOfPost = new(StringComparer.Ordinal);
    private List<Entry?> slots = [];
    private int dead;

    /// <summary>Adds or replaces the searchable view of <paramref name="post"/>.</summary>
    public void Upsert(Post post)
    {
        ArgumentNullException.ThrowIfNull(post);
        Upsert(post.Id, post.Terms, post.TitleTermCount, post.SortKey, post.LeadKey, post.SourceId, post.Sources, post.Tags);
    }

    /// <summary>Adds or replaces a post from its stored fields (how the index is built at start).</summary>
    public void Upsert(string id, IEnumerable<string> terms, int titleTermCount, string sortKey, string leadKey, string sourceId, IEnumerable<string> sources, IEnumerable<string> tags) =>
        Upsert(new Entry(id, [.. terms.Select(TermId)], titleTermCount, sortKey, leadKey, sourceId, [.. sources], [.. tags]));

    /// <summary>Matches of <paramref name="query"/> (terms and every other filter), best first, then newest.</summary>
    public List<string> Search(PostQuery query, int skip, int take)
    {
        var matches = Matches(query);
        if (matches.Count == 0)
        {
            return [];
        }

        return [.. matches
            .Select(e => (e.Id, e.SortKey, Score: Score(e, query.Terms)))
            .OrderByDescending(m => m.Score)
            .ThenByDescending(m => m.SortKey, StringComparer.Ordinal)
            .Skip(skip)
            .Take(take)
            .Select(m => m.Id)];
    }

    public long Count(PostQuery query) => Matches(query).Count;

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
            termNames.Add(term);
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

    private double Score(Entry entry, IReadOnlyList<string> words)
    {
        var terms = new string[entry.Terms.Length];
        for (var i = 0; i < terms.Length; i++)
        {
            terms[i] = TermOf(entry.Terms[i]);
        }

        return SearchRelevance.Score(terms, entry.TitleTermCount, words);
    }

    private string TermOf(int id) => termNames[id];

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

    /// <summary>What search reads of a post: its terms as ids and the fields the other filters test.</summary>
    internal sealed record Entry(string Id, int[] Terms, int TitleTermCount, string SortKey, string LeadKey, string SourceId, string[] Sources, string[] Tags);
}
