using Lucene.Net.Index;
using Lucene.Net.Search;

namespace AiFeed.Search;

public sealed partial class PostIndex
{
    // Revision, then the order documents were added (within a batch, the order it listed them).
    private static readonly Sort NewestWritten = new(new SortField(PostFields.Revision, SortFieldType.INT64, reverse: true), new SortField(null, SortFieldType.DOC, reverse: true));

    /// <summary>
    /// Ids of the posts sharing a key with the lookup (story keys match stored story keys and links
    /// alike), at most <paramref name="perKey"/> per key, newest written first: story clustering's
    /// candidates, read from disk instead of an in-memory map.
    /// </summary>
    public List<string> IdsByKeys(IEnumerable<string> storyKeys, IEnumerable<string> titleKeys, IEnumerable<string> textBands, int perKey)
    {
        ArgumentNullException.ThrowIfNull(storyKeys);
        ArgumentNullException.ThrowIfNull(titleKeys);
        ArgumentNullException.ThrowIfNull(textBands);
        var terms = storyKeys.Select(k => new Term(PostFields.StoryKey, k))
            .Concat(titleKeys.Where(k => k.Length > 0).Select(k => new Term(PostFields.TitleKey, k)))
            .Concat(textBands.Select(k => new Term(PostFields.TextBand, k)))
            .Distinct()
            .ToList();
        var ids = new List<string>();
        if (terms.Count == 0)
        {
            return ids;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        return Use(searcher =>
        {
            foreach (var term in terms)
            {
                // Most keys of a new post are its own: a key no post has costs one term lookup.
                if (searcher.IndexReader.DocFreq(term) == 0)
                {
                    continue;
                }

                var top = searcher.Search(new TermQuery(term), null, perKey, NewestWritten);
                foreach (var hit in top.ScoreDocs)
                {
                    if (IdOf(searcher, hit.Doc) is var id && seen.Add(id))
                    {
                        ids.Add(id);
                    }
                }
            }

            return ids;
        });
    }

    /// <summary>Which of these post ids the index holds (every stored one while it is current).</summary>
    public HashSet<string> Existing(IEnumerable<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return Use(searcher => ids.Where(id => searcher.IndexReader.DocFreq(new Term(PostFields.Id, id)) > 0).ToHashSet(StringComparer.Ordinal));
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

    private static string IdOf(IndexSearcher searcher, int doc) =>
        searcher.Doc(doc, IdOnly).Get(PostFields.Id, System.Globalization.CultureInfo.InvariantCulture);

    private static readonly HashSet<string> IdOnly = [PostFields.Id];
}
