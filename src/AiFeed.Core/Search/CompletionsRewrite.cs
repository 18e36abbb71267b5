using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace AiFeed.Search;

/// <summary>
/// How the word being typed matches its completions, with one constant score as Lucene's default
/// rewrite gives. A few completions are a disjunction of their terms, read only in a search's
/// window of recent time (and marked in the highlights), however many posts hold them: the default
/// builds a bit set from each segment's whole postings as soon as they are in 0.1 % of the posts
/// ("lea" -> "learn"). More completions than that are one set per segment, cheaper than a term
/// reader for each in each segment; a sparse one is kept with the rewritten query, which lives as
/// long as its index reader (<see cref="PostIndex"/>, decision 0040), instead of being read again
/// from every completion's postings for each window of each search.
/// </summary>
internal sealed class CompletionsRewrite : MultiTermQuery.RewriteMethod
{
    public static readonly CompletionsRewrite Instance = new();

    private const int Cutoff = 8;

    private readonly ConstantScoreAutoRewrite auto = new() { TermCountCutoff = Cutoff, DocCountPercent = 100 };

    public override Query Rewrite(IndexReader reader, MultiTermQuery query)
    {
        var rewritten = auto.Rewrite(reader, query);
        return rewritten is ConstantScoreQuery { Filter: { } filter } constant
            ? new ConstantScoreQuery(new KeptSparse(filter)) { Boost = constant.Boost }
            : rewritten;
    }

    // A segment's set, kept by the segment's core (its documents never change; deletions are taken
    // out at each use) when it holds at most one document in SparseShare: a few KB each, so the
    // rewritten queries a reader keeps stay small.
    private sealed class KeptSparse(Filter filter) : Filter
    {
        private const int SparseShare = 64;

        private readonly ConditionalWeakTable<object, DocIdSet> kept = [];

        public override DocIdSet? GetDocIdSet(AtomicReaderContext context, IBits? acceptDocs)
        {
            var reader = context.AtomicReader;
            if (kept.TryGetValue(reader.CoreCacheKey, out var known))
            {
                return BitsFilteredDocIdSet.Wrap(known, acceptDocs);
            }

            var all = filter.GetDocIdSet(context, null);
            if (all is FixedBitSet bits && bits.Cardinality <= reader.MaxDoc / SparseShare)
            {
                known = new WAH8DocIdSet.Builder().Add(bits.GetIterator()).Build();
                kept.AddOrUpdate(reader.CoreCacheKey, known);
                return BitsFilteredDocIdSet.Wrap(known, acceptDocs);
            }

            return all is null ? null : BitsFilteredDocIdSet.Wrap(all, acceptDocs);
        }

        public override string ToString() => filter.ToString()!;
    }
}
