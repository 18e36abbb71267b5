using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace AiFeed.Search;

public sealed partial class PostIndex
{
    /// <summary>
    /// Ids of the posts sharing a key with the lookup (story keys match stored story keys and links
    /// alike), at most <paramref name="perKey"/> per key, newest written first: story clustering's
    /// candidates, read from disk instead of an in-memory map.
    /// </summary>
    // Walked segment by segment on one terms enumerator per field, with ids and revisions from doc
    // values: a search per key (a sorted collector, the stored id decompressed per hit) and a
    // document-frequency probe per key and segment were most of a cold poll's lookup time.
    public List<string> IdsByKeys(IEnumerable<string> storyKeys, IEnumerable<string> titleKeys, IEnumerable<string> textBands, int perKey)
    {
        ArgumentNullException.ThrowIfNull(storyKeys);
        ArgumentNullException.ThrowIfNull(titleKeys);
        ArgumentNullException.ThrowIfNull(textBands);
        // Each field's keys once, in the order given: deduplicated per field on ordinal string sets,
        // not as (field, key) pairs whose comparer hashes with the randomised string hash.
        var terms = storyKeys.Distinct(StringComparer.Ordinal).Select(k => new LookupTerm(PostFields.StoryKey, k))
            .Concat(titleKeys.Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).Select(k => new LookupTerm(PostFields.TitleKey, k)))
            .Concat(textBands.Distinct(StringComparer.Ordinal).Select(k => new LookupTerm(PostFields.TextBand, k)))
            .ToList();
        var ids = new List<string>();
        if (terms.Count == 0)
        {
            return ids;
        }

        return Lookup((searcher, recent) =>
        {
            var leaves = searcher.IndexReader.Leaves;
            var hits = new List<Hit>?[terms.Count];
            foreach (var leaf in leaves)
            {
                CollectHits(leaf, terms, hits);
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            var idValues = new SortedDocValues?[leaves.Count];
            var bytes = new BytesRef();
            for (var i = 0; i < terms.Count; i++)
            {
                // Written since the searcher opened: newer than all it holds.
                var taken = 0;
                foreach (var id in recent.With(terms[i].Field, terms[i].Key).Take(perKey))
                {
                    taken++;
                    if (seen.Add(id))
                    {
                        ids.Add(id);
                    }
                }

                if (hits[i] is not { } found)
                {
                    continue;
                }

                // Revision, then the order documents were added (within a batch, the order it listed them).
                found.Sort(static (a, b) => a.Revision != b.Revision ? b.Revision.CompareTo(a.Revision) : b.Doc.CompareTo(a.Doc));
                foreach (var hit in found)
                {
                    if (taken >= perKey)
                    {
                        break;
                    }

                    var leaf = leaves[hit.Leaf];
                    var values = idValues[hit.Leaf] ??= leaf.AtomicReader.GetSortedDocValues(PostFields.Id);
                    values!.Get(hit.Doc - leaf.DocBase, bytes);
                    var id = bytes.Utf8ToString();
                    // A post written again since answers by its new keys only, as a reopened searcher would.
                    if (recent.Contains(id))
                    {
                        continue;
                    }

                    taken++;
                    if (seen.Add(id))
                    {
                        ids.Add(id);
                    }
                }
            }

            return ids;
        });
    }

    // The live documents of one segment holding each term, with their revisions.
    private static void CollectHits(AtomicReaderContext leaf, List<LookupTerm> terms, List<Hit>?[] hits)
    {
        var reader = leaf.AtomicReader;
        var live = reader.LiveDocs;
        var revisions = reader.GetNumericDocValues(PostFields.Revision);
        DocsEnum? docs = null;
        string? field = null;
        TermsEnum? each = null;
        for (var i = 0; i < terms.Count; i++)
        {
            if (!string.Equals(field, terms[i].Field, StringComparison.Ordinal))
            {
                field = terms[i].Field;
                each = reader.GetTerms(field)?.GetEnumerator();
            }

            if (each is null || !each.SeekExact(new BytesRef(terms[i].Key)))
            {
                continue;
            }

            docs = each.Docs(live, docs, DocsFlags.NONE);
            int doc;
            while ((doc = docs.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
            {
                (hits[i] ??= []).Add(new Hit(revisions?.Get(doc) ?? 0, leaf.Ord, leaf.DocBase + doc));
            }
        }
    }

    private readonly record struct Hit(long Revision, int Leaf, int Doc);

    // A class, not a (field, key) tuple: LINQ's concatenation and lists over a value type are generic
    // code each process JIT-compiles at its first lookup (decision 0074).
    private sealed record LookupTerm(string Field, string Key);

    /// <summary>Which of these post ids the index holds (every stored one while it is current).</summary>
    public HashSet<string> Existing(IEnumerable<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var wanted = ids.Distinct(StringComparer.Ordinal).ToList();
        return Lookup((searcher, recent) =>
        {
            var found = wanted.Where(recent.Contains).ToHashSet(StringComparer.Ordinal);
            foreach (var leaf in searcher.IndexReader.Leaves)
            {
                var each = leaf.AtomicReader.GetTerms(PostFields.Id)?.GetEnumerator();
                if (each is null)
                {
                    continue;
                }

                foreach (var id in wanted)
                {
                    if (!found.Contains(id) && each.SeekExact(new BytesRef(id)))
                    {
                        found.Add(id);
                    }
                }
            }

            return found;
        });
    }

    /// <summary>Posts per source (each source's own posts).</summary>
    public Dictionary<string, int> CountBySource() => Use(searcher =>
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var sources = new HashSet<string>(StringComparer.Ordinal);
        foreach (var leaf in searcher.IndexReader.Leaves)
        {
            var terms = leaf.AtomicReader.GetTerms(PostFields.Source);
            var each = terms?.GetEnumerator();
            while (each is not null && each.MoveNext())
            {
                sources.Add(each.Term.Utf8ToString());
            }
        }

        foreach (var source in sources)
        {
            var count = new TotalHitCountCollector();
            searcher.Search(new TermQuery(new Term(PostFields.Source, source)), count);
            if (count.TotalHits > 0)
            {
                counts[source] = count.TotalHits;
            }
        }

        return counts;
    });
}
