using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Lucene.Net.Util;

namespace AiFeed.Search;

/// <summary>
/// A rewritten query's terms in one field, as the highlights take them (QueryTermExtractor), with
/// where each is in each segment of the reader the query was rewritten for: a page's listings ask
/// which hits hold a term to mark (<see cref="PostIndex"/>), and each search looked every term up
/// again in every segment the page touched (decision 0062). The rewritten query lives as long as its
/// reader, and a reader's segments never change, so the states stay true; a term state is only read
/// by the enumerators it positions, so searches share them.
/// </summary>
internal sealed class QueryTermStates
{
    private static readonly ConditionalWeakTable<Query, QueryTermStates> ByQuery = [];

    private readonly IndexReader reader;
    private readonly Dictionary<string, Field> fields;

    private QueryTermStates(IndexReader reader, Query query, string[] names)
    {
        this.reader = reader;
        fields = names.ToDictionary(
            name => name,
            name => new Field(
                [.. QueryTermExtractor.GetTerms(query, false, name).Select(t => t.Term).Distinct(StringComparer.Ordinal).Select(t => new BytesRef(t))],
                new TermState?[reader.Leaves.Count][]),
            StringComparer.Ordinal);
    }

    /// <summary>The terms of <paramref name="query"/> (rewritten for <paramref name="reader"/>) in <paramref name="names"/>; kept with the query.</summary>
    public static QueryTermStates Of(Query query, IndexReader reader, params string[] names)
    {
        // No factory lambda: it would capture the arguments, and every search would allocate the
        // closure even when the states are already kept. Two searches racing keep the first made.
        if (!ByQuery.TryGetValue(query, out var states))
        {
            var made = new QueryTermStates(reader, query, names);
            states = ByQuery.TryAdd(query, made) || !ByQuery.TryGetValue(query, out var kept) ? made : kept;
        }

        // A query used with another reader than its first (not done today) is looked up afresh.
        return ReferenceEquals(states.reader, reader) && states.Holds(names) ? states : new QueryTermStates(reader, query, names);
    }

    private bool Holds(string[] names)
    {
        foreach (var name in names)
        {
            if (!fields.ContainsKey(name))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The field's terms (as the highlights take them), each with its state in the segment; null where the segment does not hold it.</summary>
    public (BytesRef[] Terms, TermState?[] States) In(string field, AtomicReaderContext leaf, TermsEnum each)
    {
        var known = fields[field];
        var states = known.Segments[leaf.Ord];
        if (states is null)
        {
            states = new TermState?[known.Terms.Length];
            for (var i = 0; i < states.Length; i++)
            {
                states[i] = each.SeekExact(known.Terms[i]) ? each.GetTermState() : null;
            }

            known.Segments[leaf.Ord] = states;
        }

        return (known.Terms, states);
    }

    private sealed record Field(BytesRef[] Terms, TermState?[]?[] Segments);
}
