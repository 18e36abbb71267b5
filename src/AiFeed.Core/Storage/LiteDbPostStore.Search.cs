using AiFeed.Model;
using AiFeed.Search;

namespace AiFeed.Storage;

public sealed partial class LiteDbPostStore
{
    // Matches ranked by relevance, then recency, from the Lucene index; paged by position ("@" and
    // the number already returned). Collapsed, a story matches through any of its posts and its
    // lead is shown.
    private PostPage Search(PostQuery query, SearchText text)
    {
        var (found, offset, limit) = SearchIndex(query, text, listings: false);
        List<Post> ranked;
        using (context.Gate.EnterScope())
        {
            ranked = LoadInOrder([.. found.Ids]);
        }

        return new PostPage(ranked, PostOrder.NextSearchCursor(offset, limit, found.Total), Outcome(found, ranked.Select(p => (p.Id, p.Title, p.Summary))));
    }

    // The same search, its page read from the listings the index keeps: no post is loaded (but a
    // listing too long to keep), so searches run beside each other and beside the store's gate.
    private ListingPage SearchListings(PostQuery query, SearchText text)
    {
        var (found, offset, limit) = SearchIndex(query, text, listings: true);
        var ranked = Complete(found.Listings!);
        // A text the index says holds no term of the search is not analysed for highlights.
        var hits = found.Listings!.ToDictionary(l => l.Id, StringComparer.Ordinal);
        return new ListingPage(ranked, PostOrder.NextSearchCursor(offset, limit, found.Total), Outcome(found, ranked.Select(p =>
            hits.GetValueOrDefault(p.Id) is { } hit ? (p.Id, hit.TitleHasTerms ? p.Title : "", hit.BodyHasTerms ? p.Summary : "") : (p.Id, p.Title, p.Summary))));
    }

    private (IndexSearch Found, int Offset, int Limit) SearchIndex(PostQuery query, SearchText text, bool listings)
    {
        var limit = PostOrder.Limit(query);
        var offset = PostOrder.SearchOffset(query);

        // A cursor that is not a position is ignored: ranks have no key to continue from.
        return (Index.Search(query with { After = null }, text, offset, limit, listings: listings), offset, limit);
    }

    private static SearchOutcome Outcome(IndexSearch found, IEnumerable<(string Id, string Title, string Summary)> ranked)
    {
        var mark = SearchHighlighter.For(found.Query);
        var highlights = ranked.ToDictionary(p => p.Id, p => mark(p.Title, p.Summary), StringComparer.Ordinal);
        return new SearchOutcome(found.Total, highlights, found.Tags, found.Sources, found.Exact);
    }

    // The listings in order; those the index keeps none of (too long) are read from the posts, and a
    // post no longer stored drops out, as LoadInOrder drops it.
    private List<PostListing> Complete(IReadOnlyList<IndexedListing> listed)
    {
        var missing = listed.Where(l => l.Listing is null).Select(l => l.Id).ToList();
        if (missing.Count == 0)
        {
            return [.. listed.Select(l => l.Listing!)];
        }

        Dictionary<string, Post> posts;
        using (context.Gate.EnterScope())
        {
            posts = Posts(byId.With(missing)).ToDictionary(p => p.Id, StringComparer.Ordinal);
        }

        return [.. listed.Select(l => l.Listing ?? (posts.TryGetValue(l.Id, out var post) ? PostListing.Of(post) : null)).OfType<PostListing>()];
    }
}
