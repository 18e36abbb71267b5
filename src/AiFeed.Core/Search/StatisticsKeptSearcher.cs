using System.Collections.Concurrent;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace AiFeed.Search;

/// <summary>
/// An <see cref="IndexSearcher"/> that works out a field's collection statistics once. Lucene
/// computes them for every term of every weight it builds, each time merging the field's terms of
/// every segment; a search builds a weight per window and its typed word has several completions
/// in several fields, so the same sums were made again and again (decision 0062). A searcher reads
/// one point in time of the index, so its statistics never change: they are the same numbers.
/// </summary>
internal sealed class StatisticsKeptSearcher(IndexReader reader) : IndexSearcher(reader)
{
    private readonly ConcurrentDictionary<string, CollectionStatistics> kept = new(StringComparer.Ordinal);

    public override CollectionStatistics CollectionStatistics(string field) =>
        kept.TryGetValue(field, out var known) ? known : kept.GetOrAdd(field, base.CollectionStatistics(field));

    /// <summary>Makes the searchers a <see cref="SearcherManager"/> hands out.</summary>
    public sealed class Factory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new StatisticsKeptSearcher(reader);
    }
}
